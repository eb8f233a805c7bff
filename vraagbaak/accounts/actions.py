"""Writes on accounts and profiles (STYLE.md B2).

Person-triggered actions take `by=`, check permission first, write an audit-log entry
without personal data and send e-mail only after commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from vraagbaak.accounts.models import AllowedDomain, Profile, User
from vraagbaak.accounts.permissions import (
    PROFESSIONAL_GROUP,
    check_delete_account,
    check_edit_profile,
    check_verify_profile,
)

if TYPE_CHECKING:
    from vraagbaak.taxonomie.models import Discipline, Risicofactor, Stadsdeel

# Fields a person may change on their own profile (everything else is about trust).
EDITABLE_PROFILE_FIELDS = (
    "display_name",
    "discipline",
    "organisation",
    "languages",
    "stadsdelen",
    "expertise",
)

# Default for `update_profile(discipline=...)`: leave the discipline as it is.
UNCHANGED: Any = object()


def ensure_profile(user: User) -> Profile:
    """Return the user's profile, creating an unverified one if missing."""
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


def _mark_verified(profile: Profile, *, via: str, by: User | None) -> None:
    """Helper for the verify_* actions: set the companion fields together."""
    profile.verification = Profile.Verification.VERIFIED
    profile.verified_via = via
    profile.verified_at = timezone.now()
    profile.verified_by = by
    profile.save(update_fields=["verification", "verified_via", "verified_at", "verified_by"])
    group = Group.objects.filter(name=PROFESSIONAL_GROUP).first()
    if group is not None:
        profile.user.groups.add(group)


@transaction.atomic
def verify_by_domain(user: User, email: str | None = None) -> bool:
    """Verify `user` if their confirmed e-mail domain is on the allowlist.

    `email` is the address just confirmed (default: the account's e-mail). Informal
    partners are never verified by domain. Returns whether it verified.
    """
    profile = ensure_profile(user)
    if profile.is_verified or profile.is_informal_partner:
        return False
    domain = (email or user.email).rsplit("@", 1)[-1].lower()
    if not AllowedDomain.objects.filter(domain=domain).exists():
        return False
    _mark_verified(profile, via=Profile.VerifiedVia.DOMAIN, by=None)
    log(instance=profile, action="vraagbaak.profile.verify", user=None, data={"via": "domain"})
    return True


@transaction.atomic
def verify_profile(profile: Profile, *, by: User) -> Profile:
    """A moderator approves an account: it becomes a verified professional.

    Idempotent: an account that is already verified stays as it is (no second e-mail).
    Logs `vraagbaak.profile.verify` and e-mails the account holder after commit.
    """
    check_verify_profile(by, profile)
    locked = Profile.objects.select_for_update().select_related("user").get(pk=profile.pk)
    if locked.is_verified:
        return locked
    _mark_verified(locked, via=Profile.VerifiedVia.MODERATOR, by=by)
    log(instance=locked, action="vraagbaak.profile.verify", user=by, data={"via": "moderator"})
    from vraagbaak.accounts.tasks import notify_profile_verified

    transaction.on_commit(partial(notify_profile_verified.enqueue, profile_id=locked.pk))
    return locked


@transaction.atomic
def update_profile(
    profile: Profile,
    *,
    by: User,
    display_name: str | None = None,
    discipline: Discipline | None = UNCHANGED,
    organisation: str | None = None,
    languages: str | None = None,
    stadsdelen: Iterable[Stadsdeel] | None = None,
    expertise: Iterable[Risicofactor] | None = None,
) -> Profile:
    """Change one's own profile. Only the fields passed are changed (`discipline=None` clears it).

    Logs `vraagbaak.profile.update` with the names of the changed fields, not their values.
    """
    check_edit_profile(by, profile)
    changed: list[str] = []
    for name, value in (
        ("display_name", display_name),
        ("organisation", organisation),
        ("languages", languages),
    ):
        if value is not None and getattr(profile, name) != value.strip():
            setattr(profile, name, value.strip())
            changed.append(name)
    if discipline is not UNCHANGED and profile.discipline != discipline:
        profile.discipline = discipline
        changed.append("discipline")
    if changed:
        profile.save(update_fields=changed)
    for name, values in (("stadsdelen", stadsdelen), ("expertise", expertise)):
        if values is None:
            continue
        new_ids = {obj.pk for obj in values}
        manager = getattr(profile, name)
        if set(manager.values_list("pk", flat=True)) != new_ids:
            manager.set(list(values))
            changed.append(name)
    if changed:
        log(
            instance=profile,
            action="vraagbaak.profile.update",
            user=by,
            data={"fields": sorted(changed)},
        )
    return profile


def export_user_data(user: User) -> dict[str, Any]:
    """Everything the Vraagbaak keeps about `user` and what they wrote (AVG, a read).

    Contains only the account's own data: their account, profile, questions, answers,
    follows and *dit hielp* marks; no other person's text or e-mail.
    """
    from allauth.account.models import EmailAddress

    from vraagbaak.vragen.models import Antwoord, Follow, Helpful, Vraag

    profile = ensure_profile(user)

    def iso(value):
        return value.isoformat() if value else None

    return {
        "account": {
            "email": user.email,
            "date_joined": iso(user.date_joined),
            "last_login": iso(user.last_login),
            "email_addresses": [
                {"email": a.email, "verified": a.verified, "primary": a.primary}
                for a in EmailAddress.objects.filter(user=user).order_by("pk")
            ],
            "groups": sorted(user.groups.values_list("name", flat=True)),
        },
        "profile": {
            "display_name": profile.display_name,
            "discipline": profile.discipline.name if profile.discipline else None,
            "organisation": profile.organisation,
            "stadsdelen": [s.name for s in profile.stadsdelen.all()],
            "expertise": [r.name for r in profile.expertise.all()],
            "languages": profile.languages,
            "verification": profile.verification,
            "verified_via": profile.verified_via,
            "verified_at": iso(profile.verified_at),
            "created_at": iso(profile.created_at),
        },
        "vragen": [
            {
                "id": v.pk,
                "title": v.title,
                "body": v.body,
                "status": v.status,
                "oplossing": v.oplossing,
                "risicofactoren": [r.name for r in v.risicofactoren.all()],
                "created_at": iso(v.created_at),
            }
            for v in Vraag.objects.filter(author=user)
            .prefetch_related("risicofactoren")
            .order_by("pk")
        ],
        "antwoorden": [
            {"id": a.pk, "vraag_id": a.vraag_id, "body": a.body, "created_at": iso(a.created_at)}
            for a in Antwoord.objects.filter(author=user).order_by("pk")
        ],
        "volgt_vragen": list(
            Follow.objects.filter(user=user).order_by("vraag_id").values_list("vraag_id", flat=True)
        ),
        "dit_hielp": list(
            Helpful.objects.filter(user=user)
            .order_by("antwoord_id")
            .values_list("antwoord_id", flat=True)
        ),
    }


@transaction.atomic
def delete_account(user: User, *, by: User) -> None:
    """Delete an account and its profile (AVG). Only the owner may do this.

    Questions and answers stay; their author becomes empty and is shown as
    "verwijderd account". The audit-log entry holds counts, no personal data.
    """
    check_delete_account(by, user)
    from vraagbaak.vragen.models import Antwoord, Vraag

    profile = ensure_profile(user)
    log(
        instance=profile,
        action="vraagbaak.account.delete",
        user=None,
        title="Verwijderd account",
        data={
            "vragen_kept": Vraag.objects.filter(author=user).count(),
            "antwoorden_kept": Antwoord.objects.filter(author=user).count(),
        },
    )
    user.delete()
