"""Actions on questions: asking, editing, solving and the moderator transitions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from vraagbaak.core.markdown import render_markdown
from vraagbaak.vragen import tasks
from vraagbaak.vragen.models import (
    CloseReason,
    Follow,
    ModerationSettings,
    Vraag,
    VraagStatus,
    ensure_transition,
)
from vraagbaak.vragen.permissions import (
    can_approve_vraag,
    can_close_vraag,
    can_record_oplossing,
    can_redact_vraag,
    can_reject_vraag,
    can_reopen_vraag,
    check_approve_vraag,
    check_ask_vraag,
    check_close_vraag,
    check_edit_vraag,
    check_record_oplossing,
    check_redact_vraag,
    check_reject_vraag,
    check_reopen_vraag,
    is_moderator,
)

if TYPE_CHECKING:
    from vraagbaak.accounts.models import User
    from vraagbaak.taxonomie.models import Fase, Risicofactor, Stadsdeel, Vraagtype

from vraagbaak.vragen.actions._common import (
    UNSUITABLE_MESSAGE,
    QuestionLimitReached,
    _ensure_in_review,
    _invalid,
    _lock,
    _mark_vraag_reviewed,
    _new_findings,
    _on_commit,
    _publish_vraag,
    _questions_today,
    _schedule_deep_check,
    _set_vraag_relations,
    _validate_close,
    _vraag_findings,
)


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
    """Ask a question; the asker follows it.

    The anonymity check runs on title and body; findings are stored per field as
    {"field": "title"|"body", "start", "end", "label"} with offsets into that field.
    Status in_review (visible to the asker and moderators only) under pre-moderation or
    when there are findings; otherwise open and published at once. Nobody is notified.
    Raises QuestionLimitReached past ModerationSettings.daily_question_limit (0: no limit).
    """
    check_ask_vraag(by)
    config = ModerationSettings.load()
    limit = config.daily_question_limit
    if limit and _questions_today(by) >= limit:
        raise QuestionLimitReached(limit)
    findings = _vraag_findings(title, body)
    now = timezone.now()
    publish = not config.premoderation and not findings
    vraag = Vraag.objects.create(
        author=by,
        title=title,
        body=body,
        body_html=render_markdown(body),
        fase=fase,
        stadsdeel=stadsdeel,
        status=VraagStatus.OPEN if publish else VraagStatus.IN_REVIEW,
        published_at=now if publish else None,
        last_activity_at=now,
        anonymity_findings=findings,
    )
    _set_vraag_relations(vraag, risicofactoren=risicofactoren, vraagtypes=vraagtypes, tags=tags)
    Follow.objects.get_or_create(vraag=vraag, user=by)
    log(instance=vraag, action="vraagbaak.vraag.create", user=by)
    _schedule_deep_check(vraag_id=vraag.pk)
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
    """Change a question's text and classification. Its activity time stays as it was.

    The text is checked again. When the asker edits a published (open) question under
    pre-moderation, or the check finds something, it goes back to in_review. Solved,
    closed and rejected questions only moderators may edit (PermissionDenied otherwise);
    a moderator's edit never changes the status. No earlier text is kept.
    """
    check_edit_vraag(by, vraag)
    _lock(vraag)
    check_edit_vraag(by, vraag)  # the status may have changed while we waited for the lock
    findings = _vraag_findings(title, body)
    vraag.title, vraag.body, vraag.body_html = title, body, render_markdown(body)
    vraag.fase, vraag.stadsdeel = fase, stadsdeel
    vraag.anonymity_findings = findings
    fields = ["title", "body", "body_html", "fase", "stadsdeel", "anonymity_findings"]
    back_to_review = (
        vraag.status == VraagStatus.OPEN
        and not is_moderator(by)
        and (ModerationSettings.load().premoderation or bool(findings))
    )
    if back_to_review:
        ensure_transition(vraag, VraagStatus.IN_REVIEW)
        vraag.status = VraagStatus.IN_REVIEW
        fields.append("status")
    vraag.save(update_fields=[*fields, "updated_at"])
    _set_vraag_relations(vraag, risicofactoren=risicofactoren, vraagtypes=vraagtypes, tags=tags)
    log(instance=vraag, action="vraagbaak.vraag.edit", user=by)
    _schedule_deep_check(vraag_id=vraag.pk)
    return vraag


@transaction.atomic
def record_oplossing(vraag: Vraag, *, by: User, oplossing: str) -> Vraag:
    """Record the solution of an open question and mark it solved (asker or moderator).

    The thread becomes read-only. Raises ValidationError when `oplossing` is empty and
    InvalidTransition when the question is not open.
    """
    check_record_oplossing(by, vraag)
    if not oplossing.strip():
        raise ValidationError({"oplossing": _("Schrijf op wat de oplossing was.")})
    _lock(vraag)
    ensure_transition(vraag, VraagStatus.SOLVED)
    now = timezone.now()
    vraag.status = VraagStatus.SOLVED
    vraag.oplossing, vraag.oplossing_html = oplossing, render_markdown(oplossing)
    vraag.solved_at = vraag.last_activity_at = now
    vraag.solved_by = by
    vraag.save(
        update_fields=[
            "status",
            "oplossing",
            "oplossing_html",
            "solved_at",
            "solved_by",
            "last_activity_at",
            "updated_at",
        ]
    )
    log(instance=vraag, action="vraagbaak.vraag.solve", user=by)
    return vraag


@transaction.atomic
def approve_vraag(vraag: Vraag, *, by: User) -> Vraag:
    """Publish a question that waits for review (in_review -> open). Moderators only.

    Sets published_at the first time. After commit the asker (and followers, if it was
    published before) get an e-mail with a link. Raises InvalidTransition otherwise.
    """
    check_approve_vraag(by, vraag)
    _lock(vraag)
    _ensure_in_review(vraag)
    fields = _publish_vraag(vraag, by, timezone.now())
    vraag.save(update_fields=[*fields, "updated_at"])
    log(instance=vraag, action="vraagbaak.vraag.approve", user=by)
    _on_commit(tasks.notify_vraag_approved, vraag_id=vraag.pk)
    return vraag


@transaction.atomic
def reject_vraag(vraag: Vraag, *, by: User, reason: str) -> Vraag:
    """Reject a question that waits for review (in_review -> rejected). Moderators only.

    `reason` is stored as moderation_note and shown to the asker on the site (never in
    the log or the e-mail, which carries only a link). Raises InvalidTransition otherwise.
    """
    check_reject_vraag(by, vraag)
    if not reason.strip():
        raise ValidationError({"reason": _("Schrijf waarom je de vraag afwijst.")})
    _lock(vraag)
    _ensure_in_review(vraag)
    ensure_transition(vraag, VraagStatus.REJECTED)
    vraag.status, vraag.moderation_note = VraagStatus.REJECTED, reason
    fields = _mark_vraag_reviewed(vraag, by, timezone.now())
    vraag.save(update_fields=["status", "moderation_note", *fields, "updated_at"])
    log(instance=vraag, action="vraagbaak.vraag.reject", user=by)
    _on_commit(tasks.notify_vraag_rejected, vraag_id=vraag.pk)
    return vraag


@transaction.atomic
def redact_vraag(
    vraag: Vraag, *, by: User, title: str, body: str, note: str, approve: bool = True
) -> Vraag:
    """A moderator rewrites a question's title and body, e.g. to remove what identifies a family.

    The removed text is kept nowhere: the row is overwritten, there are no revisions, and
    the log entry names only the fields that changed. The findings are cleared and `note`
    (why, shown to the asker) becomes moderation_note. With `approve` a question that waits
    for review is published too. The asker gets an e-mail with a link after commit.
    """
    check_redact_vraag(by, vraag)
    if not title.strip() or not body.strip():
        raise ValidationError(_("Titel en beschrijving mogen niet leeg zijn."))
    _lock(vraag)
    changed = [
        name for name, new in (("title", title), ("body", body)) if getattr(vraag, name) != new
    ]
    now = timezone.now()
    vraag.title, vraag.body, vraag.body_html = title, body, render_markdown(body)
    vraag.anonymity_findings, vraag.moderation_note = [], note
    fields = ["title", "body", "body_html", "anonymity_findings", "moderation_note"]
    approving = approve and vraag.status == VraagStatus.IN_REVIEW
    fields += _publish_vraag(vraag, by, now) if approving else _mark_vraag_reviewed(vraag, by, now)
    vraag.save(update_fields=[*fields, "updated_at"])
    log(instance=vraag, action="vraagbaak.vraag.redact", user=by, data={"fields": changed})
    if approving:
        log(instance=vraag, action="vraagbaak.vraag.approve", user=by)
    _on_commit(tasks.notify_vraag_redacted, vraag_id=vraag.pk, approved=approving)
    return vraag


@transaction.atomic
def close_vraag(
    vraag: Vraag,
    *,
    by: User,
    reason: CloseReason | str,
    note: str = "",
    duplicate_of: Vraag | None = None,
) -> Vraag:
    """Close a waiting or open question without a solution. Moderators only.

    DUPLICATE requires `duplicate_of` (another, published question; its page is linked from
    this one). UNSUITABLE without a note stores the standard message (112 / huisartsenpost /
    Veilig Thuis). A question closed straight from the queue is published, read-only.
    "Opgelost" is not a close reason: use record_oplossing. The asker is e-mailed a link.
    Raises ValidationError for a bad reason/duplicate, InvalidTransition for the status.
    """
    check_close_vraag(by, vraag)
    reason = _validate_close(vraag, reason, duplicate_of)
    _lock(vraag)
    ensure_transition(vraag, VraagStatus.CLOSED)
    now = timezone.now()
    if reason == CloseReason.UNSUITABLE and not note.strip():
        note = _(UNSUITABLE_MESSAGE)
    vraag.status, vraag.close_reason, vraag.moderation_note = VraagStatus.CLOSED, reason, note
    vraag.duplicate_of = duplicate_of if reason == CloseReason.DUPLICATE else None
    vraag.closed_by, vraag.closed_at = by, now
    fields = ["status", "close_reason", "moderation_note", "duplicate_of", "closed_by", "closed_at"]
    fields += _mark_vraag_reviewed(vraag, by, now)
    if vraag.published_at is None:
        vraag.published_at = now
        fields.append("published_at")
    vraag.save(update_fields=[*fields, "updated_at"])
    data = {"reason": str(reason)}
    if vraag.duplicate_of_id:
        data["duplicate_of"] = vraag.duplicate_of_id
    log(instance=vraag, action="vraagbaak.vraag.close", user=by, data=data)
    _on_commit(tasks.notify_vraag_closed, vraag_id=vraag.pk)
    return vraag


@transaction.atomic
def reopen_vraag(vraag: Vraag, *, by: User) -> Vraag:
    """Open a solved or closed question again (-> open). Moderators only.

    Clears the close and solved fields and the moderator's note (it explained the
    closing); the oplossing text stays so it can be edited.
    Raises InvalidTransition for other statuses.
    """
    check_reopen_vraag(by, vraag)
    _lock(vraag)
    if vraag.status not in (VraagStatus.SOLVED, VraagStatus.CLOSED):
        raise _invalid(vraag, VraagStatus.OPEN)
    ensure_transition(vraag, VraagStatus.OPEN)
    vraag.status = VraagStatus.OPEN
    vraag.close_reason, vraag.duplicate_of, vraag.closed_by, vraag.closed_at = "", None, None, None
    vraag.solved_at, vraag.solved_by = None, None
    vraag.moderation_note = ""
    vraag.save(
        update_fields=[
            "status",
            "moderation_note",
            "close_reason",
            "duplicate_of",
            "closed_by",
            "closed_at",
            "solved_at",
            "solved_by",
            "updated_at",
        ]
    )
    log(instance=vraag, action="vraagbaak.vraag.reopen", user=by)
    return vraag


def recheck_vraag_anonymity(vraag: Vraag) -> Vraag:
    """SYSTEM action (task worker): check a saved question again, with deduce.

    Findings the fast check missed are added to the stored ones; an open question with
    new findings goes back to the moderators' queue. Nobody is notified.
    """
    with transaction.atomic():
        _lock(vraag)
        found = _vraag_findings(vraag.title, vraag.body, use_deduce=True)
        new = _new_findings(found, vraag.anonymity_findings)
        if not new:
            return vraag
        findings = [*vraag.anonymity_findings, *new]
        if vraag.status == VraagStatus.OPEN:
            return hold_vraag_for_review(vraag, findings=findings)
        vraag.anonymity_findings = findings
        vraag.save(update_fields=["anonymity_findings", "updated_at"])
    return vraag


def hold_vraag_for_review(vraag: Vraag, *, findings: list[dict] | None = None) -> Vraag:
    """SYSTEM action (meldingen): take an open question back to the queue (open -> in_review).

    Nobody is notified. A question already in review, or one that is solved, closed or
    rejected (the transition table has no way back to review from there), is left as it is.
    `findings` (a re-check, e.g. `anonimiteitscheck --alle`) replace the stored ones.
    """
    with transaction.atomic():
        _lock(vraag)
        if vraag.status != VraagStatus.OPEN:
            return vraag
        ensure_transition(vraag, VraagStatus.IN_REVIEW)
        vraag.status = VraagStatus.IN_REVIEW
        fields = ["status", "updated_at"]
        if findings is not None:
            vraag.anonymity_findings = findings
            fields.append("anonymity_findings")
        vraag.save(update_fields=fields)
        log(instance=vraag, action="vraagbaak.vraag.hold")
    return vraag


def available_moderation_actions(user: User, vraag: Vraag) -> list[str]:
    """What `user` may do with `vraag` now, from the transition table and can_* rules.

    Names: "approve", "redact", "reject", "close", "reopen", "solve" (the asker may solve).
    """
    checks = [
        ("approve", can_approve_vraag),
        ("redact", can_redact_vraag),
        ("reject", can_reject_vraag),
        ("close", can_close_vraag),
        ("reopen", can_reopen_vraag),
        ("solve", can_record_oplossing),
    ]
    return [name for name, can in checks if can(user, vraag)]
