"""Wagtail admin: accounts queue, organisations allowlist, taxonomies; MFA for staff roles."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from wagtail.models import ModelLogEntry

from tests.factories import make_user
from vraagbaak.accounts.models import AllowedDomain
from vraagbaak.taxonomie.models import Risicofactor


def _with_totp(user):
    TOTP.activate(user, generate_totp_secret())
    return user


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor(db):
    return make_user(
        email="redacteur@zorg.test", display_name="Rik (redacteur)", groups=["Redacteuren"]
    )


# MFA enforcement


@pytest.mark.django_db
def test_moderator_without_mfa_is_sent_to_mfa_setup(moderator_client):
    response = moderator_client.get("/beheer/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/"
    page = moderator_client.get(response["Location"])
    assert page.status_code == 200  # the MFA pages stay reachable
    assert "twee stappen" in page.content.decode()


@pytest.mark.django_db
def test_moderator_with_totp_gets_into_admin(moderator):
    response = _client(_with_totp(moderator)).get("/beheer/")
    assert response.status_code == 200


@pytest.mark.django_db
def test_editor_without_mfa_is_sent_to_mfa_setup(editor):
    response = _client(editor).get("/beheer/nieuwe-accounts/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/"


@pytest.mark.django_db
def test_superuser_without_mfa_is_sent_to_mfa_setup(db):
    admin = make_user(email="admin@zorg.test", is_staff=True, is_superuser=True)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    assert _client(admin).get("/beheer/")["Location"] == "/accounts/2fa/"


@pytest.mark.django_db
def test_professional_pages_do_not_need_mfa(moderator_client):
    assert moderator_client.get("/profiel/").status_code == 200
    assert moderator_client.get("/vragen/").status_code == 200


@pytest.mark.django_db
def test_moderator_only_view_needs_mfa(rf, moderator):
    from django.http import HttpResponse

    from vraagbaak.accounts.middleware import MFARequiredMiddleware

    def view(request):
        return HttpResponse("ok")

    view.moderator_only = True
    middleware = MFARequiredMiddleware(lambda request: HttpResponse("ok"))
    request = rf.get("/moderatie/")
    request.user = moderator
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.cache import SessionStore

    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    response = middleware.process_view(request, view, (), {})
    assert response.status_code == 302
    _with_totp(moderator)
    assert middleware.process_view(request, view, (), {}) is None


# Verification queue


@pytest.mark.django_db
def test_queue_lists_unverified_accounts_oldest_first(moderator, unverified_user, professional):
    newer = make_user(email="later@praktijk.test", verified=False, display_name="Later")
    response = _client(_with_totp(moderator)).get("/beheer/nieuwe-accounts/")
    assert response.status_code == 200
    content = response.content.decode()
    assert unverified_user.email in content and newer.email in content
    assert content.index(unverified_user.email) < content.index(newer.email)
    assert professional.email not in content  # verified accounts are not in the queue


@pytest.mark.django_db
def test_moderator_approves_account_from_queue(
    moderator, unverified_user, django_capture_on_commit_callbacks
):
    client = _client(_with_totp(moderator))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/beheer/nieuwe-accounts/{unverified_user.profile.pk}/goedkeuren/")
    assert response.status_code == 302
    unverified_user.profile.refresh_from_db()
    assert unverified_user.profile.is_verified
    assert len(mail.outbox) == 1
    assert ModelLogEntry.objects.filter(action="vraagbaak.profile.verify").exists()


@pytest.mark.django_db
def test_approve_needs_post(moderator, unverified_user):
    response = _client(_with_totp(moderator)).get(
        f"/beheer/nieuwe-accounts/{unverified_user.profile.pk}/goedkeuren/"
    )
    assert response.status_code == 405
    unverified_user.profile.refresh_from_db()
    assert not unverified_user.profile.is_verified


@pytest.mark.django_db
def test_editor_cannot_see_queue_or_approve(editor, unverified_user):
    client = _client(_with_totp(editor))
    assert client.get("/beheer/nieuwe-accounts/").status_code in (302, 403)
    response = client.post(f"/beheer/nieuwe-accounts/{unverified_user.profile.pk}/goedkeuren/")
    # Wagtail's admin turns PermissionDenied into a redirect to its dashboard with a message.
    assert response.status_code in (302, 403)
    assert response.get("Location", "/beheer/") == "/beheer/"
    unverified_user.profile.refresh_from_db()
    assert not unverified_user.profile.is_verified


@pytest.mark.django_db
def test_professional_cannot_approve(professional_client, unverified_user):
    response = professional_client.post(
        f"/beheer/nieuwe-accounts/{unverified_user.profile.pk}/goedkeuren/"
    )
    assert response.status_code in (302, 403)
    unverified_user.profile.refresh_from_db()
    assert not unverified_user.profile.is_verified


# Organisations allowlist and taxonomies


@pytest.mark.django_db
def test_moderator_adds_allowed_domain(moderator):
    client = _client(_with_totp(moderator))
    assert client.get("/beheer/toegestane_domeinen/").status_code == 200
    response = client.post(
        "/beheer/toegestane_domeinen/new/",
        {"domain": "@Buurtteam.nl ", "organisation": "Buurtteams"},
    )
    assert response.status_code == 302
    assert AllowedDomain.objects.get().domain == "buurtteam.nl"


@pytest.mark.django_db
def test_editor_edits_taxonomy_but_not_domains(editor):
    client = _client(_with_totp(editor))
    assert client.get("/beheer/risicofactor/").status_code == 200
    response = client.post(
        "/beheer/risicofactor/new/",
        {
            "name": "Laaggeletterdheid",
            "slug": "laaggeletterdheid",
            "sort_order": 5,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert Risicofactor.objects.filter(slug="laaggeletterdheid").exists()
    assert client.get("/beheer/toegestane_domeinen/").status_code in (302, 403)


@pytest.mark.django_db
def test_groups_have_expected_permissions():
    moderatoren = Group.objects.get(name="Moderatoren")
    codes = set(moderatoren.permissions.values_list("codename", flat=True))
    assert {"access_admin", "moderate_vraag", "verify_profile", "add_alloweddomain"} <= codes
    redacteuren = Group.objects.get(name="Redacteuren")
    codes = set(redacteuren.permissions.values_list("codename", flat=True))
    assert {"access_admin", "change_risicofactor", "change_urgentbanner"} <= codes
    assert redacteuren.page_permissions.filter(
        page__depth=1, permission__codename="publish_page"
    ).exists()
    assert Group.objects.filter(name="Professionals").exists()
