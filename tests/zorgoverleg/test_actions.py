"""Planning, sign-ups, the agenda and the moderators' session changes (actions.py)."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from tests.factories import make_user
from tests.zorgoverleg.conftest import NOW
from vraagbaak.zorgoverleg import actions
from vraagbaak.zorgoverleg.models import (
    HulpvraagStatus,
    Room,
    Session,
    SessionStatus,
    Signup,
    SignupRole,
    ZorgoverlegSettings,
)
from vraagbaak.zorgoverleg.schedule import AMSTERDAM, HolidayPolicy

CLEAN = "Zwangere cliënte met hoge schulden en geen zorgverzekering. Wie weet een regeling?"
WITH_PHONE = "Moeder belt vaak vanaf 06-12345678 en heeft schulden, wat kan ik doen?"


def _settings(**values) -> ZorgoverlegSettings:
    config = ZorgoverlegSettings.load()
    for key, value in values.items():
        setattr(config, key, value)
    config.save()
    return config


def _local(session: Session) -> datetime:
    return session.starts_at.astimezone(AMSTERDAM)


def _entries(obj):
    return ModelLogEntry.objects.for_instance(obj)


def _logged(obj, action: str) -> bool:
    return _entries(obj).filter(action=action).exists()


# --- planning -----------------------------------------------------------------------------


def test_plan_sessions_creates_the_first_mondays_at_noon(planned, room):
    starts = [_local(s) for s in planned]
    assert starts == [
        datetime(2026, 12, 7, 12, 0, tzinfo=AMSTERDAM),
        datetime(2027, 1, 4, 12, 0, tzinfo=AMSTERDAM),
        datetime(2027, 2, 1, 12, 0, tzinfo=AMSTERDAM),
    ]
    assert all(s.ends_at - s.starts_at == timedelta(minutes=30) for s in planned)
    assert all(s.status == SessionStatus.PLANNED for s in planned)
    assert _logged(planned[0], "vraagbaak.zorgoverleg.session.plan")


def test_plan_sessions_is_idempotent(planned, room):
    again = actions.plan_sessions()
    assert again == {"rooms": 1, "created": 0, "updated": 0, "cancelled": 0}
    assert room.sessions.count() == len(planned)
    assert [s.sequence for s in room.sessions.all()] == [0, 0, 0]


def test_plan_sessions_later_adds_the_next_month_only(planned, room, frozen):
    frozen.move_to(datetime(2026, 12, 10, 9, 0, tzinfo=AMSTERDAM))
    summary = actions.plan_sessions()
    assert summary["created"] == 1  # 1 March 2027 comes within three months
    assert room.sessions.count() == 4
    # The past session of 7 December is still there, untouched.
    assert room.sessions.get(original_date=date(2026, 12, 7)).status == SessionStatus.PLANNED


def test_plan_sessions_skips_inactive_rooms(frozen, room):
    Room.objects.filter(pk=room.pk).update(is_active=False)
    assert actions.plan_sessions()["rooms"] == 0
    assert not Session.objects.exists()


@pytest.mark.django_db
def test_plan_sessions_moves_tweede_paasdag_to_the_next_working_day(room):
    with time_machine.travel(datetime(2026, 3, 10, 9, 0, tzinfo=AMSTERDAM), tick=False):
        actions.plan_sessions()
    session = room.sessions.get(original_date=date(2026, 4, 6))
    assert _local(session) == datetime(2026, 4, 7, 12, 0, tzinfo=AMSTERDAM)
    assert session.moved_reason.lower() == "tweede paasdag"
    assert "dinsdag 7 april 2026, 12:00–12:30" == session.when_text


@pytest.mark.django_db
def test_plan_sessions_skips_tweede_paasdag_with_skip_policy(room):
    _settings(holiday_policy=HolidayPolicy.SKIP)
    with time_machine.travel(datetime(2026, 3, 10, 9, 0, tzinfo=AMSTERDAM), tick=False):
        actions.plan_sessions()
    dates = [s.original_date for s in room.sessions.all()]
    assert date(2026, 4, 6) not in dates
    assert date(2026, 5, 4) in dates


@pytest.mark.django_db
def test_plan_sessions_keeps_noon_local_across_the_dst_switch(room):
    with time_machine.travel(datetime(2026, 2, 20, 9, 0, tzinfo=AMSTERDAM), tick=False):
        actions.plan_sessions()
    winter = room.sessions.get(original_date=date(2026, 3, 2))
    summer = room.sessions.get(original_date=date(2026, 5, 4))
    assert winter.starts_at.astimezone(UTC).time() == time(11, 0)  # 12:00+01:00
    assert summer.starts_at.astimezone(UTC).time() == time(10, 0)  # 12:00+02:00
    assert _local(winter).time() == _local(summer).time() == time(12, 0)


def test_plan_sessions_follows_a_rule_change(
    planned, room, professional, django_capture_on_commit_callbacks
):
    first = planned[0]
    Signup.objects.create(session=first, user=professional, role=SignupRole.MEELUISTERAAR)
    _settings(rule="DTSTART;TZID=Europe/Amsterdam:20260106T120000\nRRULE:FREQ=MONTHLY;BYDAY=1TU")
    with django_capture_on_commit_callbacks(execute=True):
        summary = actions.plan_sessions()
    assert summary["cancelled"] == 3
    assert summary["created"] == 3
    first.refresh_from_db()
    assert first.status == SessionStatus.CANCELLED
    assert first.cancel_reason == "Het rooster van het zorgoverleg is veranderd."
    assert first.sequence == 1
    tuesdays = room.sessions.planned().order_by("starts_at")
    assert [_local(s).date() for s in tuesdays] == [
        date(2026, 12, 1),
        date(2027, 1, 5),
        date(2027, 2, 2),
    ]
    # The participant of the cancelled session hears of it, without case text.
    assert len(mail.outbox) == 1
    assert "gaat niet door" in mail.outbox[0].subject
    assert first.get_absolute_url() in mail.outbox[0].body


def test_plan_sessions_follows_a_new_duration(planned, room):
    _settings(duration_minutes=45)
    assert actions.plan_sessions()["updated"] == 3
    session = room.sessions.get(pk=planned[0].pk)
    assert session.duration == timedelta(minutes=45)
    assert session.sequence == 1


def test_plan_sessions_leaves_sessions_changed_by_a_moderator_alone(planned, room, room_moderator):
    moved = actions.move_session(
        planned[0],
        by=room_moderator,
        starts_at=datetime(2026, 12, 8, 13, 0, tzinfo=AMSTERDAM),
    )
    cancelled = actions.cancel_session(planned[1], by=room_moderator, reason="Kerstvakantie")
    _settings(rule="DTSTART;TZID=Europe/Amsterdam:20260106T120000\nRRULE:FREQ=MONTHLY;BYDAY=1TU")
    actions.plan_sessions()
    moved.refresh_from_db()
    cancelled.refresh_from_db()
    assert _local(moved) == datetime(2026, 12, 8, 13, 0, tzinfo=AMSTERDAM)
    assert moved.status == SessionStatus.PLANNED
    assert cancelled.cancel_reason == "Kerstvakantie"


# --- signing up ---------------------------------------------------------------------------


def test_sign_up_as_meeluisteraar(session, professional):
    signup = actions.sign_up(session, by=professional, role=SignupRole.MEELUISTERAAR)
    signup.refresh_from_db()
    assert signup.is_active and not signup.is_inbrenger
    assert signup.hulpvraag_status == HulpvraagStatus.NONE
    assert _logged(signup, "vraagbaak.zorgoverleg.signup")
    entry = _entries(signup).get()
    assert entry.label == f"Aanmelding {signup.pk}"
    assert entry.data == {"role": "meeluisteraar"}


def test_sign_up_inbrenger_without_findings_is_on_the_agenda(
    session, professional, no_premoderation
):
    signup = actions.sign_up(session, by=professional, role=SignupRole.INBRENGER, hulpvraag=CLEAN)
    signup.refresh_from_db()
    assert signup.hulpvraag == CLEAN
    assert signup.hulpvraag_status == HulpvraagStatus.APPROVED
    # The log never holds the hulpvraag.
    assert "schulden" not in str(list(_entries(signup).values()))


def test_sign_up_hulpvraag_with_findings_waits_for_the_moderator(
    session, professional, no_premoderation
):
    signup = actions.sign_up(
        session, by=professional, role=SignupRole.INBRENGER, hulpvraag=WITH_PHONE
    )
    signup.refresh_from_db()
    assert signup.hulpvraag_status == HulpvraagStatus.IN_REVIEW
    assert signup.hulpvraag_findings == [{"start": 23, "end": 34, "label": "phone"}]


def test_sign_up_hulpvraag_waits_under_premoderation(session, professional):
    signup = actions.sign_up(session, by=professional, role=SignupRole.INBRENGER, hulpvraag=CLEAN)
    assert signup.hulpvraag_status == HulpvraagStatus.IN_REVIEW


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "Schrijf je hulpvraag op."), ("Te kort.", "te kort"), ("x" * 1501, "te lang")],
)
def test_sign_up_inbrenger_needs_a_proper_hulpvraag(session, professional, text, message):
    with pytest.raises(ValidationError) as error:
        actions.sign_up(session, by=professional, role=SignupRole.INBRENGER, hulpvraag=text)
    assert message in " ".join(error.value.message_dict["hulpvraag"])
    assert not Signup.objects.exists()


def test_sign_up_refuses_an_unknown_role(session, professional):
    with pytest.raises(ValidationError):
        actions.sign_up(session, by=professional, role="spreker")


def test_sign_up_cap_on_inbrengers(session, professional, other_professional, no_premoderation):
    _settings(max_inbrengers=1)
    actions.sign_up(session, by=professional, role=SignupRole.INBRENGER, hulpvraag=CLEAN)
    with pytest.raises(actions.SessionFull) as error:
        actions.sign_up(session, by=other_professional, role=SignupRole.INBRENGER, hulpvraag=CLEAN)
    assert error.value.message == (
        "Deze kamer zit vol met inbrengers. Je kunt nog wel meeluisteren."
    )
    assert not Signup.objects.filter(user=other_professional).exists()
    # Listening in is still possible.
    listener = actions.sign_up(session, by=other_professional, role=SignupRole.MEELUISTERAAR)
    assert listener.is_active
    # The inbrenger may change their own hulpvraag without losing the place.
    changed = actions.sign_up(
        session, by=professional, role=SignupRole.INBRENGER, hulpvraag=CLEAN + " Graag tips."
    )
    assert changed.hulpvraag.endswith("Graag tips.")


def test_rejected_hulpvraag_frees_the_place(
    session, professional, other_professional, room_moderator, no_premoderation
):
    _settings(max_inbrengers=1)
    first = actions.sign_up(session, by=professional, role=SignupRole.INBRENGER, hulpvraag=CLEAN)
    actions.reject_hulpvraag(first, by=room_moderator, reason="Past beter in een andere kamer.")
    second = actions.sign_up(
        session, by=other_professional, role=SignupRole.INBRENGER, hulpvraag=CLEAN
    )
    assert second.hulpvraag_status == HulpvraagStatus.APPROVED
    # Approving the rejected one again would exceed the cap.
    with pytest.raises(actions.SessionFull):
        actions.approve_hulpvraag(first, by=room_moderator)


def test_cancel_and_sign_up_again_reactivates_the_same_row(session, professional):
    signup = actions.sign_up(session, by=professional, role=SignupRole.MEELUISTERAAR)
    actions.cancel_signup(signup, by=professional)
    signup.refresh_from_db()
    assert not signup.is_active
    assert _logged(signup, "vraagbaak.zorgoverleg.signup.cancel")
    again = actions.sign_up(session, by=professional, role=SignupRole.INBRENGER, hulpvraag=CLEAN)
    assert again.pk == signup.pk
    assert again.is_active and again.is_inbrenger
    assert Signup.objects.count() == 1


def test_cancel_signup_frees_the_inbrenger_place(
    session, professional, other_professional, no_premoderation
):
    _settings(max_inbrengers=1)
    signup = actions.sign_up(session, by=professional, role=SignupRole.INBRENGER, hulpvraag=CLEAN)
    actions.cancel_signup(signup, by=professional)
    other = actions.sign_up(
        session, by=other_professional, role=SignupRole.INBRENGER, hulpvraag=CLEAN
    )
    assert other.is_active


def test_cancel_signup_only_own(session, professional, other_professional):
    signup = actions.sign_up(session, by=professional, role=SignupRole.MEELUISTERAAR)
    with pytest.raises(PermissionDenied):
        actions.cancel_signup(signup, by=other_professional)
    actions.cancel_signup(signup, by=professional)
    with pytest.raises(actions.ZorgoverlegError):
        actions.cancel_signup(signup, by=professional)


def test_sign_up_refused_for_a_cancelled_session(session, professional, room_moderator):
    actions.cancel_session(session, by=room_moderator, reason="De moderator is ziek.")
    with pytest.raises(actions.ZorgoverlegError) as error:
        actions.sign_up(session, by=professional, role=SignupRole.MEELUISTERAAR)
    assert "gaat niet door" in error.value.message


def test_sign_up_refused_once_the_session_started(session, professional, frozen):
    frozen.move_to(session.starts_at + timedelta(minutes=1))
    with pytest.raises(actions.ZorgoverlegError) as error:
        actions.sign_up(session, by=professional, role=SignupRole.MEELUISTERAAR)
    assert "al begonnen" in error.value.message


def test_sign_up_refused_for_unverified_accounts(session, unverified_user):
    with pytest.raises(PermissionDenied):
        actions.sign_up(session, by=unverified_user, role=SignupRole.MEELUISTERAAR)
    assert not Signup.objects.exists()


# --- the agenda ---------------------------------------------------------------------------


def test_approve_hulpvraag_by_the_room_moderator(session, professional, room_moderator):
    signup = actions.sign_up(
        session, by=professional, role=SignupRole.INBRENGER, hulpvraag=WITH_PHONE
    )
    actions.approve_hulpvraag(signup, by=room_moderator)
    signup.refresh_from_db()
    assert signup.hulpvraag_status == HulpvraagStatus.APPROVED
    assert signup.reviewed_by == room_moderator
    assert _logged(signup, "vraagbaak.zorgoverleg.hulpvraag.approve")
    with pytest.raises(actions.ZorgoverlegError):
        actions.approve_hulpvraag(signup, by=room_moderator)


def test_room_moderator_without_site_permission_reviews_own_room_only(session, room, professional):
    own_moderator = make_user(email="kamer@zorg.test")
    room.moderators.add(own_moderator)
    other_room = Room.objects.create(
        name="Huiselijk geweld", slug="huiselijk-geweld", meeting_url="https://example.org/hg"
    )
    outsider = make_user(email="anderekamer@zorg.test")
    other_room.moderators.add(outsider)
    signup = actions.sign_up(session, by=professional, role=SignupRole.INBRENGER, hulpvraag=CLEAN)
    with pytest.raises(PermissionDenied):
        actions.approve_hulpvraag(signup, by=outsider)
    actions.reject_hulpvraag(signup, by=own_moderator, reason="Niet voor deze kamer.")
    signup.refresh_from_db()
    assert signup.hulpvraag_status == HulpvraagStatus.REJECTED
    assert signup.review_reason == "Niet voor deze kamer."


def test_professionals_cannot_review_hulpvragen(session, professional, other_professional):
    signup = actions.sign_up(session, by=professional, role=SignupRole.INBRENGER, hulpvraag=CLEAN)
    with pytest.raises(PermissionDenied):
        actions.approve_hulpvraag(signup, by=other_professional)
    with pytest.raises(PermissionDenied):
        actions.reject_hulpvraag(signup, by=professional, reason="Zelf afwijzen")
    with pytest.raises(PermissionDenied):
        actions.move_hulpvraag(signup, by=professional, direction="up")


def test_reject_hulpvraag_needs_a_reason(session, professional, room_moderator):
    signup = actions.sign_up(session, by=professional, role=SignupRole.INBRENGER, hulpvraag=CLEAN)
    with pytest.raises(ValidationError):
        actions.reject_hulpvraag(signup, by=room_moderator, reason="  ")


def test_move_hulpvraag_changes_the_agenda_order(session, room_moderator, no_premoderation):
    people = [make_user(email=f"inbrenger{i}@zorg.test") for i in range(3)]
    signups = [
        actions.sign_up(session, by=p, role=SignupRole.INBRENGER, hulpvraag=CLEAN) for p in people
    ]
    assert list(session.signups.agenda()) == signups
    actions.move_hulpvraag(signups[2], by=room_moderator, direction="up")
    assert list(session.signups.agenda()) == [signups[0], signups[2], signups[1]]
    actions.move_hulpvraag(signups[0], by=room_moderator, direction="up")  # already on top
    actions.move_hulpvraag(signups[0], by=room_moderator, direction="down")
    assert list(session.signups.agenda()) == [signups[2], signups[0], signups[1]]
    assert _logged(signups[0], "vraagbaak.zorgoverleg.hulpvraag.move")


# --- moderators: one session --------------------------------------------------------------


def test_cancel_session_tells_participants_after_commit(
    session, professional, room_moderator, django_capture_on_commit_callbacks
):
    actions.sign_up(session, by=professional, role=SignupRole.INBRENGER, hulpvraag=WITH_PHONE)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actions.cancel_session(session, by=room_moderator, reason="De moderator is ziek.")
    assert len(callbacks) == 1
    assert mail.outbox == []
    callbacks[0]()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [professional.email]
    assert "Financiële problemen" in message.subject
    assert "maandag 7 december 2026, 12:00–12:30" in message.body
    # No case text, not even the moderator's reason.
    assert "06-12345678" not in message.body and "ziek" not in message.body
    session.refresh_from_db()
    assert session.is_cancelled and session.changed_by_moderator
    assert session.sequence == 1
    assert _logged(session, "vraagbaak.zorgoverleg.session.cancel")


def test_cancel_session_twice_or_by_a_professional_is_refused(
    session, professional, room_moderator
):
    with pytest.raises(PermissionDenied):
        actions.cancel_session(session, by=professional, reason="Geen zin")
    actions.cancel_session(session, by=room_moderator, reason="Ziek")
    with pytest.raises(actions.ZorgoverlegError):
        actions.cancel_session(session, by=room_moderator, reason="Ziek")


def test_move_session_keeps_its_length_and_bumps_sequence(
    session, professional, room_moderator, django_capture_on_commit_callbacks
):
    actions.sign_up(session, by=professional, role=SignupRole.MEELUISTERAAR)
    new_start = datetime(2026, 12, 14, 12, 30, tzinfo=AMSTERDAM)
    with django_capture_on_commit_callbacks(execute=True):
        actions.move_session(session, by=room_moderator, starts_at=new_start, reason="Studiedag")
    session.refresh_from_db()
    assert session.starts_at == new_start
    assert session.duration == timedelta(minutes=30)
    assert session.sequence == 1 and session.changed_by_moderator
    assert session.moved_reason == "Studiedag"
    assert session.original_date == date(2026, 12, 7)
    assert _logged(session, "vraagbaak.zorgoverleg.session.move")
    assert len(mail.outbox) == 1
    assert "verplaatst" in mail.outbox[0].subject
    assert "maandag 14 december 2026, 12:30–13:00" in mail.outbox[0].body


def test_move_session_into_the_past_is_refused(session, room_moderator):
    with pytest.raises(ValidationError):
        actions.move_session(session, by=room_moderator, starts_at=NOW - timedelta(days=1))
    session.refresh_from_db()
    assert session.sequence == 0
