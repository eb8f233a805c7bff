"""The one search interface views call (TEAM.md "Search (issue 4)").

``search`` and ``similar`` pick a backend (``VRAAGBAAK_SEARCH_BACKEND``, or the
``backend`` argument): ``"database"`` (database.py: PostgreSQL full text / SQLite FTS5)
or ``"elasticsearch"`` (es_backend.py). When Elasticsearch is chosen but unreachable, the
Elasticsearch backend answers from the database itself and logs a warning (without the
query text); ``SearchResults.backend`` says who answered.
"""

from __future__ import annotations

from typing import Protocol

from django.conf import settings

from vraagbaak.search.types import Hit, SearchQuery, SearchResults

BACKENDS = ("database", "elasticsearch")


class SearchBackend(Protocol):
    name: str

    def search(self, query: SearchQuery, *, user, expand: bool = True) -> SearchResults: ...

    def similar(
        self, text: str, *, user, exclude_id: int | None = None, limit: int = 5
    ) -> list[Hit]: ...


def get_backend(name: str | None = None) -> SearchBackend:
    """The backend by name ("database" | "elasticsearch"); default from the settings."""
    name = name or getattr(settings, "VRAAGBAAK_SEARCH_BACKEND", "database") or "database"
    if name == "database":
        from vraagbaak.search.database import DatabaseBackend

        return DatabaseBackend()
    if name == "elasticsearch":
        from vraagbaak.search.es_backend import ElasticsearchBackend

        return ElasticsearchBackend()
    raise ValueError(f"Unknown search backend {name!r}; choose from {', '.join(BACKENDS)}")


def search(
    query: SearchQuery, *, user, expand: bool = True, backend: str | None = None
) -> SearchResults:
    """Search questions, their answers and solutions; only what ``user`` may see."""
    return get_backend(backend).search(query, user=user, expand=expand)


def similar(
    text: str,
    *,
    user,
    exclude_id: int | None = None,
    limit: int = 5,
    backend: str | None = None,
) -> list[Hit]:
    """Up to ``limit`` questions like ``text``: those sharing the most of its rarest words
    first (solved first at similar relevance), without ``exclude_id`` and without
    questions closed as duplicates."""
    return get_backend(backend).similar(text, user=user, exclude_id=exclude_id, limit=limit)
