"""Input parsing for profile pages. Writes go through vraagbaak.accounts.actions."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vraagbaak.accounts.models import Profile
from vraagbaak.taxonomie.models import Discipline, Risicofactor, Stadsdeel


def _too_long() -> dict:
    return {
        "max_length": _("Gebruik hooguit %(limit_value)d tekens. Nu zijn het er %(show_value)d.")
    }


class ProfileForm(forms.Form):
    display_name = forms.CharField(
        label=_("Naam"),
        max_length=Profile._meta.get_field("display_name").max_length,
        help_text=_(
            "Zo zien collega's je bij je vragen en antwoorden. "
            "Bijvoorbeeld: Fatima (verloskundige)."
        ),
        error_messages={"required": _("Vul je naam in."), **_too_long()},
    )
    discipline = forms.ModelChoiceField(
        label=_("Discipline"),
        queryset=Discipline.objects.none(),
        empty_label=_("Kies je discipline"),
        error_messages={
            "required": _("Kies je discipline."),
            "invalid_choice": _("Kies een discipline uit de lijst."),
        },
    )
    organisation = forms.CharField(
        label=_("Organisatie"),
        required=False,
        max_length=Profile._meta.get_field("organisation").max_length,
        help_text=_("Waar je werkt. Bijvoorbeeld: GGD Amsterdam of Buurtteam Noord."),
        error_messages=_too_long(),
    )
    stadsdelen = forms.ModelMultipleChoiceField(
        label=_("Stadsdelen waar ik werk"),
        queryset=Stadsdeel.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies stadsdelen uit de lijst.")},
    )
    expertise = forms.ModelMultipleChoiceField(
        label=_("Risicofactoren waarover ik kan meedenken"),
        queryset=Risicofactor.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies risicofactoren uit de lijst.")},
    )
    languages = forms.CharField(
        label=_("Talen"),
        required=False,
        max_length=Profile._meta.get_field("languages").max_length,
        help_text=_(
            "De talen waarin je met cliënten praat. Bijvoorbeeld: Nederlands, Arabisch, Engels."
        ),
        error_messages=_too_long(),
    )

    def __init__(self, *args, profile: Profile, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "display_name": profile.display_name,
                "discipline": profile.discipline_id,
                "organisation": profile.organisation,
                "stadsdelen": list(profile.stadsdelen.values_list("pk", flat=True)),
                "expertise": list(profile.expertise.values_list("pk", flat=True)),
                "languages": profile.languages,
            },
        )
        super().__init__(*args, **kwargs)
        # Inactive terms cannot be chosen anew, but a profile may keep the ones it has.
        self.fields["discipline"].queryset = Discipline.objects.filter(
            Q(is_active=True) | Q(pk=profile.discipline_id)
        )
        self.fields["stadsdelen"].queryset = Stadsdeel.objects.filter(
            Q(is_active=True) | Q(pk__in=profile.stadsdelen.values("pk"))
        )
        self.fields["expertise"].queryset = Risicofactor.objects.filter(
            Q(is_active=True) | Q(pk__in=profile.expertise.values("pk"))
        )


class DeleteAccountForm(forms.Form):
    """Typing one's own e-mail address confirms the deletion."""

    email = forms.CharField(
        label=_("Typ je e-mailadres om te bevestigen"),
        max_length=254,
        error_messages={"required": _("Typ je e-mailadres.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if email.lower() != self.user.email.lower():
            raise forms.ValidationError(
                _("Dit is niet het e-mailadres van je account. Controleer wat je hebt getypt.")
            )
        return email
