"""Every write to questions and answers (STYLE.md B2).

Each person-triggered action takes `by=`, calls its own `check_*` first, runs in one
transaction, locks the row it changes (`select_for_update`, so two moderators acting on the
same item end in one consistent state), re-checks the state on the locked row, sets all
companion fields together, writes an audit-log entry (never with case text) and sends
notifications only after commit. System actions (used by meldingen) have no `by`.

Pre-moderation: a new question, and an edit of a published one, waits for a moderator
(status in_review) when `ModerationSettings.premoderation` is on or the anonymity check
found something. Answers are published at once unless the check found something; then
they are held (`is_held`) and nobody hears of them until a moderator approves.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time
from functools import partial
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from vraagbaak.anonymity import check_text
from vraagbaak.core.markdown import render_markdown
from vraagbaak.vragen import tasks
from vraagbaak.vragen.models import (
    Antwoord,
    CloseReason,
    Follow,
    Helpful,
    InvalidTransition,
    ModerationSettings,
    Vraag,
    VraagStatus,
    ensure_transition,
)
from vraagbaak.vragen.permissions import (
    can_approve_antwoord,
    can_approve_vraag,
    can_close_vraag,
    can_hide_antwoord,
    can_record_oplossing,
    can_redact_antwoord,
    can_redact_vraag,
    can_reject_vraag,
    can_reopen_vraag,
    can_restore_antwoord,
    check_answer_vraag,
    check_approve_antwoord,
    check_approve_vraag,
    check_ask_vraag,
    check_close_vraag,
    check_edit_antwoord,
    check_edit_vraag,
    check_follow_vraag,
    check_hide_antwoord,
    check_mark_helpful,
    check_record_oplossing,
    check_redact_antwoord,
    check_redact_vraag,
    check_reject_vraag,
    check_reopen_vraag,
    check_restore_antwoord,
    is_moderator,
)

if TYPE_CHECKING:
    from vraagbaak.accounts.models import User
    from vraagbaak.taxonomie.models import Fase, Risicofactor, Stadsdeel, Vraagtype

# Shown on a question closed as "niet geschikt / acuut" when the moderator wrote no note.
UNSUITABLE_MESSAGE = (
    "De Vraagbaak is niet bedoeld voor acute situaties. Is er direct gevaar? Bel 112. "
    "Gaat het om zorg die niet kan wachten? Bel de huisarts of de huisartsenpost. "
    "Maak je je zorgen over de veiligheid van een kind of volwassene? Volg de meldcode "
    "en bel Veilig Thuis: 0800-2000 (gratis, dag en nacht)."
)


class QuestionLimitReached(Exception):
    """The asker reached today's limit of new questions; `message` is Dutch for the form."""

    def __init__(self, n: int):
        self.n = n
        self.message = _(
            "Je hebt vandaag al %(n)d vragen gesteld. Morgen kun je weer een vraag stellen."
        ) % {"n": n}
        super().__init__(self.message)


# --- helpers ---------------------------------------------------------------------------


def _lock(obj: Vraag | Antwoord) -> Vraag | Antwoord:
    """Helper for the actions, do not call directly.

    Lock `obj`'s row until the end of the transaction and copy the current database values
    onto `obj`, so the caller's instance shows the result and checks see the locked state.
    """
    model = type(obj)
    fresh = model.objects.select_for_update().get(pk=obj.pk)
    for field in model._meta.concrete_fields:
        setattr(obj, field.attname, getattr(fresh, field.attname))
    return obj


def _vraag_findings(title: str, body: str) -> list[dict]:
    """Helper for create_vraag/edit_vraag: findings per field, offsets into that field."""
    return [
        {"field": field, "start": f.start, "end": f.end, "label": f.label}
        for field, text in (("title", title), ("body", body))
        for f in check_text(text)
    ]


def _antwoord_findings(body: str) -> list[dict]:
    """Helper for the answer actions: findings as offsets and labels only."""
    return [{"start": f.start, "end": f.end, "label": f.label} for f in check_text(body)]


def _questions_today(user: User) -> int:
    """Helper for create_vraag: questions asked since local midnight."""
    midnight = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    return Vraag.objects.filter(author=user, created_at__gte=midnight).count()


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


