"""Every write to rooms, sessions and sign-ups of the zorgoverleg (STYLE.md B2).

Person actions take `by=`, call their own `check_*` first, run in one transaction, lock the
row they change (the session row for sign-ups, so the cap on inbrengers holds when two people
sign up at once), re-check the state on the locked row, write an audit-log entry (never with
case text) and send e-mails only after commit. `plan_sessions` is the system action of the
scheduled job and has no `by`.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from vraagbaak.anonymity import check_text
from vraagbaak.vragen.models import ModerationSettings
from vraagbaak.zorgoverleg import alarm, notices
from vraagbaak.zorgoverleg.models import (
    HulpvraagStatus,
    Room,
    Session,
    SessionStatus,
    Signup,
    SignupRole,
    ZorgoverlegSettings,
)
from vraagbaak.zorgoverleg.permissions import (
    check_cancel_signup,
    check_change_session,
    check_review_hulpvraag,
    check_sign_up,
)
from vraagbaak.zorgoverleg.schedule import HolidayPolicy, PlannedSession, upcoming_sessions

if TYPE_CHECKING:
    from vraagbaak.accounts.models import User

HULPVRAAG_MIN = 20
HULPVRAAG_MAX = 1500
REASON_MAX = 200


class ZorgoverlegError(Exception):
    """A sign-up or change that cannot happen now; `message` is Dutch, for the page."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


class SessionFull(ZorgoverlegError):
    """The room has its maximum number of inbrengers for this session."""

    def __init__(self):
        super().__init__(_("Deze kamer zit vol met inbrengers. Je kunt nog wel meeluisteren."))


# --- planning (system action) -------------------------------------------------------------


def plan_sessions(now: datetime | None = None) -> dict:
    """Create the sessions of every active room for the coming `months_ahead` months.

    System action for the scheduled job; idempotent (one session per room and original date,
    the database enforces it). Sessions that have started, and sessions a moderator moved or
    cancelled, are never touched. Future sessions the job made itself follow the current
    settings: a new time or duration moves them (sequence + 1), and sessions that no longer
    fit the rule (or now fall on a skipped holiday) are cancelled with a neutral reason.
    Signed-up participants of a changed session get an e-mail after commit. Returns counts.
    """
    now = now or timezone.now()
    config = ZorgoverlegSettings.load()
    until = now + relativedelta(months=config.months_ahead)
    summary = {"rooms": 0, "created": 0, "updated": 0, "cancelled": 0}
    for room in Room.objects.active():
        counts = _plan_room(room, config, now=now, until=until)
        summary["rooms"] += 1
        for key, value in counts.items():
            summary[key] += value
    return summary


@transaction.atomic
def _plan_room(room: Room, config: ZorgoverlegSettings, *, now: datetime, until: datetime) -> dict:
    """Helper for plan_sessions, do not call directly: plan one room in one transaction."""
    existing = {
        s.original_date: s
        for s in Session.objects.select_for_update().filter(room=room, starts_at__gt=now)
    }
    # Look as far ahead as the furthest existing session, so a session beyond a shortened
    # horizon that still fits the rule is not cancelled.
    horizon = max([until, *(s.starts_at for s in existing.values())])
    planned = {
        p.original_date: p
        for p in upcoming_sessions(
            config.rule,
            after=now,
            until=horizon,
            duration=config.duration,
            policy=HolidayPolicy(config.holiday_policy),
        )
    }
    counts = {"created": 0, "updated": 0, "cancelled": 0}
    for original_date, session in existing.items():
        if session.changed_by_moderator:
            continue
        plan = planned.get(original_date)
        if plan is None:
            counts["cancelled"] += _cancel_by_schedule(session)
        else:
            counts["updated"] += _follow_plan(session, plan)
    for original_date, plan in planned.items():
        if original_date in existing or plan.starts_at > until:
            continue
        session, created = Session.objects.get_or_create(
            room=room,
            original_date=original_date,
            defaults={
                "starts_at": plan.starts_at,
                "ends_at": plan.ends_at,
                "moved_reason": plan.moved_reason or "",
            },
        )
        if created:
            log(instance=session, action="vraagbaak.zorgoverleg.session.plan")
            counts["created"] += 1
    return counts


def _cancel_by_schedule(session: Session) -> int:
    """Helper for _plan_room: the rule no longer gives this date. Returns 1 if cancelled."""
    if session.is_cancelled:
        return 0
    session.status = SessionStatus.CANCELLED
    session.cancel_reason = _("Het rooster van het zorgoverleg is veranderd.")
    session.sequence += 1
    session.save(update_fields=["status", "cancel_reason", "sequence"])
    log(instance=session, action="vraagbaak.zorgoverleg.session.unplan")
    _notify_participants(session, notices.CANCELLED)
    return 1


