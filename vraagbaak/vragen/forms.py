"""Input parsing and validation for questions and answers. No side effects (STYLE.md B1)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.urls import reverse_lazy
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from vraagbaak.anonymity import Finding, check_text
from vraagbaak.anonymity.highlight import highlight_findings
from vraagbaak.taxonomie.models import Fase, Risicofactor, Stadsdeel, Vraagtype
from vraagbaak.vragen.models import PUBLISHED_STATUSES, Vraag, VraagStatus

MARKDOWN_HINT = _(
    "Je kunt Markdown gebruiken: **vet**, *schuin*, een lijst met - aan het begin van de regel, "
    "en een link als [tekst](https://…). HTML werkt niet."
)
TAGS_MAX = 10
TAG_MAX_LENGTH = 50
MAX_PK = 2**63 - 1


def _is_pk(value) -> bool:
    text = str(value)
    return text.isdigit() and 0 < int(text) <= MAX_PK


class TermChoiceField(forms.ModelChoiceField):
    """A choice by primary key; anything that is not a plausible pk is an invalid choice.

    Django lets a huge number through to the database, where it overflows (a 500).
    """

    def to_python(self, value):
        if value not in self.empty_values and not self.to_field_name and not _is_pk(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class TermMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several choices by primary key, with the same guard as TermChoiceField."""

    def _check_values(self, value):
        for pk in value:
            if not _is_pk(pk):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


def _choice_errors(noun: str) -> dict:
    return {
        "required": _("Kies minstens één %(noun)s.") % {"noun": noun},
        "invalid_choice": _("Deze keuze bestaat niet (meer). Kies een andere."),
        "invalid_pk_value": _("Deze keuze bestaat niet. Kies uit de lijst."),
        "invalid_list": _("Kies uit de lijst."),
    }


