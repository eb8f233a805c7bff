"""Sign-up by e-mail with a confirmation code; verification by allowlisted domain."""

import re

import pytest
from django.core import mail

from vraagbaak.accounts.models import AllowedDomain, Profile, User

PASSWORD = "Een-lang-wachtwoord-2026"


def _code_from(message) -> str:
    match = re.search(r"^\s*([A-Z0-9]{4}-?[A-Z0-9]{4})\s*$", message.body, re.MULTILINE)
    assert match, message.body
    return match.group(1)


def _sign_up(client, email):
    response = client.post(
        "/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


@pytest.mark.django_db
def test_signup_creates_unverified_profile_and_mails_a_code(client):
    _sign_up(client, "nieuw@praktijk.test")

    user = User.objects.get(email="nieuw@praktijk.test")
    assert user.profile.verification == Profile.Verification.UNVERIFIED
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nieuw@praktijk.test"]
    assert _code_from(mail.outbox[0])


@pytest.mark.django_db
def test_confirming_allowlisted_domain_verifies_the_account(client):
    AllowedDomain.objects.create(domain="ggd.amsterdam.nl", organisation="GGD Amsterdam")
    response = _sign_up(client, "sanne@GGD.amsterdam.nl")
    code = _code_from(mail.outbox[0])

    response = client.post(response["Location"], {"code": code})

    assert response.status_code == 302
    profile = Profile.objects.get(user__email="sanne@ggd.amsterdam.nl")
    assert profile.is_verified
    assert profile.verified_via == Profile.VerifiedVia.DOMAIN
    assert profile.user.groups.filter(name="Professionals").exists()
    # Signed in right after confirming; verified professionals may open the questions.
    assert client.get("/vragen/").status_code == 200


@pytest.mark.django_db
def test_confirming_other_domain_leaves_account_unverified_on_profile(client):
    AllowedDomain.objects.create(domain="ggd.amsterdam.nl", organisation="GGD Amsterdam")
    response = _sign_up(client, "piet@gmail.test")
    code = _code_from(mail.outbox[0])

    response = client.post(response["Location"], {"code": code})

    assert response.status_code == 302
    assert response["Location"] == "/profiel/"
    profile = Profile.objects.get(user__email="piet@gmail.test")
    assert not profile.is_verified
    page = client.get("/profiel/")
    assert page.status_code == 200
    assert "nog niet geverifieerd" in page.content.decode()


@pytest.mark.django_db
def test_wrong_code_does_not_verify(client):
    AllowedDomain.objects.create(domain="ggd.amsterdam.nl", organisation="GGD Amsterdam")
    response = _sign_up(client, "sanne@ggd.amsterdam.nl")

    client.post(response["Location"], {"code": "XXXXXX"})

    assert not Profile.objects.get(user__email="sanne@ggd.amsterdam.nl").is_verified


@pytest.mark.django_db
def test_login_sends_unverified_account_to_profile(client, unverified_user, password):
    response = client.post(
        "/accounts/login/", {"login": unverified_user.email, "password": password}
    )
    assert response.status_code == 302
    assert response["Location"] == "/profiel/"


@pytest.mark.django_db
def test_login_sends_verified_professional_home(client, professional, password):
    response = client.post("/accounts/login/", {"login": professional.email, "password": password})
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_signup_with_short_password_explains_in_dutch_and_keeps_email(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "kort@zorg.test", "password1": "kort", "password2": "kort"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Dit wachtwoord is te kort. Gebruik minstens 10 tekens." in content
    assert "too short" not in content
    assert 'value="kort@zorg.test"' in content
