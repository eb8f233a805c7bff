"""The e-mails of the zorgoverleg alarm: plain text plus simple HTML, in Dutch.

They carry only the room's name, the date and time in Dutch and links (the session page;
the join link in the last reminder). Never case text: no hulpvraag, no verslag, no names of
other participants. The scheduled job (alarm.py) claims each e-mail first and calls these
functions; they re-check that the session is still on and return the number sent.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from vraagbaak.vragen.tasks import absolute_url
from vraagbaak.zorgoverleg.models import Session, Signup

logger = logging.getLogger(__name__)

ANNOUNCEMENT = "announcement"
REMINDER_DAY = "reminder_day"
REMINDER_SOON = "reminder_soon"


def _subject(kind: str, session: Session) -> str:
    """Helper: the subject line; only the room's name and the date."""
    subjects = {
        ANNOUNCEMENT: _("Zorgoverleg %(room)s op %(when)s: breng je vraag in"),
        REMINDER_DAY: _("Herinnering: zorgoverleg %(room)s op %(when)s"),
        REMINDER_SOON: _("Het zorgoverleg %(room)s begint zo"),
    }
    return f"[{settings.WAGTAIL_SITE_NAME}] " + subjects[kind] % {
        "room": session.room.name,
        "when": session_day_text(session),
    }


def session_day_text(session: Session) -> str:
    """The Dutch date and time of a session, "maandag 7 december 2026, 12:00–12:30"."""
    from vraagbaak.zorgoverleg.schedule import format_session

    return format_session(session.starts_at, session.ends_at)


def build_message(kind: str, session: Session, user, *, signup: Signup | None = None):
    """One e-mail of `kind` about `session` for `user`, as EmailMultiAlternatives.

    The context has only neutral facts and links; the join link only in the last reminder.
    No side effects.
    """
    with translation.override("nl"):
        context = {
            "kind": kind,
            "room_name": session.room.name,
            "when": session_day_text(session),
            "session_link": absolute_url(session.get_absolute_url()),
            "overview_link": absolute_url(reverse("zorgoverleg:overview")),
            "join_link": session.room.meeting_url if kind == REMINDER_SOON else "",
            "is_inbrenger": bool(signup and signup.is_inbrenger),
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        text = render_to_string(f"zorgoverleg/email/{kind}.txt", context)
        html = render_to_string(f"zorgoverleg/email/{kind}.html", context)
        message = EmailMultiAlternatives(_subject(kind, session), text, None, [user.email])
    message.attach_alternative(html, "text/html")
    return message


def _can_receive(user) -> bool:
    return bool(user.is_active and user.email and user.is_verified_professional)


def send_reminder(signup_id: int, kind: str, *, now=None) -> int:
    """E-mail reminder `kind` (REMINDER_DAY or REMINDER_SOON) for one sign-up.

    Sends nothing when the sign-up was cancelled, the session cancelled or started, or the
    account can no longer receive mail. Returns the number sent (0 or 1). Raises what the
    mail backend raises, so the caller can give the claim back.
    """
    from django.utils import timezone

    now = now or timezone.now()
    signup = (
        Signup.objects.select_related("session__room", "user__profile")
        .filter(pk=signup_id, cancelled_at__isnull=True)
        .first()
    )
    if signup is None:
        return 0
    session = signup.session
    if session.is_cancelled or session.starts_at <= now:
        return 0
    if not _can_receive(signup.user):
        return 0
    return mailers.default.send_messages([build_message(kind, session, signup.user, signup=signup)])


def send_announcement(session: Session, users) -> int:
    """E-mail the announcement of `session` to each of `users` (one e-mail each, no copies).

    Returns the number sent. Stops at the first mail error and re-raises it with the count
    sent so far in ``error.sent``.
    """
    sent = 0
    connection = mailers.default
    try:
        with connection:
            for user in users:
                if _can_receive(user):
                    sent += connection.send_messages([build_message(ANNOUNCEMENT, session, user)])
    except Exception as error:
        error.sent = sent
        raise
    logger.info("Sent %d zorgoverleg announcements for session %s", sent, session.pk)
    return sent
