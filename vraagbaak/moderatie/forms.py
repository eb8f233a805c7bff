"""Input parsing and validation for the site-side melding form. No side effects (STYLE.md B1)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vraagbaak.moderatie.models import MeldingReason

EXPLANATION_MAX = 1000


class MeldingForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Wat is er aan de hand?"),
        choices=MeldingReason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies een reden."),
            "invalid_choice": _("Kies een reden uit de lijst."),
        },
    )
    explanation = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=EXPLANATION_MAX,
        help_text=_(
            "Leg kort uit wat er mis is. Herhaal geen gegevens waarmee iemand te herkennen is."
        ),
        error_messages={
            "max_length": _("De toelichting is te lang. Gebruik maximaal %(limit_value)d tekens.")
        },
        widget=forms.Textarea(attrs={"rows": 4}),
    )
