"""The solution loop: reminders to the asker, then the moderators' queue (frozen time)."""

import os
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied
from wagtail.models import ModelLogEntry

from tests.factories import VraagFactory
from vraagbaak.moderatie.actions import request_oplossing, send_oplossing_reminders
from vraagbaak.vragen.actions import create_antwoord, record_oplossing
from vraagbaak.vragen.models import ModerationSettings, Vraag

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday; DST starts during the loop
TITLE = "Zwangere cliënte met schulden en geen huis"
BODY = "Cliënte is ongeveer 30 weken zwanger. Wie weet een plek?"

pytestmark = pytest.mark.django_db


@pytest.fixture
def frozen():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def answered_vraag(frozen, professional, other_professional):
    """An open question by `professional` that got its first answer at START."""
    vraag = VraagFactory(author=professional, title=TITLE, body=BODY)
    create_antwoord(vraag, by=other_professional, body="Bel het Buurtteam in je stadsdeel.")
    vraag.refresh_from_db()
    assert vraag.first_answer_at == START
    return vraag


@pytest.fixture
def run_job(django_capture_on_commit_callbacks):
    """Run the reminder job like the scheduler does: its e-mails go out after commit."""

    def run():
        with django_capture_on_commit_callbacks(execute=True):
            return send_oplossing_reminders()

    return run


def reminders_to(user):
    return [m for m in mail.outbox if m.to == [user.email] and "opgelost" in m.subject]


def test_reminders_go_out_at_day_7_and_14_exactly_once(
    answered_vraag, frozen, run_job, professional
):
    mail.outbox.clear()
    expected = {0: 0, 6: 0, 7: 1, 8: 1, 13: 1, 14: 2, 15: 2, 21: 2, 40: 2}
    for day, count in expected.items():
        frozen.move_to(START + timedelta(days=day))
        run_job()
        run_job()  # the job may run twice (overlapping cron, two machines)
        assert len(reminders_to(professional)) == count, f"day {day}"

    answered_vraag.refresh_from_db()
    assert answered_vraag.oplossing_reminders_sent == 2
    assert answered_vraag.last_oplossing_reminder_at == START + timedelta(days=14)


def test_job_reports_what_it_sent(answered_vraag, frozen, run_job):
    frozen.move_to(START + timedelta(days=7))
    assert run_job() == {"first": 1, "second": 0}
    assert run_job() == {"first": 0, "second": 0}
    frozen.move_to(START + timedelta(days=14))
    assert run_job() == {"first": 0, "second": 1}


def test_reminder_email_has_only_a_link_to_the_solution_form(
    answered_vraag, frozen, run_job, professional
):
    mail.outbox.clear()
    frozen.move_to(START + timedelta(days=7))
    run_job()

    [message] = mail.outbox
    assert message.to == [professional.email]
    assert "Is je vraag opgelost?" in message.subject
    assert f"http://testserver/vragen/{answered_vraag.pk}/oplossing/" in message.body
    for secret in (TITLE, BODY, "Buurtteam", "zwanger"):
        assert secret not in message.subject
        assert secret not in message.body


def test_no_reminder_when_the_question_was_solved(answered_vraag, frozen, run_job, professional):
    frozen.move_to(START + timedelta(days=3))
    record_oplossing(answered_vraag, by=professional, oplossing="Het Buurtteam hielp.")
    mail.outbox.clear()

    for day in (7, 14, 21):
        frozen.move_to(START + timedelta(days=day))
        run_job()
    assert mail.outbox == []
    assert answered_vraag not in Vraag.objects.waiting_for_oplossing()


def test_second_reminder_skipped_when_solved_after_the_first(
    answered_vraag, frozen, run_job, professional
):
    frozen.move_to(START + timedelta(days=7))
    run_job()
    frozen.move_to(START + timedelta(days=10))
    record_oplossing(answered_vraag, by=professional, oplossing="Het Buurtteam hielp.")
    mail.outbox.clear()

    frozen.move_to(START + timedelta(days=14))
    assert run_job() == {"first": 0, "second": 0}
    assert mail.outbox == []


def test_no_reminder_without_an_answer(frozen, run_job, professional):
    vraag = VraagFactory(author=professional)
    mail.outbox.clear()
    for day in (7, 14, 30):
        frozen.move_to(START + timedelta(days=day))
        run_job()
    assert mail.outbox == []
    assert vraag not in Vraag.objects.waiting_for_oplossing()


