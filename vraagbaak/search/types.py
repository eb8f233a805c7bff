"""Value objects shared by the search backends, views and templates.

These are plain dataclasses so the search layer can be used and tested without
Django models or a running Elasticsearch server.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: The facet keys a :class:`SearchQuery` may filter on, in display order.
FACET_KEYS: tuple[str, ...] = (
    "risicofactor",
    "fase",
    "stadsdeel",
    "vraagtype",
    "status",
    "discipline",
)


@dataclass(frozen=True)
class SearchQuery:
    """What the user asked for: free text, selected facet values and the page window.

    ``filters`` maps a facet key (see :data:`FACET_KEYS`) to the selected values:
    taxonomy slugs, or status values for ``status``.
    """

    text: str
    filters: dict[str, list[str]] = field(default_factory=dict)
    page_size: int = 20
    offset: int = 0


@dataclass
class Hit:
    """One matching vraag, with highlighted title and snippet (HTML with ``<mark>``)."""

    vraag_id: int
    score: float
    title_html: str
    snippet_html: str
    is_solved: bool


@dataclass
class FacetValue:
    """One value of a facet with the number of matching vragen."""

    value: str
    label: str
    #: None: not counted (a broad search on the database backend).
    count: int | None
    selected: bool


@dataclass
class SearchResults:
    """A page of hits, the total count, facet counts and the terms the query was expanded with."""

    hits: list[Hit]
    total: int
    facets: dict[str, list[FacetValue]]
    expanded_terms: list[str]
    #: True when nothing matched exactly and these are the typo-tolerant (fuzzy) results.
    is_fuzzy: bool = False
    #: Which backend answered ("database" or "elasticsearch"), for logs and the relevance command.
    backend: str = ""
    #: A broad search on the database backend: the estimated number of all hits. ``total``
    #: is then the number of hits among the most recent questions (what the pages show),
    #: and facet values carry no counts.
    estimated_total: int | None = None
    #: Typo correction (database backend): each query word that matched nothing, with
    #: the indexed word searched for instead. Empty when nothing was corrected.
    corrections: dict[str, str] = field(default_factory=dict)
