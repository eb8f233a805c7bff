"""The zorgoverleg pages in a real browser, on a phone-sized screen, checked with axe-core:
overview, session page (also with the anonymity check step), and the moderator's agenda."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, make_user
from vraagbaak.zorgoverleg.actions import plan_sessions
from vraagbaak.zorgoverleg.models import Room, Signup

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def login(page, base, email):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail").first.fill(email)
    page.get_by_label("Wachtwoord").first.fill(PASSWORD)
    page.locator("form").get_by_role("button", name="Inloggen", exact=True).click()


def test_zorgoverleg_pages_are_accessible_on_a_phone(live_server, page, check_a11y):
    page.set_viewport_size({"width": 375, "height": 800})
    base = live_server.url
    moderator = make_user(email="kim@zorg.test", display_name="Kim", groups=["Moderatoren"])
    make_user(email="fatima@zorg.test", display_name="Fatima (verloskundige)")
    room = Room.objects.create(
        name="Financiële problemen",
        slug="financiele-problemen",
        description="Schulden, geldzorgen en regelingen.",
        meeting_url="https://vergaderen.example.org/zorgoverleg-financien",
    )
    room.moderators.add(moderator)
    plan_sessions()
    session = room.sessions.order_by("starts_at").first()

    login(page, base, "fatima@zorg.test")
    page.goto(f"{base}/zorgoverleg/")
    expect(page.get_by_role("heading", level=2, name="Financiële problemen")).to_be_visible()
    check_a11y(page, "zorgoverleg overview")

    page.get_by_role("link", name=session.when_text, exact=True).click()
    check_a11y(page, "session page")
    page.locator("label[for=id_role_0]").click()
    page.get_by_label("Je hulpvraag (alleen voor inbrengers)").fill(
        "Moeder belt vaak vanaf 06-12345678 en heeft schulden, wat kan ik doen?"
    )
    page.get_by_role("button", name="Aanmelden", exact=True).click()
    expect(page.locator("mark.vb-finding").first).to_be_visible()
    check_a11y(page, "session page with findings")
    page.locator("label[for=id_anonimiteit-confirmed]").click()
    page.get_by_role("button", name="Aanmelden", exact=True).click()
    expect(page.get_by_role("heading", name="Je bent aangemeld als inbrenger")).to_be_visible()
    check_a11y(page, "session page signed up")
    assert Signup.objects.get(session=session).hulpvraag_status == "in_review"

    page.context.clear_cookies()
    login(page, base, "kim@zorg.test")
    page.goto(f"{base}/zorgoverleg/{session.pk}/agenda/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Agenda")
    check_a11y(page, "agenda")
    page.get_by_role("button", name="Op de agenda zetten").click()
    expect(page.get_by_text("De hulpvraag staat op de agenda.")).to_be_visible()
    assert Signup.objects.get(session=session).hulpvraag_status == "approved"
