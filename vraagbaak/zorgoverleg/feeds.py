"""The personal calendar feed of the zorgoverleg: actions and the iCalendar it serves.

The feed URL carries a secret token; whoever has the URL sees the sessions its owner signed
up for (room name, date and time, a link to the session page; never case text or the join
link). Renewing gives a new token at once, so the old URL answers 404 from then on.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from vraagbaak.vragen.tasks import absolute_url
from vraagbaak.zorgoverleg.calendar import build_calendar, session_to_ical_event
from vraagbaak.zorgoverleg.models import CalendarFeed, Session

if TYPE_CHECKING:
    from vraagbaak.accounts.models import User

# How far back the feed still lists sessions; older ones drop out of the calendar client.
FEED_HISTORY = timedelta(days=92)


def can_have_feed(user: User) -> bool:
    """Verified professionals may have a calendar feed."""
    return bool(user and user.is_authenticated and user.is_verified_professional)


def check_have_feed(user: User) -> None:
    if not can_have_feed(user):
        raise PermissionDenied(
            _("Alleen geverifieerde professionals kunnen een agenda-link maken.")
        )


@transaction.atomic
def renew_calendar_feed(*, by: User) -> CalendarFeed:
    """Give `by` a calendar feed with a new secret token (creating it the first time).

    Any earlier feed URL of `by` stops working at once. Logs the creation or renewal (no
    token in the log). Returns the feed.
    """
    check_have_feed(by)
    feed, created = CalendarFeed.objects.select_for_update().get_or_create(user=by)
    if not created:
        feed.token = CalendarFeed._meta.get_field("token").get_default()
        feed.save(update_fields=["token"])
    action = "vraagbaak.zorgoverleg.feed.create" if created else "vraagbaak.zorgoverleg.feed.renew"
    log(instance=feed, action=action, user=by)
    return feed


@transaction.atomic
def delete_calendar_feed(*, by: User) -> bool:
    """Stop the calendar feed of `by`: its URL answers 404 from now on. Returns whether
    there was one."""
    check_have_feed(by)
    feed = CalendarFeed.objects.filter(user=by).first()
    if feed is None:
        return False
    log(instance=feed, action="vraagbaak.zorgoverleg.feed.delete", user=by)
    feed.delete()
    return True


def feed_for_token(token: str) -> CalendarFeed | None:
    """The feed with this token whose owner is still an active, verified professional."""
    if not token or len(token) > 64:
        return None
    feed = CalendarFeed.objects.select_related("user__profile").filter(token=token).first()
    if feed is None or not feed.user.is_active or not feed.user.is_verified_professional:
        return None
    return feed


def session_event(session: Session, *, now=None):
    """The iCalendar event of one session: room name, time and the session page only."""
    return session_to_ical_event(
        session_id=session.pk,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        summary=_("Zorgoverleg: %(room)s") % {"room": session.room.name},
        url=absolute_url(session.get_absolute_url()),
        cancelled=session.is_cancelled,
        sequence=session.sequence,
        stamp=now or timezone.now(),
    )


def session_ics(session: Session) -> bytes:
    """An .ics file with one session."""
    return build_calendar(
        [session_event(session)], _("Zorgoverleg: %(room)s") % {"room": session.room.name}
    )


def feed_ics(feed: CalendarFeed, *, now=None) -> bytes:
    """The feed of `feed`'s owner: sessions with an active sign-up that ended less than
    FEED_HISTORY ago or are still to come; cancelled ones stay in with STATUS:CANCELLED."""
    now = now or timezone.now()
    sessions = (
        Session.objects.signed_up_by(feed.user)
        .filter(ends_at__gte=now - FEED_HISTORY)
        .select_related("room")
        .order_by("starts_at", "pk")
        .distinct()
    )
    events = [session_event(session, now=now) for session in sessions]
    return build_calendar(events, _("Zorgoverleg Vraagbaak"))
