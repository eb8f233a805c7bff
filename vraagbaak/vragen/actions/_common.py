"""Helpers shared by the vragen actions; do not call them from outside this package."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time
from functools import partial
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vraagbaak.anonymity import check_text
from vraagbaak.vragen import tasks
from vraagbaak.vragen.models import (
    Antwoord,
    CloseReason,
    InvalidTransition,
    Vraag,
    VraagStatus,
    ensure_transition,
)

if TYPE_CHECKING:
    from vraagbaak.accounts.models import User
    from vraagbaak.taxonomie.models import Risicofactor, Vraagtype


# Shown on a question closed as "niet geschikt / acuut" when the moderator wrote no note.
UNSUITABLE_MESSAGE = (
    "De Vraagbaak is niet bedoeld voor acute situaties. Is er direct gevaar? Bel 112. "
    "Gaat het om zorg die niet kan wachten? Bel de huisarts of de huisartsenpost. "
    "Maak je je zorgen over de veiligheid van een kind of volwassene? Volg de meldcode "
    "en bel Veilig Thuis: 0800-2000 (gratis, dag en nacht)."
)


class QuestionLimitReached(Exception):
    """The asker reached today's limit of new questions; `message` is Dutch for the form."""

    def __init__(self, n: int):
        self.n = n
        self.message = _(
            "Je hebt vandaag al %(n)d vragen gesteld. Morgen kun je weer een vraag stellen."
        ) % {"n": n}
        super().__init__(self.message)


def _lock(obj: Vraag | Antwoord) -> Vraag | Antwoord:
    """Helper for the actions, do not call directly.

    Lock `obj`'s row until the end of the transaction and copy the current database values
    onto `obj`, so the caller's instance shows the result and checks see the locked state.
    """
    model = type(obj)
    fresh = model.objects.select_for_update().get(pk=obj.pk)
    for field in model._meta.concrete_fields:
        setattr(obj, field.attname, getattr(fresh, field.attname))
    return obj


def _vraag_findings(title: str, body: str, *, use_deduce: bool | None = None) -> list[dict]:
    """Helper for create_vraag/edit_vraag: findings per field, offsets into that field."""
    return [
        {"field": field, "start": f.start, "end": f.end, "label": f.label}
        for field, text in (("title", title), ("body", body))
        for f in check_text(text, use_deduce=use_deduce)
    ]


def _antwoord_findings(body: str, *, use_deduce: bool | None = None) -> list[dict]:
    """Helper for the answer actions: findings as offsets and labels only."""
    return [
        {"start": f.start, "end": f.end, "label": f.label}
        for f in check_text(body, use_deduce=use_deduce)
    ]


def _new_findings(found: list[dict], stored: list[dict]) -> list[dict]:
    """Helper for the deduce re-check: findings not stored yet (same field, span, label)."""
    known = {tuple(sorted(f.items())) for f in stored or []}
    return [f for f in found if tuple(sorted(f.items())) not in known]


def _schedule_deep_check(**kwargs) -> None:
    """Helper: after commit, re-check the text with deduce in the task worker.

    Only where `VRAAGBAAK_DEDUCE_RECHECK` is on (production, with a task worker): the
    web tier runs the fast own detectors; deduce (~1 GB) lives in the worker only.
    """
    if settings.VRAAGBAAK_DEDUCE_RECHECK:
        _on_commit(tasks.recheck_anonymity, **kwargs)


def _questions_today(user: User) -> int:
    """Helper for create_vraag: questions asked since local midnight."""
    midnight = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    return Vraag.objects.filter(author=user, created_at__gte=midnight).count()


def _set_vraag_relations(
    vraag: Vraag,
    *,
    risicofactoren: Iterable[Risicofactor],
    vraagtypes: Iterable[Vraagtype],
    tags: Iterable[str],
) -> None:
    """Helper for create_vraag/edit_vraag, do not call directly."""
    vraag.risicofactoren.set(list(risicofactoren))
    vraag.vraagtypes.set(list(vraagtypes))
    vraag.tags.set(list(tags))


def _on_commit(task, **kwargs) -> None:
    """Helper: enqueue `task` once the current transaction has committed."""
    transaction.on_commit(partial(task.enqueue, **kwargs))


def _mark_vraag_reviewed(vraag: Vraag, by: User, now: datetime) -> list[str]:
    """Helper: set the review companion fields; returns their names for update_fields."""
    vraag.reviewed_by, vraag.reviewed_at = by, now
    return ["reviewed_by", "reviewed_at"]


def _publish_vraag(vraag: Vraag, by: User, now: datetime) -> list[str]:
    """Helper for approve_vraag/redact_vraag: in_review -> open on a locked row."""
    ensure_transition(vraag, VraagStatus.OPEN)
    fields = ["status", *_mark_vraag_reviewed(vraag, by, now)]
    vraag.status = VraagStatus.OPEN
    if vraag.published_at is None:
        vraag.published_at = vraag.last_activity_at = now
        fields += ["published_at", "last_activity_at"]
    return fields


def _publish_antwoord(antwoord: Antwoord, now: datetime) -> list[str]:
    """Helper: un-hold an answer on a locked row. The first publication counts as activity
    on the thread and may start the solution loop (first_answer_at)."""
    antwoord.is_held = False
    fields = ["is_held"]
    if antwoord.published_at is None:
        antwoord.published_at = now
        fields.append("published_at")
        _answer_arrived(antwoord, now)
    return fields


def _answer_arrived(antwoord: Antwoord, now: datetime) -> None:
    """Helper: an answer is published for the first time (its question's row is locked).

    It bumps the thread's activity; the first answer by someone other than the asker
    starts the solution loop (first_answer_at). Asker and followers hear of it after commit.
    """
    vraag = antwoord.vraag
    vraag.last_activity_at = now
    fields = ["last_activity_at", "updated_at"]
    if vraag.first_answer_at is None and antwoord.author_id != vraag.author_id:
        vraag.first_answer_at = now
        fields.append("first_answer_at")
    vraag.save(update_fields=fields)
    _on_commit(tasks.notify_new_antwoord, antwoord_id=antwoord.pk)


def _ensure_in_review(vraag: Vraag) -> None:
    """Helper: approve and reject act only on questions in the queue."""
    if vraag.status != VraagStatus.IN_REVIEW:
        raise _invalid(vraag, VraagStatus.OPEN)


def _invalid(vraag: Vraag, new_status: str) -> InvalidTransition:
    """Helper: the InvalidTransition for `vraag` going to `new_status`."""
    return InvalidTransition(
        _("Deze vraag kan niet van ‘%(old)s’ naar ‘%(new)s’.")
        % {"old": VraagStatus(vraag.status).label, "new": VraagStatus(new_status).label}
    )


def _validate_close(vraag: Vraag, reason: str, duplicate_of: Vraag | None) -> CloseReason:
    """Helper for close_vraag: a known reason, and a valid original for a duplicate."""
    try:
        reason = CloseReason(reason)
    except ValueError:
        raise ValidationError({"reason": _("Kies een reden om de vraag te sluiten.")}) from None
    if reason == CloseReason.DUPLICATE and (
        duplicate_of is None or duplicate_of.pk == vraag.pk or not duplicate_of.is_published
    ):
        raise ValidationError(
            {"duplicate_of": _("Kies de gepubliceerde vraag waarvan deze vraag een dubbele is.")}
        )
    return reason