def _follow_plan(session: Session, plan: PlannedSession) -> int:
    """Helper for _plan_room: bring a job-made session in line with the plan; 1 if changed."""
    moved_reason = plan.moved_reason or ""
    unchanged = (
        not session.is_cancelled
        and session.starts_at == plan.starts_at
        and session.ends_at == plan.ends_at
        and session.moved_reason == moved_reason
    )
    if unchanged:
        return 0
    time_changed = session.starts_at != plan.starts_at or session.ends_at != plan.ends_at
    session.starts_at, session.ends_at, session.moved_reason = (
        plan.starts_at,
        plan.ends_at,
        moved_reason,
    )
    session.status, session.cancel_reason = SessionStatus.PLANNED, ""
    session.sequence += 1
    session.save(
        update_fields=[
            "starts_at",
            "ends_at",
            "moved_reason",
            "status",
            "cancel_reason",
            "sequence",
        ]
    )
    log(instance=session, action="vraagbaak.zorgoverleg.session.replan")
    if time_changed:
        alarm.reset_reminders_after_move(session)
        _notify_participants(session, notices.MOVED)
    return 1


def _notify_participants(session: Session, change: str) -> None:
    """Helper: after commit, tell the signed-up participants that `session` changed."""
    if session.signups.active().exists():
        transaction.on_commit(
            partial(notices.notify_session_changed.enqueue, session_id=session.pk, change=change)
        )


# --- moderators: one session --------------------------------------------------------------


def _lock_session(session: Session) -> Session:
    """Helper: lock the session row and copy its current values onto `session`."""
    fresh = Session.objects.select_for_update().get(pk=session.pk)
    for field in Session._meta.concrete_fields:
        setattr(session, field.attname, getattr(fresh, field.attname))
    return session


def _clean_reason(reason: str, *, required: bool, field: str = "reason") -> str:
    reason = " ".join((reason or "").split())
    if required and not reason:
        raise ValidationError({field: _("Schrijf kort waarom.")})
    if len(reason) > REASON_MAX:
        raise ValidationError({field: _("Gebruik maximaal %(n)d tekens.") % {"n": REASON_MAX}})
    return reason


@transaction.atomic
def cancel_session(session: Session, *, by: User, reason: str) -> Session:
    """Cancel one session (room moderators). Participants get an e-mail after commit.

    The reason is shown on the site to participants; it must not contain case text and is
    not copied into the e-mail or the audit log. The scheduled job leaves the session alone
    from now on. Raises ZorgoverlegError when it is already cancelled or has ended.
    """
    check_change_session(by, session)
    reason = _clean_reason(reason, required=True)
    _lock_session(session)
    if session.is_cancelled:
        raise ZorgoverlegError(_("Deze bijeenkomst was al afgezegd."))
    if session.has_ended():
        raise ZorgoverlegError(_("Deze bijeenkomst is al voorbij."))
    session.status, session.cancel_reason = SessionStatus.CANCELLED, reason
    session.changed_by_moderator = True
    session.sequence += 1
    session.save(update_fields=["status", "cancel_reason", "changed_by_moderator", "sequence"])
    log(instance=session, action="vraagbaak.zorgoverleg.session.cancel", user=by)
    _notify_participants(session, notices.CANCELLED)
    return session


@transaction.atomic
def move_session(session: Session, *, by: User, starts_at: datetime, reason: str = "") -> Session:
    """Move one session to a new start (room moderators); it keeps its length.

    A cancelled session that is moved takes place again. Bumps `sequence` so calendars
    update; participants get an e-mail after commit. The job leaves it alone from now on.
    Raises ValidationError for a start in the past and ZorgoverlegError for an ended session.
    """
    check_change_session(by, session)
    reason = _clean_reason(reason, required=False)
    if starts_at.tzinfo is None:
        starts_at = timezone.make_aware(starts_at)
    if starts_at <= timezone.now():
        raise ValidationError({"starts_at": _("Kies een moment in de toekomst.")})
    _lock_session(session)
    if session.has_ended():
        raise ZorgoverlegError(_("Deze bijeenkomst is al voorbij."))
    duration = session.duration
    session.starts_at, session.ends_at = starts_at, starts_at + duration
    session.moved_reason = reason
    session.status, session.cancel_reason = SessionStatus.PLANNED, ""
    session.changed_by_moderator = True
    session.sequence += 1
    session.save(
        update_fields=[
            "starts_at",
            "ends_at",
            "moved_reason",
            "status",
            "cancel_reason",
            "changed_by_moderator",
            "sequence",
        ]
    )
    log(instance=session, action="vraagbaak.zorgoverleg.session.move", user=by)
    alarm.reset_reminders_after_move(session)
    _notify_participants(session, notices.MOVED)
    return session


