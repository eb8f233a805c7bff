"""Forms for the moderator's follow-up of a session. Parsing and validation only."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from vraagbaak.vragen.forms import MARKDOWN_HINT, VraagForm
from vraagbaak.zorgoverleg.followup import VERSLAG_MAX

ATTENDANCE_CHOICES = [
    ("ja", _("Aanwezig")),
    ("nee", _("Afwezig")),
    ("", _("Weet ik niet")),
]
_ATTENDANCE_VALUES = {"ja": True, "nee": False, "": None}


class AttendanceForm(forms.Form):
    """One choice per active sign-up: aanwezig, afwezig or not known."""

    def __init__(self, *args, signups, **kwargs):
        super().__init__(*args, **kwargs)
        self.signups = list(signups)
        for signup in self.signups:
            profile = getattr(signup.user, "profile", None)
            name = (profile.display_name if profile else "") or _("Deelnemer")
            role = _("inbrenger") if signup.is_inbrenger else _("meeluisteraar")
            initial = {True: "ja", False: "nee"}.get(signup.attended, "")
            self.fields[f"signup_{signup.pk}"] = forms.ChoiceField(
                label=f"{name} ({role})",
                choices=ATTENDANCE_CHOICES,
                required=False,
                initial=initial,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Kies aanwezig, afwezig of weet ik niet.")},
            )

    def attended(self) -> dict[int, bool | None]:
        return {
            signup.pk: _ATTENDANCE_VALUES[self.cleaned_data.get(f"signup_{signup.pk}") or ""]
            for signup in self.signups
        }


class VerslagForm(forms.Form):
    verslag = forms.CharField(
        label=_("Verslag"),
        max_length=VERSLAG_MAX,
        help_text=_(
            "Schrijf kort wat er besproken is en wat de tips waren. Alleen voor de deelnemers "
            "en moderatoren. Houd het anoniem: geen namen, geboortedata, adressen of andere "
            "gegevens waarmee iemand te herkennen is. "
        )
        + MARKDOWN_HINT,
        error_messages={
            "required": _("Schrijf een kort verslag."),
            "max_length": _("Het verslag is te lang. Gebruik maximaal %(limit_value)d tekens."),
        },
        widget=forms.Textarea(attrs={"rows": 10}),
    )

    def anonymity_texts(self) -> list[tuple[str, str]]:
        return [(self.fields["verslag"].label, self.cleaned_data["verslag"])]


class HulpvraagVraagForm(VraagForm):
    """A question made from a discussed hulpvraag, with its solution."""

    oplossing = forms.CharField(
        label=_("Oplossing"),
        max_length=settings.VRAAGBAAK_ANSWER_BODY_MAX,
        help_text=_(
            "Schrijf op wat in het overleg de oplossing of het beste advies was. Collega’s met "
            "een vergelijkbare vraag lezen dit later. Schrijf anoniem. "
        )
        + MARKDOWN_HINT,
        error_messages={
            "required": _("Schrijf op wat de oplossing was."),
            "max_length": _("De oplossing is te lang. Gebruik maximaal %(limit_value)d tekens."),
        },
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def anonymity_texts(self) -> list[tuple[str, str]]:
        return [
            *super().anonymity_texts(),
            (self.fields["oplossing"].label, self.cleaned_data["oplossing"]),
        ]
