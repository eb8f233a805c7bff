"""Writes on accounts and profiles."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from vraagbaak.accounts.models import AllowedDomain, Profile, User


def ensure_profile(user: User) -> Profile:
    """Return the user's profile, creating an unverified one if missing."""
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def verify_by_domain(user: User) -> bool:
    """Verify `user` if their confirmed e-mail domain is on the allowlist.

    Informal partners are never verified by domain. Returns whether it verified.
    """
    profile = ensure_profile(user)
    if profile.is_verified or profile.is_informal_partner:
        return False
    domain = user.email.rsplit("@", 1)[-1].lower()
    if not AllowedDomain.objects.filter(domain=domain).exists():
        return False
    profile.verification = Profile.Verification.VERIFIED
    profile.verified_via = Profile.VerifiedVia.DOMAIN
    profile.verified_at = timezone.now()
    profile.save(update_fields=["verification", "verified_via", "verified_at"])
    return True