# --- professionals: signing up --------------------------------------------------------------


def _clean_hulpvraag(text: str) -> str:
    """Helper for sign_up: the hulpvraag of an inbrenger, or ValidationError."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"hulpvraag": _("Schrijf je hulpvraag op.")})
    if len(text) < HULPVRAAG_MIN:
        raise ValidationError(
            {
                "hulpvraag": _(
                    "Je hulpvraag is te kort. Schrijf minstens %(n)d tekens, zodat de "
                    "moderator weet waar het over gaat."
                )
                % {"n": HULPVRAAG_MIN}
            }
        )
    if len(text) > HULPVRAAG_MAX:
        raise ValidationError(
            {
                "hulpvraag": _("Je hulpvraag is te lang. Gebruik maximaal %(n)d tekens.")
                % {"n": HULPVRAAG_MAX}
            }
        )
    return text


def _ensure_open(session: Session) -> None:
    """Helper: sign-ups only for planned sessions that have not started (locked row)."""
    if session.is_cancelled:
        raise ZorgoverlegError(_("Deze bijeenkomst gaat niet door. Aanmelden kan niet meer."))
    if session.has_started():
        raise ZorgoverlegError(_("Deze bijeenkomst is al begonnen. Aanmelden kan niet meer."))


@transaction.atomic
def sign_up(session: Session, *, by: User, role: str, hulpvraag: str = "") -> Signup:
    """Sign up for a session as inbrenger (with a hulpvraag) or meeluisteraar.

    Signing up again changes the role or hulpvraag of the existing sign-up, and reactivates
    it after a cancellation. The hulpvraag goes through the anonymity check; with findings,
    or under pre-moderation, it waits for the room's moderator (in_review), else it is on
    the agenda (approved). The session row is locked, so the cap of `max_inbrengers`
    (inbrengers whose hulpvraag was not rejected) holds under concurrency: SessionFull.
    Raises ValidationError for a bad role or hulpvraag and ZorgoverlegError when the session
    is cancelled or has started. Nobody gets an e-mail.
    """
    check_sign_up(by, session)
    if role not in SignupRole.values:
        raise ValidationError({"role": _("Kies hoe je meedoet.")})
    is_inbrenger = role == SignupRole.INBRENGER
    hulpvraag = _clean_hulpvraag(hulpvraag) if is_inbrenger else ""
    _lock_session(session)
    _ensure_open(session)
    signup = Signup.objects.filter(session=session, user=by).first() or Signup(
        session=session, user=by
    )
    had_place = (
        signup.pk is not None
        and signup.is_active
        and signup.is_inbrenger
        and signup.hulpvraag_status != HulpvraagStatus.REJECTED
    )
    if is_inbrenger and not had_place:
        taken = session.signups.taking_places().count()
        if taken >= ZorgoverlegSettings.load().max_inbrengers:
            raise SessionFull()
    was_active = signup.pk is not None and signup.is_active
    _fill_signup(signup, session, role=role, hulpvraag=hulpvraag, keep_place=had_place)
    signup.save()
    action = "vraagbaak.zorgoverleg.signup.change" if was_active else "vraagbaak.zorgoverleg.signup"
    log(instance=signup, action=action, user=by, data={"role": role})
    return signup


def _fill_signup(
    signup: Signup, session: Session, *, role: str, hulpvraag: str, keep_place: bool
) -> None:
    """Helper for sign_up: set role, hulpvraag, its check and review state, and the place."""
    signup.role, signup.cancelled_at = role, None
    if role != SignupRole.INBRENGER:
        signup.hulpvraag, signup.hulpvraag_findings = "", []
        signup.hulpvraag_status = HulpvraagStatus.NONE
        signup.reviewed_by = signup.reviewed_at = None
        signup.review_reason = ""
        return
    if keep_place and hulpvraag == signup.hulpvraag and signup.hulpvraag_status:
        return  # same text: the moderator's decision stands
    findings = [{"start": f.start, "end": f.end, "label": f.label} for f in check_text(hulpvraag)]
    signup.hulpvraag, signup.hulpvraag_findings = hulpvraag, findings
    waits = bool(findings) or ModerationSettings.load().premoderation
    signup.hulpvraag_status = HulpvraagStatus.IN_REVIEW if waits else HulpvraagStatus.APPROVED
    signup.reviewed_by = signup.reviewed_at = None
    signup.review_reason = ""
    if not keep_place:
        last = session.signups.aggregate(last=Max("position"))["last"]
        signup.position = 0 if last is None else last + 1


@transaction.atomic
def cancel_signup(signup: Signup, *, by: User) -> Signup:
    """Cancel one's own sign-up (until the session ends). Frees an inbrenger's place.

    Raises ZorgoverlegError when it was already cancelled or the session has ended.
    """
    check_cancel_signup(by, signup)
    _lock_session(signup.session)
    signup.refresh_from_db()
    if not signup.is_active:
        raise ZorgoverlegError(_("Je had je al afgemeld."))
    if signup.session.has_ended():
        raise ZorgoverlegError(_("Deze bijeenkomst is al voorbij."))
    signup.cancelled_at = timezone.now()
    signup.save(update_fields=["cancelled_at"])
    log(instance=signup, action="vraagbaak.zorgoverleg.signup.cancel", user=by)
    return signup


# --- moderators: the agenda -----------------------------------------------------------------


def _lock_hulpvraag(signup: Signup) -> Signup:
    """Helper: lock the session, reload the sign-up; it must be an active inbrenger."""
    _lock_session(signup.session)
    signup.refresh_from_db()
    if not (signup.is_active and signup.is_inbrenger):
        raise ZorgoverlegError(_("Deze aanmelding heeft geen hulpvraag meer."))
    return signup


@transaction.atomic
def approve_hulpvraag(signup: Signup, *, by: User) -> Signup:
    """Put a hulpvraag on the agenda (room moderators). Also after an earlier rejection,
    if there is still a place (SessionFull otherwise)."""
    check_review_hulpvraag(by, signup)
    _lock_hulpvraag(signup)
    if signup.hulpvraag_status == HulpvraagStatus.APPROVED:
        raise ZorgoverlegError(_("Deze hulpvraag staat al op de agenda."))
    if signup.hulpvraag_status == HulpvraagStatus.REJECTED:
        taken = signup.session.signups.taking_places().count()
        if taken >= ZorgoverlegSettings.load().max_inbrengers:
            raise SessionFull()
    signup.hulpvraag_status = HulpvraagStatus.APPROVED
    signup.reviewed_by, signup.reviewed_at, signup.review_reason = by, timezone.now(), ""
    signup.save(update_fields=["hulpvraag_status", "reviewed_by", "reviewed_at", "review_reason"])
    log(instance=signup, action="vraagbaak.zorgoverleg.hulpvraag.approve", user=by)
    return signup


@transaction.atomic
def reject_hulpvraag(signup: Signup, *, by: User, reason: str) -> Signup:
    """Take a hulpvraag off the agenda (room moderators); its place becomes free.

    The reason is shown to the inbrenger on the session page only (not in the log).
    """
    check_review_hulpvraag(by, signup)
    reason = _clean_reason(reason, required=True)
    _lock_hulpvraag(signup)
    if signup.hulpvraag_status == HulpvraagStatus.REJECTED:
        raise ZorgoverlegError(_("Deze hulpvraag was al afgewezen."))
    signup.hulpvraag_status = HulpvraagStatus.REJECTED
    signup.reviewed_by, signup.reviewed_at, signup.review_reason = by, timezone.now(), reason
    signup.save(update_fields=["hulpvraag_status", "reviewed_by", "reviewed_at", "review_reason"])
    log(instance=signup, action="vraagbaak.zorgoverleg.hulpvraag.reject", user=by)
    return signup


@transaction.atomic
def move_hulpvraag(signup: Signup, *, by: User, direction: str) -> Signup:
    """Move a hulpvraag one place up or down on the agenda (room moderators).

    Renumbers the agenda 0..n-1 and swaps with the neighbour; at the top or bottom nothing
    changes. Raises ValueError for a direction other than "up" or "down".
    """
    check_review_hulpvraag(by, signup)
    if direction not in ("up", "down"):
        raise ValueError("direction must be 'up' or 'down'.")
    _lock_hulpvraag(signup)
    agenda = list(signup.session.signups.agenda())
    index = next((i for i, s in enumerate(agenda) if s.pk == signup.pk), None)
    if index is None:
        raise ZorgoverlegError(_("Deze hulpvraag staat niet op de agenda."))
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(agenda):
        agenda[index], agenda[other] = agenda[other], agenda[index]
    for position, item in enumerate(agenda):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])
    signup.position = next(s.position for s in agenda if s.pk == signup.pk)
    log(instance=signup, action="vraagbaak.zorgoverleg.hulpvraag.move", user=by)
    return signup


__all__ = [
    "HULPVRAAG_MAX",
    "HULPVRAAG_MIN",
    "SessionFull",
    "ZorgoverlegError",
    "approve_hulpvraag",
    "cancel_session",
    "cancel_signup",
    "move_hulpvraag",
    "move_session",
    "plan_sessions",
    "reject_hulpvraag",
    "sign_up",
]
