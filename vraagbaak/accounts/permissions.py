"""Who may do what with accounts and profiles.

`can_*` return a bool (templates, menus); `check_*` raise PermissionDenied (actions, views).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from vraagbaak.accounts.models import Profile, User

MODERATOR_GROUP = "Moderatoren"
EDITOR_GROUP = "Redacteuren"
PROFESSIONAL_GROUP = "Professionals"


def can_verify_profile(user: User, profile: Profile) -> bool:
    """Moderators approve accounts, but never their own."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.has_perm("accounts.verify_profile")
        and profile.user_id != user.pk
    )


def check_verify_profile(user: User, profile: Profile) -> None:
    """Raise PermissionDenied unless `user` may approve `profile`."""
    if not can_verify_profile(user, profile):
        raise PermissionDenied(_("Alleen een moderator kan een account goedkeuren."))


def can_edit_profile(user: User, profile: Profile) -> bool:
    """Everyone edits only their own profile."""
    return bool(user.is_authenticated and user.is_active and profile.user_id == user.pk)


def check_edit_profile(user: User, profile: Profile) -> None:
    """Raise PermissionDenied unless `profile` is `user`'s own."""
    if not can_edit_profile(user, profile):
        raise PermissionDenied(_("Je kunt alleen je eigen profiel aanpassen."))


def can_delete_account(user: User, account: User) -> bool:
    """An account is deleted only by its owner (AVG)."""
    return bool(user.is_authenticated and user.pk == account.pk)


def check_delete_account(user: User, account: User) -> None:
    """Raise PermissionDenied unless `user` deletes their own account."""
    if not can_delete_account(user, account):
        raise PermissionDenied(_("Je kunt alleen je eigen account verwijderen."))


def can_view_profile(user: User, profile: Profile) -> bool:
    """Verified professionals see colleagues' profiles; everyone sees their own."""
    if not user.is_authenticated:
        return False
    return profile.user_id == user.pk or user.is_verified_professional


def requires_mfa(user: User) -> bool:
    """Moderators, editors, staff and superusers must use a second factor (BRIEF §2.1)."""
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    return user.groups.filter(name__in=[MODERATOR_GROUP, EDITOR_GROUP]).exists()


def has_mfa(user: User) -> bool:
    """Whether `user` has an active second factor (authenticator app or passkey/security key)."""
    if not user.is_authenticated:
        return False
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(
        user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ).exists()
