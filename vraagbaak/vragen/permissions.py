"""Who may do what with questions and answers.

`can_<verb>_<noun>(user, obj) -> bool` for templates and views; `check_<verb>_<noun>`
raises `PermissionDenied` and is called first by every action (STYLE.md B1, B2).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from vraagbaak.vragen.models import ALLOWED_TRANSITIONS, PUBLISHED_STATUSES, VraagStatus

if TYPE_CHECKING:
    from vraagbaak.accounts.models import User
    from vraagbaak.vragen.models import Antwoord, Vraag


def _is_verified(user: User) -> bool:
    return bool(user and user.is_authenticated and user.is_verified_professional)


def is_moderator(user: User) -> bool:
    """A verified account with the moderation permission."""
    return _is_verified(user) and user.has_perm("vragen.moderate_vraag")


def _is_author(user: User, obj: Vraag | Antwoord) -> bool:
    return obj.author_id is not None and obj.author_id == user.pk


def can_ask_vraag(user: User) -> bool:
    """Verified professionals may ask questions."""
    return _is_verified(user)


def check_ask_vraag(user: User) -> None:
    if not can_ask_vraag(user):
        raise PermissionDenied(_("Alleen geverifieerde professionals kunnen een vraag stellen."))


def can_edit_vraag(user: User, vraag: Vraag) -> bool:
    """The asker edits their own question while it waits or is open; solved, closed and
    rejected threads are read-only. Moderators edit any question."""
    if not _is_verified(user):
        return False
    if is_moderator(user):
        return True
    return _is_author(user, vraag) and not vraag.is_read_only


def check_edit_vraag(user: User, vraag: Vraag) -> None:
    if not _is_verified(user) or not (_is_author(user, vraag) or is_moderator(user)):
        raise PermissionDenied(_("Je kunt alleen je eigen vragen aanpassen."))
    if not can_edit_vraag(user, vraag):
        raise PermissionDenied(_("Deze vraag is gesloten. Je kunt hem niet meer aanpassen."))


def can_answer_vraag(user: User, vraag: Vraag) -> bool:
    """Verified professionals answer open questions only."""
    return _is_verified(user) and vraag.is_open


def check_answer_vraag(user: User, vraag: Vraag) -> None:
    if not _is_verified(user):
        raise PermissionDenied(_("Alleen geverifieerde professionals kunnen antwoorden."))
    if not vraag.is_open:
        raise PermissionDenied(_("Op deze vraag kun je niet meer antwoorden."))


def can_edit_antwoord(user: User, antwoord: Antwoord) -> bool:
    """The author edits their own visible answer while the question is open; moderators
    edit any answer, also in read-only threads."""
    if not _is_verified(user):
        return False
    if is_moderator(user):
        return True
    return _is_author(user, antwoord) and not antwoord.is_hidden and antwoord.vraag.is_open


def check_edit_antwoord(user: User, antwoord: Antwoord) -> None:
    if not _is_verified(user) or not (_is_author(user, antwoord) or is_moderator(user)):
        raise PermissionDenied(_("Je kunt alleen je eigen antwoorden aanpassen."))
    if not can_edit_antwoord(user, antwoord):
        raise PermissionDenied(_("Dit antwoord kun je niet meer aanpassen."))


def can_mark_helpful(user: User, antwoord: Antwoord) -> bool:
    """Anyone verified but the answer's own author may say *dit hielp* on a published answer."""
    return _is_verified(user) and not _is_author(user, antwoord) and antwoord.is_published


def check_mark_helpful(user: User, antwoord: Antwoord) -> None:
    if not can_mark_helpful(user, antwoord):
        raise PermissionDenied(_("Je kunt ‘dit hielp’ niet geven bij je eigen antwoord."))


def can_follow_vraag(user: User, vraag: Vraag) -> bool:
    """Verified professionals follow published questions (and their own)."""
    if not _is_verified(user):
        return False
    return vraag.status in PUBLISHED_STATUSES or _is_author(user, vraag)


