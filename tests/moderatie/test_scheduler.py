"""`manage.py run_scheduled_jobs`: the periodic jobs, once or in a loop."""

import io
import json
import time
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from tests.factories import VraagFactory
from vraagbaak.moderatie.management.commands.run_scheduled_jobs import JOBS
from vraagbaak.vragen.actions import create_antwoord

pytestmark = pytest.mark.django_db

START = datetime(2026, 5, 4, 7, 0, tzinfo=UTC)


def broken_job():
    raise RuntimeError("mail server down")


def run(*args) -> list[dict]:
    out = io.StringIO()
    call_command("run_scheduled_jobs", *args, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


@pytest.fixture
def answered_vraag(professional, other_professional):
    with time_machine.travel(START, tick=False):
        vraag = VraagFactory(author=professional)
        create_antwoord(vraag, by=other_professional, body="Bel het Buurtteam.")
    return vraag


def test_scheduler_sends_due_oplossing_reminders_once(
    answered_vraag, professional, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with time_machine.travel(START + timedelta(days=7, hours=1), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            first = run()
            second = run()

    # One summary line per run, naming every job; the oplossing reminder goes out once.
    assert [set(line) for line in first] == [set(JOBS)]
    assert first[0]["oplossing_reminders"] == {"first": 1, "second": 0}
    assert second[0]["oplossing_reminders"] == {"first": 0, "second": 0}
    [message] = mail.outbox
    assert message.to == [professional.email]
    assert f"/vragen/{answered_vraag.pk}/oplossing/" in message.body


def test_scheduler_with_nothing_due_sends_nothing(answered_vraag):
    mail.outbox.clear()
    with time_machine.travel(START + timedelta(days=6), tick=False):
        [summary] = run("--job", "oplossing_reminders")
    assert summary == {"oplossing_reminders": {"first": 0, "second": 0}}
    assert mail.outbox == []


def test_a_failing_job_does_not_stop_the_others(answered_vraag, monkeypatch, caplog):
    monkeypatch.setitem(JOBS, "broken", "tests.moderatie.test_scheduler.broken_job")
    with time_machine.travel(START + timedelta(days=7), tick=False):
        [result] = run()
    assert result["broken"] == "error"
    assert result["oplossing_reminders"] == {"first": 1, "second": 0}
    assert "Scheduled job broken failed" in caplog.text


def test_loop_runs_the_jobs_again_after_the_interval(answered_vraag, monkeypatch):
    sleeps = []

    def sleep(seconds):
        sleeps.append(seconds)
        if len(sleeps) == 2:
            raise KeyboardInterrupt  # Ctrl-C ends the loop quietly

    monkeypatch.setattr(time, "sleep", sleep)
    with time_machine.travel(START + timedelta(days=7), tick=False):
        results = run("--loop", "300")

    assert sleeps == [300, 300]
    assert [r["oplossing_reminders"]["first"] for r in results] == [1, 0]


def test_loop_needs_a_positive_interval():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="minstens 1"):
        run("--loop", "0")