def test_reminders_count_from_the_first_answer_not_from_the_question(
    frozen, run_job, professional, other_professional
):
    vraag = VraagFactory(author=professional)
    frozen.move_to(START + timedelta(days=10))
    create_antwoord(vraag, by=other_professional, body="Probeer het wijkteam.")
    mail.outbox.clear()

    frozen.move_to(START + timedelta(days=16))
    assert run_job() == {"first": 0, "second": 0}
    frozen.move_to(START + timedelta(days=17))
    assert run_job() == {"first": 1, "second": 0}
    assert len(reminders_to(professional)) == 1


def test_a_late_job_does_not_send_both_reminders_at_once(answered_vraag, frozen, run_job):
    """The scheduler was down for three weeks: the first reminder now, the second a week later."""
    frozen.move_to(START + timedelta(days=22))
    assert run_job() == {"first": 1, "second": 0}
    frozen.move_to(START + timedelta(days=28))
    assert run_job() == {"first": 0, "second": 0}
    frozen.move_to(START + timedelta(days=29))
    assert run_job() == {"first": 0, "second": 1}


def test_question_enters_the_waiting_queue_after_21_days(answered_vraag, frozen, run_job):
    for day in (7, 14, 20):
        frozen.move_to(START + timedelta(days=day))
        run_job()
        assert answered_vraag not in Vraag.objects.waiting_for_oplossing()

    frozen.move_to(START + timedelta(days=21))
    run_job()
    assert list(Vraag.objects.waiting_for_oplossing()) == [answered_vraag]


def test_settings_change_the_reminder_days(answered_vraag, frozen, run_job):
    config = ModerationSettings.load()
    config.first_reminder_days, config.second_reminder_days = 2, 4
    config.save()

    frozen.move_to(START + timedelta(days=2))
    assert run_job() == {"first": 1, "second": 0}
    frozen.move_to(START + timedelta(days=4))
    assert run_job() == {"first": 0, "second": 1}


# --- the moderator's personal request --------------------------------------------------


def test_moderator_requests_the_solution_personally(
    answered_vraag, frozen, moderator, professional, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        vraag = request_oplossing(answered_vraag, by=moderator)

    assert vraag.oplossing_requested_at == START
    vraag.refresh_from_db()
    assert vraag.oplossing_requested_at == START
    [message] = mail.outbox
    assert message.to == [professional.email]
    assert "Mo (moderator)" in message.body
    assert moderator.email not in message.body
    assert f"/vragen/{vraag.pk}/oplossing/" in message.body
    assert TITLE not in message.body and BODY not in message.body
    entry = ModelLogEntry.objects.get(action="vraagbaak.vraag.request_oplossing")
    assert entry.user_id == moderator.pk
    assert entry.object_id == str(vraag.pk)
    assert TITLE not in entry.label


def test_a_double_click_sends_one_request(
    answered_vraag, frozen, moderator, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        request_oplossing(answered_vraag, by=moderator)
        request_oplossing(answered_vraag, by=moderator)
    assert len(mail.outbox) == 1

    frozen.move_to(START + timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        request_oplossing(answered_vraag, by=moderator)
    assert len(mail.outbox) == 2


def test_only_moderators_request_the_solution(answered_vraag, professional, other_professional):
    for user in (professional, other_professional):
        with pytest.raises(PermissionDenied):
            request_oplossing(answered_vraag, by=user)
    answered_vraag.refresh_from_db()
    assert answered_vraag.oplossing_requested_at is None


def test_no_request_for_a_solved_question(answered_vraag, moderator, professional):
    record_oplossing(answered_vraag, by=professional, oplossing="Opgelost met het wijkteam.")
    with pytest.raises(PermissionDenied):
        request_oplossing(answered_vraag, by=moderator)


# --- two scheduler runs at the same moment (PostgreSQL: real row locks) -----------------


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="needs concurrent transactions with row locks: runs on PostgreSQL (CI does)",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_runs_send_each_reminder_once(professional, other_professional):
    import threading

    from django.db import connections

    with time_machine.travel(START, tick=False):
        vraag = VraagFactory(author=professional)
        create_antwoord(vraag, by=other_professional, body="Bel het Buurtteam.")
    mail.outbox.clear()
    barrier = threading.Barrier(4)
    results = []

    def worker():
        try:
            barrier.wait()
            results.append(send_oplossing_reminders())
        finally:
            connections.close_all()

    with time_machine.travel(START + timedelta(days=7), tick=False):
        threads = [threading.Thread(target=worker) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert sorted(r["first"] for r in results) == [0, 0, 0, 1]
    assert len(reminders_to(professional)) == 1
    vraag.refresh_from_db()
    assert vraag.oplossing_reminders_sent == 1
