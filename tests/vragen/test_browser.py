"""htmx parts of the question pages in a real browser (Debian's Chromium)."""

import pytest
from django.test import Client

from tests.factories import AntwoordFactory, RisicofactorFactory, VraagFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def signed_in_page(live_server, professional, browser):
    client = Client()
    client.force_login(professional)
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    yield context.new_page()
    context.close()


def test_urgent_banner_follows_the_ticked_risicofactoren(live_server, signed_in_page, check_a11y):
    RisicofactorFactory(is_urgent=True, name="Acuut in de test")
    page = signed_in_page
    page.goto(live_server.url + "/vragen/nieuw/")
    assert page.locator("#urgent-banner .ams-alert").count() == 0
    page.locator("label", has_text="Acuut in de test").click()
    page.wait_for_selector("#urgent-banner .ams-alert", timeout=5000)
    assert "Veilig Thuis" in page.locator("#urgent-banner").inner_text()
    check_a11y(page)
    page.locator("label", has_text="Acuut in de test").click()
    page.wait_for_selector("#urgent-banner .ams-alert", state="detached", timeout=5000)


def test_dit_hielp_and_follow_update_in_place(live_server, signed_in_page, check_a11y):
    vraag = VraagFactory()
    antwoord = AntwoordFactory(vraag=vraag)
    page = signed_in_page
    page.goto(live_server.url + vraag.get_absolute_url())
    check_a11y(page)
    url_before = page.url
    page.locator(f"#helpful-button-{antwoord.pk}").click()
    page.wait_for_selector(f"#helpful-{antwoord.pk} [aria-pressed=true]", timeout=5000)
    assert "Jij vond dit nuttig." in page.locator(f"#helpful-{antwoord.pk}").inner_text()
    page.locator(f"#follow-button-{vraag.pk}").click()
    page.wait_for_selector(f"#follow-{vraag.pk} >> text=Niet meer volgen", timeout=5000)
    assert page.url == url_before  # swapped in place, no reload
