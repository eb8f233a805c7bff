"""Attendance per room in the admin reports, and the zorgoverleg block on the dashboard."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client
from django.urls import reverse

from vraagbaak.zorgoverleg.models import (
    HulpvraagStatus,
    Room,
    Session,
    SessionStatus,
    Signup,
    SignupRole,
)

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 12, 10, 9, tzinfo=AMS)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def mod_client(moderator):
    """A moderator with a TOTP authenticator (the admin requires MFA)."""
    TOTP.activate(moderator, generate_totp_secret())
    client = Client()
    client.force_login(moderator)
    return client


def make_session(room, starts_at, **fields) -> Session:
    return Session.objects.create(
        room=room,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=30),
        original_date=starts_at.date(),
        **fields,
    )


@pytest.fixture
def rooms(db, professional, other_professional, moderator):
    finance = Room.objects.create(
        name="Financiële problemen", slug="fin", meeting_url="https://m.example.org/1"
    )
    violence = Room.objects.create(
        name="Huiselijk geweld", slug="hg", meeting_url="https://m.example.org/2"
    )
    held = make_session(finance, datetime(2026, 12, 7, 12, tzinfo=AMS))
    make_session(finance, datetime(2026, 11, 2, 12, tzinfo=AMS), status=SessionStatus.CANCELLED)
    upcoming = make_session(finance, datetime(2027, 1, 4, 12, tzinfo=AMS))
    Signup.objects.create(
        session=held,
        user=professional,
        role=SignupRole.INBRENGER,
        hulpvraag="Hulpvraag één.",
        hulpvraag_status=HulpvraagStatus.APPROVED,
        attended=True,
    )
    Signup.objects.create(
        session=held, user=other_professional, role=SignupRole.MEELUISTERAAR, attended=False
    )
    Signup.objects.create(
        session=held, user=moderator, role=SignupRole.MEELUISTERAAR, cancelled_at=NOW
    )
    Signup.objects.create(session=upcoming, user=professional, role=SignupRole.MEELUISTERAAR)
    return finance, violence, upcoming


def test_attendance_report_counts_held_sessions_only(mod_client, rooms):
    response = mod_client.get(reverse("zorgoverleg_attendance_report"))
    assert response.status_code == 200
    rows = {room.name: room for room in response.context["object_list"]}
    finance = rows["Financiële problemen"]
    assert (finance.sessions_held, finance.signed_up, finance.attended, finance.inbrengers) == (
        1,
        2,
        1,
        1,
    )
    violence = rows["Huiselijk geweld"]
    assert (violence.sessions_held, violence.signed_up) == (0, 0)
    assert "Hulpvraag één" not in response.content.decode()


def test_attendance_report_exports_csv(mod_client, rooms):
    response = mod_client.get(reverse("zorgoverleg_attendance_report") + "?export=csv")
    assert response.status_code == 200
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == "Overlegkamer,Bijeenkomsten gehouden,Aanmeldingen,Aanwezig,Inbrengers"
    assert "Financiële problemen,1,2,1,1" in lines


def test_attendance_report_is_for_moderators_only(db, professional):
    TOTP.activate(professional, generate_totp_secret())
    client = Client()
    client.force_login(professional)
    response = client.get(reverse("zorgoverleg_attendance_report"))
    assert response.status_code in (302, 403)
    assert "Financiële" not in response.content.decode()


def test_dashboard_shows_next_session_and_own_sign_ups(professional_client, rooms):
    page = professional_client.get("/").content.decode()
    assert "Zorgoverleg" in page
    assert "Het volgende zorgoverleg is op maandag 4 januari 2027, 12:00–12:30." in page
    _finance, _violence, upcoming = rooms
    assert f'href="{upcoming.get_absolute_url()}"' in page
    assert "als meeluisteraar" in page
