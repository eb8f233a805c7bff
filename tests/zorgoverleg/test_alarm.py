"""The zorgoverleg alarm: announcement and reminders, each exactly once (issue 5).

The scheduled job runs every 15 minutes in production; these tests run it on that grid with
frozen time, over whole weeks, across both daylight saving switches of 2026, with the job
starting late, and with cancellations and moves.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from tests.factories import RisicofactorFactory, make_user
from vraagbaak.zorgoverleg.actions import move_session
from vraagbaak.zorgoverleg.alarm import (
    reminder_day_due_at,
    send_zorgoverleg_mails,
)
from vraagbaak.zorgoverleg.models import (
    HulpvraagStatus,
    Room,
    Session,
    SessionStatus,
    Signup,
    SignupRole,
    ZorgoverlegSettings,
)

AMS = ZoneInfo("Europe/Amsterdam")
HULPVRAAG = "Moeder van drie met huurschuld bij woningcorporatie Eigen Haard, wie weet raad?"
STEP = timedelta(minutes=15)


def ams(*args) -> datetime:
    return datetime(*args, tzinfo=AMS)


@pytest.fixture
def risicofactor(db):
    return RisicofactorFactory(name="Financiële problemen", slug="financiele-problemen")


@pytest.fixture
def room(risicofactor, moderator):
    room = Room.objects.create(
        name="Financiële problemen",
        slug="financiele-problemen",
        meeting_url="https://meet.example.org/zorgoverleg-financien",
    )
    room.risicofactoren.add(risicofactor)
    room.moderators.add(moderator)
    return room


def make_session(room, starts_at: datetime, original_date=None) -> Session:
    return Session.objects.create(
        room=room,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=30),
        original_date=original_date or starts_at.date(),
    )


def sign_up(session, user, role=SignupRole.MEELUISTERAAR, **fields) -> Signup:
    """A sign-up as it stands after the flow (the form and moderation are tested elsewhere)."""
    if role == SignupRole.INBRENGER:
        fields.setdefault("hulpvraag", HULPVRAAG)
        fields.setdefault("hulpvraag_status", HulpvraagStatus.APPROVED)
    return Signup.objects.create(session=session, user=user, role=role, **fields)


def run_job_every_quarter(start: datetime, end: datetime) -> list[tuple[datetime, object]]:
    """Run the job on the 15-minute grid from `start` to `end`; return (time, message)."""
    sent = []
    # In UTC: adding 15 minutes to an Amsterdam time would be wall clock arithmetic.
    now, end = start.astimezone(UTC), end.astimezone(UTC)
    with time_machine.travel(now, tick=False) as traveller:
        while now <= end:
            before = len(mail.outbox)
            send_zorgoverleg_mails()
            sent += [(now, message) for message in mail.outbox[before:]]
            traveller.shift(STEP)
            now += STEP
    return sent


def times_for(sent, email: str, subject_part: str) -> list[datetime]:
    return [
        when.astimezone(AMS)
        for when, message in sent
        if message.to == [email] and subject_part in message.subject
    ]


def assert_no_case_text(messages) -> None:
    for message in messages:
        parts = [message.subject, message.body] + [c for c, _ in message.alternatives]
        for part in parts:
            assert HULPVRAAG not in part
            assert "Eigen Haard" not in part
            assert "huurschuld" not in part


@pytest.fixture
def cast(db, room, risicofactor):
    """Who takes part: an inbrenger, a meeluisteraar, an expert who is not signed up, one
    who cancelled, and a professional with other expertise."""
    expert = make_user(email="expert@zorg.test")
    expert.profile.expertise.add(risicofactor)
    return {
        "inbrenger": make_user(email="inbrenger@zorg.test"),
        "luisteraar": make_user(email="luisteraar@zorg.test"),
        "expert": expert,
        "afgemeld": make_user(email="afgemeld@zorg.test"),
        "ander": make_user(email="ander@zorg.test"),
    }


def test_each_mail_once_across_the_autumn_switch(room, cast):
    """October (CEST) and November (CET, after the switch of 25 October): every e-mail once,
    at its own wall clock time."""
    with time_machine.travel(ams(2026, 9, 20, 8), tick=False):
        october = make_session(room, ams(2026, 10, 5, 12))
        november = make_session(room, ams(2026, 11, 2, 12))
        for session in (october, november):
            sign_up(session, cast["inbrenger"], SignupRole.INBRENGER)
            sign_up(session, cast["luisteraar"])
            gone = sign_up(session, cast["afgemeld"])
            gone.cancelled_at = datetime.now(UTC)
            gone.save()

    sent = run_job_every_quarter(ams(2026, 9, 20, 9), ams(2026, 11, 3, 0))

    # The announcement: 14 days before, to the expert only (the others have no expertise
    # in this room or are signed up already).
    assert times_for(sent, "expert@zorg.test", "breng je vraag in") == [
        ams(2026, 9, 21, 12),
        ams(2026, 10, 19, 12),
    ]
    announcements = [m for _, m in sent if "breng je vraag in" in m.subject]
    assert len(announcements) == 2
    # First reminder: Friday 09:00 before; second: 11:45 on the day, with the join link.
    for email in ("inbrenger@zorg.test", "luisteraar@zorg.test"):
        assert times_for(sent, email, "Herinnering") == [ams(2026, 10, 2, 9), ams(2026, 10, 30, 9)]
        assert times_for(sent, email, "begint zo") == [
            ams(2026, 10, 5, 11, 45),
            ams(2026, 11, 2, 11, 45),
        ]
    # In UTC the November reminders come an hour later: the wall clock stays the same.
    soon = [w for w, m in sent if m.to == ["luisteraar@zorg.test"] and "begint zo" in m.subject]
    assert [w.astimezone(UTC).hour for w in soon] == [9, 10]
    assert times_for(sent, "afgemeld@zorg.test", "") == []
    assert times_for(sent, "ander@zorg.test", "") == []
    assert len(sent) == 2 + 2 * 4

    soon_mail = next(m for _, m in sent if "begint zo" in m.subject)
    assert "https://meet.example.org/zorgoverleg-financien" in soon_mail.body
    assert "https://meet.example.org/zorgoverleg-financien" in soon_mail.alternatives[0][0]
    assert f"/zorgoverleg/{november.pk}/" in next(
        m.body for w, m in sent if "Herinnering" in m.subject and w.month == 10 and w.day == 30
    )
    day_mail = next(m for _, m in sent if "Herinnering" in m.subject)
    assert "maandag 5 oktober 2026, 12:00–12:30" in day_mail.subject
    assert "meet.example.org" not in day_mail.body  # the join link only shortly before
    assert_no_case_text(m for _, m in sent)


def test_spring_switch_and_easter_move_the_first_reminder_to_thursday(room, cast):
    """Monday 6 April 2026 is Tweede paasdag: the session is on Tuesday 7 April. Goede
    vrijdag (3 April) is no working day either, so the first reminder comes on Thursday."""
    with time_machine.travel(ams(2026, 3, 20, 8), tick=False):
        april = make_session(room, ams(2026, 4, 7, 12), original_date=ams(2026, 4, 6).date())
        sign_up(april, cast["luisteraar"])

    sent = run_job_every_quarter(ams(2026, 3, 20, 9), ams(2026, 4, 8, 0))

    # Announced on Tuesday 24 March, 12:00 CET (before the switch of 29 March).
    assert times_for(sent, "expert@zorg.test", "breng je vraag in") == [ams(2026, 3, 24, 12)]
    assert times_for(sent, "expert@zorg.test", "breng je vraag in")[0].utcoffset() == timedelta(
        hours=1
    )
    assert times_for(sent, "luisteraar@zorg.test", "Herinnering") == [ams(2026, 4, 2, 9)]
    assert times_for(sent, "luisteraar@zorg.test", "begint zo") == [ams(2026, 4, 7, 11, 45)]
    assert len(sent) == 3


def test_first_reminder_day_follows_working_days():
    config = ZorgoverlegSettings(reminder_working_days_before=1, reminder_time="09:00")
    assert reminder_day_due_at(ams(2026, 11, 2, 12), config) == ams(2026, 10, 30, 9)
    assert reminder_day_due_at(ams(2026, 4, 7, 12), config) == ams(2026, 4, 2, 9)
    config.reminder_working_days_before = 2
    assert reminder_day_due_at(ams(2026, 11, 2, 12), config) == ams(2026, 10, 29, 9)
    config.reminder_working_days_before = 0
    assert reminder_day_due_at(ams(2026, 11, 2, 12), config) is None


def test_late_job_sends_the_reminder_still_due_once_but_never_after_the_start(room, cast):
    with time_machine.travel(ams(2026, 10, 20, 8), tick=False):
        session = make_session(room, ams(2026, 11, 2, 12))
        sign_up(session, cast["inbrenger"], SignupRole.INBRENGER)
        sign_up(session, cast["luisteraar"])
        ZorgoverlegSettings.load()

    # The job was down from Thursday until Saturday: the first reminder goes out late.
    with time_machine.travel(ams(2026, 10, 31, 10, 3), tick=False):
        assert send_zorgoverleg_mails()["reminders_day"] == 2
        assert send_zorgoverleg_mails()["reminders_day"] == 0
    # Down again until 11:52 on the day: the second reminder once, the first not again.
    with time_machine.travel(ams(2026, 11, 2, 11, 52), tick=False):
        assert send_zorgoverleg_mails() == {
            "announcements": 0,
            "reminders_day": 0,
            "reminders_soon": 2,
        }
        assert send_zorgoverleg_mails()["reminders_soon"] == 0
    reminders = [m for m in mail.outbox if "breng je vraag in" not in m.subject]
    assert len(reminders) == 4
    assert_no_case_text(mail.outbox)


def test_job_down_until_the_last_minutes_sends_only_the_second_reminder(room, cast):
    with time_machine.travel(ams(2026, 10, 28, 8), tick=False):
        session = make_session(room, ams(2026, 11, 2, 12))
        sign_up(session, cast["luisteraar"])

    with time_machine.travel(ams(2026, 11, 2, 11, 50), tick=False):
        summary = send_zorgoverleg_mails()
    assert summary == {"announcements": 1, "reminders_day": 0, "reminders_soon": 1}
    assert [m.to for m in mail.outbox if "Herinnering" in m.subject] == []


def test_job_back_after_the_start_sends_nothing(room, cast):
    with time_machine.travel(ams(2026, 10, 28, 8), tick=False):
        session = make_session(room, ams(2026, 11, 2, 12))
        sign_up(session, cast["luisteraar"])

    with time_machine.travel(ams(2026, 11, 2, 12, 0), tick=False):
        assert send_zorgoverleg_mails() == {
            "announcements": 0,
            "reminders_day": 0,
            "reminders_soon": 0,
        }
    assert mail.outbox == []


def test_cancelled_session_gets_nothing(room, cast):
    with time_machine.travel(ams(2026, 10, 1, 8), tick=False):
        session = make_session(room, ams(2026, 11, 2, 12))
        sign_up(session, cast["luisteraar"])
        Session.objects.filter(pk=session.pk).update(status=SessionStatus.CANCELLED)

    sent = run_job_every_quarter(ams(2026, 10, 18, 0), ams(2026, 11, 2, 13))
    assert sent == []


def test_sign_up_after_the_reminder_moment_gets_no_late_first_reminder(room, cast):
    with time_machine.travel(ams(2026, 10, 20, 8), tick=False):
        session = make_session(room, ams(2026, 11, 2, 12))
    with time_machine.travel(ams(2026, 10, 31, 14), tick=False):
        sign_up(session, cast["luisteraar"])  # Saturday, after Friday 09:00

    sent = run_job_every_quarter(ams(2026, 10, 31, 14), ams(2026, 11, 2, 12, 30))
    assert [(w, m.subject) for w, m in sent if "luisteraar@zorg.test" in m.to] == [
        (ams(2026, 11, 2, 11, 45), f"[GKS Vraagbaak] Het zorgoverleg {room.name} begint zo")
    ]


def test_moved_session_gets_its_reminders_again_for_the_new_date(room, cast, moderator):
    with time_machine.travel(ams(2026, 10, 20, 8), tick=False):
        session = make_session(room, ams(2026, 11, 2, 12))
        sign_up(session, cast["luisteraar"])
    sent = run_job_every_quarter(ams(2026, 10, 30, 8), ams(2026, 10, 30, 10))
    assert [w for w, m in sent if m.to == ["luisteraar@zorg.test"]] == [ams(2026, 10, 30, 9)]

    # On Friday afternoon the moderator moves it to Wednesday 4 November.
    with time_machine.travel(ams(2026, 10, 30, 15), tick=False):
        move_session(session, by=moderator, starts_at=ams(2026, 11, 4, 12))

    sent = run_job_every_quarter(ams(2026, 10, 30, 15), ams(2026, 11, 4, 13))
    assert [(w, m.subject) for w, m in sent] == [
        (
            ams(2026, 11, 3, 9),
            f"[GKS Vraagbaak] Herinnering: zorgoverleg {room.name} op "
            "woensdag 4 november 2026, 12:00–12:30",
        ),
        (ams(2026, 11, 4, 11, 45), f"[GKS Vraagbaak] Het zorgoverleg {room.name} begint zo"),
    ]


# serialized_rollback: like the browser tests, so the data from migrations survives the flush.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_overlapping_runs_send_each_mail_once(room, cast):
    """Two machines (or a slow run and the next one) at the same moment: the conditional
    UPDATE lets one of them claim each e-mail. Needs real concurrent transactions, so it
    runs on PostgreSQL (in-memory SQLite serialises everything anyway)."""
    import threading

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("Concurrent transactions need PostgreSQL (DATABASE_URL=postgres://…).")
    with time_machine.travel(ams(2026, 10, 20, 8), tick=False):
        session = make_session(room, ams(2026, 11, 2, 12))
        for n in range(12):
            sign_up(session, make_user(email=f"deelnemer{n}@zorg.test"))
    for n in range(5):
        make_user(email=f"expert{n}@zorg.test").profile.expertise.add(*room.risicofactoren.all())

    barrier = threading.Barrier(4)
    errors = []

    def run():
        try:
            barrier.wait()
            send_zorgoverleg_mails()
        except Exception as exc:  # noqa: BLE001 - reported by the assert below
            errors.append(exc)
        finally:
            connection.close()

    with time_machine.travel(ams(2026, 11, 2, 11, 50), tick=False):
        threads = [threading.Thread(target=run) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert errors == []
    soon = sorted(m.to[0] for m in mail.outbox if "begint zo" in m.subject)
    assert soon == sorted(f"deelnemer{n}@zorg.test" for n in range(12))
    announced = sorted(m.to[0] for m in mail.outbox if "breng je vraag in" in m.subject)
    assert announced == sorted(["expert@zorg.test"] + [f"expert{n}@zorg.test" for n in range(5)])


def test_scheduled_job_command_runs_the_alarm(room, cast):
    import json
    from io import StringIO

    from django.core.management import call_command

    with time_machine.travel(ams(2026, 10, 28, 8), tick=False):
        session = make_session(room, ams(2026, 11, 2, 12))
        sign_up(session, cast["luisteraar"])
    out = StringIO()
    with time_machine.travel(ams(2026, 11, 2, 11, 45), tick=False):
        call_command("run_scheduled_jobs", "--job", "zorgoverleg_alarm", stdout=out)
    assert json.loads(out.getvalue()) == {
        "zorgoverleg_alarm": {"announcements": 1, "reminders_day": 0, "reminders_soon": 1}
    }


def test_mail_server_down_loses_nothing(room, cast, settings):
    """The reminder claimed while the mail server refuses is given back and sent next run."""
    with time_machine.travel(ams(2026, 10, 28, 8), tick=False):
        session = make_session(room, ams(2026, 11, 2, 12))
        signup = sign_up(session, cast["luisteraar"])
        Session.objects.filter(pk=session.pk).update(announcement_sent_at=ams(2026, 10, 19, 12))
    locmem = settings.MAILERS
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
        }
    }
    with time_machine.travel(ams(2026, 11, 2, 11, 45), tick=False):
        assert send_zorgoverleg_mails()["reminders_soon"] == 0
    signup.refresh_from_db()
    assert signup.reminder_soon_sent_at is None

    settings.MAILERS = locmem
    with time_machine.travel(ams(2026, 11, 2, 12, 0) - timedelta(minutes=14), tick=False):
        assert send_zorgoverleg_mails()["reminders_soon"] == 1
    assert [m.to for m in mail.outbox] == [["luisteraar@zorg.test"]]
