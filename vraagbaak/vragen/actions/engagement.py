"""*Dit hielp* and following a question."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from vraagbaak.vragen.models import (
    Antwoord,
    Follow,
    Helpful,
    Vraag,
)
from vraagbaak.vragen.permissions import (
    check_follow_vraag,
    check_mark_helpful,
)

if TYPE_CHECKING:
    from vraagbaak.accounts.models import User


@transaction.atomic
def mark_helpful(antwoord: Antwoord, *, by: User) -> Helpful:
    """Say *dit hielp* on someone else's answer. Marking twice changes nothing."""
    check_mark_helpful(by, antwoord)
    helpful, _created = Helpful.objects.get_or_create(antwoord=antwoord, user=by)
    return helpful


@transaction.atomic
def unmark_helpful(antwoord: Antwoord, *, by: User) -> None:
    """Take back one's own *dit hielp*. Without a mark this changes nothing."""
    check_mark_helpful(by, antwoord)
    Helpful.objects.filter(antwoord=antwoord, user=by).delete()


@transaction.atomic
def follow_vraag(vraag: Vraag, *, by: User) -> Follow:
    """Follow a question: hear of new answers by e-mail. Following twice changes nothing."""
    check_follow_vraag(by, vraag)
    follow, _created = Follow.objects.get_or_create(vraag=vraag, user=by)
    return follow


@transaction.atomic
def unfollow_vraag(vraag: Vraag, *, by: User) -> None:
    """Stop following a question. Without a follow this changes nothing."""
    Follow.objects.filter(vraag=vraag, user=by).delete()
