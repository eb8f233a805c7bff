"""When zorgoverleg sessions take place: pure functions, no database.

All rooms share one recurrence, stored as RFC 5545 text (a ``DTSTART`` line with a ``TZID`` and
one ``RRULE`` line), by default the first Monday of the month at 12:00 Europe/Amsterdam for
30 minutes. Times are wall-clock times in the rule's time zone, so a session stays at 12:00
across the daylight saving switch (12:00+01:00 in winter, 12:00+02:00 in summer).

Dutch public holidays come from the ``holidays`` package (``holidays.NL``, category PUBLIC).
That package follows the Algemene termijnenwet as employers apply it: Goede vrijdag is in,
and Bevrijdingsdag (5 May) counts only in lustrum years (2025, 2030, ...); in other years it
sits in the OPTIONAL category, which we do not use. A session on a holiday either moves to the
next working day or is skipped (:class:`HolidayPolicy`).

Pitfalls this module handles for its callers:

* ``str(rrule)`` prints a naive ``DTSTART`` (the TZID is lost) and an ``UNTIL`` without its
  ``Z``, so that text does not parse back. Use :func:`format_rule`.
* dateutil only counts ``DTSTART`` as an occurrence when it matches the rule (RFC 5545 always
  counts it). Pick a ``DTSTART`` that is itself a session, as the default does.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from types import MappingProxyType
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays
from dateutil import rrule as du_rrule
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import dateformat, translation
from django.utils.translation import gettext, gettext_lazy

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DEFAULT_RULE = "DTSTART;TZID=Europe/Amsterdam:20260105T120000\nRRULE:FREQ=MONTHLY;BYDAY=1MO"
DEFAULT_DURATION = timedelta(minutes=30)

# NEXT_WORKING_DAY looks this far ahead; the longest real chain (Goede vrijdag, weekend,
# Tweede paasdag) is four days.
MAX_MOVE = timedelta(days=14)
# upcoming_sessions(count=...) stops looking this far after `after`, so a rule whose every
# session is skipped cannot loop for ever.
SEARCH_HORIZON = timedelta(days=20 * 366)

_ALLOWED_FREQUENCIES = {du_rrule.YEARLY, du_rrule.MONTHLY, du_rrule.WEEKLY, du_rrule.DAILY}
_RULE_ERRORS = (ValueError, TypeError, IndexError, KeyError, OverflowError)


def _invalid_rule_message() -> str:
    return gettext("Deze herhaling klopt niet. Controleer de tekst en probeer het opnieuw.")


class InvalidRule(ValueError):
    """The recurrence text cannot be used; ``str(error)`` is a Dutch message for the user."""


class HolidayPolicy(models.TextChoices):
    """What happens to a session that falls on a Dutch public holiday."""

    NEXT_WORKING_DAY = "next_working_day", gettext_lazy("Naar de volgende werkdag")
    SKIP = "skip", gettext_lazy("Laten vervallen")


@dataclass(frozen=True, slots=True)
class PlannedSession:
    """One session as the schedule plans it.

    ``starts_at``/``ends_at`` are aware datetimes in the rule's time zone. ``original_date`` is
    the date the rule gave before any move; ``moved_reason`` is the Dutch name of the holiday
    that moved it, or None when the session takes place on its own date.
    """

    starts_at: datetime
    ends_at: datetime
    original_date: date
    moved_reason: str | None = None

    @property
    def is_moved(self) -> bool:
        """True when a holiday moved this session away from ``original_date``."""
        return self.moved_reason is not None


# --- the rule -------------------------------------------------------------------------------


def parse_rule(text: str) -> du_rrule.rrule:
    """Parse RFC 5545 recurrence text into a dateutil ``rrule`` with a ``ZoneInfo`` DTSTART.

    The text must have exactly one ``DTSTART;TZID=<IANA zone>:YYYYMMDDTHHMMSS`` line and one
    ``RRULE`` line with a FREQ of DAILY, WEEKLY, MONTHLY or YEARLY, and the rule must give at
    least one date. A naive or UTC DTSTART is refused: sessions follow the wall clock of a
    named zone. Raises :class:`InvalidRule` with a Dutch message; no side effects. Proving
    that an impossible rule (30 February, daily) gives no date takes dateutil a few seconds.
    """
    lines = [line.strip() for line in (text or "").strip().splitlines() if line.strip()]
    names = [re.split(r"[;:]", line, maxsplit=1)[0].upper() for line in lines]
    if names.count("DTSTART") != 1:
        raise InvalidRule(gettext("Geef precies één startmoment op (een regel met DTSTART)."))
    if names.count("RRULE") != 1:
        raise InvalidRule(gettext("Geef precies één herhaling op (een regel met RRULE)."))
    if len(lines) != 2:
        raise InvalidRule(gettext("Gebruik alleen een regel met DTSTART en een regel met RRULE."))

    try:
        rule = du_rrule.rrulestr("\n".join(lines), tzids=_zone_for_tzid, forceset=False)
    except InvalidRule:
        raise
    except _RULE_ERRORS as exc:
        raise InvalidRule(_invalid_rule_message()) from exc

    dtstart = _dtstart(rule)
    if not isinstance(dtstart.tzinfo, ZoneInfo):
        raise InvalidRule(
            gettext(
                "Geef bij DTSTART een tijdzone op, bijvoorbeeld "
                "DTSTART;TZID=Europe/Amsterdam:20260105T120000."
            )
        )
    if rule._freq not in _ALLOWED_FREQUENCIES:
        raise InvalidRule(gettext("Kies een herhaling per dag, week, maand of jaar."))
    try:
        # Some mistakes (BYDAY=9MO) only surface when dateutil expands the rule.
        first = rule.after(dtstart, inc=True)
    except _RULE_ERRORS as exc:
        raise InvalidRule(_invalid_rule_message()) from exc
    if first is None:
        raise InvalidRule(gettext("Deze herhaling geeft geen enkele datum."))
    return rule


def format_rule(rule: du_rrule.rrule) -> str:
    """Write ``rule`` back as RFC 5545 text that :func:`parse_rule` reads back unchanged.

    Unlike ``str(rule)`` this keeps the ``TZID`` on DTSTART and writes UNTIL in UTC with a
    ``Z``. Precondition: the rule's DTSTART is aware with a ``ZoneInfo`` (as from parse_rule).
    """
    dtstart = _dtstart(rule)
    if not isinstance(dtstart.tzinfo, ZoneInfo):
        raise ValueError("format_rule needs a DTSTART with a ZoneInfo time zone.")
    rrule_line = next(line for line in str(rule).splitlines() if line.startswith("RRULE:"))
    parts = rrule_line.removeprefix("RRULE:").split(";")
    until = rule._until
    if until is not None:
        utc_until = until.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        parts = [f"UNTIL={utc_until}" if p.startswith("UNTIL=") else p for p in parts]
    return f"DTSTART;TZID={dtstart.tzinfo.key}:{dtstart:%Y%m%dT%H%M%S}\nRRULE:{';'.join(parts)}"


def validate_rule(text: str) -> None:
    """Django validator: raise ``ValidationError`` with the Dutch message of :func:`parse_rule`.

    Usable in a model or form field's ``validators``. No side effects.
    """
    try:
        parse_rule(text)
    except InvalidRule as exc:
        raise ValidationError(str(exc), code="invalid_rule") from exc


def _zone_for_tzid(tzid: str) -> ZoneInfo:
    try:
        return ZoneInfo(tzid)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidRule(
            gettext("De tijdzone %(tzid)s bestaat niet. Gebruik bijvoorbeeld Europe/Amsterdam.")
            % {"tzid": tzid}
        ) from exc


def _dtstart(rule: du_rrule.rrule) -> datetime:
    # dateutil keeps DTSTART, FREQ and UNTIL only in private attributes (_dtstart, _freq,
    # _until); they have been stable since dateutil 2.0.
    return rule._dtstart


# --- holidays -------------------------------------------------------------------------------


@functools.cache
def _public_holidays(year: int) -> Mapping[date, str]:
    # A fresh, frozen copy per year: holidays.HolidayBase fills itself lazily on lookup, which
    # is not something to share between threads.
    found = holidays.country_holidays(
        "NL", years=year, language="nl", categories=(holidays.PUBLIC,)
    )
    return MappingProxyType(dict(found.items()))


def holiday_name(day: date) -> str | None:
    """The Dutch name of the public holiday on ``day`` (e.g. "Tweede paasdag"), or None."""
    return _public_holidays(day.year).get(day)


def is_working_day(day: date) -> bool:
    """True for Monday to Friday when it is not a Dutch public holiday."""
    return day.weekday() < 5 and holiday_name(day) is None


def next_working_day(day: date) -> date:
    """The first working day after ``day`` (never ``day`` itself)."""
    candidate = day + timedelta(days=1)
    while not is_working_day(candidate):
        candidate += timedelta(days=1)
        if candidate - day > MAX_MOVE:
            raise ValueError(f"No working day within {MAX_MOVE.days} days after {day}.")
    return candidate


# --- sessions -------------------------------------------------------------------------------


def plan_occurrence(
    occurrence: datetime,
    *,
    duration: timedelta = DEFAULT_DURATION,
    policy: HolidayPolicy = HolidayPolicy.NEXT_WORKING_DAY,
) -> PlannedSession | None:
    """Turn one rule occurrence into the session that really takes place, or None if skipped.

    Only a holiday triggers a move; an occurrence on a weekend (a rule chosen that way) stays.
    A moved session keeps its wall-clock time on the next working day. ``ends_at`` is exactly
    ``duration`` later in real time. Precondition: ``occurrence`` is aware.
    """
    _require_aware(occurrence, "occurrence")
    reason = holiday_name(occurrence.date())
    starts_at = occurrence
    if reason is not None:
        if policy == HolidayPolicy.SKIP:
            return None
        new_day = next_working_day(occurrence.date())
        starts_at = datetime.combine(new_day, occurrence.timetz())
    ends_at = (starts_at.astimezone(UTC) + duration).astimezone(starts_at.tzinfo)
    return PlannedSession(
        starts_at=starts_at,
        ends_at=ends_at,
        original_date=occurrence.date(),
        moved_reason=reason,
    )


def upcoming_sessions(
    rule: du_rrule.rrule | str,
    *,
    after: datetime,
    count: int | None = None,
    until: datetime | None = None,
    duration: timedelta = DEFAULT_DURATION,
    policy: HolidayPolicy = HolidayPolicy.NEXT_WORKING_DAY,
) -> list[PlannedSession]:
    """The sessions that start after ``after``, in order: the next ``count``, or all up to
    and including ``until`` (pass exactly one of the two).

    Holidays are applied with ``policy``. Skipped sessions are left out, so ``count`` counts
    sessions that take place. Filtering is on the real (moved) start, so a session moved past
    ``after`` is included. If a moved session lands on the start of a regular one, they are
    the same session and the regular one is kept. ``after`` and ``until`` must be aware; any
    zone works. ``rule`` may be text (parsed with :func:`parse_rule`, which can raise
    :class:`InvalidRule`). No side effects.
    """
    if (count is None) == (until is None):
        raise TypeError("Pass exactly one of count or until.")
    _require_aware(after, "after")
    if until is not None:
        _require_aware(until, "until")
    if count is not None and count < 0:
        raise ValueError("count must not be negative.")
    if count == 0:
        return []
    if isinstance(rule, str):
        rule = parse_rule(rule)

    last_original = until if until is not None else after + SEARCH_HORIZON
    by_start: dict[datetime, PlannedSession] = {}
    # Start one maximum move early: an occurrence before `after` may move past it.
    for occurrence in rule.xafter(after - MAX_MOVE, inc=True):
        if occurrence > last_original:
            break
        if count is not None and len(by_start) >= count:
            # Sessions never start before their occurrence, so nothing later can beat these.
            if occurrence > sorted(by_start)[count - 1]:
                break
        session = plan_occurrence(occurrence, duration=duration, policy=policy)
        if session is None or session.starts_at <= after:
            continue
        if until is not None and session.starts_at > until:
            continue
        existing = by_start.get(session.starts_at)
        if existing is None or existing.is_moved:
            by_start[session.starts_at] = session

    sessions = [by_start[start] for start in sorted(by_start)]
    return sessions if count is None else sessions[:count]


# --- Dutch text -----------------------------------------------------------------------------


def format_session(starts_at: datetime, ends_at: datetime, *, tz: ZoneInfo = AMSTERDAM) -> str:
    """Dutch text for a session in ``tz``: "maandag 7 december 2026, 12:00–12:30".

    A session that ends on another day gets both dates. Uses Django's own Dutch day and month
    names under ``translation.override("nl")``, so the result does not depend on the system
    locale or the active language (and matches ``{{ value|date:"l j F Y" }}`` in Dutch
    templates). Precondition: both datetimes are aware.
    """
    _require_aware(starts_at, "starts_at")
    _require_aware(ends_at, "ends_at")
    start = starts_at.astimezone(tz)
    end = ends_at.astimezone(tz)
    with translation.override("nl"):
        start_day = dateformat.format(start, "l j F Y")
        if start.date() == end.date():
            return f"{start_day}, {start:%H:%M}–{end:%H:%M}"
        end_day = dateformat.format(end, "l j F Y")
        return gettext("%(start)s tot %(end)s") % {
            "start": f"{start_day}, {start:%H:%M}",
            "end": f"{end_day}, {end:%H:%M}",
        }


def _require_aware(value: datetime, name: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime.")
