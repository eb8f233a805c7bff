"""iCalendar (.ics) output for zorgoverleg sessions: pure functions, no database.

One builder serves both the .ics per session and the personal feed. Times are written as
``DTSTART;TZID=Europe/Amsterdam`` with a matching VTIMEZONE, so clients keep 12:00 across the
daylight saving switch. Privacy: events never carry case text (no hulpvragen, no names), and
``URL`` points at the session's page on Vraagbaak, not at the video call, because a feed URL
can leak; the page shows the join link to signed-in professionals at the right time.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.utils.translation import gettext

from vraagbaak.zorgoverleg.schedule import AMSTERDAM

PRODID = "-//GKS Vraagbaak//Zorgoverleg//NL"
DEFAULT_REFRESH_INTERVAL = timedelta(hours=1)


def session_uid(session_id: int) -> str:
    """The iCalendar UID of a session: stable, so clients update instead of duplicating."""
    return f"zorgoverleg-{session_id}@vraagbaak"


def session_to_ical_event(
    *,
    session_id: int,
    starts_at: datetime,
    ends_at: datetime,
    summary: str,
    url: str,
    description: str | None = None,
    cancelled: bool = False,
    sequence: int = 0,
    stamp: datetime | None = None,
    tz: ZoneInfo = AMSTERDAM,
) -> icalendar.Event:
    """A VEVENT for one session.

    ``starts_at``/``ends_at`` must be aware (e.g. UTC from the database); they are written in
    ``tz``. ``url`` must be absolute. The description ends with the URL because some clients
    (Google Calendar) do not show the URL property. ``sequence`` must go up on every change a
    participant should notice (moved, cancelled), so clients replace their copy; the session
    model should keep that counter. A cancelled session stays in the feed with
    ``STATUS:CANCELLED`` so clients remove or strike it. ``stamp`` (DTSTAMP) defaults to now.
    Pass neutral text only: no case text in summary or description. No side effects.
    """
    for name, value in (("starts_at", starts_at), ("ends_at", ends_at)):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"{name} must be an aware datetime.")
    if description is None:
        description = gettext(
            "Zorgoverleg op GKS Vraagbaak. Op de pagina van het overleg vind je de link om "
            "mee te doen."
        )
    event = icalendar.Event()
    event.add("uid", session_uid(session_id))
    event.add("dtstamp", (stamp or datetime.now(UTC)).astimezone(UTC))
    event.add("dtstart", starts_at.astimezone(tz))
    event.add("dtend", ends_at.astimezone(tz))
    event.add("summary", summary)
    event.add("description", f"{description}\n\n{url}")
    event.add("url", url)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("sequence", sequence)
    event.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    return event


def build_calendar(
    events: Iterable[icalendar.Event],
    name: str,
    *,
    refresh_interval: timedelta = DEFAULT_REFRESH_INTERVAL,
    tz: ZoneInfo = AMSTERDAM,
) -> bytes:
    """An iCalendar file (METHOD:PUBLISH) with ``events``, named ``name``, as bytes.

    Adds a VTIMEZONE for every TZID the events use, covering exactly the dates of the events
    (icalendar's default covers only 1970-2038); an empty calendar (a feed with no sign-ups
    yet) gets the VTIMEZONE of ``tz`` so it still has a component, as RFC 5545 requires.
    ``refresh_interval`` tells feed subscribers how often to poll (REFRESH-INTERVAL and the
    older X-PUBLISHED-TTL). Serve it with ``Content-Type: text/calendar; charset=utf-8``.
    No side effects.
    """
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    cal.add("refresh-interval", refresh_interval, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", icalendar.vDuration(refresh_interval))

    events = list(events)
    for event in events:
        cal.add_component(event)
    if events:
        first = min(event.DTSTART for event in events).date()
        last = max(event.DTEND for event in events).date() + timedelta(days=1)
        cal.add_missing_timezones(first_date=first, last_date=last)
    else:
        # RFC 5545 wants at least one component; an empty feed gets this year's time zone.
        this_year = datetime.now(tz).year
        cal.add_component(
            icalendar.Timezone.from_tzinfo(
                tz, first_date=date(this_year, 1, 1), last_date=date(this_year + 1, 1, 1)
            )
        )
    return cal.to_ical()
