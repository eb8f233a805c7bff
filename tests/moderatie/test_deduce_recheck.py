"""The deduce re-check in the task worker catches what the fast web-tier check misses."""

import pytest

from tests.factories import VraagFactory
from vraagbaak.anonymity import check_text
from vraagbaak.vragen.actions import approve_vraag, create_antwoord, create_vraag
from vraagbaak.vragen.models import ModerationSettings, VraagStatus

pytestmark = [pytest.mark.django_db, pytest.mark.deduce]

# A place name: the own detectors let it pass, deduce marks it as a location.
TEXT = "De moeder is net verhuisd uit Nijmegen en kent hier nog niemand. Wie kan helpen?"


def test_fast_check_misses_the_place_name_that_deduce_finds(deduce_instance):
    assert check_text(TEXT, use_deduce=False) == []
    assert [f.text for f in check_text(TEXT, use_deduce=True)] == ["Nijmegen"]


def test_answer_published_by_the_fast_check_is_held_after_the_deduce_recheck(
    deduce_instance, settings, other_professional, django_capture_on_commit_callbacks
):
    settings.VRAAGBAAK_DEDUCE_RECHECK = True
    vraag = VraagFactory()
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = create_antwoord(vraag, by=other_professional, body=TEXT)
    antwoord.refresh_from_db()
    assert antwoord.is_held
    assert [(f["label"], TEXT[f["start"] : f["end"]]) for f in antwoord.anonymity_findings] == [
        ("location", "Nijmegen")
    ]


def test_open_question_goes_back_to_the_queue_after_the_deduce_recheck(
    deduce_instance, settings, professional, django_capture_on_commit_callbacks
):
    settings.VRAAGBAAK_DEDUCE_RECHECK = True
    config = ModerationSettings.load()
    config.premoderation = False
    config.save()
    with django_capture_on_commit_callbacks(execute=True):
        vraag = create_vraag(
            by=professional,
            title="Nieuw in de wijk en geen netwerk",
            body=TEXT,
            risicofactoren=[VraagFactory().risicofactoren.first()],
        )
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.IN_REVIEW
    assert {f["field"] for f in vraag.anonymity_findings} == {"body"}


def test_without_the_setting_nothing_is_rechecked(
    settings, professional, moderator, django_capture_on_commit_callbacks
):
    settings.VRAAGBAAK_DEDUCE_RECHECK = False
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        vraag = create_vraag(
            by=professional,
            title="Nieuw in de wijk en geen netwerk",
            body=TEXT,
            risicofactoren=[VraagFactory().risicofactoren.first()],
        )
    approve_vraag(vraag, by=moderator)
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.OPEN
    assert vraag.anonymity_findings == []
    assert callbacks == []
