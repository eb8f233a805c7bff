"""The zorgoverleg in the Wagtail admin: rooms, the schedule setting, cancel and move a session."""

from datetime import datetime

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail
from django.test import Client
from django.urls import reverse

from vraagbaak.zorgoverleg import actions
from vraagbaak.zorgoverleg.models import Room, SessionStatus, SignupRole, ZorgoverlegSettings
from vraagbaak.zorgoverleg.schedule import AMSTERDAM

SETTINGS_URL = reverse("wagtailsettings:edit", args=("zorgoverleg", "zorgoverlegsettings"))


def _admin_client(user) -> Client:
    """A client for `user` with a TOTP authenticator (the admin requires MFA)."""
    TOTP.activate(user, generate_totp_secret())
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def mod_client(room_moderator):
    return _admin_client(room_moderator)


def _text(response) -> str:
    return response.content.decode()


def _settings_data(**overrides) -> dict:
    config = ZorgoverlegSettings.load()
    data = {
        "rule": config.rule,
        "duration_minutes": config.duration_minutes,
        "holiday_policy": config.holiday_policy,
        "months_ahead": config.months_ahead,
        "max_inbrengers": config.max_inbrengers,
        "announcement_days_before": config.announcement_days_before,
        "reminder_working_days_before": config.reminder_working_days_before,
        "reminder_time": "09:00",
        "reminder_minutes_before": config.reminder_minutes_before,
        "join_minutes_before": config.join_minutes_before,
    }
    return {**data, **overrides}


def test_menu_has_zorgoverleg_for_moderators(mod_client, room):
    text = _text(mod_client.get("/beheer/"))
    assert "Zorgoverleg" in text
    assert "Overlegkamers" in text and "Bijeenkomsten" in text


def test_moderator_adds_a_room(mod_client, room_moderator, db):
    url = reverse("zorgoverleg_rooms:add")
    assert mod_client.get(url).status_code == 200
    response = mod_client.post(
        url,
        {
            "name": "Huiselijk geweld",
            "slug": "huiselijk-geweld",
            "description": "Signalen en de meldcode.",
            "moderators": [room_moderator.pk],
            "meeting_url": "https://vergaderen.example.org/zorgoverleg-hg",
            "is_active": "on",
            "sort_order": 10,
        },
    )
    assert response.status_code == 302
    room = Room.objects.get(slug="huiselijk-geweld")
    assert list(room.moderators.all()) == [room_moderator]


def test_room_moderators_must_be_in_the_moderatoren_group(
    mod_client, professional, room_moderator, db
):
    response = mod_client.get(reverse("zorgoverleg_rooms:add"))
    choices = [str(c[0]) for c in response.context["form"].fields["moderators"].choices]
    assert str(room_moderator.pk) in choices
    assert str(professional.pk) not in choices


def test_settings_page_shows_the_next_dates(frozen, mod_client):
    response = mod_client.get(SETTINGS_URL, follow=True)
    assert response.status_code == 200
    text = _text(response)
    assert "maandag 7 december 2026, 12:00–12:30" in text
    assert "maandag 5 april 2027" in text or "dinsdag 6 april 2027" in text


def test_settings_refuse_a_broken_rule_in_dutch(mod_client):
    response = mod_client.get(SETTINGS_URL, follow=True)
    edit_url = response.redirect_chain[-1][0] if response.redirect_chain else SETTINGS_URL
    response = mod_client.post(edit_url, _settings_data(rule="RRULE:FREQ=MONTHLY;BYDAY=1MO"))
    assert response.status_code == 200
    assert "Geef precies één startmoment op" in _text(response)
    response = mod_client.post(
        edit_url,
        _settings_data(
            rule="DTSTART;TZID=Europe/Amsterdam:20260106T120000\nRRULE:FREQ=MONTHLY;BYDAY=1TU"
        ),
    )
    assert response.status_code == 302
    assert "BYDAY=1TU" in ZorgoverlegSettings.load().rule


def test_sessions_list_shows_upcoming_sessions(planned, mod_client):
    response = mod_client.get(reverse("zorgoverleg_admin:index"))
    assert response.status_code == 200
    text = _text(response)
    assert "maandag 7 december 2026, 12:00–12:30" in text
    assert "Financiële problemen" in text


def test_moderator_cancels_a_session_in_the_admin(
    planned, mod_client, professional, django_capture_on_commit_callbacks
):
    session = planned[0]
    actions.sign_up(session, by=professional, role=SignupRole.MEELUISTERAAR)
    url = reverse("zorgoverleg_admin:cancel", args=[session.pk])
    assert mod_client.get(url).status_code == 200
    response = mod_client.post(url, {"reason": ""})
    assert "Schrijf kort waarom de bijeenkomst niet doorgaat." in _text(response)
    with django_capture_on_commit_callbacks(execute=True):
        response = mod_client.post(url, {"reason": "De moderator is ziek."})
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED
    assert session.cancel_reason == "De moderator is ziek."
    assert len(mail.outbox) == 1 and "ziek" not in mail.outbox[0].body


def test_moderator_moves_a_session_in_the_admin(planned, mod_client):
    session = planned[0]
    url = reverse("zorgoverleg_admin:move", args=[session.pk])
    response = mod_client.get(url)
    assert 'value="2026-12-07"' in _text(response)
    response = mod_client.post(url, {"date": "2026-11-01", "time": "12:00", "reason": ""})
    assert "Kies een moment in de toekomst." in _text(response)
    response = mod_client.post(
        url, {"date": "2026-12-08", "time": "12:00", "reason": "Sinterklaas"}
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.starts_at == datetime(2026, 12, 8, 12, 0, tzinfo=AMSTERDAM)
    assert session.sequence == 1 and session.changed_by_moderator


def test_professionals_cannot_use_the_session_admin(planned, professional):
    client = _admin_client(professional)
    for url in (
        reverse("zorgoverleg_admin:index"),
        reverse("zorgoverleg_admin:cancel", args=[planned[0].pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert not response.get("Location", "").startswith("/beheer/zorgoverleg")
    response = client.post(
        reverse("zorgoverleg_admin:cancel", args=[planned[0].pk]), {"reason": "Weg"}
    )
    planned[0].refresh_from_db()
    assert not planned[0].is_cancelled
