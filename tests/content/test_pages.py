"""The Wagtail pages made by the pages data migration and who may see them."""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from wagtail.models import Site

from tests.factories import VraagFactory
from vraagbaak.pages.models import HomePage, StandardPage, ThemePage
from vraagbaak.taxonomie.models import Risicofactor

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/over/", "/huisregels/", "/privacy/", "/schrijfwijzer/", "/themas/"]


def test_site_root_is_the_home_page():
    site = Site.objects.get(is_default_site=True)

    assert isinstance(site.root_page.specific, HomePage)
    assert site.hostname == "localhost"
    assert site.port == 80


def test_home_page_shows_visitors_the_intro(client):
    response = client.get("/")

    assert response.status_code == 200
    content = response.content.decode()
    assert "De GKS Vraagbaak is een online plek waar professionals elkaar helpen" in content
    assert "Maak een gratis account aan" in content


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_standard_pages_are_public(client, url):
    assert client.get(url).status_code == 200


def test_schrijfwijzer_shows_an_anonymous_example(client):
    content = client.get("/schrijfwijzer/").content.decode()

    assert "BSN, IBAN" in content
    assert "Zwangere (ongeveer 30-35 jaar, ± 36 weken, 3e kind) in Oost" in content


def test_privacy_page_names_the_rights(client):
    content = client.get("/privacy/").content.decode()

    assert "/profiel/mijn-gegevens/" in content
    assert "/profiel/verwijderen/" in content


def test_every_risicofactor_has_a_closed_theme_page():
    themas = StandardPage.objects.get(slug="themas")

    assert ThemePage.objects.count() == Risicofactor.objects.count() == 12
    assert all(p.get_parent().pk == themas.pk for p in ThemePage.objects.all())
    assert not any(p.is_public_page for p in ThemePage.objects.all())
    for page in ThemePage.objects.filter(risicofactor__is_urgent=True):
        assert "0800-2000" in page.escalation
        assert "112" in page.escalation


def test_theme_page_sends_visitors_to_login(client):
    response = client.get("/themas/huiselijk-geweld/")

    assert response.status_code == 302
    assert response.url.startswith(resolve_url(settings.LOGIN_URL))


def test_theme_page_is_forbidden_for_unverified_accounts(unverified_client):
    assert unverified_client.get("/themas/huiselijk-geweld/").status_code == 403


def test_theme_page_shows_guidance_and_recent_questions(professional_client, professional):
    risicofactor = Risicofactor.objects.get(slug="huiselijk-geweld")
    vraag = VraagFactory(author=professional, risicofactoren=[risicofactor])

    response = professional_client.get("/themas/huiselijk-geweld/")

    assert response.status_code == 200
    assert "Veilig Thuis: 0800-2000" in response.content.decode()
    assert list(response.context["recent_vragen"]) == [vraag]


def test_themas_index_lists_its_theme_pages(client):
    response = client.get("/themas/")

    assert [p.slug for p in response.context["child_pages"]][:2] == [
        "financiele-problemen",
        "vermijden-van-zorg",
    ]


def test_home_page_shows_verified_professionals_their_dashboard(professional_client, professional):
    vraag = VraagFactory(author=professional)

    response = professional_client.get("/")

    assert response.status_code == 200
    assert vraag in response.context["own_open_vragen"]
    assert vraag.title in response.content.decode()
