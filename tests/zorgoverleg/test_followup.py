"""During and after a session: the join link window, attendance, the verslag, and a
discussed hulpvraag becoming a solved, findable thread."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import ModelLogEntry

from tests.factories import RisicofactorFactory, make_user
from vraagbaak.search.service import search
from vraagbaak.search.types import SearchQuery
from vraagbaak.vragen.models import Vraag, VraagStatus
from vraagbaak.zorgoverleg import followup
from vraagbaak.zorgoverleg.actions import ZorgoverlegError, cancel_session
from vraagbaak.zorgoverleg.models import (
    HulpvraagStatus,
    Room,
    Session,
    Signup,
    SignupRole,
)

AMS = ZoneInfo("Europe/Amsterdam")
START = datetime(2026, 12, 7, 12, tzinfo=AMS)
MEETING = "https://meet.example.org/zorgoverleg-financien"
HULPVRAAG = "Cliënte van 30 weken zwanger heeft een betalingsachterstand bij de energie. Tips?"


@pytest.fixture(autouse=True)
def frozen():
    """The morning of the session: clients sign in then (a sign-in lasts 12 hours), tests
    travel on from there."""
    with time_machine.travel(START - timedelta(hours=3), tick=False) as traveller:
        yield traveller


@pytest.fixture
def risicofactor(db):
    return RisicofactorFactory(name="Financiële problemen", slug="financiele-problemen")


@pytest.fixture
def room(risicofactor, moderator):
    room = Room.objects.create(
        name="Financiële problemen", slug="financiele-problemen", meeting_url=MEETING
    )
    room.risicofactoren.add(risicofactor)
    room.moderators.add(moderator)
    return room


@pytest.fixture
def session(room):
    return Session.objects.create(
        room=room,
        starts_at=START,
        ends_at=START + timedelta(minutes=30),
        original_date=START.date(),
    )


@pytest.fixture
def inbreng(session, professional):
    return Signup.objects.create(
        session=session,
        user=professional,
        role=SignupRole.INBRENGER,
        hulpvraag=HULPVRAAG,
        hulpvraag_status=HulpvraagStatus.APPROVED,
    )


@pytest.fixture
def listener(session, other_professional):
    return Signup.objects.create(
        session=session, user=other_professional, role=SignupRole.MEELUISTERAAR
    )


def at(moment):
    return time_machine.travel(moment, tick=False)


# --- the join link --------------------------------------------------------------------------


def test_join_window_is_from_fifteen_minutes_before_until_the_end(session):
    assert session.join_opens_at() == START - timedelta(minutes=15)
    assert not session.is_join_open(START - timedelta(minutes=16))
    assert session.is_join_open(START - timedelta(minutes=15))
    assert session.is_join_open(START + timedelta(minutes=29))
    assert not session.is_join_open(START + timedelta(minutes=30))
    session.status = "cancelled"
    assert not session.is_join_open(START)


@pytest.mark.parametrize(
    ("moment", "shows_link", "text"),
    [
        (START - timedelta(days=3), False, "verschijnt hier op maandag 7 december 2026 om 11:45"),
        (START - timedelta(hours=2), False, "verschijnt hier vandaag om 11:45"),
        (START - timedelta(minutes=15), True, "Het zorgoverleg begint om 12:00."),
        (START + timedelta(minutes=10), True, "Het zorgoverleg is begonnen."),
        (START + timedelta(minutes=30), False, "Deze bijeenkomst is voorbij."),
    ],
)
def test_session_page_shows_the_join_link_to_participants_in_its_window(
    client, professional, listener, inbreng, session, moment, shows_link, text
):
    with at(moment):
        client.force_login(professional)
        page = client.get(session.get_absolute_url()).content.decode()
    assert (MEETING in page) is shows_link
    assert text in page


def test_join_link_is_never_shown_to_someone_not_signed_up(client, session, listener, room):
    outsider = make_user(email="buiten@zorg.test")
    client.force_login(outsider)
    with at(START + timedelta(minutes=5)):
        page = client.get(session.get_absolute_url()).content.decode()
    assert MEETING not in page


def test_room_moderator_sees_the_join_link_and_the_follow_up_links(moderator_client, session):
    with at(START - timedelta(minutes=5)):
        page = moderator_client.get(session.get_absolute_url()).content.decode()
    assert MEETING in page
    assert reverse("zorgoverleg:attendance", args=[session.pk]) not in page
    assert "Vanaf het begin van de bijeenkomst houd je hier de aanwezigheid bij" in page
    with at(START + timedelta(minutes=5)):
        page = moderator_client.get(session.get_absolute_url()).content.decode()
    assert reverse("zorgoverleg:attendance", args=[session.pk]) in page
    assert reverse("zorgoverleg:verslag", args=[session.pk]) in page


def test_cancelled_session_shows_no_join_link(moderator, professional_client, session, listener):
    with at(START - timedelta(days=2)):
        cancel_session(session, by=moderator, reason="Te weinig aanmeldingen.")
    with at(START):
        page = professional_client.get(session.get_absolute_url()).content.decode()
    assert MEETING not in page


# --- attendance -----------------------------------------------------------------------------


def test_moderator_marks_attendance_from_the_start(moderator_client, session, inbreng, listener):
    url = reverse("zorgoverleg:attendance", args=[session.pk])
    with at(START - timedelta(minutes=5)):
        response = moderator_client.get(url)
        assert response.status_code == 302  # not yet: back to the session page
    with at(START + timedelta(minutes=20)):
        page = moderator_client.get(url).content.decode()
        assert "Fatima (verloskundige) (inbrenger)" in page
        response = moderator_client.post(
            url, {f"signup_{inbreng.pk}": "ja", f"signup_{listener.pk}": "nee"}
        )
    assert response.status_code == 302
    inbreng.refresh_from_db()
    listener.refresh_from_db()
    assert (inbreng.attended, listener.attended) == (True, False)
    entry = ModelLogEntry.objects.get(action="vraagbaak.zorgoverleg.attendance")
    assert entry.data == {"changed": 2}


def test_attendance_is_403_for_a_participant(professional_client, session, inbreng):
    with at(START + timedelta(minutes=5)):
        response = professional_client.get(reverse("zorgoverleg:attendance", args=[session.pk]))
    assert response.status_code == 403


def test_mark_attendance_refuses_a_cancelled_session(moderator, session, inbreng):
    with at(START - timedelta(days=1)):
        cancel_session(session, by=moderator, reason="Feestdag.")
    with at(START + timedelta(minutes=5)), pytest.raises(ZorgoverlegError):
        followup.mark_attendance(session, by=moderator, attended={inbreng.pk: True})


def test_mark_attendance_forbids_other_professionals(other_professional, session, inbreng):
    with at(START + timedelta(minutes=5)), pytest.raises(PermissionDenied):
        followup.mark_attendance(session, by=other_professional, attended={inbreng.pk: True})


# --- the verslag ----------------------------------------------------------------------------


def test_verslag_with_findings_must_be_fixed_or_confirmed(
    moderator_client, professional_client, session, inbreng
):
    url = reverse("zorgoverleg:verslag", args=[session.pk])
    text = "We bespraken schulden. Bel mevrouw op 06-12345678 voor de tips."
    with at(START + timedelta(minutes=35)):
        response = moderator_client.post(url, {"verslag": text})
        page = response.content.decode()
        assert response.status_code == 200
        assert '<mark class="vb-finding">06-12345678</mark>' in page
        assert text in page  # nothing the moderator typed is lost
        session.refresh_from_db()
        assert session.verslag == ""

        fixed = "We bespraken schulden. **Tip:** vraag vroeg hulp bij het Buurtteam."
        response = moderator_client.post(url, {"verslag": fixed})
        assert response.status_code == 302
        session.refresh_from_db()
        assert session.verslag == fixed
        assert "<strong>Tip:</strong>" in session.verslag_html
        assert session.verslag_findings == []

        # The inbrenger reads it on the session page after the end.
        page = professional_client.get(session.get_absolute_url()).content.decode()
        assert "<strong>Tip:</strong> vraag vroeg hulp bij het Buurtteam." in page
    entry = ModelLogEntry.objects.get(action="vraagbaak.zorgoverleg.verslag")
    assert "Buurtteam" not in str(entry.data) and "Buurtteam" not in entry.label


def test_verslag_confirmed_with_findings_keeps_them(moderator_client, session):
    url = reverse("zorgoverleg:verslag", args=[session.pk])
    text = "Het Buurtteam Noord belt 020-1234567 terug."
    with at(START + timedelta(minutes=35)):
        first = moderator_client.post(url, {"verslag": text}).content.decode()
        fingerprint = first.split('name="anonimiteit-fingerprint" value="')[1].split('"')[0]
        response = moderator_client.post(
            url,
            {
                "verslag": text,
                "anonimiteit-fingerprint": fingerprint,
                "anonimiteit-confirmed": "on",
            },
        )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.verslag == text
    assert session.verslag_findings and session.verslag_findings[0]["label"]


def test_verslag_is_not_possible_before_the_start(moderator, session):
    with at(START - timedelta(minutes=1)), pytest.raises(ZorgoverlegError):
        followup.record_verslag(session, by=moderator, verslag="Nog niet begonnen.")


# --- hulpvraag to a solved thread -----------------------------------------------------------


def test_hulpvraag_becomes_a_solved_findable_thread(
    moderator, moderator_client, professional, session, inbreng, risicofactor
):
    url = reverse("zorgoverleg:hulpvraag_to_vraag", args=[inbreng.pk])
    with at(START + timedelta(minutes=40)):
        page = moderator_client.get(url).content.decode()
        assert HULPVRAAG in page  # prefilled
        assert f'value="{risicofactor.pk}"' in page and "checked" in page
        response = moderator_client.post(
            url,
            {
                "title": "Zwangere cliënte met een betalingsachterstand bij de energie",
                "body": HULPVRAAG,
                "risicofactoren": [risicofactor.pk],
                "oplossing": "Vraag een betalingsregeling aan en schakel het Buurtteam in.",
            },
        )
    vraag = Vraag.objects.get()
    assert response.status_code == 302 and response["Location"] == vraag.get_absolute_url()
    assert vraag.author == professional
    assert vraag.status == VraagStatus.SOLVED
    assert vraag.solved_by == moderator
    assert vraag.published_at is not None
    assert "betalingsregeling" in vraag.oplossing
    assert list(vraag.risicofactoren.all()) == [risicofactor]
    inbreng.refresh_from_db()
    assert inbreng.vraag == vraag
    assert ModelLogEntry.objects.filter(
        action="vraagbaak.zorgoverleg.hulpvraag.to_vraag", user_id=moderator.pk
    ).exists()

    # Anyone verified finds it in search, marked as solved.
    results = search(SearchQuery(text="betalingsachterstand energie"), user=make_user())
    assert vraag.pk in [hit.vraag_id for hit in results.hits]

    # Once only: the page now sends the moderator to the thread.
    with at(START + timedelta(minutes=45)):
        again = moderator_client.get(url)
    assert again.status_code == 302 and again["Location"] == vraag.get_absolute_url()
    with at(START + timedelta(minutes=45)), pytest.raises(ZorgoverlegError):
        followup.publish_hulpvraag_as_vraag(
            inbreng,
            by=moderator,
            title="x" * 20,
            body=HULPVRAAG,
            risicofactoren=[risicofactor],
            oplossing="Nog een keer.",
        )


def test_hulpvraag_to_vraag_with_empty_solution_keeps_the_form(
    moderator_client, session, inbreng, risicofactor
):
    url = reverse("zorgoverleg:hulpvraag_to_vraag", args=[inbreng.pk])
    with at(START + timedelta(minutes=40)):
        response = moderator_client.post(
            url,
            {
                "title": "Zwangere cliënte met een betalingsachterstand",
                "body": HULPVRAAG,
                "risicofactoren": [risicofactor.pk],
                "oplossing": "",
            },
        )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Schrijf op wat de oplossing was." in page
    assert "Zwangere cliënte met een betalingsachterstand" in page
    assert not Vraag.objects.exists()


def test_hulpvraag_to_vraag_is_403_for_the_inbrenger(professional_client, session, inbreng):
    with at(START + timedelta(minutes=40)):
        response = professional_client.get(
            reverse("zorgoverleg:hulpvraag_to_vraag", args=[inbreng.pk])
        )
    assert response.status_code == 403


def test_hulpvraag_to_vraag_needs_an_approved_hulpvraag(moderator, session, inbreng, risicofactor):
    Signup.objects.filter(pk=inbreng.pk).update(hulpvraag_status=HulpvraagStatus.REJECTED)
    inbreng.refresh_from_db()
    with at(START + timedelta(minutes=40)), pytest.raises(ZorgoverlegError):
        followup.publish_hulpvraag_as_vraag(
            inbreng,
            by=moderator,
            title="Een titel van de vraag",
            body=HULPVRAAG,
            risicofactoren=[risicofactor],
            oplossing="Iets.",
        )
    assert not Vraag.objects.exists()
