"""Every write to questions and answers (STYLE.md B2).

Each person-triggered action takes `by=`, calls its own `check_*` first, runs in one
transaction, sets all companion fields together, writes an audit-log entry (never
with case text) and sends notifications only after commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from vraagbaak.core.markdown import render_markdown
from vraagbaak.vragen.models import (
    Antwoord,
    Follow,
    Helpful,
    Vraag,
    VraagStatus,
    ensure_transition,
)
from vraagbaak.vragen.permissions import (
    check_answer_vraag,
    check_ask_vraag,
    check_edit_antwoord,
    check_edit_vraag,
    check_follow_vraag,
    check_mark_helpful,
    check_record_oplossing,
)

if TYPE_CHECKING:
    from vraagbaak.accounts.models import User
    from vraagbaak.taxonomie.models import Fase, Risicofactor, Stadsdeel, Vraagtype


def _set_vraag_relations(
    vraag: Vraag,
    *,
    risicofactoren: Iterable[Risicofactor],
    vraagtypes: Iterable[Vraagtype],
    tags: Iterable[str],
) -> None:
    """Helper for create_vraag/edit_vraag, do not call directly."""
    vraag.risicofactoren.set(list(risicofactoren))
    vraag.vraagtypes.set(list(vraagtypes))
    vraag.tags.set(list(tags))


@transaction.atomic
def create_vraag(
    *,
    by: User,
    title: str,
    body: str,
    risicofactoren: Iterable[Risicofactor],
    fase: Fase | None = None,
    stadsdeel: Stadsdeel | None = None,
    vraagtypes: Iterable[Vraagtype] = (),
    tags: Iterable[str] = (),
) -> Vraag:
    """Ask a question. It is published at once (status open) and the asker follows it.

    Pre-moderation (status in_review) comes with the moderation issue.
    """
    check_ask_vraag(by)
    now = timezone.now()
    vraag = Vraag.objects.create(
        author=by,
        title=title,
        body=body,
        body_html=render_markdown(body),
        fase=fase,
        stadsdeel=stadsdeel,
        status=VraagStatus.OPEN,
        published_at=now,
        last_activity_at=now,
    )
    _set_vraag_relations(vraag, risicofactoren=risicofactoren, vraagtypes=vraagtypes, tags=tags)
    Follow.objects.get_or_create(vraag=vraag, user=by)
    log(instance=vraag, action="vraagbaak.vraag.create", user=by)
    return vraag


@transaction.atomic
def edit_vraag(
    vraag: Vraag,
    *,
    by: User,
    title: str,
    body: str,
    risicofactoren: Iterable[Risicofactor],
    fase: Fase | None = None,
    stadsdeel: Stadsdeel | None = None,
    vraagtypes: Iterable[Vraagtype] = (),
    tags: Iterable[str] = (),
) -> Vraag:
    """Change a question's text and classification. Its activity time stays as it was."""
    check_edit_vraag(by, vraag)
    vraag.title, vraag.body, vraag.body_html = title, body, render_markdown(body)
    vraag.fase, vraag.stadsdeel = fase, stadsdeel
    vraag.save(update_fields=["title", "body", "body_html", "fase", "stadsdeel", "updated_at"])
    _set_vraag_relations(vraag, risicofactoren=risicofactoren, vraagtypes=vraagtypes, tags=tags)
    log(instance=vraag, action="vraagbaak.vraag.edit", user=by)
    return vraag


@transaction.atomic
def create_antwoord(vraag: Vraag, *, by: User, body: str) -> Antwoord:
    """Answer an open question. The asker and followers get an e-mail after commit."""
    # Lock the row: a moderator may be closing this question right now.
    vraag.status = (
        Vraag.objects.select_for_update().values_list("status", flat=True).get(pk=vraag.pk)
    )
    check_answer_vraag(by, vraag)
    now = timezone.now()
    antwoord = Antwoord.objects.create(
        vraag=vraag, author=by, body=body, body_html=render_markdown(body)
    )
    vraag.last_activity_at = now
    vraag.save(update_fields=["last_activity_at", "updated_at"])
    log(instance=antwoord, action="vraagbaak.antwoord.create", user=by)

    from vraagbaak.vragen.tasks import notify_new_antwoord

    transaction.on_commit(partial(notify_new_antwoord.enqueue, antwoord_id=antwoord.pk))
    return antwoord


@transaction.atomic
def edit_antwoord(antwoord: Antwoord, *, by: User, body: str) -> Antwoord:
    """Change the text of an answer."""
    check_edit_antwoord(by, antwoord)
    antwoord.body, antwoord.body_html = body, render_markdown(body)
    antwoord.save(update_fields=["body", "body_html", "updated_at"])
    log(instance=antwoord, action="vraagbaak.antwoord.edit", user=by)
    return antwoord


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


@transaction.atomic
def record_oplossing(vraag: Vraag, *, by: User, oplossing: str) -> Vraag:
    """Record the solution of an open question and mark it solved (asker or moderator).

    Raises InvalidTransition when the question is not open.
    """
    check_record_oplossing(by, vraag)
    vraag.status = (
        Vraag.objects.select_for_update().values_list("status", flat=True).get(pk=vraag.pk)
    )
    ensure_transition(vraag, VraagStatus.SOLVED)
    now = timezone.now()
    vraag.status = VraagStatus.SOLVED
    vraag.oplossing, vraag.oplossing_html = oplossing, render_markdown(oplossing)
    vraag.solved_at = vraag.last_activity_at = now
    vraag.save(
        update_fields=[
            "status",
            "oplossing",
            "oplossing_html",
            "solved_at",
            "last_activity_at",
            "updated_at",
        ]
    )
    log(instance=vraag, action="vraagbaak.vraag.solve", user=by)
    return vraag
