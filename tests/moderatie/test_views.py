"""Meldingen on the site: a professional reports a question or answer to the moderators."""

import pytest
from django.urls import reverse

from tests.factories import AntwoordFactory, VraagFactory, make_user
from vraagbaak.moderatie.models import Melding, MeldingReason
from vraagbaak.vragen.models import ModerationSettings, VraagStatus

pytestmark = pytest.mark.django_db


def _url(**target) -> str:
    key, pk = next(iter(target.items()))
    return f"{reverse('meldingen:create')}?{key}={pk}"


def test_report_question_from_its_page_to_the_thank_you(professional_client, professional):
    vraag = VraagFactory()
    page = professional_client.get(vraag.get_absolute_url()).content.decode()
    assert _url(vraag=vraag.pk) in page

    form = professional_client.get(_url(vraag=vraag.pk))
    content = form.content.decode()
    assert form.status_code == 200
    assert "Vraag melden" in content
    for reason in MeldingReason:
        assert str(reason.label) in content

    response = professional_client.post(
        _url(vraag=vraag.pk),
        {"reason": MeldingReason.NOT_ANONYMOUS, "explanation": "De naam van de school staat erin."},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == vraag.get_absolute_url()
    assert "Bedankt. Een moderator kijkt ernaar." in response.content.decode()
    melding = Melding.objects.get()
    assert melding.vraag == vraag and melding.antwoord is None
    assert melding.reporter == professional
    assert melding.reason == MeldingReason.NOT_ANONYMOUS
    assert melding.explanation == "De naam van de school staat erin."


def test_report_answer(professional_client):
    antwoord = AntwoordFactory()
    assert "Antwoord melden" in professional_client.get(_url(antwoord=antwoord.pk)).content.decode()
    response = professional_client.post(_url(antwoord=antwoord.pk), {"reason": "incorrect"})
    assert response.status_code == 302
    assert response["Location"] == antwoord.vraag.get_absolute_url()
    melding = Melding.objects.get()
    assert melding.antwoord == antwoord and melding.vraag is None
    assert melding.explanation == ""


def test_report_twice_keeps_one_melding(professional_client):
    vraag = VraagFactory()
    for _ in range(2):
        response = professional_client.post(_url(vraag=vraag.pk), {"reason": "other"})
        assert response.status_code == 302
    assert Melding.objects.count() == 1


def test_report_errors_keep_what_was_typed(professional_client):
    vraag = VraagFactory()
    response = professional_client.post(
        _url(vraag=vraag.pk), {"reason": "", "explanation": "Mijn uitleg"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Kies een reden." in content
    assert "Mijn uitleg</textarea>" in content

    too_long = professional_client.post(
        _url(vraag=vraag.pk), {"reason": "bogus", "explanation": "x" * 1001}
    )
    content = too_long.content.decode()
    assert "Kies een reden uit de lijst." in content
    assert "De toelichting is te lang. Gebruik maximaal 1000 tekens." in content
    assert not Melding.objects.exists()


def test_report_invisible_or_missing_target_is_404(professional_client):
    in_review = VraagFactory(in_review=True)
    held = AntwoordFactory(is_held=True)
    hidden = AntwoordFactory(is_hidden=True)
    urls = [
        _url(vraag=in_review.pk),
        _url(antwoord=held.pk),
        _url(antwoord=hidden.pk),
        _url(vraag=999999),
        _url(vraag="abc"),
        _url(vraag="99999999999999999999"),
        reverse("meldingen:create"),
        f"{reverse('meldingen:create')}?vraag={in_review.pk}&antwoord={held.pk}",
    ]
    for url in urls:
        assert professional_client.get(url).status_code == 404, url
        assert professional_client.post(url, {"reason": "other"}).status_code == 404, url
    assert not Melding.objects.exists()


def test_report_own_content_is_forbidden(professional_client, professional):
    vraag = VraagFactory(author=professional)
    antwoord = AntwoordFactory(author=professional)
    for url in (_url(vraag=vraag.pk), _url(antwoord=antwoord.pk)):
        assert professional_client.get(url).status_code == 403
        assert professional_client.post(url, {"reason": "other"}).status_code == 403
    assert not Melding.objects.exists()


def test_report_is_closed_to_unverified_users(unverified_client):
    vraag = VraagFactory()
    assert unverified_client.get(_url(vraag=vraag.pk)).status_code == 403


def test_reports_reaching_the_threshold_hide_the_question(client):
    settings = ModerationSettings.load()
    settings.report_threshold = 2
    settings.save()
    vraag = VraagFactory()
    first_reporter = make_user()
    client.force_login(first_reporter)
    assert client.post(_url(vraag=vraag.pk), {"reason": "inappropriate"})["Location"] == (
        vraag.get_absolute_url()
    )

    other = make_user()
    client.force_login(other)
    response = client.post(_url(vraag=vraag.pk), {"reason": "inappropriate"})
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.IN_REVIEW
    # The reporter can no longer see the question: back to the list, not to a 404.
    assert response["Location"] == reverse("vragen:list")
    assert client.get(vraag.get_absolute_url()).status_code == 404
