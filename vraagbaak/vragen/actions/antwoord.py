"""Actions on answers: answering, editing and the moderator transitions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from vraagbaak.core.markdown import render_markdown
from vraagbaak.vragen import tasks
from vraagbaak.vragen.models import (
    Antwoord,
    InvalidTransition,
    Vraag,
)
from vraagbaak.vragen.permissions import (
    can_approve_antwoord,
    can_hide_antwoord,
    can_redact_antwoord,
    can_restore_antwoord,
    check_answer_vraag,
    check_approve_antwoord,
    check_edit_antwoord,
    check_hide_antwoord,
    check_redact_antwoord,
    check_restore_antwoord,
)

if TYPE_CHECKING:
    from vraagbaak.accounts.models import User

from vraagbaak.vragen.actions._common import (
    _answer_arrived,
    _antwoord_findings,
    _lock,
    _new_findings,
    _on_commit,
    _publish_antwoord,
    _schedule_deep_check,
)


@transaction.atomic
def create_antwoord(vraag: Vraag, *, by: User, body: str) -> Antwoord:
    """Answer an open question.

    Without findings the answer is published at once and the asker and followers get an
    e-mail after commit. With findings it is held (visible to its author and moderators
    only) and nobody is told until a moderator approves it.
    """
    check_answer_vraag(by, vraag)
    _lock(vraag)  # a moderator may be closing this question right now
    check_answer_vraag(by, vraag)
    findings = _antwoord_findings(body)
    now = timezone.now()
    antwoord = Antwoord.objects.create(
        vraag=vraag,
        author=by,
        body=body,
        body_html=render_markdown(body),
        anonymity_findings=findings,
        is_held=bool(findings),
        published_at=None if findings else now,
    )
    if not findings:
        _answer_arrived(antwoord, now)
    log(instance=antwoord, action="vraagbaak.antwoord.create", user=by)
    _schedule_deep_check(antwoord_id=antwoord.pk)
    return antwoord


@transaction.atomic
def edit_antwoord(antwoord: Antwoord, *, by: User, body: str) -> Antwoord:
    """Change the text of an answer. The text is checked again: with findings the answer
    is held for a moderator (hidden from others) until approved. A held answer stays held
    after a clean edit; a moderator publishes it. No earlier text is kept."""
    check_edit_antwoord(by, antwoord)
    _lock(antwoord)
    check_edit_antwoord(by, antwoord)
    findings = _antwoord_findings(body)
    antwoord.body, antwoord.body_html = body, render_markdown(body)
    antwoord.anonymity_findings = findings
    fields = ["body", "body_html", "anonymity_findings"]
    if findings and not antwoord.is_held:
        antwoord.is_held = True
        fields.append("is_held")
    antwoord.save(update_fields=[*fields, "updated_at"])
    log(instance=antwoord, action="vraagbaak.antwoord.edit", user=by)
    _schedule_deep_check(antwoord_id=antwoord.pk)
    return antwoord


@transaction.atomic
def approve_antwoord(antwoord: Antwoord, *, by: User) -> Antwoord:
    """Publish a held answer. Moderators only.

    The first publication notifies asker and followers after commit (as a new answer) and
    may set the question's first_answer_at. Raises InvalidTransition when it is not held.
    """
    check_approve_antwoord(by, antwoord)
    _lock(antwoord.vraag)
    _lock(antwoord)
    if not antwoord.is_held:
        raise InvalidTransition(_("Dit antwoord wacht niet op een moderator."))
    now = timezone.now()
    antwoord.reviewed_by, antwoord.reviewed_at = by, now
    fields = ["reviewed_by", "reviewed_at", *_publish_antwoord(antwoord, now)]
    antwoord.save(update_fields=[*fields, "updated_at"])
    log(instance=antwoord, action="vraagbaak.antwoord.approve", user=by)
    return antwoord


@transaction.atomic
def redact_antwoord(antwoord: Antwoord, *, by: User, body: str, note: str) -> Antwoord:
    """A moderator rewrites an answer; the removed text is kept nowhere (see redact_vraag).

    Clears the findings, stores `note` as moderation_note and publishes a held answer
    (a first publication notifies as a new answer). The author gets an e-mail with a link.
    """
    check_redact_antwoord(by, antwoord)
    if not body.strip():
        raise ValidationError({"body": _("Het antwoord mag niet leeg zijn.")})
    _lock(antwoord.vraag)
    _lock(antwoord)
    changed = ["body"] if antwoord.body != body else []
    now = timezone.now()
    antwoord.body, antwoord.body_html = body, render_markdown(body)
    antwoord.anonymity_findings, antwoord.moderation_note = [], note
    antwoord.reviewed_by, antwoord.reviewed_at = by, now
    fields = ["body", "body_html", "anonymity_findings", "moderation_note"]
    fields += ["reviewed_by", "reviewed_at"]
    if antwoord.is_held:
        fields += _publish_antwoord(antwoord, now)
    antwoord.save(update_fields=[*fields, "updated_at"])
    log(instance=antwoord, action="vraagbaak.antwoord.redact", user=by, data={"fields": changed})
    _on_commit(tasks.notify_antwoord_redacted, antwoord_id=antwoord.pk)
    return antwoord


@transaction.atomic
def hide_antwoord(antwoord: Antwoord, *, by: User, reason: str) -> Antwoord:
    """Hide an answer from everyone but moderators. `reason` is for moderators only.
    Raises InvalidTransition when it is hidden already."""
    check_hide_antwoord(by, antwoord)
    _lock(antwoord)
    if antwoord.is_hidden:
        raise InvalidTransition(_("Dit antwoord is al verborgen."))
    antwoord.is_hidden, antwoord.hide_reason = True, reason
    antwoord.hidden_by, antwoord.hidden_at = by, timezone.now()
    antwoord.save(
        update_fields=["is_hidden", "hide_reason", "hidden_by", "hidden_at", "updated_at"]
    )
    log(instance=antwoord, action="vraagbaak.antwoord.hide", user=by)
    return antwoord


@transaction.atomic
def restore_antwoord(antwoord: Antwoord, *, by: User) -> Antwoord:
    """Show a hidden answer again. Raises InvalidTransition when it is not hidden."""
    check_restore_antwoord(by, antwoord)
    _lock(antwoord)
    if not antwoord.is_hidden:
        raise InvalidTransition(_("Dit antwoord is niet verborgen."))
    antwoord.is_hidden, antwoord.hide_reason = False, ""
    antwoord.hidden_by, antwoord.hidden_at = None, None
    antwoord.save(
        update_fields=["is_hidden", "hide_reason", "hidden_by", "hidden_at", "updated_at"]
    )
    log(instance=antwoord, action="vraagbaak.antwoord.restore", user=by)
    return antwoord


def recheck_antwoord_anonymity(antwoord: Antwoord) -> Antwoord:
    """SYSTEM action (task worker): check a saved answer again, with deduce.

    Findings the fast check missed are added; a published answer with new findings is
    held for a moderator. Nobody is notified.
    """
    with transaction.atomic():
        _lock(antwoord)
        found = _antwoord_findings(antwoord.body, use_deduce=True)
        new = _new_findings(found, antwoord.anonymity_findings)
        if not new:
            return antwoord
        findings = [*antwoord.anonymity_findings, *new]
        if not antwoord.is_held:
            return hold_antwoord_for_review(antwoord, findings=findings)
        antwoord.anonymity_findings = findings
        antwoord.save(update_fields=["anonymity_findings", "updated_at"])
    return antwoord


def hold_antwoord_for_review(antwoord: Antwoord, *, findings: list[dict] | None = None) -> Antwoord:
    """SYSTEM action (meldingen): hold an answer for a moderator; others no longer see it.
    Nobody is notified. An answer that is held already is left as it is. `findings` (a
    re-check, e.g. `anonimiteitscheck --alle`) replace the stored ones."""
    with transaction.atomic():
        _lock(antwoord)
        if antwoord.is_held:
            return antwoord
        antwoord.is_held = True
        fields = ["is_held", "updated_at"]
        if findings is not None:
            antwoord.anonymity_findings = findings
            fields.append("anonymity_findings")
        antwoord.save(update_fields=fields)
        log(instance=antwoord, action="vraagbaak.antwoord.hold")
    return antwoord


def available_antwoord_moderation_actions(user: User, antwoord: Antwoord) -> list[str]:
    """What `user` may do with `antwoord` now: "approve", "redact", "hide", "restore"."""
    checks = [
        ("approve", can_approve_antwoord),
        ("redact", can_redact_antwoord),
        ("hide", can_hide_antwoord),
        ("restore", can_restore_antwoord),
    ]
    return [name for name, can in checks if can(user, antwoord)]