def check_follow_vraag(user: User, vraag: Vraag) -> None:
    if not can_follow_vraag(user, vraag):
        raise PermissionDenied(_("Je kunt deze vraag niet volgen."))


def can_record_oplossing(user: User, vraag: Vraag) -> bool:
    """The asker or a moderator records the solution of an open question."""
    if not _is_verified(user) or not vraag.is_open:
        return False
    return _is_author(user, vraag) or is_moderator(user)


def check_record_oplossing(user: User, vraag: Vraag) -> None:
    if not _is_verified(user) or not (_is_author(user, vraag) or is_moderator(user)):
        raise PermissionDenied(
            _("Alleen de vraagsteller of een moderator kan de oplossing vastleggen.")
        )


# --- Moderator actions (issue 3). Moderators only: `vragen.moderate_vraag`.
# `can_*` also looks at the current state, for buttons and menus. `check_*` checks the role
# only: the action re-checks the state on the locked row and raises InvalidTransition.


def _check_moderator(user: User) -> None:
    if not is_moderator(user):
        raise PermissionDenied(_("Alleen moderatoren kunnen dit doen."))


def can_moderate(user: User) -> bool:
    """Moderators see the queues and all moderation actions."""
    return is_moderator(user)


def can_approve_vraag(user: User, vraag: Vraag) -> bool:
    """A moderator approves a question that waits for review."""
    return is_moderator(user) and vraag.status == VraagStatus.IN_REVIEW


def check_approve_vraag(user: User, vraag: Vraag) -> None:
    _check_moderator(user)


def can_reject_vraag(user: User, vraag: Vraag) -> bool:
    """A moderator rejects a question that waits for review."""
    return is_moderator(user) and vraag.status == VraagStatus.IN_REVIEW


def check_reject_vraag(user: User, vraag: Vraag) -> None:
    _check_moderator(user)


def can_redact_vraag(user: User, vraag: Vraag) -> bool:
    """A moderator rewrites the text of any question (to remove what identifies a family)."""
    return is_moderator(user)


def check_redact_vraag(user: User, vraag: Vraag) -> None:
    _check_moderator(user)


def can_close_vraag(user: User, vraag: Vraag) -> bool:
    """A moderator closes a waiting or open question (dubbel, niet geschikt, verlopen)."""
    return is_moderator(user) and VraagStatus.CLOSED in ALLOWED_TRANSITIONS[vraag.status]


def check_close_vraag(user: User, vraag: Vraag) -> None:
    _check_moderator(user)


def can_reopen_vraag(user: User, vraag: Vraag) -> bool:
    """A moderator reopens a solved or closed question."""
    return is_moderator(user) and vraag.status in (VraagStatus.SOLVED, VraagStatus.CLOSED)


def check_reopen_vraag(user: User, vraag: Vraag) -> None:
    _check_moderator(user)


def can_approve_antwoord(user: User, antwoord: Antwoord) -> bool:
    """A moderator publishes an answer that is held."""
    return is_moderator(user) and antwoord.is_held


def check_approve_antwoord(user: User, antwoord: Antwoord) -> None:
    _check_moderator(user)


def can_redact_antwoord(user: User, antwoord: Antwoord) -> bool:
    """A moderator rewrites the text of any answer."""
    return is_moderator(user)


def check_redact_antwoord(user: User, antwoord: Antwoord) -> None:
    _check_moderator(user)


def can_hide_antwoord(user: User, antwoord: Antwoord) -> bool:
    """A moderator hides a visible answer."""
    return is_moderator(user) and not antwoord.is_hidden


def check_hide_antwoord(user: User, antwoord: Antwoord) -> None:
    _check_moderator(user)


def can_restore_antwoord(user: User, antwoord: Antwoord) -> bool:
    """A moderator shows a hidden answer again."""
    return is_moderator(user) and antwoord.is_hidden


def check_restore_antwoord(user: User, antwoord: Antwoord) -> None:
    _check_moderator(user)
