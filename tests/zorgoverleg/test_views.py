"""The zorgoverleg pages: overview, session page with the sign-up form, the moderator's agenda."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.factories import make_user
from vraagbaak.zorgoverleg import actions
from vraagbaak.zorgoverleg.models import (
    HulpvraagStatus,
    Room,
    Session,
    Signup,
    SignupRole,
    ZorgoverlegSettings,
)

CLEAN = "Zwangere cliënte met hoge schulden en geen zorgverzekering. Wie weet een regeling?"
WITH_PHONE = "Moeder belt vaak vanaf 06-12345678 en heeft schulden, wat kan ik doen?"


def _text(response) -> str:
    return response.content.decode()


def _max_inbrengers(n: int) -> None:
    config = ZorgoverlegSettings.load()
    config.max_inbrengers = n
    config.save()


# --- overview -----------------------------------------------------------------------------


def test_overview_shows_dutch_dates_counts_and_own_signups(
    planned, professional, professional_client, other_professional
):
    actions.sign_up(planned[0], by=other_professional, role=SignupRole.MEELUISTERAAR)
    actions.sign_up(planned[1], by=professional, role=SignupRole.MEELUISTERAAR)
    response = professional_client.get(reverse("zorgoverleg:overview"))
    assert response.status_code == 200
    text = _text(response)
    assert "Financiële problemen" in text
    assert "maandag 7 december 2026, 12:00–12:30" in text
    assert "maandag 4 januari 2027, 12:00–12:30" in text
    assert "0 van 3 inbrengers" in text
    assert "1 meeluisteraar" in text
    assert text.count("Je bent aangemeld als meeluisteraar") == 1
    assert "Eerstvolgende bijeenkomst" in text


def test_overview_says_why_sessions_moved_or_do_not_take_place(
    planned, professional_client, room_moderator
):
    actions.cancel_session(planned[0], by=room_moderator, reason="De moderator is op cursus.")
    Session.objects.filter(pk=planned[1].pk).update(moved_reason="Tweede paasdag")
    text = _text(professional_client.get(reverse("zorgoverleg:overview")))
    assert "Gaat niet door" in text
    assert "De moderator is op cursus." in text
    assert "verplaatst vanwege Tweede paasdag" in text


def test_overview_leaves_out_inactive_rooms(planned, room, professional_client):
    Room.objects.filter(pk=room.pk).update(is_active=False)
    text = _text(professional_client.get(reverse("zorgoverleg:overview")))
    assert "Financiële problemen" not in text


def test_overview_query_count_does_not_grow_with_rooms(
    frozen, room, professional_client, django_assert_max_num_queries
):
    for i in range(4):
        Room.objects.create(name=f"Kamer {i}", slug=f"kamer-{i}", meeting_url="https://x.test/")
    actions.plan_sessions()
    with django_assert_max_num_queries(12):
        response = professional_client.get(reverse("zorgoverleg:overview"))
    assert _text(response).count("Eerstvolgende bijeenkomst") == 5


def test_menu_shows_zorgoverleg_to_verified_professionals(planned, professional_client):
    text = _text(professional_client.get(reverse("zorgoverleg:overview")))
    assert f'href="{reverse("zorgoverleg:overview")}"' in text


# --- session page and signing up --------------------------------------------------------------


def test_session_page_shows_the_form_and_the_schrijfwijzer(session, professional_client):
    response = professional_client.get(session.get_absolute_url())
    assert response.status_code == 200
    text = _text(response)
    assert "maandag 7 december 2026, 12:00–12:30" in text
    assert "Schulden, geldzorgen en regelingen." in text
    assert 'name="role"' in text and 'name="hulpvraag"' in text
    assert 'href="/schrijfwijzer/"' in text
    # The join link is not for everyone, and not yet.
    assert "vergaderen.example.org" not in text


def test_session_page_of_an_inactive_room_is_404_except_for_moderators(
    session, room, professional_client, moderator_client
):
    Room.objects.filter(pk=room.pk).update(is_active=False)
    assert professional_client.get(session.get_absolute_url()).status_code == 404
    assert moderator_client.get(session.get_absolute_url()).status_code == 200


def test_unknown_session_is_404(professional_client, db):
    assert professional_client.get(reverse("zorgoverleg:session", args=[999999])).status_code == 404
    assert professional_client.get("/zorgoverleg/99999999999999999999/").status_code == 404


def test_sign_up_as_meeluisteraar_through_the_page(session, professional, professional_client):
    response = professional_client.post(
        reverse("zorgoverleg:signup", args=[session.pk]), {"role": "meeluisteraar"}, follow=True
    )
    assert "Je bent aangemeld als meeluisteraar" in _text(response)
    assert Signup.objects.get(user=professional).role == SignupRole.MEELUISTERAAR


def test_sign_up_inbrenger_with_findings_shows_them_and_keeps_the_text(
    session, professional, professional_client, no_premoderation
):
    url = reverse("zorgoverleg:signup", args=[session.pk])
    response = professional_client.post(url, {"role": "inbrenger", "hulpvraag": WITH_PHONE})
    text = _text(response)
    assert response.status_code == 200
    assert "Controleer je tekst: dit kan een gezin herkenbaar maken" in text
    assert '<mark class="vb-finding"' in text and "06-12345678" in text
    assert "Moeder belt vaak vanaf 06-12345678" in text  # kept in the textarea
    assert not Signup.objects.exists()
    # Confirmed: saved, and it waits for the moderator.
    fingerprint = response.context["anonymity"]["fingerprint"].value()
    response = professional_client.post(
        url,
        {
            "role": "inbrenger",
            "hulpvraag": WITH_PHONE,
            "anonimiteit-fingerprint": fingerprint,
            "anonimiteit-confirmed": "on",
        },
        follow=True,
    )
    assert "De moderator bekijkt je hulpvraag eerst" in _text(response)
    signup = Signup.objects.get(user=professional)
    assert signup.hulpvraag_status == HulpvraagStatus.IN_REVIEW


def test_sign_up_inbrenger_without_hulpvraag_gets_a_dutch_message(session, professional_client):
    response = professional_client.post(
        reverse("zorgoverleg:signup", args=[session.pk]), {"role": "inbrenger", "hulpvraag": ""}
    )
    assert response.status_code == 200
    assert "Schrijf je hulpvraag op." in _text(response)
    assert not Signup.objects.exists()


def test_full_room_message_keeps_the_typed_text(
    session, other_professional, professional_client, no_premoderation
):
    _max_inbrengers(1)
    actions.sign_up(session, by=other_professional, role=SignupRole.INBRENGER, hulpvraag=CLEAN)
    typed = "Vader zonder verblijfsvergunning zoekt hulp bij de kosten van de bevalling."
    response = professional_client.post(
        reverse("zorgoverleg:signup", args=[session.pk]),
        {"role": "inbrenger", "hulpvraag": typed},
    )
    assert response.status_code == 200
    text = _text(response)
    assert "Deze kamer zit vol met inbrengers. Je kunt nog wel meeluisteren." in text
    assert typed in text
    assert Signup.objects.count() == 1


def test_cancel_and_sign_up_again_through_the_page(session, professional, professional_client):
    actions.sign_up(session, by=professional, role=SignupRole.MEELUISTERAAR)
    response = professional_client.post(
        reverse("zorgoverleg:cancel", args=[session.pk]), follow=True
    )
    assert "Je bent afgemeld" in _text(response)
    assert not Signup.objects.get(user=professional).is_active
    professional_client.post(
        reverse("zorgoverleg:signup", args=[session.pk]), {"role": "meeluisteraar"}
    )
    assert Signup.objects.get(user=professional).is_active


def test_cancelled_session_page_has_no_form(session, room_moderator, professional_client):
    actions.cancel_session(session, by=room_moderator, reason="Ziek")
    response = professional_client.get(session.get_absolute_url())
    text = _text(response)
    assert "Gaat niet door" in text
    assert 'name="role"' not in text
    response = professional_client.post(
        reverse("zorgoverleg:signup", args=[session.pk]), {"role": "meeluisteraar"}
    )
    assert "Deze bijeenkomst gaat niet door" in _text(response)
    assert not Signup.objects.exists()


def test_past_session_refuses_sign_up(session, professional, client, frozen):
    frozen.move_to(session.ends_at + timedelta(days=1))
    client.force_login(professional)
    assert 'name="role"' not in _text(client.get(session.get_absolute_url()))
    response = client.post(
        reverse("zorgoverleg:signup", args=[session.pk]), {"role": "meeluisteraar"}
    )
    assert "al begonnen" in _text(response)
    assert not Signup.objects.exists()


def test_unverified_accounts_cannot_see_or_sign_up(session, unverified_client):
    assert unverified_client.get(session.get_absolute_url()).status_code == 403
    response = unverified_client.post(
        reverse("zorgoverleg:signup", args=[session.pk]), {"role": "meeluisteraar"}
    )
    assert response.status_code == 403
    assert not Signup.objects.exists()


# --- the agenda -----------------------------------------------------------------------------


def test_agenda_shows_hulpvragen_in_order_and_who_comes(
    session, professional, other_professional, room_moderator, client
):
    actions.sign_up(session, by=professional, role=SignupRole.INBRENGER, hulpvraag=WITH_PHONE)
    actions.sign_up(session, by=other_professional, role=SignupRole.MEELUISTERAAR)
    client.force_login(room_moderator)
    response = client.get(reverse("zorgoverleg:agenda", args=[session.pk]))
    assert response.status_code == 200
    text = _text(response)
    assert "Fatima (verloskundige)" in text  # the inbrenger
    assert "Joost (Buurtteam)" in text  # the meeluisteraar
    assert '<mark class="vb-finding"' in text
    assert "Wacht op moderator" in text
    assert "2 personen komen." in text


def test_agenda_is_403_for_professionals_without_leaking(
    session, professional, other_professional, other_professional_client
):
    actions.sign_up(session, by=professional, role=SignupRole.INBRENGER, hulpvraag=CLEAN)
    response = other_professional_client.get(reverse("zorgoverleg:agenda", args=[session.pk]))
    assert response.status_code == 403
    assert "schulden" not in _text(response)
    assert "Fatima" not in _text(response)


def test_agenda_is_open_to_a_room_moderator_without_site_permission(session, room, client):
    own = make_user(email="eigen@zorg.test")
    room.moderators.add(own)
    client.force_login(own)
    assert client.get(reverse("zorgoverleg:agenda", args=[session.pk])).status_code == 200


def test_agenda_buttons_approve_reject_and_order(
    session, professional, other_professional, room_moderator, client
):
    first = actions.sign_up(
        session, by=professional, role=SignupRole.INBRENGER, hulpvraag=WITH_PHONE
    )
    second = actions.sign_up(
        session, by=other_professional, role=SignupRole.INBRENGER, hulpvraag=CLEAN
    )
    client.force_login(room_moderator)
    client.post(reverse("zorgoverleg:hulpvraag_approve", args=[first.pk]))
    first.refresh_from_db()
    assert first.hulpvraag_status == HulpvraagStatus.APPROVED
    client.post(reverse("zorgoverleg:hulpvraag_up", args=[second.pk]))
    assert list(session.signups.agenda()) == [second, first]
    response = client.post(
        reverse("zorgoverleg:hulpvraag_reject", args=[second.pk]), {"reason": ""}, follow=True
    )
    assert "Schrijf kort waarom." in _text(response)
    client.post(
        reverse("zorgoverleg:hulpvraag_reject", args=[second.pk]),
        {"reason": "Past beter bij Psychische problematiek."},
    )
    second.refresh_from_db()
    assert second.hulpvraag_status == HulpvraagStatus.REJECTED


def test_agenda_buttons_are_refused_to_professionals(
    session, professional, other_professional_client
):
    signup = actions.sign_up(session, by=professional, role=SignupRole.INBRENGER, hulpvraag=CLEAN)
    response = other_professional_client.post(
        reverse("zorgoverleg:hulpvraag_approve", args=[signup.pk])
    )
    assert response.status_code == 403
    signup.refresh_from_db()
    assert signup.hulpvraag_status == HulpvraagStatus.IN_REVIEW


def test_rejected_inbrenger_sees_the_reason(
    session, professional, professional_client, room_moderator
):
    signup = actions.sign_up(session, by=professional, role=SignupRole.INBRENGER, hulpvraag=CLEAN)
    actions.reject_hulpvraag(signup, by=room_moderator, reason="Past beter in een andere kamer.")
    text = _text(professional_client.get(session.get_absolute_url()))
    assert "niet op de agenda gezet" in text
    assert "Past beter in een andere kamer." in text


# --- demo data ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_load_demo_data_creates_the_rooms_with_sessions_twice_safely(frozen):
    call_command("load_demo_data", verbosity=0, stdout=open("/dev/null", "w"))
    call_command("load_demo_data", verbosity=0, stdout=open("/dev/null", "w"))
    names = list(Room.objects.values_list("name", flat=True))
    assert names == [
        "Financiële problemen",
        "Psychische en psychiatrische problematiek",
        "Ongedocumenteerde ouders",
        "Huiselijk geweld",
    ]
    room = Room.objects.get(slug="financiele-problemen")
    assert room.meeting_url == "https://vergaderen.example.org/zorgoverleg-financien"
    assert list(room.moderators.values_list("email", flat=True)) == ["moderator@vraagbaak.test"]
    assert room.risicofactoren.filter(slug="financiele-problemen").exists()
    assert Session.objects.count() == 4 * 3


def test_overview_does_not_count_a_rejected_hulpvraag(
    session, professional, other_professional, room_moderator, professional_client
):
    rejected = actions.sign_up(session, by=professional, role=SignupRole.INBRENGER, hulpvraag=CLEAN)
    actions.sign_up(session, by=other_professional, role=SignupRole.INBRENGER, hulpvraag=CLEAN)
    actions.reject_hulpvraag(rejected, by=room_moderator, reason="Andere kamer.")
    text = _text(professional_client.get(reverse("zorgoverleg:overview")))
    assert "1 van 3 inbrengers" in text
