"""Profile pages: what an (unverified) account sees and can do."""

import json

import pytest
from wagtail.models import ModelLogEntry

from tests.factories import AntwoordFactory, DisciplineFactory, StadsdeelFactory, VraagFactory
from vraagbaak.accounts.models import User
from vraagbaak.vragen.models import Vraag


@pytest.mark.django_db
def test_unverified_account_gets_403_with_explanation_on_vragen(unverified_client):
    response = unverified_client.get("/vragen/")
    assert response.status_code == 403
    content = response.content.decode()
    assert "nog niet geverifieerd" in content
    assert "moderator" in content


@pytest.mark.django_db
def test_unverified_account_sees_profile_with_explanation_and_no_cases(unverified_client):
    VraagFactory(title="Geheime casus over een gezin")
    response = unverified_client.get("/profiel/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "nog niet geverifieerd" in content
    assert "moderator" in content
    assert "Geheime casus" not in content
    assert "/accounts/2fa/" in content  # link to set up MFA


@pytest.mark.django_db
def test_verified_profile_page_has_no_unverified_explanation(professional_client):
    response = professional_client.get("/profiel/")
    assert response.status_code == 200
    assert "nog niet geverifieerd" not in response.content.decode()


@pytest.mark.django_db
def test_unverified_account_can_edit_profile(unverified_client, unverified_user):
    discipline = DisciplineFactory(name="Kraamzorg", slug="kraamzorg")
    stadsdeel = StadsdeelFactory(name="Noord", slug="noord")
    response = unverified_client.get("/profiel/bewerken/")
    assert response.status_code == 200

    response = unverified_client.post(
        "/profiel/bewerken/",
        {
            "display_name": "Anouk (kraamzorg)",
            "discipline": discipline.pk,
            "organisation": "Kraamzorg Amsterdam",
            "stadsdelen": [stadsdeel.pk],
            "languages": "Nederlands",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/profiel/"
    profile = unverified_user.profile
    profile.refresh_from_db()
    assert profile.display_name == "Anouk (kraamzorg)"
    assert profile.discipline == discipline
    assert list(profile.stadsdelen.all()) == [stadsdeel]
    assert not profile.is_verified  # editing never verifies


@pytest.mark.django_db
def test_profile_edit_too_long_name_keeps_input_and_shows_dutch_error(
    professional_client, professional
):
    long_name = "Fatima " + "x" * 100
    discipline = DisciplineFactory()
    response = professional_client.post(
        "/profiel/bewerken/",
        {"display_name": long_name, "discipline": discipline.pk, "organisation": "Mijn praktijk"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Gebruik hooguit 80 tekens" in content
    assert long_name in content
    assert "Mijn praktijk" in content
    professional.profile.refresh_from_db()
    assert professional.profile.display_name != long_name


@pytest.mark.django_db
def test_profile_edit_unknown_discipline_shows_dutch_error(professional_client):
    response = professional_client.post(
        "/profiel/bewerken/",
        {"display_name": "Fatima", "discipline": "999999", "organisation": "Mijn praktijk"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Kies een discipline uit de lijst." in content
    assert 'value="Fatima"' in content


@pytest.mark.django_db
def test_profile_edit_wrong_type_and_empty_name(professional_client):
    response = professional_client.post(
        "/profiel/bewerken/", {"display_name": "", "discipline": "abc", "stadsdelen": ["x"]}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Vul je naam in." in content
    assert "Kies een discipline uit de lijst." in content


@pytest.mark.django_db
def test_profile_edit_escapes_hostile_input(professional_client, professional):
    discipline = DisciplineFactory()
    professional_client.post(
        "/profiel/bewerken/",
        {"display_name": "<script>alert(1)</script>", "discipline": discipline.pk},
    )
    content = professional_client.get("/profiel/").content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;" in content


@pytest.mark.django_db
def test_export_downloads_own_data_as_json(unverified_client, unverified_user):
    response = unverified_client.get("/profiel/mijn-gegevens/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == unverified_user.email


@pytest.mark.django_db
def test_delete_account_needs_own_email(professional_client, professional):
    response = professional_client.post("/profiel/verwijderen/", {"email": "iemand@anders.test"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Dit is niet het e-mailadres van je account" in content
    assert "iemand@anders.test" in content
    assert User.objects.filter(pk=professional.pk).exists()


@pytest.mark.django_db
def test_delete_account_deletes_logs_out_and_keeps_contributions(
    professional_client, professional, other_professional
):
    vraag = VraagFactory(author=professional)
    AntwoordFactory(vraag=vraag, author=other_professional)
    assert professional_client.get("/profiel/verwijderen/").status_code == 200

    response = professional_client.post(
        "/profiel/verwijderen/", {"email": professional.email.upper()}
    )

    assert response.status_code == 302
    assert not User.objects.filter(pk=professional.pk).exists()
    assert Vraag.objects.get(pk=vraag.pk).author is None
    assert ModelLogEntry.objects.filter(action="vraagbaak.account.delete").count() == 1
    # Signed out: the profile page now asks to sign in.
    assert professional_client.get("/profiel/")["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_thread_shows_deleted_account(other_professional_client, professional):
    vraag = VraagFactory(author=professional)
    from vraagbaak.accounts.actions import delete_account

    delete_account(professional, by=professional)
    response = other_professional_client.get(f"/vragen/{vraag.pk}/")
    assert response.status_code == 200
    assert "verwijderd account" in response.content.decode()


@pytest.mark.django_db
def test_colleague_profile_for_verified_professionals_without_email(
    professional_client, other_professional, unverified_client
):
    url = f"/profiel/{other_professional.profile.pk}/"
    response = professional_client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert other_professional.profile.display_name in content
    assert other_professional.email not in content
    assert unverified_client.get(url).status_code == 403
    assert professional_client.get("/profiel/999999/").status_code == 404
