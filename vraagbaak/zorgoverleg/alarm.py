"""The zorgoverleg "alarm": announcements and reminders by e-mail (BRIEF §2.6, issue 5).

`send_zorgoverleg_mails()` is a system action for `manage.py run_scheduled_jobs` (every 15
minutes). Three kinds of e-mail, each at most once:

* the **announcement**, `announcement_days_before` days before a planned session (same wall
  clock time), to verified professionals whose expertise matches one of the room's risk
  factors: a call to bring in a hulpvraag or to listen in. Claimed once per session on
  `Session.announcement_sent_at`.
* the **first reminder**, at `reminder_time` on the `reminder_working_days_before`-th working
  day before the session (Dutch public holidays are not working days: the Friday before a
  Monday, the Thursday before a Tuesday after Easter Monday). Claimed per sign-up on
  `Signup.reminder_day_sent_at`.
* the **second reminder**, `reminder_minutes_before` minutes before the start, with the join
  link. Claimed per sign-up on `Signup.reminder_soon_sent_at`.

Rules: a job that was down still sends what is due as long as the session has not started,
never after. When the second reminder is already due, the first one is no longer sent (one
e-mail, not two at once). A reminder is not sent to a sign-up made after its moment (they
just signed up on the page). Cancelled sessions and cancelled sign-ups get nothing.

Exactly once: each e-mail is claimed with a conditional UPDATE on the row's own column
(`... WHERE id = %s AND reminder_day_sent_at IS NULL`). On PostgreSQL under READ COMMITTED a
second, overlapping run blocks on the row lock and then re-checks the condition on the new
row version, so it updates nothing and sends nothing. The mail goes out after the claim has
committed; if the mail server refuses, the claim is given back so the next run tries again.
"""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from vraagbaak.zorgoverleg import tasks
from vraagbaak.zorgoverleg.models import Session, SessionStatus, Signup, ZorgoverlegSettings
from vraagbaak.zorgoverleg.schedule import AMSTERDAM, is_working_day

logger = logging.getLogger(__name__)

# Sessions further ahead than this have nothing due yet, whatever the settings.
_EXTRA_HORIZON = timedelta(days=21)


# --- when -----------------------------------------------------------------------------------


def _reminder_time(config: ZorgoverlegSettings) -> time:
    value = config.reminder_time
    # A settings row created in this process still holds the field default, a string.
    return time.fromisoformat(value) if isinstance(value, str) else value


def announcement_due_at(starts_at: datetime, config: ZorgoverlegSettings) -> datetime | None:
    """When the announcement of a session starting at `starts_at` is due (same wall clock
    time, `announcement_days_before` days earlier), or None when switched off (0)."""
    days = config.announcement_days_before
    if not days:
        return None
    local = starts_at.astimezone(AMSTERDAM)
    return datetime.combine(local.date() - timedelta(days=days), local.time(), tzinfo=AMSTERDAM)


def working_day_before(day, n: int):
    """The `n`-th working day before `day` (n >= 1), skipping weekends and Dutch holidays."""
    counted = 0
    while counted < n:
        day -= timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def reminder_day_due_at(starts_at: datetime, config: ZorgoverlegSettings) -> datetime | None:
    """When the first reminder is due: `reminder_time` on the `reminder_working_days_before`-th
    working day before the session, Amsterdam time; None when switched off (0)."""
    n = config.reminder_working_days_before
    if not n:
        return None
    day = working_day_before(starts_at.astimezone(AMSTERDAM).date(), n)
    return datetime.combine(day, _reminder_time(config), tzinfo=AMSTERDAM)


def reminder_soon_due_at(starts_at: datetime, config: ZorgoverlegSettings) -> datetime | None:
    """When the second reminder (with the join link) is due, or None when switched off (0)."""
    minutes = config.reminder_minutes_before
    return starts_at - timedelta(minutes=minutes) if minutes else None


# --- the job --------------------------------------------------------------------------------


