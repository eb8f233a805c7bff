"""`manage.py load_demo_data`: accounts, questions and answers, idempotent."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management import call_command

from vraagbaak.accounts.models import AllowedDomain, User
from vraagbaak.vragen.models import Antwoord, Vraag, VraagStatus

pytestmark = pytest.mark.django_db

ROLE_EMAILS = [
    "professional@vraagbaak.test",
    "moderator@vraagbaak.test",
    "redacteur@vraagbaak.test",
]


def load() -> str:
    out = StringIO()
    call_command("load_demo_data", stdout=out)
    return out.getvalue()


def counts() -> dict:
    return {
        "users": User.objects.count(),
        "emails": EmailAddress.objects.count(),
        "vragen": Vraag.objects.count(),
        "antwoorden": Antwoord.objects.count(),
        "domains": AllowedDomain.objects.count(),
    }


def test_load_demo_data_twice_gives_the_same_data():
    load()
    first = counts()
    output = load()

    assert counts() == first
    assert "0 nieuwe vragen, 0 nieuwe antwoorden" in output
    assert first["vragen"] == 23


def test_load_demo_data_prints_the_logins():
    output = load()

    for email in ROLE_EMAILS:
        assert email in output
    assert settings.VRAAGBAAK_DEMO_PASSWORD in output


def test_load_demo_data_solved_questions_have_the_solution_as_an_answer():
    load()

    solved = Vraag.objects.filter(status=VraagStatus.SOLVED).prefetch_related("antwoorden")
    assert solved.count() == 11
    for vraag in solved:
        answers = [a for a in vraag.antwoorden.all() if a.body == vraag.oplossing]
        assert len(answers) == 1
        assert answers[0].author != vraag.author
    assert Vraag.objects.get(import_id="V20").status == VraagStatus.CLOSED
    assert Antwoord.objects.filter(vraag__status=VraagStatus.OPEN).exists()


def test_load_demo_data_attributes_questions_to_matching_disciplines():
    load()

    assert Vraag.objects.get(import_id="V02").author.email == "professional@vraagbaak.test"
    assert Vraag.objects.get(import_id="V01").author.profile.discipline.slug == (
        "buurtteam-medewerker"
    )
    assert Vraag.objects.get(import_id="V03").author.profile.discipline.slug == "kraamverzorgende"


@pytest.mark.parametrize("email", ROLE_EMAILS + ["ggz@vraagbaak.test"])
def test_demo_users_can_log_in(client, email):
    load()

    assert client.login(email=email, password=settings.VRAAGBAAK_DEMO_PASSWORD)
    user = User.objects.get(email=email)
    assert user.is_verified_professional
    assert EmailAddress.objects.filter(user=user, email=email, verified=True, primary=True).exists()


def test_demo_roles_are_in_their_groups():
    load()

    assert User.objects.get(email="moderator@vraagbaak.test").has_perm("vragen.moderate_vraag")
    assert (
        User.objects.get(email="redacteur@vraagbaak.test")
        .groups.filter(name="Redacteuren")
        .exists()
    )
    assert not User.objects.get(email="professional@vraagbaak.test").has_perm(
        "vragen.moderate_vraag"
    )
    assert AllowedDomain.objects.filter(domain="vraagbaak.test").exists()


def test_demo_professional_sees_questions(client):
    load()
    client.login(email="professional@vraagbaak.test", password=settings.VRAAGBAAK_DEMO_PASSWORD)

    response = client.get("/")

    assert response.status_code == 200
    assert "Hoogzwangere met huurachterstand" in response.content.decode()
