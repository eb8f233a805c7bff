"""Meldingen: professionals report content; enough reports hide it pending review."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import ModelLogEntry

from tests.factories import AntwoordFactory, VraagFactory, make_user
from vraagbaak.moderatie.actions import dismiss_meldingen, report_content
from vraagbaak.moderatie.models import Melding, MeldingReason
from vraagbaak.vragen.models import Antwoord, ModerationSettings, Vraag, VraagStatus

pytestmark = pytest.mark.django_db

TITLE = "Moeder zonder verblijfsvergunning zoekt kraamzorg"
SECRET = "Ze woont bij haar zus op de Kinkerstraat"


@pytest.fixture
def threshold():
    def set_threshold(n):
        config = ModerationSettings.load()
        config.report_threshold = n
        config.save()

    set_threshold(2)
    return set_threshold


@pytest.fixture
def vraag(professional):
    return VraagFactory(author=professional, title=TITLE)


@pytest.fixture
def reporters():
    return [make_user(email=f"melder{i}@zorg.test") for i in range(3)]


def list_titles(client) -> str:
    return client.get(reverse("vragen:list")).content.decode()


def test_reporting_creates_one_open_melding(vraag, other_professional):
    melding = report_content(
        vraag, by=other_professional, reason=MeldingReason.NOT_ANONYMOUS, explanation=SECRET
    )

    assert melding.vraag == vraag and melding.antwoord is None
    assert melding.reporter == other_professional
    assert melding.reason == MeldingReason.NOT_ANONYMOUS
    assert melding.explanation == SECRET
    assert list(Melding.objects.open()) == [melding]


def test_reporting_is_logged_without_the_explanation(vraag, other_professional):
    report_content(vraag, by=other_professional, reason="other", explanation=SECRET)

    entry = ModelLogEntry.objects.get(action="vraagbaak.melding.create")
    assert entry.user_id == other_professional.pk
    assert entry.object_id == str(vraag.pk)
    assert entry.data["reason"] == "other"
    assert SECRET not in str(entry.data) and SECRET not in entry.label
    assert TITLE not in entry.label


def test_a_second_report_by_the_same_person_adds_nothing(vraag, other_professional, threshold):
    first = report_content(vraag, by=other_professional, reason=MeldingReason.INCORRECT)
    second = report_content(
        vraag, by=other_professional, reason=MeldingReason.INAPPROPRIATE, explanation="Nog eens"
    )

    assert second == first
    assert Melding.objects.count() == 1
    assert Melding.objects.get().reason == MeldingReason.INCORRECT
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.OPEN  # one reporter never reaches the threshold of 2
    assert ModelLogEntry.objects.filter(action="vraagbaak.melding.create").count() == 1


def test_threshold_sends_the_question_back_to_review(
    vraag, reporters, threshold, professional, other_professional_client
):
    assert TITLE in list_titles(other_professional_client)

    report_content(vraag, by=reporters[0], reason=MeldingReason.NOT_ANONYMOUS)
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.OPEN
    assert TITLE in list_titles(other_professional_client)

    report_content(vraag, by=reporters[1], reason=MeldingReason.INAPPROPRIATE)
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.IN_REVIEW
    assert vraag in Vraag.objects.in_review_queue()
    assert TITLE not in list_titles(other_professional_client)
    response = other_professional_client.get(vraag.get_absolute_url())
    assert response.status_code == 404
    # the asker still sees their own question
    assert vraag in Vraag.objects.visible_to(professional)


def test_threshold_holds_an_answer(vraag, reporters, threshold, other_professional):
    antwoord = AntwoordFactory(vraag=vraag, author=other_professional, body=SECRET)

    for reporter in reporters[:2]:
        report_content(antwoord, by=reporter, reason=MeldingReason.NOT_ANONYMOUS)

    antwoord.refresh_from_db()
    assert antwoord.is_held
    assert antwoord in Antwoord.objects.held_queue()
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.OPEN  # only the answer is hidden
    assert antwoord not in Antwoord.objects.visible_to(reporters[2])


def test_default_threshold_comes_from_the_settings(vraag, reporters):
    assert ModerationSettings.load().report_threshold == 3
    for reporter in reporters[:2]:
        report_content(vraag, by=reporter, reason=MeldingReason.INCORRECT)
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.OPEN
    report_content(vraag, by=reporters[2], reason=MeldingReason.INCORRECT)
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.IN_REVIEW


def test_dismissed_meldingen_no_longer_count(vraag, reporters, threshold, moderator):
    report_content(vraag, by=reporters[0], reason=MeldingReason.INCORRECT)

    assert dismiss_meldingen(vraag, by=moderator) == 1
    melding = Melding.objects.get()
    assert melding.handled_by == moderator and melding.handled_at is not None
    assert not Melding.objects.open().exists()
    entry = ModelLogEntry.objects.get(action="vraagbaak.melding.dismiss")
    assert entry.user_id == moderator.pk and entry.data == {"count": 1}

    report_content(vraag, by=reporters[1], reason=MeldingReason.INCORRECT)
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.OPEN  # one open melding, threshold 2
    assert dismiss_meldingen(vraag, by=moderator) == 1
    assert dismiss_meldingen(vraag, by=moderator) == 0


def test_only_moderators_dismiss_meldingen(vraag, other_professional, professional):
    report_content(vraag, by=other_professional, reason=MeldingReason.INCORRECT)
    with pytest.raises(PermissionDenied):
        dismiss_meldingen(vraag, by=professional)
    assert Melding.objects.open().count() == 1


def test_meldingen_on_a_solved_question_wait_without_hiding_it(
    vraag, reporters, threshold, professional
):
    from vraagbaak.vragen.actions import record_oplossing

    record_oplossing(vraag, by=professional, oplossing="Het wijkteam hielp.")
    for reporter in reporters[:2]:
        report_content(vraag, by=reporter, reason=MeldingReason.NOT_ANONYMOUS)

    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.SOLVED  # no way back to review from solved
    assert Melding.objects.open().filter(vraag=vraag).count() == 2


def test_own_content_cannot_be_reported(vraag, professional):
    with pytest.raises(PermissionDenied, match="eigen bijdrage"):
        report_content(vraag, by=professional, reason=MeldingReason.OTHER)
    antwoord = AntwoordFactory(vraag=vraag, author=professional)
    with pytest.raises(PermissionDenied, match="eigen bijdrage"):
        report_content(antwoord, by=professional, reason=MeldingReason.OTHER)
    assert not Melding.objects.exists()


def test_unverified_users_cannot_report(vraag, unverified_user):
    with pytest.raises(PermissionDenied, match="geverifieerde"):
        report_content(vraag, by=unverified_user, reason=MeldingReason.OTHER)
    assert not Melding.objects.exists()


def test_content_already_with_the_moderators_cannot_be_reported(professional, other_professional):
    in_review = VraagFactory(author=professional, in_review=True)
    with pytest.raises(PermissionDenied):
        report_content(in_review, by=other_professional, reason=MeldingReason.OTHER)
    held = AntwoordFactory(author=professional, is_held=True)
    with pytest.raises(PermissionDenied):
        report_content(held, by=other_professional, reason=MeldingReason.OTHER)


def test_unknown_reason_is_refused(vraag, other_professional):
    with pytest.raises(ValueError):
        report_content(vraag, by=other_professional, reason="boring")
    assert not Melding.objects.exists()
