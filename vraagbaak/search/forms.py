"""The search page's GET parameters. Bad input is ignored or cut short, never an error."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from vraagbaak.search.types import FACET_KEYS, SearchQuery
from vraagbaak.taxonomie.models import Discipline, Fase, Risicofactor, Stadsdeel, Vraagtype
from vraagbaak.vragen.models import VraagStatus

#: Longer search texts are cut to this many characters (the page says so).
MAX_QUERY_LENGTH = 200
#: Offset paging: 20 hits per page; deeper pages than this are not offered.
PAGE_SIZE = 20
MAX_PAGE = 500
#: At most this many values per facet are taken from the URL.
MAX_VALUES_PER_FACET = 30

FACET_TERM_MODELS = {
    "risicofactor": Risicofactor,
    "fase": Fase,
    "stadsdeel": Stadsdeel,
    "vraagtype": Vraagtype,
    "discipline": Discipline,
}

FACET_LABELS = {
    "risicofactor": _("Risicofactor"),
    "fase": _("Fase"),
    "stadsdeel": _("Stadsdeel"),
    "vraagtype": _("Soort vraag"),
    "status": _("Status"),
    "discipline": _("Discipline van de vraagsteller"),
}

_SLUG = re.compile(r"^[-\w]{1,100}$")
_PAGE = re.compile(r"^\d{1,6}$")


@dataclass
class SearchParams:
    """The search page's parameters: ``q``, ``pagina`` and one list per facet (slugs).

    Unknown facet values are dropped, an invalid page number becomes 1 and a very long text
    is cut to :data:`MAX_QUERY_LENGTH` (``was_truncated`` tells the page to say so). Looking
    up the facet values costs one query per facet that has values in the URL.
    """

    data: QueryDict
    text: str = ""
    page: int = 1
    was_truncated: bool = False
    #: facet key -> {value: label} for the values that exist, in the order given.
    selected: dict[str, dict[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.text, self.was_truncated = clean_text(self.data.get("q", ""))
        raw_page = (self.data.get("pagina") or "").strip()
        self.page = min(max(int(raw_page), 1), MAX_PAGE) if _PAGE.match(raw_page) else 1
        self.selected = {}
        for key in FACET_KEYS:
            values = self._raw_values(key)
            if values:
                known = _known_values(key, values)
                if known:
                    self.selected[key] = known

    def _raw_values(self, key: str) -> list[str]:
        """Helper for __post_init__: the distinct, well-formed values of one facet."""
        values: list[str] = []
        for value in self.data.getlist(key)[:MAX_VALUES_PER_FACET]:
            value = value.strip()
            if _SLUG.match(value) and value not in values:
                values.append(value)
        return values

    @property
    def filters(self) -> dict[str, list[str]]:
        return {key: list(values) for key, values in self.selected.items()}

    @property
    def is_empty(self) -> bool:
        """Nothing asked for: no words and no filters."""
        return not self.text and not self.selected

    def query(self, page: int | None = None) -> SearchQuery:
        page = page or self.page
        return SearchQuery(
            text=self.text,
            filters=self.filters,
            page_size=PAGE_SIZE,
            offset=(page - 1) * PAGE_SIZE,
        )


def clean_text(raw: str) -> tuple[str, bool]:
    """The search text with whitespace collapsed, cut at a word boundary when too long."""
    text = " ".join((raw or "").split())
    if len(text) <= MAX_QUERY_LENGTH:
        return text, False
    cut = text[:MAX_QUERY_LENGTH]
    if " " in cut and not text[MAX_QUERY_LENGTH].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.strip(), True


def ask_title(text: str) -> str:
    """The search words as the start of a question title for the ask form."""
    return text[: settings.VRAAGBAAK_QUESTION_TITLE_MAX]


def _known_values(key: str, values: list[str]) -> dict[str, str]:
    """Helper for SearchParams: the values of ``key`` that exist, mapped to their Dutch name."""
    if key == "status":
        labels = dict(VraagStatus.choices)
        return {v: str(labels[v]) for v in values if v in labels}
    model = FACET_TERM_MODELS[key]
    names = dict(model.objects.filter(slug__in=values).values_list("slug", "name"))
    return {v: names[v] for v in values if v in names}
