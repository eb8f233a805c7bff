"""Moderation in a real browser: check → queue → approve / redact / reject (issue 3).

A professional asks a question with a phone number in it, sees it marked, removes it and
submits; the question waits for a moderator. A moderator signs in with a TOTP code, approves
it in /beheer/, redacts a second question and rejects a third. The asker sees each outcome.
Pages of the site are checked with axe-core.
"""

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from playwright.sync_api import expect

from tests.factories import PASSWORD, RisicofactorFactory, VraagFactory, make_user
from vraagbaak.vragen import actions
from vraagbaak.vragen.models import Vraag, VraagStatus

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = "06-12345678"


def sign_in(page, live_server, email, totp_secret=None):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail").first.fill(email)
    page.get_by_label("Wachtwoord").first.fill(PASSWORD)
    page.locator("form").get_by_role("button", name="Inloggen", exact=True).click()
    if totp_secret:
        code_input = page.locator("input[name=code]")
        expect(code_input).to_be_visible()
        code_input.fill(format_hotp_value(hotp_value(totp_secret, int(time.time()) // 30)))
        code_input.press("Enter")
        expect(page.locator("input[name=code]")).to_have_count(0)


def queue_item(page, title):
    return page.locator("article", has_text=title)


def test_question_goes_through_check_queue_and_moderation(live_server, page, browser, check_a11y):
    base = live_server.url
    asker = make_user(email="sanne@praktijk-noord.test", display_name="Sanne (verloskundige)")
    risicofactor = RisicofactorFactory(name="Financiële zorgen", slug="financiele-zorgen")
    solved = VraagFactory(title="Zwangere cliënte met een huurachterstand", solved=True)
    # Two more questions of hers already wait in the queue.
    to_redact = actions.create_vraag(
        by=asker,
        title="Moeder in het Flevoziekenhuis zoekt kraamzorg",
        body="Moeder ligt in het Flevoziekenhuis en zoekt kraamzorg.",
        risicofactoren=[risicofactor],
    )
    to_reject = actions.create_vraag(
        by=asker,
        title="Wat vinden jullie van mijn collega?",
        body="Een vraag die niet over een casus gaat.",
        risicofactoren=[risicofactor],
    )

    # She asks a new question. While she types the title, a similar solved question shows.
    sign_in(page, live_server, asker.email)
    page.goto(base + "/vragen/nieuw/")
    title = "Huurachterstand bij zwangere cliënte in Noord"
    page.get_by_label("Titel").press_sequentially(title, delay=5)
    similar = page.locator("#vergelijkbare-vragen")
    expect(similar).to_contain_text("Lijkt je vraag op een van deze?")
    expect(similar.get_by_role("link", name=re.compile(solved.title))).to_be_visible()
    expect(similar).to_contain_text("Opgelost")

    body = page.get_by_label("Beschrijving van de casus")
    body.fill(f"Cliënte is ongeveer 30 weken zwanger. Haar nummer is {PHONE}. Wie helpt?")
    page.locator("label", has_text="Financiële zorgen").click()

    # She checks her text before submitting: the phone number is marked in place.
    page.get_by_role("button", name="Controleer op herkenbare gegevens").click()
    result = page.locator("#anonimiteit-resultaat")
    expect(result.locator("mark.vb-finding", has_text=PHONE).first).to_be_visible()
    expect(result).to_contain_text("Dit lijkt een telefoonnummer.")
    check_a11y(page, "ask form with check result")

    # Submitting anyway shows the check step; nothing is saved yet.
    page.get_by_role("button", name="Vraag plaatsen").click()
    expect(page.get_by_role("heading", name=re.compile("Controleer je tekst"))).to_be_visible()
    expect(page.locator("#anonimiteit mark.vb-finding", has_text=PHONE).first).to_be_visible()
    expect(
        page.locator("label", has_text="Ik heb de gemarkeerde stukken gecontroleerd")
    ).to_be_visible()
    check_a11y(page, "ask form check step")
    assert not Vraag.objects.filter(title=title).exists()

    # She removes the number and submits: no more findings, so no confirmation needed.
    page.get_by_label("Beschrijving van de casus").fill(
        "Cliënte is ongeveer 30 weken zwanger en heeft een huurachterstand. Wie helpt?"
    )
    page.get_by_role("button", name="Vraag plaatsen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(
        page.get_by_text(
            "Je vraag wacht op een moderator. Alleen jij en de moderatoren zien hem nu."
        )
    ).to_be_visible()
    check_a11y(page, "question waiting for a moderator")
    vraag = Vraag.objects.get(title=title)
    assert vraag.status == VraagStatus.IN_REVIEW and vraag.anonymity_findings == []
    question_url = page.url

    # A moderator signs in with password and authenticator code, and works the queue.
    moderator = make_user(
        email="mod@ggd.test", display_name="Mo (moderator)", groups=["Moderatoren"]
    )
    secret = generate_totp_secret()
    TOTP.activate(moderator, secret)
    mod_context = browser.new_context(locale="nl-NL")
    mod_page = mod_context.new_page()
    sign_in(mod_page, live_server, moderator.email, totp_secret=secret)

    # The moderator also has a "Modereren" link on the question page itself.
    mod_page.goto(question_url)
    mod_page.get_by_role("link", name="Modereren").click()
    expect(mod_page).to_have_url(re.compile(r"/beheer/moderatie/vraag/\d+/"))

    mod_page.goto(base + "/beheer/moderatie/")
    expect(queue_item(mod_page, title)).to_be_visible()
    queue_item(mod_page, title).get_by_role("button", name="Goedkeuren").click()
    expect(mod_page.get_by_text("De vraag is goedgekeurd en gepubliceerd.")).to_be_visible()

    # Redact: the hospital's name goes, the asker is told why.
    # (The queue marks the findings inside the title, so match a part without them.)
    queue_item(mod_page, "zoekt kraamzorg").get_by_role("link", name="Aanpassen").click()
    mod_page.get_by_label("Titel").fill("Moeder in het ziekenhuis zoekt kraamzorg")
    mod_page.get_by_label("Beschrijving van de casus").fill(
        "Moeder ligt in het ziekenhuis en zoekt kraamzorg."
    )
    mod_page.get_by_label("Wat is aangepast en waarom").fill(
        "Ik heb de naam van het ziekenhuis weggehaald."
    )
    mod_page.get_by_role("button", name="Aanpassing opslaan").click()
    expect(mod_page.get_by_text("De vraag is aangepast.")).to_be_visible()

    # Reject, with a reason for the asker.
    queue_item(mod_page, "Wat vinden jullie").get_by_role("link", name="Afwijzen").click()
    mod_page.get_by_label("Reden van afwijzen").fill("De Vraagbaak is voor vragen over casussen.")
    mod_page.get_by_role("button", name="Afwijzen").click()
    expect(mod_page.get_by_text("De vraag is afgewezen.")).to_be_visible()
    mod_context.close()

    # The asker sees each outcome on the site.
    page.goto(question_url)
    expect(page.get_by_text("Je vraag wacht op een moderator")).to_have_count(0)
    expect(page.locator(".vb-status-line .vb-status")).to_have_text("Open")
    expect(page.get_by_label("Je antwoord")).to_be_visible()

    page.goto(base + to_redact.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Moeder in het ziekenhuis zoekt kraamzorg"
    )
    expect(
        page.get_by_text(
            "Een moderator heeft je tekst aangepast: Ik heb de naam van het ziekenhuis weggehaald."
        )
    ).to_be_visible()
    expect(page.get_by_text("Flevoziekenhuis")).to_have_count(0)
    check_a11y(page, "redacted question")

    page.goto(base + to_reject.get_absolute_url())
    expect(
        page.get_by_role("heading", name="Een moderator heeft je vraag afgewezen")
    ).to_be_visible()
    expect(page.get_by_text("De Vraagbaak is voor vragen over casussen.")).to_be_visible()
    check_a11y(page, "rejected question")


def test_melding_from_the_question_page(live_server, page, check_a11y):
    make_user(email="joost@buurtteam.test")
    vraag = VraagFactory(title="Vraag met een naam erin")
    sign_in(page, live_server, "joost@buurtteam.test")
    page.goto(live_server.url + vraag.get_absolute_url())
    page.get_by_role("link", name=re.compile("^Melden")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vraag melden")
    check_a11y(page, "melding form")
    page.locator("label", has_text="Niet anoniem").click()
    page.get_by_label("Toelichting").fill("Er staat een voornaam in.")
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.get_by_text("Bedankt. Een moderator kijkt ernaar.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(vraag.title)
