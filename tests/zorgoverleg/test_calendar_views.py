"""Calendar: the .ics per session, the personal feed behind a secret token, and the page to
manage it. Files are read back with icalendar, as a calendar client would."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
from django.urls import reverse
from wagtail.models import ModelLogEntry

from tests.factories import make_user
from vraagbaak.zorgoverleg.actions import cancel_session, move_session
from vraagbaak.zorgoverleg.models import (
    CalendarFeed,
    HulpvraagStatus,
    Room,
    Session,
    Signup,
    SignupRole,
)

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 20, 10, tzinfo=AMS)
HULPVRAAG = "Vader van twee met een gokschuld, woont in de Indische buurt, wie weet raad?"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def room(db, moderator):
    room = Room.objects.create(
        name="Financiële problemen",
        slug="financiele-problemen",
        meeting_url="https://meet.example.org/geheim-financien",
    )
    room.moderators.add(moderator)
    return room


def make_session(room, starts_at) -> Session:
    return Session.objects.create(
        room=room,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=30),
        original_date=starts_at.date(),
    )


@pytest.fixture
def december(room):
    return make_session(room, datetime(2026, 12, 7, 12, tzinfo=AMS))


@pytest.fixture
def inbrenger_signup(december, professional):
    return Signup.objects.create(
        session=december,
        user=professional,
        role=SignupRole.INBRENGER,
        hulpvraag=HULPVRAAG,
        hulpvraag_status=HulpvraagStatus.APPROVED,
    )


def read(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(
        b"".join(response) if response.streaming else response.content
    )


def assert_no_case_text(response):
    text = response.content.decode()
    assert "gokschuld" not in text and "Indische buurt" not in text
    assert "meet.example.org" not in text  # the join link never goes into a calendar file


def test_session_ics_is_valid_with_timezone_and_stable_uid(professional_client, december):
    response = professional_client.get(reverse("zorgoverleg:session_ics", args=[december.pk]))

    cal = read(response)
    (event,) = cal.events
    assert event["UID"] == f"zorgoverleg-{december.pk}@vraagbaak"
    assert event.start == datetime(2026, 12, 7, 12, tzinfo=AMS)
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    assert event["SUMMARY"] == "Zorgoverleg: Financiële problemen"
    assert event["URL"] == f"http://testserver/zorgoverleg/{december.pk}/"
    assert event["STATUS"] == "CONFIRMED"
    assert "attachment" in response["Content-Disposition"]
    assert_no_case_text(response)


def test_session_ics_for_an_invisible_session_is_404(professional_client, december, room):
    room.is_active = False
    room.save()
    response = professional_client.get(reverse("zorgoverleg:session_ics", args=[december.pk]))
    assert response.status_code == 404
    response = professional_client.get(reverse("zorgoverleg:session_ics", args=[999999]))
    assert response.status_code == 404


def test_feed_lists_own_sign_ups_and_follows_moves_and_cancellations(
    client, professional, professional_client, moderator, room, december, inbrenger_signup
):
    january = make_session(room, datetime(2027, 1, 4, 12, tzinfo=AMS))
    february = make_session(room, datetime(2027, 2, 1, 12, tzinfo=AMS))
    Signup.objects.create(session=january, user=professional, role=SignupRole.MEELUISTERAAR)
    Signup.objects.create(
        session=february,
        user=professional,
        role=SignupRole.MEELUISTERAAR,
        cancelled_at=NOW,  # cancelled sign-up: not in the feed
    )
    make_user(email="ander@zorg.test")  # other people's sign-ups never show
    professional_client.post(reverse("zorgoverleg:feed_manage"), {"action": "create"})
    feed = CalendarFeed.objects.get(user=professional)
    url = reverse("zorgoverleg:feed", kwargs={"token": feed.token})

    # A calendar client has no session: the token is the key.
    cal = read(client.get(url))
    assert cal["X-WR-CALNAME"] == "Zorgoverleg Vraagbaak"
    events = {e["UID"]: e for e in cal.events}
    assert set(events) == {
        f"zorgoverleg-{december.pk}@vraagbaak",
        f"zorgoverleg-{january.pk}@vraagbaak",
    }
    assert events[f"zorgoverleg-{december.pk}@vraagbaak"]["SEQUENCE"] == 0
    assert_no_case_text(client.get(url))

    # The moderator moves December and cancels January.
    move_session(december, by=moderator, starts_at=datetime(2026, 12, 8, 12, tzinfo=AMS))
    cancel_session(january, by=moderator, reason="De moderator is ziek.")

    events = {e["UID"]: e for e in read(client.get(url)).events}
    moved = events[f"zorgoverleg-{december.pk}@vraagbaak"]
    assert moved.start == datetime(2026, 12, 8, 12, tzinfo=AMS)
    assert moved["SEQUENCE"] == 1
    cancelled = events[f"zorgoverleg-{january.pk}@vraagbaak"]
    assert cancelled["STATUS"] == "CANCELLED"
    assert cancelled["SEQUENCE"] == 1


def test_feed_with_summer_and_winter_sessions_has_both_offsets(client, professional, room):
    june = make_session(room, datetime(2027, 6, 7, 12, tzinfo=AMS))
    december = make_session(room, datetime(2026, 12, 7, 12, tzinfo=AMS))
    for session in (june, december):
        Signup.objects.create(session=session, user=professional, role=SignupRole.MEELUISTERAAR)
    feed = CalendarFeed.objects.create(user=professional)

    cal = read(client.get(feed.get_absolute_url()))
    starts = sorted(e.start for e in cal.events)
    assert [s.utcoffset() for s in starts] == [timedelta(hours=1), timedelta(hours=2)]
    assert [(s.hour, s.minute) for s in starts] == [(12, 0), (12, 0)]


def test_empty_feed_is_still_a_valid_calendar(client, professional):
    feed = CalendarFeed.objects.create(user=professional)
    cal = read(client.get(feed.get_absolute_url()))
    assert cal.events == []
    assert cal.walk("VTIMEZONE")


def test_unknown_token_is_404(client, db):
    response = client.get(reverse("zorgoverleg:feed", kwargs={"token": "bestaat-niet"}))
    assert response.status_code == 404
    assert response.get("Location") is None  # not sent to the login page either


def test_feed_of_an_account_that_is_no_longer_verified_is_404(client, professional):
    feed = CalendarFeed.objects.create(user=professional)
    professional.is_active = False
    professional.save()
    assert client.get(feed.get_absolute_url()).status_code == 404


def test_renewing_the_feed_makes_the_old_url_404(client, professional, professional_client):
    manage = reverse("zorgoverleg:feed_manage")
    professional_client.post(manage, {"action": "create"})
    old = CalendarFeed.objects.get(user=professional)
    old_url = old.get_absolute_url()
    assert client.get(old_url).status_code == 200

    response = professional_client.post(manage, {"action": "renew"}, follow=True)
    assert "De oude link werkt niet meer" in response.content.decode()
    new = CalendarFeed.objects.get(user=professional)
    assert new.token != old.token
    assert client.get(old_url).status_code == 404
    assert client.get(new.get_absolute_url()).status_code == 200

    professional_client.post(manage, {"action": "stop"})
    assert not CalendarFeed.objects.filter(user=professional).exists()
    assert client.get(new.get_absolute_url()).status_code == 404
    actions = list(
        ModelLogEntry.objects.filter(action__startswith="vraagbaak.zorgoverleg.feed.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "vraagbaak.zorgoverleg.feed.create",
        "vraagbaak.zorgoverleg.feed.renew",
        "vraagbaak.zorgoverleg.feed.delete",
    ]
    assert not ModelLogEntry.objects.filter(data__icontains=new.token).exists()


def test_feed_manage_page_shows_the_url_and_instructions(professional, professional_client):
    manage = reverse("zorgoverleg:feed_manage")
    page = professional_client.get(manage).content.decode()
    assert "Agenda-link maken" in page
    professional_client.post(manage, {"action": "create"})
    page = professional_client.get(manage).content.decode()
    token = CalendarFeed.objects.get(user=professional).token
    assert f'value="http://testserver/zorgoverleg/feed/{token}.ics"' in page
    assert f'href="webcal://testserver/zorgoverleg/feed/{token}.ics"' in page
    for client_name in ("Outlook", "Google Agenda", "Apple"):
        assert client_name in page


def test_feed_manage_is_closed_to_unverified_accounts(unverified_client):
    response = unverified_client.get(reverse("zorgoverleg:feed_manage"))
    assert response.status_code == 403


def test_session_page_shows_the_calendar_links(professional_client, december):
    page = professional_client.get(december.get_absolute_url()).content.decode()
    assert reverse("zorgoverleg:session_ics", args=[december.pk]) in page
    assert reverse("zorgoverleg:feed_manage") in page
