"""iCalendar output for zorgoverleg sessions: built, then read back with icalendar."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine

from vraagbaak.zorgoverleg.calendar import build_calendar, session_to_ical_event
from vraagbaak.zorgoverleg.schedule import DEFAULT_RULE, upcoming_sessions

AMS = ZoneInfo("Europe/Amsterdam")
STAMP = datetime(2026, 11, 1, 9, tzinfo=UTC)


def event(session_id: int = 7, starts_at: datetime | None = None, **kwargs) -> icalendar.Event:
    starts_at = starts_at or datetime(2026, 12, 7, 11, tzinfo=UTC)  # UTC, as from the database
    kwargs.setdefault("summary", "Zorgoverleg: Financiële problemen")
    kwargs.setdefault("url", f"https://vraagbaak.example/zorgoverleg/sessies/{session_id}/")
    kwargs.setdefault("stamp", STAMP)
    return session_to_ical_event(
        session_id=session_id,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=30),
        **kwargs,
    )


def read_back(ics: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(ics)


def test_session_ics_round_trip():
    ics = build_calendar([event()], "Zorgoverleg")

    cal = read_back(ics)
    (ev,) = cal.events
    assert ev["UID"] == "zorgoverleg-7@vraagbaak"
    assert ev.start == datetime(2026, 12, 7, 12, tzinfo=AMS)
    assert ev.end == datetime(2026, 12, 7, 12, 30, tzinfo=AMS)
    assert ev["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert ev.DTSTAMP == STAMP
    assert ev["STATUS"] == "CONFIRMED"
    assert ev["SEQUENCE"] == 0
    assert ev["SUMMARY"] == "Zorgoverleg: Financiële problemen"
    assert ev["URL"] == "https://vraagbaak.example/zorgoverleg/sessies/7/"
    # Clients that ignore URL (Google) still show the link in the description.
    assert ev["DESCRIPTION"].endswith("\n\nhttps://vraagbaak.example/zorgoverleg/sessies/7/")
    assert [tz["TZID"] for tz in cal.timezones] == ["Europe/Amsterdam"]
    assert cal["METHOD"] == "PUBLISH"
    assert cal["X-WR-CALNAME"] == "Zorgoverleg"
    assert b"\r\nDTSTART;TZID=Europe/Amsterdam:20261207T120000\r\n" in ics


def test_cancelled_session_has_status_cancelled_and_higher_sequence():
    ics = build_calendar([event(cancelled=True, sequence=2)], "Zorgoverleg")

    (ev,) = read_back(ics).events
    assert ev["STATUS"] == "CANCELLED"
    assert ev["SEQUENCE"] == 2
    assert ev["UID"] == "zorgoverleg-7@vraagbaak"


def test_feed_keeps_noon_on_both_sides_of_the_dst_switch():
    sessions = upcoming_sessions(DEFAULT_RULE, after=datetime(2027, 2, 15, tzinfo=UTC), count=2)
    events = [
        event(session_id=i, starts_at=s.starts_at.astimezone(UTC))
        for i, s in enumerate(sessions, start=1)
    ]

    cal = read_back(build_calendar(events, "Mijn zorgoverleggen"))

    assert [ev.start for ev in cal.events] == [s.starts_at for s in sessions]
    assert [ev.start.hour for ev in cal.events] == [12, 12]
    assert [ev.start.utcoffset() for ev in cal.events] == [timedelta(hours=1), timedelta(hours=2)]
    assert [ev["UID"] for ev in cal.events] == [
        "zorgoverleg-1@vraagbaak",
        "zorgoverleg-2@vraagbaak",
    ]
    # The VTIMEZONE written into the file gives the same offsets as the zoneinfo database.
    (vtimezone,) = cal.timezones
    tz = vtimezone.to_tz()
    for ev in cal.events:
        naive = ev.start.replace(tzinfo=None)
        assert naive.replace(tzinfo=tz).utcoffset() == ev.start.utcoffset()


@time_machine.travel(datetime(2026, 11, 20, 8, 30, tzinfo=UTC), tick=False)
def test_dtstamp_defaults_to_now():
    ev = session_to_ical_event(
        session_id=1,
        starts_at=datetime(2026, 12, 7, 11, tzinfo=UTC),
        ends_at=datetime(2026, 12, 7, 11, 30, tzinfo=UTC),
        summary="Zorgoverleg",
        url="https://vraagbaak.example/zorgoverleg/sessies/1/",
    )

    assert ev.DTSTAMP == datetime(2026, 11, 20, 8, 30, tzinfo=UTC)


def test_empty_feed_is_still_a_valid_calendar():
    cal = read_back(build_calendar([], "Mijn zorgoverleggen"))

    assert cal.events == []
    assert [tz["TZID"] for tz in cal.timezones] == ["Europe/Amsterdam"]
    assert cal["VERSION"] == "2.0"
    assert cal["PRODID"] == "-//GKS Vraagbaak//Zorgoverleg//NL"


def test_naive_times_are_refused():
    with pytest.raises(ValueError):
        session_to_ical_event(
            session_id=1,
            starts_at=datetime(2026, 12, 7, 12),
            ends_at=datetime(2026, 12, 7, 12, 30),
            summary="Zorgoverleg",
            url="https://vraagbaak.example/",
        )
