"""Moderation actions on questions and answers (issue 3): pre-moderation, held answers,
approve / reject / redact / close / reopen / hide / restore, the system holds, the queues,
and two moderators acting at once (PostgreSQL)."""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections, transaction
from django.utils import timezone
from wagtail.models import ModelLogEntry, Revision

from tests.factories import AntwoordFactory, RisicofactorFactory, VraagFactory, make_user
from vraagbaak.vragen import actions
from vraagbaak.vragen.actions import QuestionLimitReached
from vraagbaak.vragen.models import (
    Antwoord,
    CloseReason,
    InvalidTransition,
    ModerationSettings,
    Vraag,
    VraagStatus,
)
from vraagbaak.vragen.permissions import can_edit_antwoord, can_edit_vraag

pytestmark = pytest.mark.django_db

TITLE = "Zwangere cliënte met schulden zoekt hulp"
BODY = "Cliënte is ongeveer 30 weken zwanger en heeft schulden bij de woningcorporatie."
PHONE_BODY = "Moeder is bereikbaar op 06-12345678. Wie kan helpen?"
ADDRESS = "Kinkerstraat 12"
CLEAN_ANSWER = "Bel het Buurtteam in het stadsdeel; zij kunnen schuldhulp starten."
FINDING_ANSWER = "Bel de moeder op 06-12345678, zij wil graag hulp."


def _ask(by, **kwargs):
    defaults = {"title": TITLE, "body": BODY, "risicofactoren": [RisicofactorFactory()]}
    return actions.create_vraag(by=by, **{**defaults, **kwargs})


def _published(by, moderator, **kwargs):
    return actions.approve_vraag(_ask(by, **kwargs), by=moderator)


def _moderation(**values):
    config = ModerationSettings.load()
    for name, value in values.items():
        setattr(config, name, value)
    config.save()


def _log_actions(obj):
    return list(ModelLogEntry.objects.for_instance(obj).values_list("action", flat=True))


def _assert_no_case_text(messages, *texts):
    for message in messages:
        for text in texts:
            assert text not in message.body
            assert text not in message.subject


def _run_callbacks(callbacks):
    mail.outbox.clear()
    for callback in callbacks:
        callback()
    return {m.to[0]: m for m in mail.outbox}


# --- create_vraag: pre-moderation, findings, daily limit -------------------------------


