"""Input parsing and validation for the zorgoverleg. No side effects (STYLE.md B1)."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from vraagbaak.zorgoverleg.actions import HULPVRAAG_MAX, HULPVRAAG_MIN, REASON_MAX
from vraagbaak.zorgoverleg.models import SignupRole

SCHRIJFWIJZER_URL = "/schrijfwijzer/"


class SignupForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Hoe doe je mee?"),
        choices=SignupRole.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies hoe je meedoet: als inbrenger of als meeluisteraar."),
            "invalid_choice": _("Kies hoe je meedoet: als inbrenger of als meeluisteraar."),
        },
    )
    hulpvraag = forms.CharField(
        label=_("Je hulpvraag (alleen voor inbrengers)"),
        required=False,
        max_length=HULPVRAAG_MAX,
        help_text=format_lazy(
            _(
                "Schrijf kort waar je hulp bij zoekt, in {n} tot {max} tekens. Houd het anoniem: "
                "geen namen, geboortedata, adressen of andere gegevens waarmee iemand te "
                "herkennen is. De moderator leest je hulpvraag vooraf."
            ),
            n=HULPVRAAG_MIN,
            max=HULPVRAAG_MAX,
        ),
        error_messages={
            "max_length": _("Je hulpvraag is te lang. Gebruik maximaal %(limit_value)d tekens."),
        },
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def clean(self):
        cleaned_data = super().clean()
        role = cleaned_data.get("role")
        text = (cleaned_data.get("hulpvraag") or "").strip()
        cleaned_data["hulpvraag"] = text
        if role == SignupRole.INBRENGER:
            if not text:
                self.add_error(
                    "hulpvraag", _("Schrijf je hulpvraag op. Of meld je aan als meeluisteraar.")
                )
            elif len(text) < HULPVRAAG_MIN:
                self.add_error(
                    "hulpvraag",
                    _(
                        "Je hulpvraag is te kort. Schrijf minstens %(n)d tekens, zodat de "
                        "moderator weet waar het over gaat."
                    )
                    % {"n": HULPVRAAG_MIN},
                )
        return cleaned_data

    def anonymity_texts(self) -> list[tuple[str, str]]:
        """The hulpvraag that goes through the anonymity check, with its label (inbrengers)."""
        if self.cleaned_data.get("role") != SignupRole.INBRENGER:
            return []
        return [(_("Je hulpvraag"), self.cleaned_data["hulpvraag"])]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden"),
        max_length=REASON_MAX,
        error_messages={
            "required": _("Schrijf kort waarom."),
            "max_length": _("Gebruik maximaal %(limit_value)d tekens."),
        },
    )


class CancelSessionForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom gaat de bijeenkomst niet door?"),
        max_length=REASON_MAX,
        help_text=_(
            "De deelnemers zien deze reden op de site. Zij krijgen een e-mail dat de "
            "bijeenkomst niet doorgaat. Schrijf geen gegevens over cliënten."
        ),
        error_messages={
            "required": _("Schrijf kort waarom de bijeenkomst niet doorgaat."),
            "max_length": _("Gebruik maximaal %(limit_value)d tekens."),
        },
    )


class MoveSessionForm(forms.Form):
    date = forms.DateField(
        label=_("Nieuwe datum"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Kies een datum."),
            "invalid": _("Vul een geldige datum in, bijvoorbeeld 2026-12-07."),
        },
    )
    time = forms.TimeField(
        label=_("Nieuwe begintijd"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": _("Kies een begintijd."),
            "invalid": _("Vul een geldige tijd in, bijvoorbeeld 12:00."),
        },
    )
    reason = forms.CharField(
        label=_("Reden (zien de deelnemers)"),
        max_length=REASON_MAX,
        required=False,
        error_messages={"max_length": _("Gebruik maximaal %(limit_value)d tekens.")},
    )

    def clean(self):
        cleaned_data = super().clean()
        day, start = cleaned_data.get("date"), cleaned_data.get("time")
        if day and start:
            starts_at = timezone.make_aware(datetime.combine(day, start))
            if starts_at <= timezone.now():
                self.add_error("date", _("Kies een moment in de toekomst."))
            cleaned_data["starts_at"] = starts_at
        return cleaned_data


__all__ = [
    "SCHRIJFWIJZER_URL",
    "CancelSessionForm",
    "MoveSessionForm",
    "ReasonForm",
    "SignupForm",
]
