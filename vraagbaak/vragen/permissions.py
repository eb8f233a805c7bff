"""Who may do what with questions and answers.

`can_<verb>_<noun>(user, obj) -> bool` for templates and views; `check_<verb>_<noun>`
raises `PermissionDenied` and is called first by every action (STYLE.md B1, B2).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from vraagbaak.vragen.models import PUBLISHED_STATUSES, VraagStatus

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
    """The asker edits their own question unless it was rejected; moderators edit any."""
    if not _is_verified(user):
        return False
    if is_moderator(user):
        return True
    return _is_author(user, vraag) and vraag.status != VraagStatus.REJECTED


def check_edit_vraag(user: User, vraag: Vraag) -> None:
    if not can_edit_vraag(user, vraag):
        raise PermissionDenied(_("Je kunt alleen je eigen vragen aanpassen."))


def can_answer_vraag(user: User, vraag: Vraag) -> bool:
    """Verified professionals answer open questions only."""
    return _is_verified(user) and vraag.is_open


def check_answer_vraag(user: User, vraag: Vraag) -> None:
    if not _is_verified(user):
        raise PermissionDenied(_("Alleen geverifieerde professionals kunnen antwoorden."))
    if not vraag.is_open:
        raise PermissionDenied(_("Op deze vraag kun je niet meer antwoorden."))


def can_edit_antwoord(user: User, antwoord: Antwoord) -> bool:
    """The author edits their own visible answer; moderators edit any."""
    if not _is_verified(user):
        return False
    if is_moderator(user):
        return True
    return _is_author(user, antwoord) and not antwoord.is_hidden


def check_edit_antwoord(user: User, antwoord: Antwoord) -> None:
    if not can_edit_antwoord(user, antwoord):
        raise PermissionDenied(_("Je kunt alleen je eigen antwoorden aanpassen."))


def can_mark_helpful(user: User, antwoord: Antwoord) -> bool:
    """Anyone verified but the answer's own author may say *dit hielp* on a visible answer."""
    return _is_verified(user) and not _is_author(user, antwoord) and not antwoord.is_hidden


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
