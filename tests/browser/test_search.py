"""Searching in a real browser over the demo questions (Debian's Chromium, axe-core checks).

A demo professional searches from the header box in her own words, narrows the results
with two filters (htmx swaps results and counts in place) and opens the question.
"""

import io
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DEMO_EMAIL = "professional@vraagbaak.test"
BUURTTEAM_TITLE = "Warme overdracht van verloskundige naar Buurtteam na de kraamperiode"


@pytest.fixture
def demo_data():
    call_command("load_demo_data", stdout=io.StringIO())


def sign_in(page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail").first.fill(DEMO_EMAIL)
    page.get_by_label("Wachtwoord").first.fill(settings.VRAAGBAAK_DEMO_PASSWORD)
    page.locator("form").get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_text("Je bent nu ingelogd")).to_be_visible()


def count_in(text: str) -> int:
    match = re.search(r"(\d+) vra(?:ag|gen) gevonden", text)
    assert match, text
    return int(match.group(1))


def test_search_from_the_header_filter_and_open(live_server, page, demo_data, check_a11y):
    sign_in(page, live_server)
    page.goto(live_server.url + "/vragen/")

    # Her own words: the demo question says "Buurtteam" and "kraamperiode".
    box = page.get_by_role("search").get_by_label("Zoek in de vragen")
    box.fill("overdracht aan het wijkteam na de kraamweek")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/zoeken/\?q=overdracht"))
    expect(page).to_have_title(re.compile(r"^Zoeken: overdracht aan het wijkteam"))
    first = page.locator(".vb-hit").first
    expect(first.get_by_role("heading")).to_have_text(BUURTTEAM_TITLE)
    expect(page.locator("mark").first).to_be_visible()
    check_a11y(page, "search results")

    # A broader search, then two filters: each narrows the results and the counts.
    page.get_by_label("Zoekwoorden").fill("zwanger")
    page.get_by_label("Zoekwoorden").press("Enter")
    heading = page.locator("#zoek-aantal")
    expect(heading).to_contain_text("gevonden")
    before = count_in(heading.inner_text())

    page.locator("label[for='facet-risicofactor-financiele-problemen']").click()
    expect(page).to_have_url(re.compile(r"risicofactor=financiele-problemen"))
    expect(page.locator("#zoek-status")).to_contain_text("gevonden")
    after_one = count_in(heading.inner_text())
    assert after_one < before
    assert page.locator("#facet-risicofactor-financiele-problemen").is_checked()
    # htmx kept the focus on the ticked box
    expect(page.locator("#facet-risicofactor-financiele-problemen")).to_be_focused()

    page.locator("label[for='facet-stadsdeel-zuidoost']").click()
    expect(page).to_have_url(re.compile(r"stadsdeel=zuidoost"))
    expect(page.locator(".vb-chip")).to_have_count(2)
    after_two = count_in(heading.inner_text())
    assert 0 < after_two < after_one
    expect(page.locator("#zoek-status")).to_have_text(re.compile(rf"^\s*{after_two} vra"))
    expect(page.locator(".vb-hit")).to_have_count(after_two)
    check_a11y(page, "search results with two filters")

    # Back button: the URL was pushed, so the previous state comes back.
    page.go_back()
    expect(page).not_to_have_url(re.compile(r"stadsdeel=zuidoost"))

    page.go_forward()
    hit = page.locator(".vb-hit").first
    title = hit.get_by_role("heading").inner_text()
    hit.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_role("heading", name="Vergelijkbare vragen")).to_be_visible()
    check_a11y(page, "question page with similar questions")


def test_search_on_a_phone_folds_the_filters(live_server, browser, demo_data, check_a11y):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
    page = context.new_page()
    sign_in(page, live_server)
    page.goto(live_server.url + "/zoeken/?q=zwanger")
    filters = page.locator("#zoek-filters")
    expect(filters).not_to_have_attribute("open", "")
    expect(page.locator("#facet-fase-zwangerschap")).to_be_hidden()
    page.locator("#zoek-filters > summary").click()
    expect(page.locator("label[for='facet-fase-zwangerschap']")).to_be_visible()
    check_a11y(page, "search on a phone, filters open")

    # The header box works on a phone too.
    page.goto(live_server.url + "/vragen/")
    page.get_by_role("search").get_by_label("Zoek in de vragen").fill("LVB")
    page.get_by_role("search").get_by_role("button", name="Zoeken").click()
    expect(page.locator(".vb-hit").first).to_contain_text("LVB")
    context.close()
