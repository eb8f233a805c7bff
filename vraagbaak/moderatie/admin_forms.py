"""Input for the moderators' actions in the Wagtail admin. Parsing and validation only."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from vraagbaak.vragen.models import CloseReason, Vraag

NOTE_HELP = _(
    "De schrijver krijgt dit te lezen. Schrijf wat je hebt aangepast en waarom, "
    "zonder gegevens over het gezin. Herhaal dus niet wat je hebt weggehaald."
)


class RedactVraagForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=160)
    body = forms.CharField(label=_("Beschrijving van de casus"), widget=forms.Textarea)
    note = forms.CharField(
        label=_("Wat is aangepast en waarom"),
        help_text=NOTE_HELP,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    approve = forms.BooleanField(
        label=_("Vraag meteen goedkeuren en publiceren"), required=False, initial=True
    )

    def __init__(self, *args, can_approve: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_approve:
            del self.fields["approve"]


class RejectVraagForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van afwijzen"),
        help_text=_(
            "De vraagsteller krijgt deze reden te lezen. Noem geen gegevens over het gezin."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


_NUMBER = re.compile(r"(\d+)\D*$")


class CloseVraagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reden van sluiten"), choices=CloseReason.choices, widget=forms.RadioSelect
    )
    duplicate_of = forms.CharField(
        label=_("Nummer van de oorspronkelijke vraag"),
        help_text=_(
            "Alleen bij ‘dubbel’. Het nummer staat in de link van de vraag, "
            "bijvoorbeeld 123 in /vragen/123/. Je mag ook de hele link plakken."
        ),
        required=False,
        max_length=300,
    )
    note = forms.CharField(
        label=_("Toelichting"),
        help_text=_(
            "De vraagsteller krijgt dit te lezen. Laat leeg bij ‘niet geschikt of acuut’ "
            "voor de standaardtekst met 112, de huisartsenpost en Veilig Thuis."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, vraag: Vraag, **kwargs):
        super().__init__(*args, **kwargs)
        self.vraag = vraag

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") != CloseReason.DUPLICATE:
            cleaned["duplicate_of"] = None
            return cleaned
        raw = (cleaned.get("duplicate_of") or "").strip()
        if not raw:
            self.add_error(
                "duplicate_of", _("Vul het nummer in van de vraag waarvan dit een dubbel is.")
            )
            return cleaned
        match = _NUMBER.search(raw.rstrip("/"))
        if not match:
            self.add_error("duplicate_of", _("Vul een nummer in, zoals 123."))
            return cleaned
        number = int(match.group(1))
        if number == self.vraag.pk:
            self.add_error("duplicate_of", _("Een vraag kan geen dubbel van zichzelf zijn."))
            return cleaned
        original = Vraag.objects.published().filter(pk=number).first()
        if original is None:
            self.add_error(
                "duplicate_of",
                _("Er is geen gepubliceerde vraag met nummer %(number)s.") % {"number": number},
            )
            return cleaned
        cleaned["duplicate_of"] = original
        return cleaned


class SolveVraagForm(forms.Form):
    oplossing = forms.CharField(
        label=_("Oplossing"),
        help_text=_("Wat heeft geholpen? Zonder gegevens over het gezin."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class RedactAntwoordForm(forms.Form):
    body = forms.CharField(label=_("Antwoord"), widget=forms.Textarea)
    note = forms.CharField(
        label=_("Wat is aangepast en waarom"),
        help_text=NOTE_HELP,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class HideAntwoordForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van verbergen"),
        help_text=_("Kort en zonder gegevens over het gezin."),
        max_length=300,
    )
