"""The main flow in a real browser: sign up → verify → approved → ask → answer → dit hielp.

Every page visited is checked with axe-core (serious/critical WCAG 2.2 AA violations fail).
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.factories import PASSWORD, make_user
from vraagbaak.accounts.actions import verify_profile
from vraagbaak.accounts.models import User
from vraagbaak.taxonomie.models import Discipline
from vraagbaak.vragen.actions import approve_vraag
from vraagbaak.vragen.models import Vraag

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def login(page, live_server, email, password, check_a11y=None):
    page.goto(f"{live_server.url}/accounts/login/")
    if check_a11y:
        check_a11y(page, "login")
    page.get_by_label("E-mail").first.fill(email)
    page.get_by_label("Wachtwoord").first.fill(password)
    page.locator("form").get_by_role("button", name="Inloggen", exact=True).click()


def test_main_flow_sign_up_ask_answer_and_mark_helpful(live_server, page, browser, check_a11y):
    base = live_server.url

    # A visitor sees the public home page and signs up.
    page.goto(base + "/")
    check_a11y(page, "home (visitor)")
    page.goto(base + "/accounts/signup/")
    check_a11y(page, "signup")
    page.get_by_label("E-mail").first.fill("sanne@praktijk-noord.test")
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label("Wachtwoord (bevestigen)").fill(PASSWORD)
    page.locator("form").get_by_role(
        "button", name=re.compile("Account aanmaken|Registreren|Aanmelden", re.I)
    ).click()

    # She confirms her e-mail address with the code that was mailed to her.
    expect(page.get_by_text(re.compile("code", re.I)).first).to_be_visible()
    check_a11y(page, "confirm e-mail")
    code = re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", mail.outbox[-1].body).group(1)
    page.get_by_label(re.compile("code", re.I)).first.fill(code)
    page.locator("form").get_by_role("button", name=re.compile("Bevestig|Bevestigen", re.I)).click()

    # Not on the allowlist: she is told she is not verified yet and sees no case content.
    page.goto(base + "/vragen/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("nog niet geverifieerd")
    check_a11y(page, "unverified")

    # She completes her profile.
    page.goto(base + "/profiel/bewerken/")
    check_a11y(page, "profile edit")
    page.get_by_label("Naam", exact=True).fill("Sanne (verloskundige)")
    discipline = Discipline.objects.get(slug="verloskundige")
    page.get_by_label("Discipline").select_option(str(discipline.pk))
    page.get_by_role("button", name=re.compile("Opslaan", re.I)).click()

    # A moderator approves the account.
    moderator = make_user(email="mod@ggd.test", groups=["Moderatoren"])
    verify_profile(User.objects.get(email="sanne@praktijk-noord.test").profile, by=moderator)

    # She asks a question; an urgent risk factor shows the banner.
    page.goto(base + "/vragen/nieuw/")
    check_a11y(page, "ask form")
    page.get_by_label("Titel").fill("Zwangere met huurachterstand: wie kan snel helpen in Noord?")
    page.get_by_label("Beschrijving van de casus").fill(
        "Cliënte is ongeveer 30 weken zwanger en heeft een huurachterstand van drie maanden."
    )
    page.locator("label", has_text="Huiselijk geweld").click()
    expect(page.get_by_text("Veilig Thuis").first).to_be_visible()
    page.locator("label", has_text="Huiselijk geweld").click()
    page.locator("label", has_text="Financiële problemen").click()
    page.get_by_role("button", name=re.compile("Vraag plaatsen|Plaatsen|Versturen", re.I)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("huurachterstand")
    question_url = page.url
    check_a11y(page, "question page")

    # Pre-moderation: a moderator approves the question before others can see it.
    approve_vraag(Vraag.objects.get(), by=moderator)

    # Another professional answers in her own browser session.
    make_user(email="joost@buurtteam.test", display_name="Joost (Buurtteam)")
    other = browser.new_context(locale="nl-NL")
    other_page = other.new_page()
    login(other_page, live_server, "joost@buurtteam.test", PASSWORD, check_a11y)
    other_page.goto(question_url)
    other_page.get_by_label("Je antwoord").fill(
        "Bel de wijkcontactpersoon van het Buurtteam Noord; zij regelen een betalingsregeling."
    )
    other_page.get_by_role(
        "button", name=re.compile("Antwoord plaatsen|Plaatsen|Versturen", re.I)
    ).click()
    expect(other_page.get_by_text("wijkcontactpersoon")).to_be_visible()
    other.close()

    # The asker was e-mailed (a link, no case text) and marks the answer: dit hielp.
    notice = mail.outbox[-1]
    assert notice.to == ["sanne@praktijk-noord.test"]
    assert "huurachterstand" not in notice.body and "huurachterstand" not in notice.subject
    page.goto(question_url)
    expect(page.get_by_text("wijkcontactpersoon")).to_be_visible()
    page.get_by_role("button", name=re.compile("Dit hielp", re.I)).click()
    expect(page.get_by_role("button", name=re.compile("Dit hielp", re.I))).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(page.get_by_text("Jij vond dit nuttig.")).to_be_visible()
    page.reload()
    expect(page.get_by_text("Jij vond dit nuttig.")).to_be_visible()
    check_a11y(page, "question page after dit hielp")
