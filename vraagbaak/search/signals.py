"""Signal receivers that keep the search index in step with the content.

This is infrastructure, like Wagtail's own search signal handlers (``wagtail.search.
signal_handlers``), not domain logic: STYLE.md keeps domain logic out of signals, but an
index must follow *every* write (actions, the admin, imports, the shell) without each
view or action having to remember it. The receivers:

- update the database entry synchronously, in the writer's transaction (one row: cheap,
  and a rolled-back write leaves the index untouched);
- when Elasticsearch is configured, enqueue a task after commit that pushes the question
  (tasks.py); the entry stays ``es_dirty`` until that succeeds, and the scheduled job
  ``search_sync`` pushes whatever is still dirty, so an Elasticsearch outage loses nothing.

Bulk writes that bypass signals (``bulk_create``, ``QuerySet.update``, COPY) need
``manage.py zoekindex --database`` (and ``--elasticsearch``) afterwards.
"""

from __future__ import annotations

from functools import partial

from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

_connected = False


def _reindex(vraag_id: int | None) -> None:
    if not vraag_id:
        return
    from vraagbaak.search import index, tasks

    index.index_vraag(vraag_id)
    tasks.push_after_commit(vraag_id)


def vraag_saved(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: the index is rebuilt afterwards
        return
    _reindex(instance.pk)


def vraag_deleted(sender, instance, **kwargs):
    from vraagbaak.search import index, tasks

    es_on = tasks.elasticsearch_enabled()
    index.remove_vraag(instance.pk, remember_for_elasticsearch=es_on)
    if es_on:
        tasks.delete_after_commit(instance.pk)


def antwoord_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    # After the question itself was deleted (cascade), there is nothing to update.
    from vraagbaak.vragen.models import Vraag

    if Vraag.objects.filter(pk=instance.vraag_id).exists():
        _reindex(instance.vraag_id)


def vraag_m2m_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    from vraagbaak.vragen.models import Vraag

    if not reverse:
        if isinstance(instance, Vraag):
            _reindex(instance.pk)
        return
    # Changed from the other side (a term's .vragen.add(...)): reindex those questions.
    for vraag_id in pk_set or ():
        _reindex(vraag_id)


def tags_changed(sender, instance, action, **kwargs):
    from vraagbaak.vragen.models import Vraag

    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Vraag):
        _reindex(instance.pk)


def profile_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """The asker's discipline is a facet: reindex their questions when it changes."""
    if raw or (update_fields is not None and "discipline" not in update_fields):
        return
    from vraagbaak.search.models import SearchEntry

    wanted = f"discipline:{instance.discipline_id}" if instance.discipline_id else None
    entries = SearchEntry.objects.filter(author_id=instance.user_id).only("vraag_id", "facet_keys")
    for entry in entries:
        keys = entry.facet_keys.split()
        has = [k for k in keys if k.startswith("discipline:")]
        if (has[0] if has else None) != wanted:
            _reindex(entry.vraag_id)


def thesaurus_saving(sender, instance, raw=False, **kwargs):
    """Remember the phrases the thesaurus has before the save (thesaurus_changed)."""
    from vraagbaak.search import synonyms

    if not raw and connection.vendor == "postgresql":
        instance._phrases_before = synonyms.current_thesaurus().phrase_texts


def thesaurus_changed(sender, instance, **kwargs):
    from vraagbaak.search import synonyms, tasks

    synonyms.clear_cache()
    before = getattr(instance, "_phrases_before", None)
    if kwargs.get("signal") is post_save and instance.is_active and before is not None:
        # Only phrases new to the thesaurus: the index has the others' tokens already.
        phrases = sorted(synonyms.Thesaurus([instance.term_list]).phrase_texts - before)
        if phrases:
            transaction.on_commit(partial(tasks.index_thesaurus_phrases.enqueue, phrases))
    if tasks.elasticsearch_enabled():
        transaction.on_commit(lambda: tasks.update_elasticsearch_synonyms.enqueue())


def connect() -> None:
    """Connect the receivers (called from SearchConfig.ready)."""
    global _connected
    if _connected:
        return
    _connected = True
    from vraagbaak.accounts.models import Profile
    from vraagbaak.search.models import Synoniemgroep
    from vraagbaak.vragen.models import Antwoord, Vraag

    uid = "vraagbaak.search"
    post_save.connect(vraag_saved, sender=Vraag, dispatch_uid=f"{uid}.vraag_saved")
    post_delete.connect(vraag_deleted, sender=Vraag, dispatch_uid=f"{uid}.vraag_deleted")
    post_save.connect(antwoord_changed, sender=Antwoord, dispatch_uid=f"{uid}.antwoord_saved")
    post_delete.connect(antwoord_changed, sender=Antwoord, dispatch_uid=f"{uid}.antwoord_deleted")
    for field in ("risicofactoren", "vraagtypes"):
        m2m_changed.connect(
            vraag_m2m_changed,
            sender=getattr(Vraag, field).through,
            dispatch_uid=f"{uid}.{field}",
        )
    m2m_changed.connect(tags_changed, sender=Vraag.tags.through, dispatch_uid=f"{uid}.tags")
    post_save.connect(profile_saved, sender=Profile, dispatch_uid=f"{uid}.profile")
    pre_save.connect(thesaurus_saving, sender=Synoniemgroep, dispatch_uid=f"{uid}.syn_saving")
    post_save.connect(thesaurus_changed, sender=Synoniemgroep, dispatch_uid=f"{uid}.syn_saved")
    post_delete.connect(thesaurus_changed, sender=Synoniemgroep, dispatch_uid=f"{uid}.syn_deleted")