class VraagForm(forms.Form):
    """Ask or edit a question. `vraag` keeps terms that were retired after it was asked."""

    title = forms.CharField(
        label=_("Titel"),
        max_length=settings.VRAAGBAAK_QUESTION_TITLE_MAX,
        help_text=_(
            "Vat je vraag samen in één zin. Noem geen namen of andere gegevens van cliënten."
        ),
        error_messages={
            "required": _("Vul een titel in."),
            "max_length": _("De titel is te lang. Gebruik maximaal %(limit_value)d tekens."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    body = forms.CharField(
        label=_("Beschrijving van de casus"),
        max_length=settings.VRAAGBAAK_QUESTION_BODY_MAX,
        help_text=_("Beschrijf de situatie anoniem: geen namen, geboortedata, adressen of BSN. ")
        + MARKDOWN_HINT,
        error_messages={
            "required": _("Beschrijf de casus."),
            "max_length": _("De beschrijving is te lang. Gebruik maximaal %(limit_value)d tekens."),
        },
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    risicofactoren = TermMultipleChoiceField(
        label=_("Risicofactoren"),
        help_text=_("Kies één of meer. Zo vinden de juiste collega’s je vraag."),
        queryset=Risicofactor.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages=_choice_errors(_("risicofactor")),
    )
    fase = TermChoiceField(
        label=_("Fase"),
        queryset=Fase.objects.none(),
        required=False,
        empty_label=_("Kies een fase"),
        error_messages=_choice_errors(_("fase")),
        widget=forms.Select,
    )
    stadsdeel = TermChoiceField(
        label=_("Stadsdeel"),
        queryset=Stadsdeel.objects.none(),
        required=False,
        empty_label=_("Kies een stadsdeel"),
        error_messages=_choice_errors(_("stadsdeel")),
        widget=forms.Select,
    )
    vraagtypes = TermMultipleChoiceField(
        label=_("Soort vraag"),
        queryset=Vraagtype.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=_choice_errors(_("soort vraag")),
    )
    tags = forms.CharField(
        label=_("Trefwoorden"),
        required=False,
        max_length=(TAG_MAX_LENGTH + 2) * TAGS_MAX,
        help_text=_("Scheid trefwoorden met een komma. Bijvoorbeeld: schulden, huisvesting"),
        error_messages={"max_length": _("Dit zijn te veel trefwoorden.")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, vraag: Vraag | None = None, suggest_similar: bool = False, **kwargs):
        if vraag is not None and not kwargs.get("initial"):
            kwargs["initial"] = {
                "title": vraag.title,
                "body": vraag.body,
                "risicofactoren": list(vraag.risicofactoren.all()),
                "fase": vraag.fase,
                "stadsdeel": vraag.stadsdeel,
                "vraagtypes": list(vraag.vraagtypes.all()),
                "tags": ", ".join(sorted(t.name for t in vraag.tags.all())),
            }
        super().__init__(*args, **kwargs)
        for name, model in (
            ("risicofactoren", Risicofactor),
            ("fase", Fase),
            ("stadsdeel", Stadsdeel),
            ("vraagtypes", Vraagtype),
        ):
            active = model.objects.filter(is_active=True)
            if vraag is not None:
                kept = getattr(vraag, name)
                if name in ("fase", "stadsdeel"):
                    kept_pks = [kept.pk] if kept else []
                else:
                    kept_pks = [t.pk for t in kept.all()]
                active = model.objects.filter(pk__in=kept_pks) | active
            self.fields[name].queryset = active.order_by("sort_order", "name")
        self.fields["risicofactoren"].template_name = "vragen/includes/risicofactoren_field.html"
        self.urgent_banner = None  # the view sets it when an urgent risk factor is ticked
        if suggest_similar:
            # Against *wildgroei*: similar questions under the title while it is typed. POST,
            # so the title (case text) never ends up in a URL, access log or browser history.
            self.fields["title"].template_name = "vragen/includes/title_field.html"
            self.fields["title"].widget.attrs.update(
                {
                    "hx-post": reverse_lazy("vragen:similar"),
                    "hx-trigger": "keyup changed delay:400ms, change",
                    "hx-target": "#vergelijkbare-vragen",
                    "hx-swap": "innerHTML",
                    "hx-params": "title",
                    "hx-sync": "this:replace",
                }
            )

    def anonymity_texts(self) -> list[tuple[str, str]]:
        """The cleaned texts that go through the anonymity check, with their labels."""
        return [
            (self.fields["title"].label, self.cleaned_data["title"]),
            (self.fields["body"].label, self.cleaned_data["body"]),
        ]

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())

    def clean_tags(self) -> list[str]:
        raw = self.cleaned_data.get("tags") or ""
        tags: list[str] = []
        for part in raw.split(","):
            tag = " ".join(re.sub(r"[<>\"'`{}\[\]\\]", "", strip_tags(part)).split())
            if not tag:
                continue
            if len(tag) > TAG_MAX_LENGTH:
                raise forms.ValidationError(
                    _("Een trefwoord mag maximaal %(max)d tekens hebben."),
                    params={"max": TAG_MAX_LENGTH},
                    code="tag_too_long",
                )
            if tag.lower() not in (t.lower() for t in tags):
                tags.append(tag)
        if len(tags) > TAGS_MAX:
            raise forms.ValidationError(
                _("Gebruik maximaal %(max)d trefwoorden."),
                params={"max": TAGS_MAX},
                code="too_many",
            )
        return tags

    def urgent_risicofactoren(self) -> list[Risicofactor]:
        """The urgent risk factors ticked in the submitted (or initial) data."""
        if (
            self.is_bound
            and hasattr(self, "cleaned_data")
            and "risicofactoren" in self.cleaned_data
        ):
            return [r for r in self.cleaned_data["risicofactoren"] if r.is_urgent]
        values = self["risicofactoren"].value() or []
        pks = [str(getattr(v, "pk", v)) for v in values]
        pks = [pk for pk in pks if pk.isdigit() and len(pk) < 10]
        return list(Risicofactor.objects.filter(pk__in=pks, is_urgent=True)) if pks else []


class AntwoordForm(forms.Form):
    body = forms.CharField(
        label=_("Je antwoord"),
        max_length=settings.VRAAGBAAK_ANSWER_BODY_MAX,
        help_text=_("Schrijf anoniem: geen namen of andere gegevens van cliënten. ")
        + MARKDOWN_HINT,
        error_messages={
            "required": _("Schrijf eerst je antwoord."),
            "max_length": _("Je antwoord is te lang. Gebruik maximaal %(limit_value)d tekens."),
        },
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def anonymity_texts(self) -> list[tuple[str, str]]:
        """The cleaned text that goes through the anonymity check, with its label."""
        return [(self.fields["body"].label, self.cleaned_data["body"])]


@dataclass(frozen=True)
class CheckedText:
    """One text of a form after the anonymity check, for the check step on the page."""

    label: str
    text: str
    findings: list[Finding]

    @property
    def highlighted(self):
        return highlight_findings(self.text, self.findings)


def _fingerprint(texts: Sequence[str]) -> str:
    return hashlib.sha256("\x00".join(texts).encode()).hexdigest()


class AnonymityCheckForm(forms.Form):
    """The anonymity check step between filling in a form and saving it (BRIEF §2.2).

    Give it the texts that are about to be saved, as (label, text) pairs. It is valid when
    the check finds nothing, or when the author ticked the box for exactly these texts: a
    hidden fingerprint remembers which texts the author saw marked. When the texts changed
    since then and the check still finds something, the box is unticked and the author is
    asked again. Runs `check_text` with the settings of this process (in the web tier: our
    own detectors only).
    """

    confirmed = forms.BooleanField(
        label=_("Ik heb de gemarkeerde stukken gecontroleerd. Ze maken niemand herkenbaar."),
        required=False,
    )
    fingerprint = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, data=None, *, texts: Sequence[tuple[str, str]]):
        super().__init__(data, prefix="anonimiteit")
        self.checked_texts = [
            CheckedText(str(label), text, check_text(text)) for label, text in texts if text
        ]
        self.findings_count = sum(len(t.findings) for t in self.checked_texts)
        self.has_findings = bool(self.findings_count)
        current = _fingerprint([text for _label, text in texts])
        seen = self.data.get(self.add_prefix("fingerprint")) if self.is_bound else None
        self.seen_before = seen == current
        # The texts changed since the author saw the marks (or were never checked): ask again.
        self.text_changed = bool(seen) and not self.seen_before
        if self.is_bound and not self.seen_before:
            self.data = self.data.copy()
            self.data[self.add_prefix("fingerprint")] = current
            self.data.pop(self.add_prefix("confirmed"), None)

    def clean(self):
        cleaned_data = super().clean()
        if self.has_findings and not cleaned_data.get("confirmed"):
            if self.seen_before:
                self.add_error(
                    "confirmed",
                    _(
                        "Pas de gemarkeerde stukken aan. Of vink aan dat ze niemand "
                        "herkenbaar maken."
                    ),
                )
            else:
                raise forms.ValidationError(
                    _("Controleer je tekst: dit kan een gezin herkenbaar maken."),
                    code="not_checked",
                )
        return cleaned_data


class AnonymityPreviewForm(forms.Form):
    """The texts sent by the 'Controleer op herkenbare gegevens' button (htmx)."""

    title = forms.CharField(
        label=_("Titel"), required=False, max_length=settings.VRAAGBAAK_QUESTION_TITLE_MAX
    )
    body = forms.CharField(
        label=_("Tekst"),
        required=False,
        max_length=max(settings.VRAAGBAAK_QUESTION_BODY_MAX, settings.VRAAGBAAK_ANSWER_BODY_MAX),
    )

    def texts(self) -> list[tuple[str, str]]:
        if not self.is_valid():
            return []
        return [
            (_("Titel"), self.cleaned_data["title"]),
            (_("Tekst"), self.cleaned_data["body"]),
        ]


SIMILAR_MIN_LENGTH = 3


class SimilarVragenForm(forms.Form):
    """The title typed so far, for the 'lijkt je vraag op …' panel (htmx)."""

    title = forms.CharField(required=False, max_length=settings.VRAAGBAAK_QUESTION_TITLE_MAX)

    def query(self) -> str:
        """The title to search for, or '' when it is too short (or too long) to search."""
        if not self.is_valid():
            return ""
        title = " ".join(self.cleaned_data["title"].split())
        return title if len(title) >= SIMILAR_MIN_LENGTH else ""


class OplossingForm(forms.Form):
    oplossing = forms.CharField(
        label=_("Wat was de oplossing?"),
        max_length=settings.VRAAGBAAK_ANSWER_BODY_MAX,
        help_text=_(
            "Schrijf kort wat er is gebeurd en wat hielp. Collega’s met een vergelijkbare vraag "
            "lezen dit later. Schrijf anoniem. "
        )
        + MARKDOWN_HINT,
        error_messages={
            "required": _("Beschrijf de oplossing."),
            "max_length": _("De oplossing is te lang. Gebruik maximaal %(limit_value)d tekens."),
        },
        widget=forms.Textarea(attrs={"rows": 6}),
    )


STATUS_FILTER_CHOICES = [("", _("Alle"))] + [
    (s.value, s.label) for s in VraagStatus if s in PUBLISHED_STATUSES
]


def _term_filter(label, model) -> forms.ModelChoiceField:
    """Helper for VraagFilterForm: an optional select of active terms, by slug."""
    return forms.ModelChoiceField(
        label=label,
        queryset=model.objects.active(),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle"),
        widget=forms.Select,
    )


class VraagFilterForm(forms.Form):
    """GET filters for the question list, by slug. Invalid values are simply ignored."""

    risicofactor = _term_filter(_("Risicofactor"), Risicofactor)
    fase = _term_filter(_("Fase"), Fase)
    stadsdeel = _term_filter(_("Stadsdeel"), Stadsdeel)
    vraagtype = _term_filter(_("Soort vraag"), Vraagtype)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=STATUS_FILTER_CHOICES,
        required=False,
        widget=forms.Select,
    )

    def filters(self) -> dict[str, str]:
        """The valid filters as slugs/values, ready for `VraagQuerySet.filtered`."""
        self.is_valid()
        result = {}
        for name, value in self.cleaned_data.items():
            if value:
                result[name] = getattr(value, "slug", value)
        return result