def _on_commit(task, **kwargs) -> None:
    """Helper: enqueue `task` once the current transaction has committed."""
    transaction.on_commit(partial(task.enqueue, **kwargs))


def _mark_vraag_reviewed(vraag: Vraag, by: User, now: datetime) -> list[str]:
    """Helper: set the review companion fields; returns their names for update_fields."""
    vraag.reviewed_by, vraag.reviewed_at = by, now
    return ["reviewed_by", "reviewed_at"]


def _publish_vraag(vraag: Vraag, by: User, now: datetime) -> list[str]:
    """Helper for approve_vraag/redact_vraag: in_review -> open on a locked row."""
    ensure_transition(vraag, VraagStatus.OPEN)
    fields = ["status", *_mark_vraag_reviewed(vraag, by, now)]
    vraag.status = VraagStatus.OPEN
    if vraag.published_at is None:
        vraag.published_at = vraag.last_activity_at = now
        fields += ["published_at", "last_activity_at"]
    return fields


def _publish_antwoord(antwoord: Antwoord, now: datetime) -> list[str]:
    """Helper: un-hold an answer on a locked row. The first publication counts as activity
    on the thread and may start the solution loop (first_answer_at)."""
    antwoord.is_held = False
    fields = ["is_held"]
    if antwoord.published_at is None:
        antwoord.published_at = now
        fields.append("published_at")
        _answer_arrived(antwoord, now)
    return fields


def _answer_arrived(antwoord: Antwoord, now: datetime) -> None:
    """Helper: an answer is published for the first time (its question's row is locked).

    It bumps the thread's activity; the first answer by someone other than the asker
    starts the solution loop (first_answer_at). Asker and followers hear of it after commit.
    """
    vraag = antwoord.vraag
    vraag.last_activity_at = now
    fields = ["last_activity_at", "updated_at"]
    if vraag.first_answer_at is None and antwoord.author_id != vraag.author_id:
        vraag.first_answer_at = now
        fields.append("first_answer_at")
    vraag.save(update_fields=fields)
    _on_commit(tasks.notify_new_antwoord, antwoord_id=antwoord.pk)


# --- asking and answering ---------------------------------------------------------------


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
    return vraag


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


# --- moderation of questions --------------------------------------------------------------


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

    Clears the close and solved fields; the oplossing text stays so it can be edited.
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
    vraag.save(
        update_fields=[
            "status",
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


def _ensure_in_review(vraag: Vraag) -> None:
    """Helper: approve and reject act only on questions in the queue."""
    if vraag.status != VraagStatus.IN_REVIEW:
        raise _invalid(vraag, VraagStatus.OPEN)


def _invalid(vraag: Vraag, new_status: str) -> InvalidTransition:
    """Helper: the InvalidTransition for `vraag` going to `new_status`."""
    return InvalidTransition(
        _("Deze vraag kan niet van ‘%(old)s’ naar ‘%(new)s’.")
        % {"old": VraagStatus(vraag.status).label, "new": VraagStatus(new_status).label}
    )


def _validate_close(vraag: Vraag, reason: str, duplicate_of: Vraag | None) -> CloseReason:
    """Helper for close_vraag: a known reason, and a valid original for a duplicate."""
    try:
        reason = CloseReason(reason)
    except ValueError:
        raise ValidationError({"reason": _("Kies een reden om de vraag te sluiten.")}) from None
    if reason == CloseReason.DUPLICATE and (
        duplicate_of is None or duplicate_of.pk == vraag.pk or not duplicate_of.is_published
    ):
        raise ValidationError(
            {"duplicate_of": _("Kies de gepubliceerde vraag waarvan deze vraag een dubbele is.")}
        )
    return reason


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


def available_antwoord_moderation_actions(user: User, antwoord: Antwoord) -> list[str]:
    """What `user` may do with `antwoord` now: "approve", "redact", "hide", "restore"."""
    checks = [
        ("approve", can_approve_antwoord),
        ("redact", can_redact_antwoord),
        ("hide", can_hide_antwoord),
        ("restore", can_restore_antwoord),
    ]
    return [name for name, can in checks if can(user, antwoord)]


# --- moderation of answers ----------------------------------------------------------------


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
