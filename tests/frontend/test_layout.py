"""The site layout, error pages and editorial pages as a visitor or professional sees them."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.views.defaults import permission_denied

from tests.factories import AntwoordFactory, RisicofactorFactory, StadsdeelFactory, VraagFactory
from vraagbaak.pages.models import HomePage, ThemePage


def _html(response) -> str:
    return response.content.decode()


def _h1_count(html: str) -> int:
    return len(re.findall(r"<h1[\s>]", html))


@pytest.fixture
def home_page(db):
    page = HomePage.objects.first()
    assert page is not None, "the pages migration creates the home page"
    return page


def test_home_page_for_visitor_has_accessible_layout(client, home_page):
    response = client.get(home_page.url)

    assert response.status_code == 200
    html = _html(response)
    assert '<html lang="nl">' in html
    assert 'class="ams-skip-link' in html and 'href="#inhoud"' in html
    assert 'id="inhoud"' in html and "<main" in html
    assert _h1_count(html) == 1
    assert 'aria-label="Hoofdmenu"' in html
    assert "Inloggen" in html and "Account aanmaken" in html
    assert "Uitloggen" not in html
    for href in ("/over/", "/huisregels/", "/privacy/", "/schrijfwijzer/"):
        assert f'href="{href}"' in html
    assert "<title>" in html and "GKS Vraagbaak" in html


def test_home_page_for_visitor_offers_sign_up_and_sign_in(client, home_page):
    html = _html(client.get(home_page.url))

    assert 'class="ams-button ams-button--primary" href="/accounts/signup/"' in html
    assert 'href="/accounts/login/"' in html


def test_dashboard_shows_question_cards(professional_client, professional, home_page):
    risicofactor = RisicofactorFactory(name="Testfactor voorkant", slug="testfactor-voorkant")
    stadsdeel = StadsdeelFactory(name="Teststadsdeel", slug="teststadsdeel")
    professional.profile.expertise.add(risicofactor)
    own = VraagFactory(
        author=professional, title="Mijn eigen vraag over kraamzorg", risicofactoren=[risicofactor]
    )
    other = VraagFactory(
        title="Vraag van een collega over schulden",
        risicofactoren=[risicofactor],
        stadsdeel=stadsdeel,
    )
    AntwoordFactory(vraag=other)
    VraagFactory(author=None, title="Vraag van een verwijderd account")

    html = _html(professional_client.get(home_page.url))

    assert _h1_count(html) == 1
    assert "Vraag stellen" in html
    assert "Uitloggen" in html
    assert f'href="{own.get_absolute_url()}"' in html
    assert "Vraag van een collega over schulden" in html
    assert "Testfactor voorkant" in html
    assert "Teststadsdeel" in html
    assert "1 antwoord" in html
    assert "verwijderd account" in html
    assert professional.profile.display_name in html


def test_header_shows_sign_out_as_post_form(professional_client, home_page):
    html = _html(professional_client.get(home_page.url))

    assert re.search(r'<form[^>]*method="post"[^>]*action="/accounts/logout/"', html)


def test_unknown_url_shows_dutch_404_for_professional(professional_client):
    response = professional_client.get("/deze-pagina-bestaat-echt-niet/")

    assert response.status_code == 404
    html = _html(response)
    assert "Deze pagina bestaat niet" in html
    assert _h1_count(html) == 1
    assert 'class="ams-skip-link' in html
    assert "Traceback" not in html


def test_unknown_url_shows_404_for_visitor(client, db):
    response = client.get("/bestaat/ook/niet/")

    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in _html(response)


def test_403_page_is_dutch_and_plain(db):
    request = RequestFactory().get("/geheim/")
    request.user = AnonymousUser()

    response = permission_denied(request, PermissionDenied("secret internal reason"))

    html = response.content.decode()
    assert response.status_code == 403
    assert "Dit mag je niet doen" in html
    assert "secret internal reason" not in html
    assert _h1_count(html) == 1


def test_500_page_renders_without_request_or_context():
    html = render_to_string("500.html")

    assert '<html lang="nl">' in html
    assert "Er ging iets mis" in html
    assert _h1_count(html) == 1


def test_csrf_failure_page_is_dutch(client, db):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post("/accounts/login/", {"login": "a@b.test", "password": "x"})

    assert response.status_code == 403
    assert "Dit formulier is verlopen" in response.content.decode()


def test_theme_page_shows_escalation_alert(professional_client, db):
    page = ThemePage.objects.exclude(escalation="").first()
    assert page is not None, "the pages migration gives urgent risk factors escalation text"

    html = _html(professional_client.get(page.url))

    assert "ams-alert ams-alert--warning" in html
    assert "Bij acute zorgen" in html
    assert _h1_count(html) == 1


def test_static_assets_in_layout_exist():
    html = render_to_string("500.html")
    paths = re.findall(r'(?:href|src)="/static/([^"]+)"', html)

    assert paths
    for path in paths:
        assert finders.find(path), path
    assert finders.find("ams/tokens/index.css") and finders.find("htmx/htmx.min.js")


def test_pagination_shows_only_the_links_that_exist():
    html = render_to_string(
        "includes/pagination.html", {"page_prev_url": "", "page_next_url": "/vragen/?na=5"}
    )

    assert 'class="ams-pagination' in html
    assert 'href="/vragen/?na=5"' in html and 'rel="next"' in html
    assert "Volgende" in html
    assert "Vorige" not in html


def test_pagination_is_absent_on_a_single_page():
    html = render_to_string("includes/pagination.html", {"page_prev_url": "", "page_next_url": ""})

    assert "ams-pagination" not in html


def test_author_badge_for_deleted_account():
    html = render_to_string("includes/author.html", {"user": None})

    assert "verwijderd account" in html
