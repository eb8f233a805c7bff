"""Who may do what in the zorgoverleg (STYLE.md B1, B2).

`can_<verb>_<noun>(user, obj) -> bool` for templates and views; `check_<verb>_<noun>` raises
`PermissionDenied` and is called first by every action. Room moderators are the room's own
moderators plus everyone with the site-wide moderation permission (`vragen.moderate_vraag`).
`check_*` checks the role; the actions re-check the state (cancelled, past) on the locked row.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from vraagbaak.vragen.permissions import is_moderator

if TYPE_CHECKING:
    from vraagbaak.accounts.models import User
    from vraagbaak.zorgoverleg.models import Room, Session, Signup


def _is_verified(user: User) -> bool:
    return bool(user and user.is_authenticated and user.is_verified_professional)


def is_room_moderator(user: User, room: Room) -> bool:
    """A verified account that moderates this room, or moderates the whole site."""
    if not _is_verified(user):
        return False
    if is_moderator(user):
        return True
    return room.moderators.filter(pk=user.pk).exists()


def can_take_part(user: User) -> bool:
    """Verified professionals take part in the zorgoverleg."""
    return _is_verified(user)


def can_sign_up(user: User, session: Session, now: datetime | None = None) -> bool:
    """A verified professional signs up for a planned session that has not started yet."""
    return (
        _is_verified(user)
        and not session.is_cancelled
        and not session.has_started(now or timezone.now())
    )


def check_sign_up(user: User, session: Session) -> None:
    if not _is_verified(user):
        raise PermissionDenied(
            _("Alleen geverifieerde professionals kunnen zich aanmelden voor het zorgoverleg.")
        )


def can_cancel_signup(user: User, signup: Signup, now: datetime | None = None) -> bool:
    """The professional cancels their own active sign-up until the session ends."""
    return (
        _is_verified(user)
        and signup.user_id == user.pk
        and signup.is_active
        and not signup.session.has_ended(now or timezone.now())
    )


def check_cancel_signup(user: User, signup: Signup) -> None:
    if not _is_verified(user) or signup.user_id != user.pk:
        raise PermissionDenied(_("Je kunt alleen je eigen aanmelding afmelden."))


def can_see_agenda(user: User, session: Session) -> bool:
    """The room's moderators see the agenda (the hulpvragen) and who comes."""
    return is_room_moderator(user, session.room)


def check_see_agenda(user: User, session: Session) -> None:
    if not can_see_agenda(user, session):
        raise PermissionDenied(_("Alleen de moderatoren van deze kamer zien de agenda."))


def can_review_hulpvraag(user: User, signup: Signup) -> bool:
    """The room's moderators approve, reject and order the hulpvragen."""
    return is_room_moderator(user, signup.session.room)


def check_review_hulpvraag(user: User, signup: Signup) -> None:
    if not can_review_hulpvraag(user, signup):
        raise PermissionDenied(
            _("Alleen de moderatoren van deze kamer kunnen hulpvragen beoordelen.")
        )


def can_change_session(user: User, session: Session) -> bool:
    """The room's moderators cancel or move one session."""
    return is_room_moderator(user, session.room)


def check_change_session(user: User, session: Session) -> None:
    if not can_change_session(user, session):
        raise PermissionDenied(
            _(
                "Alleen de moderatoren van deze kamer kunnen een bijeenkomst afzeggen "
                "of verplaatsen."
            )
        )