def test_create_vraag_waits_for_review_and_is_visible_to_asker_and_moderators_only(
    professional, other_professional, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        vraag = _ask(professional)
    assert vraag.status == VraagStatus.IN_REVIEW and vraag.published_at is None
    assert callbacks == [] and mail.outbox == []
    assert Vraag.objects.visible_to(professional).filter(pk=vraag.pk).exists()
    assert Vraag.objects.visible_to(moderator).filter(pk=vraag.pk).exists()
    assert not Vraag.objects.visible_to(other_professional).filter(pk=vraag.pk).exists()
    assert not Vraag.objects.published().filter(pk=vraag.pk).exists()


def test_create_vraag_without_premoderation_publishes_clean_question(professional):
    _moderation(premoderation=False)
    vraag = _ask(professional)
    assert vraag.status == VraagStatus.OPEN and vraag.published_at is not None
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.OPEN and vraag.anonymity_findings == []


def test_create_vraag_with_findings_waits_even_without_premoderation(professional):
    _moderation(premoderation=False)
    title = f"Gezin aan de {ADDRESS} zoekt hulp"
    vraag = _ask(professional, title=title, body=PHONE_BODY)
    assert vraag.status == VraagStatus.IN_REVIEW
    vraag.refresh_from_db()
    labels = {(f["field"], f["label"]) for f in vraag.anonymity_findings}
    assert labels == {("title", "address"), ("body", "phone")}
    # Offsets point into the field itself; only offsets and labels are stored.
    (phone,) = vraag.findings_for("body")
    assert PHONE_BODY[phone["start"] : phone["end"]] == "06-12345678"
    (address,) = vraag.findings_for("title")
    assert title[address["start"] : address["end"]] == ADDRESS
    assert "06-12345678" not in str(vraag.anonymity_findings)


def test_create_vraag_daily_limit_raises_with_dutch_message(professional):
    _moderation(daily_question_limit=2)
    _ask(professional)
    _ask(professional)
    with pytest.raises(QuestionLimitReached) as excinfo:
        _ask(professional)
    assert excinfo.value.message == (
        "Je hebt vandaag al 2 vragen gesteld. Morgen kun je weer een vraag stellen."
    )
    assert Vraag.objects.filter(author=professional).count() == 2


def test_create_vraag_daily_limit_counts_since_local_midnight(professional, other_professional):
    _moderation(daily_question_limit=1)
    with time_machine.travel("2026-03-02 23:30 +01:00", tick=False):
        _ask(professional)
        _ask(other_professional)  # the limit is per person
    with time_machine.travel("2026-03-03 00:10 +01:00", tick=False):
        assert _ask(professional).pk  # a new day in Amsterdam


def test_create_vraag_limit_zero_means_no_limit(professional):
    _moderation(daily_question_limit=0)
    for _ in range(3):
        _ask(professional)
    assert Vraag.objects.count() == 3


# --- edit_vraag -------------------------------------------------------------------------


def test_edit_vraag_by_asker_sends_published_question_back_to_review(
    professional, other_professional, moderator
):
    vraag = _published(professional, moderator)
    actions.edit_vraag(vraag, by=professional, title="Nieuwe titel", body=BODY, risicofactoren=[])
    assert vraag.status == VraagStatus.IN_REVIEW
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.IN_REVIEW and vraag.published_at is not None
    assert not Vraag.objects.visible_to(other_professional).filter(pk=vraag.pk).exists()


def test_edit_vraag_without_premoderation_stays_open_unless_findings(professional, moderator):
    vraag = _published(professional, moderator)
    _moderation(premoderation=False)
    actions.edit_vraag(vraag, by=professional, title=TITLE, body="Schoon", risicofactoren=[])
    assert vraag.status == VraagStatus.OPEN
    actions.edit_vraag(vraag, by=professional, title=TITLE, body=PHONE_BODY, risicofactoren=[])
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.IN_REVIEW
    assert [f["label"] for f in vraag.anonymity_findings] == ["phone"]


def test_edit_vraag_by_moderator_keeps_the_status(professional, moderator):
    vraag = _published(professional, moderator)
    actions.edit_vraag(vraag, by=moderator, title="Aangepast", body=BODY, risicofactoren=[])
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.OPEN and vraag.title == "Aangepast"


@pytest.mark.parametrize("trait", ["solved", "closed", "rejected"])
def test_edit_vraag_read_only_threads_only_moderators(trait, professional, moderator):
    status = {"solved": VraagStatus.SOLVED, "closed": VraagStatus.CLOSED}.get(
        trait, VraagStatus.REJECTED
    )
    vraag = VraagFactory(author=professional, status=status)
    assert not can_edit_vraag(professional, vraag)
    with pytest.raises(PermissionDenied):
        actions.edit_vraag(vraag, by=professional, title="Later", body=BODY, risicofactoren=[])
    assert can_edit_vraag(moderator, vraag)
    actions.edit_vraag(vraag, by=moderator, title="Door moderator", body=BODY, risicofactoren=[])
    vraag.refresh_from_db()
    assert vraag.title == "Door moderator" and vraag.status == status


def test_edit_vraag_asker_may_edit_while_in_review(professional):
    vraag = _ask(professional)
    actions.edit_vraag(vraag, by=professional, title="Beter", body=BODY, risicofactoren=[])
    vraag.refresh_from_db()
    assert vraag.title == "Beter" and vraag.status == VraagStatus.IN_REVIEW


# --- create_antwoord / edit_antwoord: held answers ----------------------------------------


def test_create_antwoord_with_findings_is_held_and_tells_nobody(
    professional, other_professional, moderator, django_capture_on_commit_callbacks
):
    vraag = _published(professional, moderator)
    third = make_user(email="derde@zorg.test")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        antwoord = actions.create_antwoord(vraag, by=other_professional, body=FINDING_ANSWER)
    assert callbacks == [] and mail.outbox == []
    assert antwoord.is_held and antwoord.published_at is None
    antwoord.refresh_from_db()
    assert antwoord.is_held
    assert antwoord.anonymity_findings == [{"start": 17, "end": 28, "label": "phone"}]
    assert Antwoord.objects.visible_to(other_professional).filter(pk=antwoord.pk).exists()
    assert Antwoord.objects.visible_to(moderator).filter(pk=antwoord.pk).exists()
    assert not Antwoord.objects.visible_to(third).filter(pk=antwoord.pk).exists()
    assert not Antwoord.objects.visible_to(professional).filter(pk=antwoord.pk).exists()
    vraag.refresh_from_db()
    assert vraag.first_answer_at is None
    assert Vraag.objects.for_listing().get(pk=vraag.pk).antwoord_count == 0
    assert list(Antwoord.objects.held_queue()) == [antwoord]


def test_create_antwoord_clean_is_published_and_starts_solution_loop(
    professional, other_professional, moderator
):
    vraag = _published(professional, moderator)
    antwoord = actions.create_antwoord(vraag, by=other_professional, body=CLEAN_ANSWER)
    assert not antwoord.is_held and antwoord.published_at is not None
    vraag.refresh_from_db()
    assert vraag.first_answer_at == antwoord.published_at


def test_create_antwoord_by_asker_does_not_start_solution_loop(professional, moderator):
    vraag = _published(professional, moderator)
    actions.create_antwoord(vraag, by=professional, body="Aanvulling: het gaat om huur.")
    vraag.refresh_from_db()
    assert vraag.first_answer_at is None


@pytest.mark.parametrize(
    "status", [VraagStatus.IN_REVIEW, VraagStatus.SOLVED, VraagStatus.CLOSED, VraagStatus.REJECTED]
)
def test_create_antwoord_only_on_open_questions(status, other_professional, moderator):
    vraag = VraagFactory(status=status)
    for user in (other_professional, moderator):
        with pytest.raises(PermissionDenied):
            actions.create_antwoord(vraag, by=user, body=CLEAN_ANSWER)
    assert not vraag.antwoorden.exists()


def test_edit_antwoord_with_findings_holds_a_published_answer(
    professional, other_professional, moderator
):
    vraag = _published(professional, moderator)
    antwoord = actions.create_antwoord(vraag, by=other_professional, body=CLEAN_ANSWER)
    actions.edit_antwoord(antwoord, by=other_professional, body=FINDING_ANSWER)
    assert antwoord.is_held
    antwoord.refresh_from_db()
    assert antwoord.is_held and antwoord.anonymity_findings[0]["label"] == "phone"
    assert not Antwoord.objects.visible_to(professional).filter(pk=antwoord.pk).exists()


def test_edit_antwoord_in_read_only_thread_only_moderators(other_professional, moderator):
    antwoord = AntwoordFactory(author=other_professional, vraag=VraagFactory(solved=True))
    assert not can_edit_antwoord(other_professional, antwoord)
    with pytest.raises(PermissionDenied):
        actions.edit_antwoord(antwoord, by=other_professional, body="Later nog iets")
    actions.edit_antwoord(antwoord, by=moderator, body="Door moderator")
    antwoord.refresh_from_db()
    assert antwoord.body == "Door moderator"


# --- approve_vraag --------------------------------------------------------------------------


def test_approve_vraag_publishes(professional, moderator, other_professional):
    vraag = _ask(professional)
    actions.approve_vraag(vraag, by=moderator)
    assert vraag.status == VraagStatus.OPEN
    assert vraag.published_at is not None and vraag.reviewed_by == moderator
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.OPEN
    assert vraag.published_at is not None and vraag.reviewed_at is not None
    assert vraag.reviewed_by == moderator
    assert Vraag.objects.visible_to(other_professional).filter(pk=vraag.pk).exists()
    assert _log_actions(vraag) == ["vraagbaak.vraag.approve", "vraagbaak.vraag.create"]
    entry = ModelLogEntry.objects.for_instance(vraag).get(action="vraagbaak.vraag.approve")
    assert entry.user_id == moderator.pk and TITLE not in str(entry.data) + entry.label


def test_approve_vraag_mails_the_asker_only_on_commit(
    professional, moderator, django_capture_on_commit_callbacks
):
    vraag = _ask(professional)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actions.approve_vraag(vraag, by=moderator)
    assert mail.outbox == [] and len(callbacks) == 1
    sent = _run_callbacks(callbacks)
    assert set(sent) == {professional.email}
    message = sent[professional.email]
    assert "goedgekeurd" in message.subject
    assert f"http://testserver/vragen/{vraag.pk}/" in message.body
    _assert_no_case_text(mail.outbox, TITLE, BODY)


def test_approve_vraag_again_after_edit_keeps_published_at_and_tells_followers(
    professional, other_professional, moderator, django_capture_on_commit_callbacks
):
    vraag = _published(professional, moderator)
    first_published = vraag.published_at
    actions.follow_vraag(vraag, by=other_professional)
    actions.edit_vraag(vraag, by=professional, title="Nieuw", body=BODY, risicofactoren=[])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actions.approve_vraag(vraag, by=moderator)
    vraag.refresh_from_db()
    assert vraag.published_at == first_published
    sent = _run_callbacks(callbacks)
    assert set(sent) == {professional.email, other_professional.email}
    _assert_no_case_text(mail.outbox, TITLE, BODY, "Nieuw")


@pytest.mark.parametrize(
    "status", [VraagStatus.OPEN, VraagStatus.SOLVED, VraagStatus.CLOSED, VraagStatus.REJECTED]
)
def test_approve_vraag_invalid_transition(status, moderator):
    vraag = VraagFactory(status=status)
    with pytest.raises(InvalidTransition):
        actions.approve_vraag(vraag, by=moderator)
    vraag.refresh_from_db()
    assert vraag.status == status


def test_approve_vraag_forbids_professionals_also_the_asker(professional, other_professional):
    vraag = _ask(professional)
    for user in (professional, other_professional):
        with pytest.raises(PermissionDenied):
            actions.approve_vraag(vraag, by=user)
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.IN_REVIEW


# --- reject_vraag ---------------------------------------------------------------------------

REASON = "Er staan te veel details over het gezin in."


def test_reject_vraag_stores_reason_and_mails_link_only_on_commit(
    professional, moderator, other_professional, django_capture_on_commit_callbacks
):
    vraag = _ask(professional)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actions.reject_vraag(vraag, by=moderator, reason=REASON)
    assert vraag.status == VraagStatus.REJECTED and vraag.moderation_note == REASON
    assert mail.outbox == [] and len(callbacks) == 1
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.REJECTED and vraag.moderation_note == REASON
    assert vraag.reviewed_by == moderator and vraag.published_at is None
    assert not Vraag.objects.visible_to(other_professional).filter(pk=vraag.pk).exists()
    sent = _run_callbacks(callbacks)
    assert set(sent) == {professional.email}
    assert f"/vragen/{vraag.pk}/" in sent[professional.email].body
    _assert_no_case_text(mail.outbox, TITLE, BODY, REASON)
    entry = ModelLogEntry.objects.for_instance(vraag).get(action="vraagbaak.vraag.reject")
    assert REASON not in str(entry.data) and entry.user_id == moderator.pk


def test_reject_vraag_invalid_transition(professional, moderator):
    vraag = _published(professional, moderator)
    with pytest.raises(InvalidTransition):
        actions.reject_vraag(vraag, by=moderator, reason=REASON)
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.OPEN


def test_reject_vraag_forbids_professional(professional, other_professional):
    vraag = _ask(professional)
    with pytest.raises(PermissionDenied):
        actions.reject_vraag(vraag, by=other_professional, reason=REASON)


def test_reject_vraag_requires_a_reason(professional, moderator):
    vraag = _ask(professional)
    with pytest.raises(ValidationError):
        actions.reject_vraag(vraag, by=moderator, reason="  ")
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.IN_REVIEW


# --- redact_vraag ---------------------------------------------------------------------------

OLD_TITLE = f"Moeder aan de {ADDRESS} zoekt hulp"
OLD_BODY = f"Moeder (06-12345678) woont aan de {ADDRESS}. {BODY}"
NEW_TITLE = "Moeder in West zoekt hulp"
NEW_BODY = f"Moeder woont in West. {BODY}"
NOTE = "Telefoonnummer en adres weggehaald."


def test_redact_vraag_overwrites_text_clears_findings_and_approves(
    professional, moderator, django_capture_on_commit_callbacks
):
    vraag = _ask(professional, title=OLD_TITLE, body=OLD_BODY)
    assert vraag.anonymity_findings
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actions.redact_vraag(vraag, by=moderator, title=NEW_TITLE, body=NEW_BODY, note=NOTE)
    assert vraag.title == NEW_TITLE and vraag.status == VraagStatus.OPEN
    assert mail.outbox == [] and len(callbacks) == 1
    vraag.refresh_from_db()
    assert (vraag.title, vraag.body) == (NEW_TITLE, NEW_BODY)
    assert "06-12345678" not in vraag.body_html
    assert vraag.anonymity_findings == [] and vraag.moderation_note == NOTE
    assert vraag.status == VraagStatus.OPEN and vraag.published_at is not None
    assert vraag.reviewed_by == moderator
    assert set(_log_actions(vraag)) == {
        "vraagbaak.vraag.create",
        "vraagbaak.vraag.redact",
        "vraagbaak.vraag.approve",
    }
    sent = _run_callbacks(callbacks)
    assert set(sent) == {professional.email}
    assert "Een moderator heeft je vraag aangepast" in sent[professional.email].subject
    _assert_no_case_text(mail.outbox, OLD_TITLE, OLD_BODY, NEW_TITLE, NEW_BODY, NOTE, ADDRESS)


def test_redact_vraag_keeps_the_removed_text_nowhere(professional, moderator):
    vraag = _ask(professional, title=OLD_TITLE, body=OLD_BODY)
    actions.redact_vraag(vraag, by=moderator, title=NEW_TITLE, body=NEW_BODY, note=NOTE)
    entries = list(ModelLogEntry.objects.for_instance(vraag))
    redaction = next(e for e in entries if e.action == "vraagbaak.vraag.redact")
    assert redaction.data == {"fields": ["title", "body"]}
    assert redaction.user_id == moderator.pk
    for entry in entries:
        stored = " ".join(
            str(v) for v in ModelLogEntry.objects.filter(pk=entry.pk).values().get().values()
        )
        for text in (OLD_TITLE, OLD_BODY, NEW_TITLE, NEW_BODY, "06-12345678", ADDRESS, NOTE):
            assert text not in stored
    assert not Revision.objects.exists()
    assert not Vraag.objects.filter(body__contains="06-12345678").exists()


def test_redact_vraag_without_approve_stays_in_review(professional, moderator):
    vraag = _ask(professional, title=OLD_TITLE, body=OLD_BODY)
    actions.redact_vraag(
        vraag, by=moderator, title=NEW_TITLE, body=NEW_BODY, note=NOTE, approve=False
    )
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.IN_REVIEW and vraag.published_at is None
    assert vraag.title == NEW_TITLE
    assert "vraagbaak.vraag.approve" not in _log_actions(vraag)


def test_redact_vraag_on_published_question_keeps_status(professional, moderator):
    vraag = _published(professional, moderator)
    actions.record_oplossing(vraag, by=professional, oplossing="Buurtteam nam de regie.")
    actions.redact_vraag(vraag, by=moderator, title=NEW_TITLE, body=BODY, note=NOTE)
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.SOLVED and vraag.title == NEW_TITLE
    entry = ModelLogEntry.objects.for_instance(vraag).get(action="vraagbaak.vraag.redact")
    assert entry.data == {"fields": ["title"]}


def test_redact_vraag_cannot_approve_a_rejected_question(professional, moderator):
    vraag = _ask(professional)
    actions.reject_vraag(vraag, by=moderator, reason=REASON)
    actions.redact_vraag(vraag, by=moderator, title=NEW_TITLE, body=NEW_BODY, note=NOTE)
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.REJECTED and vraag.title == NEW_TITLE


def test_redact_vraag_forbids_the_asker(professional):
    vraag = _ask(professional, title=OLD_TITLE, body=OLD_BODY)
    with pytest.raises(PermissionDenied):
        actions.redact_vraag(vraag, by=professional, title=NEW_TITLE, body=NEW_BODY, note=NOTE)
    vraag.refresh_from_db()
    assert vraag.title == OLD_TITLE


def test_redact_vraag_rejects_empty_text(professional, moderator):
    vraag = _ask(professional)
    with pytest.raises(ValidationError):
        actions.redact_vraag(vraag, by=moderator, title=TITLE, body=" ", note=NOTE)


# --- close_vraag / reopen_vraag / record_oplossing ------------------------------------------


def test_close_vraag_as_duplicate_links_the_original(
    professional, moderator, django_capture_on_commit_callbacks
):
    original = _published(professional, moderator)
    vraag = _published(professional, moderator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actions.close_vraag(
            vraag, by=moderator, reason=CloseReason.DUPLICATE, duplicate_of=original
        )
    assert vraag.status == VraagStatus.CLOSED and vraag.duplicate_of == original
    assert mail.outbox == [] and len(callbacks) == 1
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.CLOSED
    assert vraag.close_reason == CloseReason.DUPLICATE and vraag.duplicate_of == original
    assert vraag.closed_by == moderator and vraag.closed_at is not None
    assert list(original.duplicates.all()) == [vraag]
    entry = ModelLogEntry.objects.for_instance(vraag).get(action="vraagbaak.vraag.close")
    assert entry.data == {"reason": "duplicate", "duplicate_of": original.pk}
    sent = _run_callbacks(callbacks)
    assert set(sent) == {professional.email}
    assert "gesloten" in sent[professional.email].subject
    _assert_no_case_text(mail.outbox, TITLE, BODY)


def test_close_vraag_duplicate_needs_a_published_other_question(professional, moderator):
    vraag = _published(professional, moderator)
    waiting = _ask(professional)
    for duplicate_of in (None, vraag, waiting):
        with pytest.raises(ValidationError):
            actions.close_vraag(
                vraag, by=moderator, reason=CloseReason.DUPLICATE, duplicate_of=duplicate_of
            )
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.OPEN


def test_close_vraag_unsuitable_from_the_queue_gets_standard_message(professional, moderator):
    vraag = _ask(professional)
    actions.close_vraag(vraag, by=moderator, reason=CloseReason.UNSUITABLE)
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.CLOSED and vraag.published_at is not None
    for text in ("112", "huisartsenpost", "Veilig Thuis", "0800-2000"):
        assert text in vraag.moderation_note
    assert vraag.duplicate_of is None


def test_close_vraag_keeps_own_note_and_rejects_unknown_reason(professional, moderator):
    vraag = _published(professional, moderator)
    with pytest.raises(ValidationError):
        actions.close_vraag(vraag, by=moderator, reason="solved")
    actions.close_vraag(vraag, by=moderator, reason=CloseReason.EXPIRED, note="Geen reactie.")
    vraag.refresh_from_db()
    assert vraag.close_reason == CloseReason.EXPIRED and vraag.moderation_note == "Geen reactie."


@pytest.mark.parametrize("status", [VraagStatus.SOLVED, VraagStatus.CLOSED, VraagStatus.REJECTED])
def test_close_vraag_invalid_transition(status, moderator):
    vraag = VraagFactory(status=status)
    with pytest.raises(InvalidTransition):
        actions.close_vraag(vraag, by=moderator, reason=CloseReason.EXPIRED)


def test_close_vraag_forbids_the_asker(professional, moderator):
    vraag = _published(professional, moderator)
    with pytest.raises(PermissionDenied):
        actions.close_vraag(vraag, by=professional, reason=CloseReason.EXPIRED)


def test_closed_thread_is_read_only(professional, other_professional, moderator):
    vraag = _published(professional, moderator)
    antwoord = actions.create_antwoord(vraag, by=other_professional, body=CLEAN_ANSWER)
    actions.close_vraag(vraag, by=moderator, reason=CloseReason.EXPIRED)
    with pytest.raises(PermissionDenied):
        actions.create_antwoord(vraag, by=other_professional, body="Nog een antwoord")
    with pytest.raises(PermissionDenied):
        actions.edit_vraag(vraag, by=professional, title="x", body="y", risicofactoren=[])
    antwoord.refresh_from_db()
    with pytest.raises(PermissionDenied):
        actions.edit_antwoord(antwoord, by=other_professional, body="Later")
    with pytest.raises(InvalidTransition):  # reopen first
        actions.record_oplossing(vraag, by=professional, oplossing="Toch opgelost")


def test_reopen_vraag_clears_close_fields(professional, moderator):
    original = _published(professional, moderator)
    vraag = _published(professional, moderator)
    actions.close_vraag(vraag, by=moderator, reason=CloseReason.DUPLICATE, duplicate_of=original)
    actions.reopen_vraag(vraag, by=moderator)
    assert vraag.status == VraagStatus.OPEN and vraag.duplicate_of is None
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.OPEN
    assert vraag.close_reason == ""
    assert vraag.duplicate_of is None and vraag.closed_at is None and vraag.closed_by is None
    assert "vraagbaak.vraag.reopen" in _log_actions(vraag)


def test_reopen_vraag_solved_keeps_oplossing_text(professional, moderator):
    vraag = _published(professional, moderator)
    actions.record_oplossing(vraag, by=professional, oplossing="Het Buurtteam hielp.")
    actions.reopen_vraag(vraag, by=moderator)
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.OPEN
    assert vraag.solved_at is None and vraag.solved_by is None
    assert vraag.oplossing == "Het Buurtteam hielp."


@pytest.mark.parametrize("status", [VraagStatus.IN_REVIEW, VraagStatus.OPEN, VraagStatus.REJECTED])
def test_reopen_vraag_invalid_transition(status, moderator):
    vraag = VraagFactory(status=status)
    with pytest.raises(InvalidTransition):
        actions.reopen_vraag(vraag, by=moderator)


def test_reopen_vraag_forbids_the_asker(professional):
    vraag = VraagFactory(author=professional, solved=True)
    with pytest.raises(PermissionDenied):
        actions.reopen_vraag(vraag, by=professional)


def test_record_oplossing_sets_solved_by_and_needs_text(professional, moderator):
    vraag = _published(professional, moderator)
    with pytest.raises(ValidationError):
        actions.record_oplossing(vraag, by=professional, oplossing="   ")
    actions.record_oplossing(vraag, by=professional, oplossing="Schuldhulp gestart.")
    vraag.refresh_from_db()
    assert vraag.solved_by == professional and vraag.status == VraagStatus.SOLVED


def test_record_oplossing_not_while_in_review(professional):
    vraag = _ask(professional)
    with pytest.raises(InvalidTransition):
        actions.record_oplossing(vraag, by=professional, oplossing="Opgelost")


# --- approve_antwoord / redact_antwoord / hide / restore -----------------------------------


@pytest.fixture
def held(professional, other_professional, moderator):
    vraag = _published(professional, moderator)
    return actions.create_antwoord(vraag, by=other_professional, body=FINDING_ANSWER)


def test_approve_antwoord_publishes_and_notifies_on_commit(
    held, professional, other_professional, moderator, django_capture_on_commit_callbacks
):
    follower = make_user(email="volger@zorg.test")
    actions.follow_vraag(held.vraag, by=follower)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actions.approve_antwoord(held, by=moderator)
    assert not held.is_held and held.published_at is not None
    assert mail.outbox == [] and len(callbacks) == 1
    held.refresh_from_db()
    assert not held.is_held and held.reviewed_by == moderator and held.reviewed_at is not None
    assert Antwoord.objects.visible_to(follower).filter(pk=held.pk).exists()
    vraag = Vraag.objects.get(pk=held.vraag_id)
    assert vraag.first_answer_at == held.published_at
    assert vraag.last_activity_at == held.published_at
    assert "vraagbaak.antwoord.approve" in _log_actions(held)
    sent = _run_callbacks(callbacks)
    assert set(sent) == {professional.email, follower.email}
    assert sent[professional.email].subject.endswith("Nieuw antwoord op je vraag")
    _assert_no_case_text(mail.outbox, FINDING_ANSWER, "06-12345678", TITLE)


def test_approve_antwoord_after_a_hold_does_not_notify_again(
    professional, other_professional, moderator, django_capture_on_commit_callbacks
):
    vraag = _published(professional, moderator)
    antwoord = actions.create_antwoord(vraag, by=other_professional, body=CLEAN_ANSWER)
    actions.hold_antwoord_for_review(antwoord)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        actions.approve_antwoord(antwoord, by=moderator)
    assert callbacks == []
    antwoord.refresh_from_db()
    assert not antwoord.is_held


def test_approve_antwoord_invalid_when_not_held(professional, other_professional, moderator):
    vraag = _published(professional, moderator)
    antwoord = actions.create_antwoord(vraag, by=other_professional, body=CLEAN_ANSWER)
    with pytest.raises(InvalidTransition):
        actions.approve_antwoord(antwoord, by=moderator)


def test_approve_antwoord_forbids_professionals(held, professional, other_professional):
    for user in (professional, other_professional):
        with pytest.raises(PermissionDenied):
            actions.approve_antwoord(held, by=user)
    held.refresh_from_db()
    assert held.is_held


def test_redact_antwoord_publishes_and_keeps_removed_text_nowhere(
    held, professional, other_professional, moderator, django_capture_on_commit_callbacks
):
    new_body = "Bel de moeder, zij wil graag hulp."
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actions.redact_antwoord(held, by=moderator, body=new_body, note=NOTE)
    assert held.body == new_body and not held.is_held
    assert mail.outbox == [] and len(callbacks) == 2  # new answer + "aangepast"
    held.refresh_from_db()
    assert held.body == new_body and "06-12345678" not in held.body_html
    assert held.anonymity_findings == [] and held.moderation_note == NOTE
    assert not held.is_held and held.published_at is not None
    entry = ModelLogEntry.objects.for_instance(held).get(action="vraagbaak.antwoord.redact")
    assert entry.data == {"fields": ["body"]}
    for e in ModelLogEntry.objects.for_instance(held).values():
        stored = " ".join(str(v) for v in e.values())
        for text in (FINDING_ANSWER, new_body, "06-12345678", NOTE):
            assert text not in stored
    assert not Revision.objects.exists()
    sent = _run_callbacks(callbacks)
    assert set(sent) == {professional.email, other_professional.email}
    assert "antwoord aangepast" in sent[other_professional.email].subject
    _assert_no_case_text(mail.outbox, FINDING_ANSWER, new_body, NOTE)


def test_redact_antwoord_forbids_its_author(held, other_professional):
    with pytest.raises(PermissionDenied):
        actions.redact_antwoord(held, by=other_professional, body="Schoon", note=NOTE)


def test_redact_antwoord_rejects_empty_body(held, moderator):
    with pytest.raises(ValidationError):
        actions.redact_antwoord(held, by=moderator, body="", note=NOTE)


def test_hide_and_restore_antwoord(professional, other_professional, moderator):
    vraag = _published(professional, moderator)
    antwoord = actions.create_antwoord(vraag, by=other_professional, body=CLEAN_ANSWER)
    actions.hide_antwoord(antwoord, by=moderator, reason="Ongepast")
    assert antwoord.is_hidden and antwoord.hidden_by == moderator
    antwoord.refresh_from_db()
    assert antwoord.is_hidden and antwoord.hide_reason == "Ongepast"
    assert antwoord.hidden_at is not None and antwoord.hidden_by == moderator
    assert not Antwoord.objects.visible_to(professional).filter(pk=antwoord.pk).exists()
    with pytest.raises(InvalidTransition):
        actions.hide_antwoord(antwoord, by=moderator, reason="Nog eens")
    actions.restore_antwoord(antwoord, by=moderator)
    antwoord.refresh_from_db()
    assert not antwoord.is_hidden and antwoord.hidden_by is None and antwoord.hide_reason == ""
    assert Antwoord.objects.visible_to(professional).filter(pk=antwoord.pk).exists()
    with pytest.raises(InvalidTransition):
        actions.restore_antwoord(antwoord, by=moderator)
    assert _log_actions(antwoord)[:2] == [
        "vraagbaak.antwoord.restore",
        "vraagbaak.antwoord.hide",
    ]
    entry = ModelLogEntry.objects.for_instance(antwoord).get(action="vraagbaak.antwoord.hide")
    assert "Ongepast" not in str(entry.data)


def test_hide_and_restore_antwoord_forbid_professionals(professional, other_professional):
    antwoord = AntwoordFactory(author=other_professional)
    with pytest.raises(PermissionDenied):
        actions.hide_antwoord(antwoord, by=professional, reason="Weg ermee")
    antwoord.is_hidden = True
    antwoord.save()
    with pytest.raises(PermissionDenied):
        actions.restore_antwoord(antwoord, by=other_professional)


def test_moderator_actions_send_nothing_when_rolled_back(
    professional, moderator, django_capture_on_commit_callbacks
):
    vraag = _ask(professional)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                actions.approve_vraag(vraag, by=moderator)
                raise RuntimeError("boom")
        except RuntimeError:
            pass
    assert callbacks == [] and mail.outbox == []
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.IN_REVIEW


# --- system holds (meldingen) ----------------------------------------------------------------


def test_hold_vraag_for_review_takes_open_question_back_quietly(
    professional, other_professional, moderator, django_capture_on_commit_callbacks
):
    vraag = _published(professional, moderator)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        actions.hold_vraag_for_review(vraag)
    assert callbacks == []
    assert vraag.status == VraagStatus.IN_REVIEW
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.IN_REVIEW
    assert not Vraag.objects.visible_to(other_professional).filter(pk=vraag.pk).exists()
    entry = ModelLogEntry.objects.for_instance(vraag).get(action="vraagbaak.vraag.hold")
    assert entry.user_id is None
    # Twice is harmless.
    actions.hold_vraag_for_review(vraag)
    assert _log_actions(vraag).count("vraagbaak.vraag.hold") == 1


@pytest.mark.parametrize("status", [VraagStatus.SOLVED, VraagStatus.CLOSED, VraagStatus.REJECTED])
def test_hold_vraag_for_review_leaves_other_statuses(status):
    vraag = VraagFactory(status=status)
    actions.hold_vraag_for_review(vraag)
    vraag.refresh_from_db()
    assert vraag.status == status


def test_hold_antwoord_for_review_hides_it_from_others(professional, other_professional, moderator):
    vraag = _published(professional, moderator)
    antwoord = actions.create_antwoord(vraag, by=other_professional, body=CLEAN_ANSWER)
    actions.hold_antwoord_for_review(antwoord)
    antwoord.refresh_from_db()
    assert antwoord.is_held
    assert not Antwoord.objects.visible_to(professional).filter(pk=antwoord.pk).exists()
    assert Antwoord.objects.visible_to(other_professional).filter(pk=antwoord.pk).exists()
    assert "vraagbaak.antwoord.hold" in _log_actions(antwoord)


# --- available actions, queues ----------------------------------------------------------------


def test_available_moderation_actions_follow_table_and_role(
    professional, other_professional, moderator
):
    vraag = _ask(professional)
    assert actions.available_moderation_actions(moderator, vraag) == [
        "approve",
        "redact",
        "reject",
        "close",
    ]
    assert actions.available_moderation_actions(professional, vraag) == []
    actions.approve_vraag(vraag, by=moderator)
    assert actions.available_moderation_actions(moderator, vraag) == ["redact", "close", "solve"]
    assert actions.available_moderation_actions(professional, vraag) == ["solve"]
    assert actions.available_moderation_actions(other_professional, vraag) == []
    actions.record_oplossing(vraag, by=professional, oplossing="Opgelost")
    assert actions.available_moderation_actions(moderator, vraag) == ["redact", "reopen"]
    assert actions.available_moderation_actions(professional, vraag) == []


def test_available_antwoord_moderation_actions(held, moderator, other_professional):
    assert actions.available_antwoord_moderation_actions(moderator, held) == [
        "approve",
        "redact",
        "hide",
    ]
    assert actions.available_antwoord_moderation_actions(other_professional, held) == []


def test_in_review_queue_urgent_first_then_oldest(professional, other_professional):
    urgent = RisicofactorFactory(is_urgent=True)
    with time_machine.travel("2026-03-02 09:00 +01:00", tick=False):
        old = _ask(professional)
    with time_machine.travel("2026-03-02 10:00 +01:00", tick=False):
        newer = _ask(other_professional)
    with time_machine.travel("2026-03-02 11:00 +01:00", tick=False):
        newest_urgent = _ask(professional, risicofactoren=[urgent])
    VraagFactory()  # published: not in the queue
    queue = list(Vraag.objects.in_review_queue())
    assert queue == [newest_urgent, old, newer]
    assert queue[0].is_urgent and not queue[1].is_urgent


def test_waiting_for_oplossing(professional):
    now = timezone.now()
    due = VraagFactory(first_answer_at=now - timedelta(days=22), oplossing_reminders_sent=2)
    VraagFactory(first_answer_at=now - timedelta(days=22), oplossing_reminders_sent=1)
    VraagFactory(first_answer_at=now - timedelta(days=10), oplossing_reminders_sent=2)
    VraagFactory(first_answer_at=None, oplossing_reminders_sent=2)
    VraagFactory(first_answer_at=now - timedelta(days=30), oplossing_reminders_sent=2, solved=True)
    assert list(Vraag.objects.waiting_for_oplossing()) == [due]
    _moderation(queue_after_days=5)
    assert Vraag.objects.waiting_for_oplossing(now=now).count() == 2


# --- two moderators at once (PostgreSQL row locks) ---------------------------------------------

needs_row_locks = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has no row locks (select_for_update is a no-op); run with DATABASE_URL=postgres://…",
)


@pytest.fixture(scope="module", autouse=True)
def _leave_migration_data_behind(django_db_setup, django_db_blocker):
    """The transactional tests below end with a flush. Put the data from migrations (groups,
    taxonomies, pages) back afterwards, so a later run with --reuse-db still finds it."""
    yield
    contents = getattr(connection, "_test_serialized_contents", None)
    if connection.vendor != "postgresql" or not contents:
        return
    with django_db_blocker.unblock():
        from django.contrib.auth.models import Group

        if not Group.objects.exists():
            connection.creation.deserialize_db_from_string(contents)


def _in_thread(target, results, key, *args):
    """Run one moderator's action in its own thread, with its own database connection."""

    def run():
        try:
            results[key] = target(*args)
        except Exception as error:  # noqa: BLE001 - the test inspects what happened
            results[key] = error
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def _hold_lock_then(action, locked, release):
    """Moderator A: act inside a transaction and keep the row lock until `release`."""

    def run():
        with transaction.atomic():
            result = action()
            locked.set()
            release.wait(5)
        return result

    return run


@needs_row_locks
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_moderators_approve_and_reject_at_once_end_consistent():
    professional = make_user(email="vrager@zorg.test")
    mod_a = make_user(email="mod-a@zorg.test", groups=["Moderatoren"])
    mod_b = make_user(email="mod-b@zorg.test", groups=["Moderatoren"])
    vraag = _ask(professional)
    copy_a, copy_b = Vraag.objects.get(pk=vraag.pk), Vraag.objects.get(pk=vraag.pk)
    locked, release, results = threading.Event(), threading.Event(), {}

    a = _in_thread(
        _hold_lock_then(lambda: actions.approve_vraag(copy_a, by=mod_a), locked, release),
        results,
        "a",
    )
    assert locked.wait(5)
    # B read the question as in_review before A committed; B now waits for A's lock.
    b = _in_thread(lambda: actions.reject_vraag(copy_b, by=mod_b, reason=REASON), results, "b")
    b.join(0.5)
    assert b.is_alive(), "B must wait for A's row lock"
    release.set()
    a.join(5)
    b.join(5)

    assert isinstance(results["a"], Vraag)
    assert isinstance(results["b"], InvalidTransition)
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.OPEN and vraag.reviewed_by == mod_a
    assert vraag.moderation_note == ""
    assert _log_actions(vraag).count("vraagbaak.vraag.reject") == 0


@needs_row_locks
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_moderators_racing_exactly_one_wins():
    professional = make_user(email="vrager@zorg.test")
    mods = [make_user(email=f"mod-{i}@zorg.test", groups=["Moderatoren"]) for i in range(2)]
    for _round in range(3):
        vraag = _ask(professional)
        start, results = threading.Barrier(2), {}

        def act(i, vraag=vraag, start=start):
            copy = Vraag.objects.get(pk=vraag.pk)
            start.wait(5)
            if i == 0:
                return actions.approve_vraag(copy, by=mods[0])
            return actions.close_vraag(copy, by=mods[1], reason=CloseReason.UNSUITABLE)

        threads = [_in_thread(act, results, i, i) for i in range(2)]
        for thread in threads:
            thread.join(10)
        outcomes = [type(results[i]) for i in range(2)]
        vraag.refresh_from_db()
        if outcomes == [Vraag, InvalidTransition]:
            assert vraag.status == VraagStatus.OPEN and vraag.close_reason == ""
        elif outcomes == [Vraag, Vraag]:
            # B ran second and closing an open question is allowed: both happened, in order.
            assert vraag.status == VraagStatus.CLOSED
        else:
            assert outcomes == [InvalidTransition, Vraag]
            assert vraag.status == VraagStatus.CLOSED


@needs_row_locks
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_moderators_hide_the_same_answer_once():
    mod_a = make_user(email="mod-a@zorg.test", groups=["Moderatoren"])
    mod_b = make_user(email="mod-b@zorg.test", groups=["Moderatoren"])
    antwoord = AntwoordFactory()
    locked, release, results = threading.Event(), threading.Event(), {}
    copy_a, copy_b = Antwoord.objects.get(pk=antwoord.pk), Antwoord.objects.get(pk=antwoord.pk)
    a = _in_thread(
        _hold_lock_then(
            lambda: actions.hide_antwoord(copy_a, by=mod_a, reason="A"), locked, release
        ),
        results,
        "a",
    )
    assert locked.wait(5)
    b = _in_thread(lambda: actions.hide_antwoord(copy_b, by=mod_b, reason="B"), results, "b")
    release.set()
    a.join(5)
    b.join(5)
    assert isinstance(results["a"], Antwoord) and isinstance(results["b"], InvalidTransition)
    antwoord.refresh_from_db()
    assert antwoord.hidden_by == mod_a and antwoord.hide_reason == "A"


def test_reopen_vraag_clears_the_closing_note(moderator):
    from vraagbaak.vragen.actions import close_vraag, reopen_vraag
    from vraagbaak.vragen.models import CloseReason

    vraag = VraagFactory()
    close_vraag(vraag, by=moderator, reason=CloseReason.EXPIRED, note="Geen reactie meer.")
    reopen_vraag(vraag, by=moderator)
    vraag.refresh_from_db()
    assert vraag.status == "open"
    assert vraag.moderation_note == ""
