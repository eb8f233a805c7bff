"""The Elasticsearch backend: a client from the settings, indexing, and the search backend.

elastic.py describes the index and builds the queries (tested as dicts); this module
talks to the server:

- :func:`get_client`: ``Elasticsearch(ELASTICSEARCH_URL)`` with a short timeout and no
  retries, so an absent server costs one short wait before the database answers.
- :func:`push`, :func:`delete_pending`, :func:`rebuild_index`, :func:`update_synonyms`:
  used by tasks.py, the ``search_sync`` job and ``manage.py zoekindex --elasticsearch``.
- :class:`ElasticsearchBackend`: search and similar; a fuzzy retry when nothing matched;
  on connection errors, timeouts or a missing index it logs a warning (the error class
  only, never the query text) and answers from :class:`DatabaseBackend`.

After an editor changes the thesaurus, :func:`update_synonyms` (enqueued by signals.py)
closes the index, puts the new synonym settings and opens it again; the synonyms are
applied at search time only, so no reindex is needed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone

from vraagbaak.search import elastic
from vraagbaak.search.database import (
    DatabaseBackend,
    expanded_terms,
    load_taxonomy,
    parse_concepts,
)
from vraagbaak.search.synonyms import current_thesaurus
from vraagbaak.search.thesaurus import COMPOUND_PARTS
from vraagbaak.search.types import FACET_KEYS, Hit, SearchQuery, SearchResults

logger = logging.getLogger(__name__)

BULK_CHUNK = 500


def unavailable_errors() -> tuple[type[Exception], ...]:
    """Errors after which the database answers instead: no connection, timeouts, and
    server-side errors such as a missing index."""
    from elastic_transport import TransportError
    from elasticsearch import ApiError

    return (TransportError, ApiError)


@lru_cache(maxsize=4)
def _client(url: str, timeout: float):
    from elasticsearch import Elasticsearch

    return Elasticsearch(url, request_timeout=timeout, max_retries=0, retry_on_timeout=False)


def get_client():
    return _client(settings.ELASTICSEARCH_URL, float(settings.ELASTICSEARCH_TIMEOUT))


def index_name() -> str:
    return settings.ELASTICSEARCH_INDEX


def index_body(name: str | None = None) -> dict[str, Any]:
    """Settings and mapping with the live thesaurus and the compound word list."""
    return elastic.index_settings_dict(
        name or index_name(), current_thesaurus().synonym_lines(), sorted(COMPOUND_PARTS)
    )


# --- Documents ----------------------------------------------------------------------------


def document_data(vraag_ids: Iterable[int]) -> list[dict[str, Any]]:
    """Plain data for elastic.document_for, for the questions that still exist."""
    from vraagbaak.vragen.models import Antwoord, CloseReason, Vraag, VraagStatus

    vragen = (
        Vraag.objects.filter(pk__in=list(vraag_ids))
        .select_related("author__profile__discipline", "fase", "stadsdeel")
        .prefetch_related(
            "risicofactoren",
            "vraagtypes",
            "tags",
            Prefetch(
                "antwoorden",
                queryset=Antwoord.objects.published().order_by("created_at", "id"),
                to_attr="published_answers",
            ),
        )
    )
    result = []
    for v in vragen:
        profile = getattr(v.author, "profile", None) if v.author_id else None
        discipline = profile.discipline if profile is not None else None
        tags = " ".join(t.name for t in v.tags.all())
        result.append(
            {
                "id": v.pk,
                "title": v.title,
                "body": f"{v.body} {tags}".strip(),
                "answers": [a.body for a in v.published_answers],
                "oplossing": v.oplossing,
                "risicofactor": [t.slug for t in v.risicofactoren.all()],
                "fase": [v.fase.slug] if v.fase else [],
                "stadsdeel": [v.stadsdeel.slug] if v.stadsdeel else [],
                "vraagtype": [t.slug for t in v.vraagtypes.all()],
                "status": v.status,
                "discipline": [discipline.slug] if discipline else [],
                "is_solved": v.status == VraagStatus.SOLVED,
                "is_duplicate": v.close_reason == CloseReason.DUPLICATE,
                "created_at": v.created_at,
                "author_id": v.author_id,
            }
        )
    return result


def _actions(vraag_ids: Sequence[int], name: str):
    for data in document_data(vraag_ids):
        yield elastic.document_for(data, index=name).to_dict(include_meta=True)


def push(vraag_ids: Sequence[int]) -> int:
    """Index these questions; clear ``es_dirty`` for the ones that made it. Returns that
    number; 0 (and a warning) when the server cannot be reached."""
    from elasticsearch.helpers import bulk

    from vraagbaak.search.models import SearchEntry

    if not vraag_ids:
        return 0
    started = timezone.now()
    try:
        ok, errors = bulk(
            get_client(), _actions(vraag_ids, index_name()), raise_on_error=False, stats_only=False
        )
    except unavailable_errors() as exc:
        logger.warning("Elasticsearch unreachable while indexing (%s)", type(exc).__name__)
        return 0
    failed = {int(e.get("index", {}).get("_id", 0)) for e in errors or []}
    if failed:
        logger.warning("Elasticsearch refused %d documents", len(failed))
    done = [i for i in vraag_ids if i not in failed]
    # Only entries not changed again since we read them.
    SearchEntry.objects.filter(vraag_id__in=done, indexed_at__lte=started).update(es_dirty=False)
    return ok


def delete_pending(vraag_ids: Sequence[int]) -> int:
    """Remove deleted questions from Elasticsearch; forget the ones done. Returns that number."""
    from elasticsearch.helpers import bulk

    from vraagbaak.search.models import SearchDeletion

    if not vraag_ids:
        return 0
    actions = [{"_op_type": "delete", "_index": index_name(), "_id": str(i)} for i in vraag_ids]
    try:
        _, errors = bulk(get_client(), actions, raise_on_error=False, stats_only=False)
    except unavailable_errors() as exc:
        logger.warning("Elasticsearch unreachable while deleting (%s)", type(exc).__name__)
        return 0
    # A 404 means it was not there: also done.
    failed = {
        int(e["delete"]["_id"]) for e in errors or [] if e.get("delete", {}).get("status") != 404
    }
    done = [i for i in vraag_ids if i not in failed]
    SearchDeletion.objects.filter(vraag_id__in=done).delete()
    return len(done)


def rebuild_index() -> int:
    """Drop and create the index with the current thesaurus, then index every question."""
    from elasticsearch.helpers import bulk

    from vraagbaak.search.models import SearchDeletion, SearchEntry
    from vraagbaak.vragen.models import Vraag

    client = get_client()
    name = index_name()
    started = timezone.now()
    client.indices.delete(index=name, ignore_unavailable=True)
    client.indices.create(index=name, body=index_body(name))
    ids = list(Vraag.objects.order_by("pk").values_list("pk", flat=True))
    total = 0
    for start in range(0, len(ids), BULK_CHUNK):
        ok, _ = bulk(client, _actions(ids[start : start + BULK_CHUNK], name), raise_on_error=True)
        total += ok
    client.indices.refresh(index=name)
    SearchEntry.objects.filter(indexed_at__lte=started).update(es_dirty=False)
    SearchDeletion.objects.all().delete()
    return total


def update_synonyms() -> bool:
    """Put the current thesaurus into the index settings (close, put settings, open)."""
    client = get_client()
    name = index_name()
    analysis = index_body(name)["settings"]["analysis"]
    try:
        if not client.indices.exists(index=name):
            return False
        client.indices.close(index=name)
        try:
            client.indices.put_settings(index=name, settings={"analysis": analysis})
        finally:
            client.indices.open(index=name)
    except unavailable_errors() as exc:
        logger.warning("Elasticsearch synonyms not updated (%s)", type(exc).__name__)
        return False
    return True


# --- The backend --------------------------------------------------------------------------


def _is_moderator(user) -> bool:
    return user.has_perm("vragen.moderate_vraag")


def _visible(user) -> bool:
    return user.is_authenticated and user.is_verified_professional


class ElasticsearchBackend:
    name = "elasticsearch"

    def _labels(self) -> dict[str, dict[str, str]]:
        return {
            facet: {term.slug: term.label for term in terms.values()}
            for facet, terms in load_taxonomy().items()
        }

    def search(self, query: SearchQuery, *, user, expand: bool = True) -> SearchResults:
        if not _visible(user):
            return SearchResults([], 0, {f: [] for f in FACET_KEYS}, [], backend=self.name)
        # Synonyms and decompounding happen in Elasticsearch's search analyzer; the
        # expanded terms are computed here only to show them.
        terms = expanded_terms(parse_concepts(query.text, current_thesaurus())) if expand else []
        try:
            results = self._search(query, user=user, expand=expand, fuzzy=False)
            if results.total == 0 and query.text.strip():
                results = self._search(query, user=user, expand=expand, fuzzy=True)
                results.is_fuzzy = results.total > 0
        except unavailable_errors() as exc:
            logger.warning(
                "Elasticsearch unavailable (%s); search answered by the database",
                type(exc).__name__,
            )
            return DatabaseBackend().search(query, user=user, expand=expand)
        results.expanded_terms = terms
        results.backend = self.name
        return results

    def _search(self, query: SearchQuery, *, user, expand: bool, fuzzy: bool) -> SearchResults:
        s = elastic.build_search(
            query,
            user_id=user.pk,
            is_moderator=_is_moderator(user),
            index=index_name(),
            fuzzy=fuzzy,
            analyzer=None if expand else elastic.INDEX_ANALYZER,
            using=get_client(),
        )
        return elastic.to_results(s.execute(), query, labels=self._labels())

    def similar(
        self, text: str, *, user, exclude_id: int | None = None, limit: int = 5
    ) -> list[Hit]:
        if not _visible(user) or not text.strip():
            return []
        try:
            s = elastic.build_similar(
                text,
                user_id=user.pk,
                is_moderator=_is_moderator(user),
                exclude_id=exclude_id,
                index=index_name(),
                size=limit,
                using=get_client(),
            )
            return elastic.to_results(s.execute()).hits
        except unavailable_errors() as exc:
            logger.warning(
                "Elasticsearch unavailable (%s); similar answered by the database",
                type(exc).__name__,
            )
            return DatabaseBackend().similar(text, user=user, exclude_id=exclude_id, limit=limit)
