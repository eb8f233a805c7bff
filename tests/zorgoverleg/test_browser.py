"""The zorgoverleg in a real browser, with shifted time (issue 5):

a professional signs up as inbrenger with a hulpvraag → the room's moderator puts it on the
agenda → the scheduled job sends the reminders (no case text) → at the start the join link
shows → the moderator marks attendance, writes the verslag and turns the hulpvraag into a
solved thread → the thread shows the solution. The session page is checked with axe-core.

time_machine moves the clock of the test process, and so of the live server thread too.
A sign-in lasts 12 hours, so after each jump in time people sign in again.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from playwright.sync_api import expect

from tests.factories import PASSWORD, RisicofactorFactory, make_user
from vraagbaak.vragen.models import Vraag, VraagStatus
from vraagbaak.zorgoverleg.alarm import send_zorgoverleg_mails
from vraagbaak.zorgoverleg.models import HulpvraagStatus, Room, Session, Signup

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AMS = ZoneInfo("Europe/Amsterdam")
START = datetime(2026, 12, 7, 12, tzinfo=AMS)  # first Monday of December
MEETING = "https://vergaderen.example.org/zorgoverleg-financien"
HULPVRAAG = (
    "Cliënte is 28 weken zwanger en heeft een betalingsachterstand bij de energieleverancier. "
    "Welke regeling past?"
)


def sign_in(page, live_server, email):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail").first.fill(email)
    page.get_by_label("Wachtwoord").first.fill(PASSWORD)
    page.locator("form").get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_role("button", name="Inloggen", exact=True)).to_have_count(0)


def test_sign_up_reminders_join_link_verslag_and_thread(live_server, page, browser, check_a11y):
    base = live_server.url
    risicofactor = RisicofactorFactory(name="Financiële problemen", slug="financiele-problemen")
    moderator = make_user(
        email="kim@ggd.test", display_name="Kim (moderator)", groups=["Moderatoren"]
    )
    room = Room.objects.create(
        name="Financiële problemen", slug="financiele-problemen", meeting_url=MEETING
    )
    room.risicofactoren.add(risicofactor)
    room.moderators.add(moderator)
    session = Session.objects.create(
        room=room,
        starts_at=START,
        ends_at=START + timedelta(minutes=30),
        original_date=START.date(),
    )
    make_user(email="sanne@praktijk-noord.test", display_name="Sanne (verloskundige)")
    session_url = base + session.get_absolute_url()

    with time_machine.travel(datetime(2026, 12, 2, 10, tzinfo=AMS)) as traveller:
        # Wednesday: Sanne signs up as inbrenger with a hulpvraag.
        sign_in(page, live_server, "sanne@praktijk-noord.test")
        page.goto(session_url)
        check_a11y(page, "session page before signing up")
        page.locator("label", has_text="Inbrenger: ik breng").click()
        page.get_by_label("Je hulpvraag").fill(HULPVRAAG)
        page.get_by_role("button", name="Aanmelden", exact=True).click()
        expect(page.get_by_text("De moderator bekijkt je hulpvraag eerst.")).to_be_visible()
        expect(
            page.get_by_text(
                "De link om mee te doen verschijnt hier op maandag 7 december 2026 om 11:45."
            )
        ).to_be_visible()
        expect(page.get_by_role("link", name="Doe mee aan het zorgoverleg")).to_have_count(0)
        signup = Signup.objects.get()
        assert signup.hulpvraag_status == HulpvraagStatus.IN_REVIEW

        # The room's moderator puts it on the agenda, in her own browser.
        mod_context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
        mod_page = mod_context.new_page()
        sign_in(mod_page, live_server, moderator.email)
        mod_page.goto(session_url)
        mod_page.get_by_role("link", name="Bekijk de agenda en wie er komen").click()
        expect(mod_page.get_by_text(HULPVRAAG)).to_be_visible()
        mod_page.get_by_role("button", name="Op de agenda zetten").click()
        signup.refresh_from_db()
        assert signup.hulpvraag_status == HulpvraagStatus.APPROVED

        # The scheduled job, every 15 minutes: Friday 09:00 the first reminder …
        traveller.move_to(datetime(2026, 12, 4, 8, 45, tzinfo=AMS))
        assert send_zorgoverleg_mails()["reminders_day"] == 0
        traveller.move_to(datetime(2026, 12, 4, 9, 0, tzinfo=AMS))
        assert send_zorgoverleg_mails()["reminders_day"] == 1
        # … and on Monday at 11:45 the second one, with the join link.
        traveller.move_to(datetime(2026, 12, 7, 11, 30, tzinfo=AMS))
        assert send_zorgoverleg_mails()["reminders_soon"] == 0
        traveller.move_to(datetime(2026, 12, 7, 11, 45, tzinfo=AMS))
        assert send_zorgoverleg_mails()["reminders_soon"] == 1
        assert send_zorgoverleg_mails() == {
            "announcements": 0,
            "reminders_day": 0,
            "reminders_soon": 0,
        }
        reminders = [m for m in mail.outbox if m.to == ["sanne@praktijk-noord.test"]]
        assert [m.subject for m in reminders] == [
            "[GKS Vraagbaak] Herinnering: zorgoverleg Financiële problemen op "
            "maandag 7 december 2026, 12:00–12:30",
            "[GKS Vraagbaak] Het zorgoverleg Financiële problemen begint zo",
        ]
        assert MEETING in reminders[1].body and MEETING not in reminders[0].body
        for message in mail.outbox:
            for part in [message.subject, message.body, *(c for c, _ in message.alternatives)]:
                assert "betalingsachterstand" not in part and "energieleverancier" not in part

        # At 11:50 the join link shows on the session page.
        traveller.move_to(datetime(2026, 12, 7, 11, 50, tzinfo=AMS))
        sign_in(page, live_server, "sanne@praktijk-noord.test")
        page.goto(session_url)
        join = page.get_by_role("link", name="Doe mee aan het zorgoverleg")
        expect(join).to_have_attribute("href", MEETING)
        check_a11y(page, "session page with the join link")

        # After the session the moderator marks attendance …
        traveller.move_to(datetime(2026, 12, 7, 12, 35, tzinfo=AMS))
        sign_in(mod_page, live_server, moderator.email)
        mod_page.goto(session_url)
        check_a11y(mod_page, "session page for the moderator after the end")
        mod_page.get_by_role("link", name="Aanwezigheid bijhouden").click()
        mod_page.get_by_role("group", name=re.compile("Sanne")).locator(
            "label", has_text="Aanwezig"
        ).click()
        mod_page.get_by_role("button", name="Aanwezigheid opslaan").click()
        expect(mod_page.get_by_text("De aanwezigheid is opgeslagen.")).to_be_visible()
        signup.refresh_from_db()
        assert signup.attended is True

        # … writes the verslag: the check marks a phone number, she removes it …
        mod_page.get_by_role("link", name="Verslag schrijven").click()
        mod_page.get_by_label("Verslag").fill(
            "We bespraken energieschulden. Bel de consulent op 06-12345678."
        )
        mod_page.get_by_role("button", name="Verslag opslaan").click()
        expect(mod_page.locator("mark.vb-finding", has_text="06-12345678").first).to_be_visible()
        check_a11y(mod_page, "verslag with findings")
        mod_page.get_by_label("Verslag").fill(
            "We bespraken energieschulden. **Tip:** vraag een betalingsregeling aan."
        )
        mod_page.get_by_role("button", name="Verslag opslaan").click()
        expect(mod_page.get_by_text("Het verslag is opgeslagen.")).to_be_visible()
        expect(mod_page.locator(".vb-verslag strong", has_text="Tip:")).to_be_visible()

        # … and turns the hulpvraag into a solved thread.
        mod_page.get_by_role("link", name="maak er een vraag met oplossing van").click()
        expect(mod_page.get_by_label("Beschrijving van de casus")).to_have_value(HULPVRAAG)
        check_a11y(mod_page, "hulpvraag to vraag form")
        mod_page.get_by_label("Titel").fill(
            "Zwangere cliënte met een energieschuld: welke regeling?"
        )
        mod_page.get_by_label("Oplossing").fill(
            "Vraag bij de energieleverancier een betalingsregeling aan en meld de cliënte aan "
            "bij de schuldhulpverlening van de gemeente."
        )
        mod_page.get_by_role("button", name="Vraag met oplossing plaatsen").click()
        expect(mod_page.get_by_role("heading", level=1)).to_have_text(
            "Zwangere cliënte met een energieschuld: welke regeling?"
        )
        expect(mod_page.get_by_text("schuldhulpverlening van de gemeente").first).to_be_visible()
        vraag = Vraag.objects.get()
        assert (
            vraag.status == VraagStatus.SOLVED and vraag.author.email == "sanne@praktijk-noord.test"
        )

        # Sanne finds her question on the thread page, solved.
        page.goto(base + vraag.get_absolute_url())
        expect(page.get_by_text("schuldhulpverlening van de gemeente").first).to_be_visible()
        expect(page.get_by_text(re.compile("Opgelost")).first).to_be_visible()
        mod_context.close()
