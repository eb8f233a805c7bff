"""Who may report content, handle meldingen and ask for a solution.

`can_<verb>_<noun>(user, obj) -> bool` for templates and views; `check_<verb>_<noun>`
raises `PermissionDenied` with a Dutch message and is called first by every action.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from vraagbaak.vragen.models import Vraag
from vraagbaak.vragen.permissions import is_moderator

if TYPE_CHECKING:
    from vraagbaak.accounts.models import User
    from vraagbaak.vragen.models import Antwoord


def _is_verified(user: User | None) -> bool:
    return bool(user and user.is_authenticated and user.is_verified_professional)


def _is_own(user: User, target: Vraag | Antwoord) -> bool:
    return target.author_id is not None and target.author_id == user.pk


def _is_reportable(target: Vraag | Antwoord) -> bool:
    """Published content only: a question in the queue or a hidden answer is already
    with the moderators, so a melding adds nothing."""
    if isinstance(target, Vraag):
        return target.is_published
    return target.vraag.is_published and not target.is_hidden and not target.is_held


def can_report_content(user: User, target: Vraag | Antwoord) -> bool:
    """Verified professionals report published questions and answers of others."""
    return _is_verified(user) and not _is_own(user, target) and _is_reportable(target)


def check_report_content(user: User, target: Vraag | Antwoord) -> None:
    if not _is_verified(user):
        raise PermissionDenied(_("Alleen geverifieerde professionals kunnen iets melden."))
    if _is_own(user, target):
        raise PermissionDenied(
            _(
                "Je kunt je eigen bijdrage niet melden. "
                "Wil je iets veranderen? Pas je bijdrage dan zelf aan."
            )
        )
    if not _is_reportable(target):
        raise PermissionDenied(_("Een moderator bekijkt deze bijdrage al."))


def can_dismiss_meldingen(user: User) -> bool:
    """Moderators handle meldingen."""
    return is_moderator(user)


def check_dismiss_meldingen(user: User) -> None:
    if not can_dismiss_meldingen(user):
        raise PermissionDenied(_("Alleen moderatoren kunnen meldingen afhandelen."))


def can_request_oplossing(user: User, vraag: Vraag) -> bool:
    """Moderators ask the asker of an open question for the solution."""
    return is_moderator(user) and vraag.is_open and vraag.author_id is not None


def check_request_oplossing(user: User, vraag: Vraag) -> None:
    if not is_moderator(user):
        raise PermissionDenied(_("Alleen moderatoren kunnen om de oplossing vragen."))
    if not vraag.is_open or vraag.author_id is None:
        raise PermissionDenied(
            _("Bij deze vraag kun je niet om de oplossing vragen: hij is niet open.")
        )