def send_zorgoverleg_mails(now: datetime | None = None) -> dict[str, int]:
    """SYSTEM: send the announcements and reminders that are due at `now` (default: now).

    Idempotent: run it as often as you like, also twice at the same time; every e-mail goes
    out once. Returns {"announcements": n, "reminders_day": n, "reminders_soon": n} with the
    number of e-mails sent in this run.
    """
    now = now or timezone.now()
    config = ZorgoverlegSettings.load()
    horizon = timedelta(
        days=config.announcement_days_before + 2 * config.reminder_working_days_before,
        minutes=config.reminder_minutes_before,
    )
    sessions = (
        Session.objects.planned()
        .filter(starts_at__gt=now, starts_at__lte=now + horizon + _EXTRA_HORIZON)
        .select_related("room")
        .order_by("starts_at", "pk")
    )
    summary = {"announcements": 0, "reminders_day": 0, "reminders_soon": 0}
    for session in sessions:
        announce_at = announcement_due_at(session.starts_at, config)
        if announce_at and announce_at <= now and session.announcement_sent_at is None:
            summary["announcements"] += _announce(session, now)
        soon_at = reminder_soon_due_at(session.starts_at, config)
        day_at = reminder_day_due_at(session.starts_at, config)
        if day_at and day_at <= now and (soon_at is None or now < soon_at):
            summary["reminders_day"] += _remind(session, day_at, now, tasks.REMINDER_DAY)
        if soon_at and soon_at <= now:
            summary["reminders_soon"] += _remind(session, soon_at, now, tasks.REMINDER_SOON)
    if any(summary.values()):
        logger.info(
            "Zorgoverleg mails: %(announcements)d announcements, %(reminders_day)d first "
            "reminders, %(reminders_soon)d second reminders",
            summary,
        )
    return summary


_SENT_FIELD = {
    tasks.REMINDER_DAY: "reminder_day_sent_at",
    tasks.REMINDER_SOON: "reminder_soon_sent_at",
}


def _remind(session: Session, due_at: datetime, now: datetime, kind: str) -> int:
    """Helper for send_zorgoverleg_mails, do not call directly: claim and send reminder
    `kind` for every active sign-up of `session` made before `due_at`."""
    field = _SENT_FIELD[kind]
    pending = session.signups.filter(
        cancelled_at__isnull=True, created_at__lt=due_at, **{f"{field}__isnull": True}
    )
    sent = 0
    for signup_id in list(pending.values_list("pk", flat=True)):
        if not _claim(Signup, signup_id, field, now, extra=Q(cancelled_at__isnull=True)):
            continue
        try:
            sent += tasks.send_reminder(signup_id, kind, now=now)
        except Exception:
            # Mail is down: give the claim back, the next run tries again. No case text here.
            _unclaim(Signup, signup_id, field, now)
            logger.exception("Zorgoverleg %s for signup %s not sent", kind, signup_id)
    return sent


def _announce(session: Session, now: datetime) -> int:
    """Helper for send_zorgoverleg_mails, do not call directly: claim and send the
    announcement of `session` to the professionals whose expertise matches the room."""
    if not _claim(
        Session, session.pk, "announcement_sent_at", now, extra=Q(status=SessionStatus.PLANNED)
    ):
        return 0
    try:
        return tasks.send_announcement(session, announcement_recipients(session))
    except Exception as error:
        if not getattr(error, "sent", 0):
            _unclaim(Session, session.pk, "announcement_sent_at", now)
        logger.exception("Zorgoverleg announcement for session %s stopped", session.pk)
        return getattr(error, "sent", 0)


def announcement_recipients(session: Session):
    """The accounts that get the announcement of `session`: active, verified professionals
    whose expertise includes one of the room's risk factors, except the room's moderators
    and those already signed up. Ordered by id."""
    from django.contrib.auth import get_user_model

    room = session.room
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            profile__verification="verified",
            profile__expertise__in=room.risicofactoren.all(),
        )
        .exclude(pk__in=room.moderators.values("pk"))
        .exclude(pk__in=session.signups.filter(cancelled_at__isnull=True).values("user_id"))
        .select_related("profile")
        .distinct()
        .order_by("pk")
    )


def _claim(model, pk: int, field: str, now: datetime, *, extra: Q) -> bool:
    """Helper: set `field` to `now` on one row if it is still empty. Only the row's own
    columns in the WHERE clause, so PostgreSQL re-checks them after a concurrent update."""
    with transaction.atomic():
        return bool(
            model.objects.filter(extra, pk=pk, **{f"{field}__isnull": True}).update(**{field: now})
        )


def _unclaim(model, pk: int, field: str, now: datetime) -> None:
    """Helper: give a claim back (only our own: the value we set)."""
    model.objects.filter(pk=pk, **{field: now}).update(**{field: None})


# --- moves ----------------------------------------------------------------------------------


def reset_reminders_after_move(session: Session) -> int:
    """Make the reminders of a moved session go out again for its new date and time.

    Call it from the action that moves a session, inside its transaction. Clears both
    reminder claims of the session's active sign-ups; the job then sends each reminder
    whose new moment has come (and is before the new start), following the usual rules.
    The announcement is not sent again. Returns the number of sign-ups reset.
    """
    return session.signups.filter(cancelled_at__isnull=True).update(
        reminder_day_sent_at=None, reminder_soon_sent_at=None
    )
