"""Moderator flows around questions and answers: meldingen and the solution loop.

These call `vraagbaak.vragen.actions` for every status change of a question or answer
(the app that owns a model owns its transitions, STYLE.md B1). Person-triggered actions
take `by=` and call their `check_*` first; system actions (`send_oplossing_reminders`)
have no actor. Audit-log entries and e-mails never carry case text.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from vraagbaak.moderatie.models import Melding, MeldingReason
from vraagbaak.moderatie.permissions import (
    check_dismiss_meldingen,
    check_report_content,
    check_request_oplossing,
)
from vraagbaak.vragen import actions as vragen_actions
from vraagbaak.vragen.models import Antwoord, ModerationSettings, Vraag, VraagStatus

if TYPE_CHECKING:
    from vraagbaak.accounts.models import User

logger = logging.getLogger(__name__)

# A second click (or a second moderator) within this period sends no second request.
OPLOSSING_REQUEST_COOLDOWN = timedelta(hours=24)


def _target_filter(target: Vraag | Antwoord) -> dict:
    """Helper for the melding actions, do not call directly: the Melding FK for `target`."""
    if isinstance(target, Vraag):
        return {"vraag": target}
    if isinstance(target, Antwoord):
        return {"antwoord": target}
    raise TypeError(f"Cannot report {type(target).__name__}")


def _lock(target: Vraag | Antwoord) -> Vraag | Antwoord:
    """Helper for the melding actions, do not call directly: the target row, locked."""
    return type(target).objects.select_for_update().get(pk=target.pk)


def _is_held(target: Vraag | Antwoord) -> bool:
    if isinstance(target, Vraag):
        return target.status == VraagStatus.IN_REVIEW
    return target.is_held


def _hold_for_review(target: Vraag | Antwoord) -> None:
    """Helper for report_content, do not call directly: hide `target` until a moderator looks.

    Only an open question can go back to the queue (transition table); a solved or closed
    question stays visible and waits in the meldingen queue.
    """
    if _is_held(target):
        return
    if isinstance(target, Vraag):
        if target.status == VraagStatus.OPEN:
            vragen_actions.hold_vraag_for_review(target)
    else:
        vragen_actions.hold_antwoord_for_review(target)


@transaction.atomic
def report_content(
    target: Vraag | Antwoord,
    *,
    by: User,
    reason: MeldingReason | str,
    explanation: str = "",
) -> Melding:
    """Report a published question or answer of someone else to the moderators.

    One melding per reporter per target: reporting again returns the existing melding and
    changes nothing. When the open meldingen on the target reach
    `ModerationSettings.report_threshold`, the target is held for review (a question goes
    back to in_review, an answer is held), so other professionals no longer see it.
    Raises PermissionDenied (own content, not verified, not published) and ValueError for
    an unknown reason. The explanation is stored on the melding, never in the audit log.
    """
    check_report_content(by, target)
    reason = MeldingReason(reason)
    target = _lock(target)  # concurrent reports of one target count one after another
    where = _target_filter(target)
    existing = Melding.objects.filter(reporter=by, **where).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            melding = Melding.objects.create(
                reporter=by, reason=reason, explanation=explanation.strip(), **where
            )
    except IntegrityError:  # the same person, twice at the same moment
        return Melding.objects.get(reporter=by, **where)
    log(
        instance=target,
        action="vraagbaak.melding.create",
        user=by,
        data={"melding_id": melding.pk, "reason": str(reason)},
    )
    threshold = ModerationSettings.load().report_threshold
    if threshold and Melding.objects.open().filter(**where).count() >= threshold:
        _hold_for_review(target)
    return melding


@transaction.atomic
def dismiss_meldingen(target: Vraag | Antwoord, *, by: User) -> int:
    """Mark all open meldingen on `target` as handled by moderator `by`.

    Returns how many were open. It does not change the target itself: content held by
    meldingen stays in the review queue until a moderator approves, redacts or rejects it.
    """
    check_dismiss_meldingen(by)
    target = _lock(target)
    count = (
        Melding.objects.open()
        .filter(**_target_filter(target))
        .update(handled_by=by, handled_at=timezone.now())
    )
    if count:
        log(
            instance=target,
            action="vraagbaak.melding.dismiss",
            user=by,
            data={"count": count},
        )
    return count


def send_oplossing_reminders(*, now: datetime | None = None) -> dict[str, int]:
    """SYSTEM: ask askers of answered, unsolved questions for the outcome (link only).

    `first_reminder_days` after the first answer the asker gets the first e-mail,
    `second_reminder_days` after it the second one (and at least the gap between the two
    after the first, so a job that was down does not send both at once). Each reminder is
    claimed with a conditional UPDATE in its own transaction and e-mailed after commit, so it
    goes out exactly once even when the job runs twice or on two machines at the same time.
    After the second reminder the question shows up in `Vraag.objects.waiting_for_oplossing()`.
    Returns {"first": n, "second": n}.
    """
    now = now or timezone.now()
    config = ModerationSettings.load()
    gap = timedelta(days=max(config.second_reminder_days - config.first_reminder_days, 0))
    due = Vraag.objects.filter(
        status=VraagStatus.OPEN, first_answer_at__isnull=False, author__isnull=False
    )
    first_due = due.filter(
        oplossing_reminders_sent=0,
        first_answer_at__lte=now - timedelta(days=config.first_reminder_days),
    )
    second_due = due.filter(
        oplossing_reminders_sent=1,
        first_answer_at__lte=now - timedelta(days=config.second_reminder_days),
        last_oplossing_reminder_at__lte=now - gap,
    )
    sent = {"first": 0, "second": 0}
    for number, key, queryset in ((1, "first", first_due), (2, "second", second_due)):
        for vraag_id in list(queryset.values_list("pk", flat=True)):
            if _claim_reminder(queryset, vraag_id, number=number, now=now):
                sent[key] += 1
    if sent["first"] or sent["second"]:
        logger.info("Oplossing reminders: %(first)d first, %(second)d second", sent)
    return sent


@transaction.atomic
def _claim_reminder(queryset, vraag_id: int, *, number: int, now: datetime) -> bool:
    """Helper for send_oplossing_reminders, do not call directly.

    Bumps the reminder counter only if the row still matches `queryset` (status open,
    counter unchanged); the e-mail is queued after commit only by the one that won.
    """
    claimed = queryset.filter(pk=vraag_id).update(
        oplossing_reminders_sent=number, last_oplossing_reminder_at=now
    )
    if not claimed:
        return False
    from vraagbaak.moderatie.tasks import send_oplossing_reminder

    transaction.on_commit(
        partial(send_oplossing_reminder.enqueue, vraag_id=vraag_id, number=number)
    )
    return True


@transaction.atomic
def request_oplossing(vraag: Vraag, *, by: User) -> Vraag:
    """Moderator `by` asks the asker of an open question, personally, for the solution.

    Sets `oplossing_requested_at`, logs "vraagbaak.vraag.request_oplossing" and e-mails the
    asker after commit (link only, signed with the moderator's display name). A second
    request within OPLOSSING_REQUEST_COOLDOWN (a double click, or two moderators at once)
    changes nothing and sends nothing. Raises PermissionDenied when the question is not open.
    """
    check_request_oplossing(by, vraag)
    vraag = Vraag.objects.select_for_update().get(pk=vraag.pk)
    check_request_oplossing(by, vraag)  # it may have been solved while we waited
    now = timezone.now()
    if vraag.oplossing_requested_at and now - vraag.oplossing_requested_at < (
        OPLOSSING_REQUEST_COOLDOWN
    ):
        return vraag
    vraag.oplossing_requested_at = now
    vraag.save(update_fields=["oplossing_requested_at"])
    log(instance=vraag, action="vraagbaak.vraag.request_oplossing", user=by)

    from vraagbaak.moderatie.tasks import send_oplossing_request

    transaction.on_commit(
        partial(send_oplossing_request.enqueue, vraag_id=vraag.pk, moderator_id=by.pk)
    )
    return vraag
