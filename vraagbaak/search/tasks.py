"""Background work for the search indexes.

Elasticsearch (nothing of this runs without ELASTICSEARCH_URL):

- :func:`push_vraag` / :func:`delete_vraag`: enqueued after commit by signals.py; a
  success clears ``SearchEntry.es_dirty`` (or drops the SearchDeletion).
- :func:`update_elasticsearch_synonyms`: after an editor changed the thesaurus: close
  the index, put the new synonym settings, open it again (synonyms are applied at search
  time only, so no reindex is needed).
- :func:`sync_elasticsearch`: the scheduled job ``search_sync`` (run_scheduled_jobs):
  pushes every entry that is still dirty and every pending deletion, e.g. after an outage.

Database index: :func:`index_thesaurus_phrases`, enqueued after an editor saved a
synonym group with multi-word terms (signals.py).

Failures are logged with ids only (never text) and leave the work for the next sync.
"""

from __future__ import annotations

import logging
from functools import partial

from django.conf import settings
from django.db import transaction
from django.tasks import task

logger = logging.getLogger(__name__)

SYNC_BATCH = 500


def elasticsearch_enabled() -> bool:
    return bool(getattr(settings, "ELASTICSEARCH_URL", ""))


def push_after_commit(vraag_id: int) -> None:
    if elasticsearch_enabled():
        transaction.on_commit(partial(push_vraag.enqueue, vraag_id=vraag_id))


def delete_after_commit(vraag_id: int) -> None:
    if elasticsearch_enabled():
        transaction.on_commit(partial(delete_vraag.enqueue, vraag_id=vraag_id))


@task
def push_vraag(vraag_id: int) -> bool:
    """Index one question in Elasticsearch; True on success."""
    from vraagbaak.search import es_backend

    return es_backend.push([vraag_id]) == 1


@task
def delete_vraag(vraag_id: int) -> bool:
    from vraagbaak.search import es_backend

    return es_backend.delete_pending([vraag_id]) == 1


@task
def update_elasticsearch_synonyms() -> bool:
    from vraagbaak.search import es_backend

    return es_backend.update_synonyms()


@task
def index_thesaurus_phrases(phrases: list[str]) -> int:
    """PostgreSQL: give the questions that say these (new) thesaurus phrases their joined
    tokens (index.index_phrases). Runs on every install, with or without Elasticsearch."""
    from vraagbaak.search import index

    return index.index_phrases(phrases)


def sync_elasticsearch() -> dict:
    """Scheduled job: push dirty entries and pending deletions. Returns counts."""
    from vraagbaak.search import es_backend
    from vraagbaak.search.models import SearchDeletion, SearchEntry

    if not elasticsearch_enabled():
        return {"enabled": False}
    pushed = failed = 0
    last_id = 0
    while True:
        ids = list(
            SearchEntry.objects.filter(es_dirty=True, vraag_id__gt=last_id)
            .order_by("vraag_id")
            .values_list("vraag_id", flat=True)[:SYNC_BATCH]
        )
        if not ids:
            break
        last_id = ids[-1]
        done = es_backend.push(ids)
        pushed += done
        if done < len(ids):
            failed += len(ids) - done
            if done == 0:
                break  # server unreachable: try again at the next run
    pending = list(SearchDeletion.objects.values_list("vraag_id", flat=True)[:SYNC_BATCH])
    deleted = es_backend.delete_pending(pending) if pending else 0
    return {"enabled": True, "pushed": pushed, "failed": failed, "deleted": deleted}
