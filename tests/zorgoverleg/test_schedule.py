"""The zorgoverleg schedule: pure functions, no database."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from vraagbaak.zorgoverleg.schedule import (
    DEFAULT_RULE,
    HolidayPolicy,
    InvalidRule,
    format_rule,
    format_session,
    holiday_name,
    parse_rule,
    upcoming_sessions,
    validate_rule,
)

AMS = ZoneInfo("Europe/Amsterdam")


def ams(*args: int) -> datetime:
    return datetime(*args, tzinfo=AMS)


def starts(sessions) -> list[datetime]:
    return [s.starts_at for s in sessions]


def custom_rule(dtstart: str, rrule: str) -> str:
    return f"DTSTART;TZID=Europe/Amsterdam:{dtstart}\nRRULE:{rrule}"


# --- the rule -------------------------------------------------------------------------------


def test_default_rule_next_three_after_2026_11_23():
    sessions = upcoming_sessions(DEFAULT_RULE, after=ams(2026, 11, 23), count=3)

    assert starts(sessions) == [ams(2026, 12, 7, 12), ams(2027, 1, 4, 12), ams(2027, 2, 1, 12)]
    assert [s.ends_at for s in sessions] == [
        ams(2026, 12, 7, 12, 30),
        ams(2027, 1, 4, 12, 30),
        ams(2027, 2, 1, 12, 30),
    ]
    assert all(s.moved_reason is None for s in sessions)
    assert [s.original_date for s in sessions] == [s.starts_at.date() for s in sessions]


def test_parse_rule_keeps_the_amsterdam_time_zone():
    rule = parse_rule(DEFAULT_RULE)

    first = rule.after(datetime(2026, 6, 2, tzinfo=UTC))
    assert first == ams(2026, 7, 6, 12)
    assert first.tzinfo == AMS


def test_format_rule_round_trips_with_tzid_unlike_str():
    rule = parse_rule(DEFAULT_RULE)

    text = format_rule(rule)

    assert text.startswith("DTSTART;TZID=Europe/Amsterdam:20260105T120000\n")
    assert "TZID" not in str(rule)  # the dateutil pitfall format_rule exists for
    assert list(parse_rule(text)[:12]) == list(rule[:12])


def test_format_rule_writes_until_in_utc():
    text = custom_rule("20260105T120000", "FREQ=MONTHLY;BYDAY=1MO;UNTIL=20260601T000000Z")

    again = parse_rule(format_rule(parse_rule(text)))

    assert "UNTIL=20260601T000000Z" in format_rule(again)
    assert list(again)[-1] == ams(2026, 5, 4, 12)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "DTSTART"),
        ("RRULE:FREQ=MONTHLY;BYDAY=1MO", "DTSTART"),
        ("DTSTART;TZID=Europe/Amsterdam:20260105T120000", "RRULE"),
        (custom_rule("20260105T120000", "FREQ=MONTHY;BYDAY=1MO"), "klopt niet"),
        (custom_rule("20260105T120000", "FREQ=MONTHLY;BYDAY=9MO"), "klopt niet"),
        (custom_rule("2026015T120000", "FREQ=MONTHLY;BYDAY=1MO"), "klopt niet"),
        (custom_rule("20260105T120000", "FREQ=HOURLY"), "per dag, week, maand of jaar"),
        (custom_rule("20260105T120000", "FREQ=YEARLY;BYMONTH=13"), "geen enkele datum"),
        (
            "DTSTART;TZID=Europe/Amstelveen:20260105T120000\nRRULE:FREQ=MONTHLY;BYDAY=1MO",
            "Europe/Amstelveen bestaat niet",
        ),
        ("DTSTART:20260105T120000\nRRULE:FREQ=MONTHLY;BYDAY=1MO", "tijdzone"),
        ("DTSTART:20260105T110000Z\nRRULE:FREQ=MONTHLY;BYDAY=1MO", "tijdzone"),
        (DEFAULT_RULE + "\nEXDATE;TZID=Europe/Amsterdam:20260406T120000", "alleen"),
    ],
)
def test_parse_rule_rejects_invalid_rule_in_dutch(text, message):
    with pytest.raises(InvalidRule) as excinfo:
        parse_rule(text)

    assert message in str(excinfo.value)


def test_validate_rule_gives_a_form_error():
    validate_rule(DEFAULT_RULE)

    with pytest.raises(ValidationError) as excinfo:
        validate_rule(custom_rule("20260105T120000", "FREQ=MONTHLY;BYDAY=XX"))

    assert excinfo.value.messages == [
        "Deze herhaling klopt niet. Controleer de tekst en probeer het opnieuw."
    ]


def test_upcoming_sessions_needs_count_or_until_and_aware_times():
    with pytest.raises(TypeError):
        upcoming_sessions(DEFAULT_RULE, after=ams(2026, 1, 1))
    with pytest.raises(TypeError):
        upcoming_sessions(DEFAULT_RULE, after=ams(2026, 1, 1), count=1, until=ams(2027, 1, 1))
    with pytest.raises(ValueError):
        upcoming_sessions(DEFAULT_RULE, after=datetime(2026, 1, 1), count=1)


# --- holidays -------------------------------------------------------------------------------


def test_dutch_holidays_come_from_the_holidays_package():
    assert holiday_name(date(2026, 4, 6)) == "Tweede paasdag"
    assert holiday_name(date(2028, 6, 5)) == "Tweede pinksterdag"
    assert holiday_name(date(2026, 4, 7)) is None
    # holidays.NL counts Bevrijdingsdag as a public holiday only in lustrum years.
    assert holiday_name(date(2025, 5, 5)) == "Bevrijdingsdag"
    assert holiday_name(date(2026, 5, 5)) is None


def test_tweede_paasdag_moves_to_the_next_working_day():
    sessions = upcoming_sessions(
        DEFAULT_RULE, after=ams(2026, 3, 10), until=ams(2026, 5, 10), policy="next_working_day"
    )

    moved, regular = sessions
    assert moved.starts_at == ams(2026, 4, 7, 12)
    assert moved.ends_at == ams(2026, 4, 7, 12, 30)
    assert moved.original_date == date(2026, 4, 6)
    assert moved.moved_reason == "Tweede paasdag"
    assert moved.is_moved
    assert regular.starts_at == ams(2026, 5, 4, 12)
    assert not regular.is_moved


def test_tweede_paasdag_disappears_with_skip():
    sessions = upcoming_sessions(
        DEFAULT_RULE, after=ams(2026, 3, 10), until=ams(2026, 5, 10), policy=HolidayPolicy.SKIP
    )

    assert starts(sessions) == [ams(2026, 5, 4, 12)]


def test_count_counts_only_sessions_that_take_place_with_skip():
    sessions = upcoming_sessions(
        DEFAULT_RULE, after=ams(2026, 3, 10), count=2, policy=HolidayPolicy.SKIP
    )

    assert starts(sessions) == [ams(2026, 5, 4, 12), ams(2026, 6, 1, 12)]


@pytest.mark.parametrize(
    ("rule", "after", "moved_to", "reason"),
    [
        (custom_rule("20250106T120000", "FREQ=MONTHLY;BYDAY=1MO"), ams(2025, 4, 10),
         ams(2025, 5, 6, 12), "Bevrijdingsdag"),
        (DEFAULT_RULE, ams(2028, 5, 10), ams(2028, 6, 6, 12), "Tweede pinksterdag"),
    ],
)  # fmt: skip
def test_other_first_monday_holidays_move(rule, after, moved_to, reason):
    (session,) = upcoming_sessions(rule, after=after, count=1)

    assert session.starts_at == moved_to
    assert session.moved_reason == reason


def test_moved_session_still_counts_after_its_original_time():
    # Monday 6 April 2026, 13:00: the session of that day moved to Tuesday and is still ahead.
    (session,) = upcoming_sessions(DEFAULT_RULE, after=ams(2026, 4, 6, 13), count=1)

    assert session.starts_at == ams(2026, 4, 7, 12)
    assert session.original_date == date(2026, 4, 6)


@pytest.mark.parametrize(
    ("rule", "after", "moved_to", "reason"),
    [
        # First Friday of April 2026 is Goede vrijdag; then a weekend, then Tweede paasdag.
        (custom_rule("20260102T120000", "FREQ=MONTHLY;BYDAY=1FR"), ams(2026, 3, 10),
         ams(2026, 4, 7, 12), "Goede vrijdag"),
        # Last Monday of December 2028 is Eerste kerstdag, followed by Tweede kerstdag.
        (custom_rule("20260126T120000", "FREQ=MONTHLY;BYDAY=-1MO"), ams(2028, 12, 1),
         ams(2028, 12, 27, 12), "Eerste kerstdag"),
    ],
)  # fmt: skip
def test_holiday_followed_by_another_holiday_moves_past_both(rule, after, moved_to, reason):
    (session,) = upcoming_sessions(rule, after=after, count=1)

    assert session.starts_at == moved_to
    assert session.moved_reason == reason


def test_moved_session_merges_with_a_regular_session_on_that_day():
    rule = custom_rule("20260330T120000", "FREQ=WEEKLY;BYDAY=MO,TU")

    sessions = upcoming_sessions(rule, after=ams(2026, 4, 5), until=ams(2026, 4, 8))

    assert starts(sessions) == [ams(2026, 4, 7, 12)]
    assert sessions[0].moved_reason is None


# --- daylight saving time -------------------------------------------------------------------


def test_sessions_stay_at_noon_across_the_march_switch():
    winter, summer = upcoming_sessions(DEFAULT_RULE, after=ams(2027, 2, 15), count=2)

    assert (winter.starts_at, summer.starts_at) == (ams(2027, 3, 1, 12), ams(2027, 4, 5, 12))
    assert winter.starts_at.utcoffset() == timedelta(hours=1)
    assert summer.starts_at.utcoffset() == timedelta(hours=2)
    assert winter.starts_at.astimezone(UTC).hour == 11
    assert summer.starts_at.astimezone(UTC).hour == 10
    assert summer.ends_at - summer.starts_at == timedelta(minutes=30)


def test_sessions_stay_at_noon_across_the_october_switch():
    summer, winter = upcoming_sessions(
        DEFAULT_RULE, after=datetime(2026, 9, 30, tzinfo=UTC), count=2
    )

    assert summer.starts_at.astimezone(UTC) == datetime(2026, 10, 5, 10, tzinfo=UTC)
    assert winter.starts_at.astimezone(UTC) == datetime(2026, 11, 2, 11, tzinfo=UTC)
    assert {s.starts_at.astimezone(AMS).hour for s in (summer, winter)} == {12}
    assert winter.ends_at.astimezone(AMS) == ams(2026, 11, 2, 12, 30)


def test_moved_session_keeps_local_time_with_summer_offset():
    (session,) = upcoming_sessions(DEFAULT_RULE, after=ams(2026, 3, 10), count=1)

    assert session.starts_at.astimezone(UTC) == datetime(2026, 4, 7, 10, tzinfo=UTC)


# --- Dutch text -----------------------------------------------------------------------------


def test_format_session_in_dutch():
    starts_at = datetime(2026, 12, 7, 11, tzinfo=UTC)  # as it comes from the database

    text = format_session(starts_at, starts_at + timedelta(minutes=30))

    assert text == "maandag 7 december 2026, 12:00–12:30"


def test_format_session_is_dutch_whatever_language_is_active():
    with translation.override("en"):
        text = format_session(ams(2027, 4, 5, 12), ams(2027, 4, 5, 12, 30))

    assert text == "maandag 5 april 2027, 12:00–12:30"


def test_format_session_over_midnight_names_both_days():
    text = format_session(ams(2026, 12, 31, 23, 45), ams(2027, 1, 1, 0, 15))

    assert text == "donderdag 31 december 2026, 23:45 tot vrijdag 1 januari 2027, 00:15"
