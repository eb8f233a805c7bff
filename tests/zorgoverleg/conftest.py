"""Zorgoverleg fixtures: a room with a moderator, and its sessions planned by the job.

Time is frozen at NOW (a Wednesday in November 2026) in the tests that use `frozen`;
the default schedule gives the first Mondays: 7 December 2026, 4 January 2027, ...
"""

from datetime import datetime

import pytest
import time_machine

from tests.factories import make_user
from vraagbaak.vragen.models import ModerationSettings
from vraagbaak.zorgoverleg.models import Room
from vraagbaak.zorgoverleg.schedule import AMSTERDAM

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=AMSTERDAM)


@pytest.fixture
def frozen():
    """Freeze time at NOW (time_machine, not ticking); returns the traveller to shift it."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def no_premoderation(db):
    config = ModerationSettings.load()
    config.premoderation = False
    config.save()
    return config


@pytest.fixture
def room_moderator(db):
    """In the Moderatoren group (as the admin requires), moderator of `room`."""
    return make_user(
        email="kamermoderator@zorg.test", display_name="Kim (moderator)", groups=["Moderatoren"]
    )


@pytest.fixture
def room(db, room_moderator):
    room = Room.objects.create(
        name="Financiële problemen",
        slug="financiele-problemen",
        description="Schulden, geldzorgen en regelingen.",
        meeting_url="https://vergaderen.example.org/zorgoverleg-financien",
    )
    room.moderators.add(room_moderator)
    return room


@pytest.fixture
def planned(frozen, room):
    """The room's sessions as the scheduled job creates them at NOW."""
    from vraagbaak.zorgoverleg.actions import plan_sessions

    plan_sessions()
    return list(room.sessions.order_by("starts_at"))


@pytest.fixture
def session(planned):
    """The next session: Monday 7 December 2026, 12:00–12:30."""
    return planned[0]


# Note: logins last 12 hours (SESSION_COOKIE_AGE). Put `frozen` (or a fixture that uses it,
# like `session`) before the client fixtures, or log in after moving the clock.
