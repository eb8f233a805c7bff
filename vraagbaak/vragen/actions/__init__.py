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

from vraagbaak.vragen.actions._common import UNSUITABLE_MESSAGE, QuestionLimitReached
from vraagbaak.vragen.actions.antwoord import (
    approve_antwoord,
    available_antwoord_moderation_actions,
    create_antwoord,
    edit_antwoord,
    hide_antwoord,
    hold_antwoord_for_review,
    recheck_antwoord_anonymity,
    redact_antwoord,
    restore_antwoord,
)
from vraagbaak.vragen.actions.engagement import (
    follow_vraag,
    mark_helpful,
    unfollow_vraag,
    unmark_helpful,
)
from vraagbaak.vragen.actions.vraag import (
    approve_vraag,
    available_moderation_actions,
    close_vraag,
    create_vraag,
    edit_vraag,
    hold_vraag_for_review,
    recheck_vraag_anonymity,
    record_oplossing,
    redact_vraag,
    reject_vraag,
    reopen_vraag,
)

__all__ = [
    "QuestionLimitReached",
    "UNSUITABLE_MESSAGE",
    "approve_antwoord",
    "approve_vraag",
    "available_antwoord_moderation_actions",
    "available_moderation_actions",
    "close_vraag",
    "create_antwoord",
    "create_vraag",
    "edit_antwoord",
    "edit_vraag",
    "follow_vraag",
    "hide_antwoord",
    "hold_antwoord_for_review",
    "hold_vraag_for_review",
    "mark_helpful",
    "recheck_antwoord_anonymity",
    "recheck_vraag_anonymity",
    "record_oplossing",
    "redact_antwoord",
    "redact_vraag",
    "reject_vraag",
    "reopen_vraag",
    "restore_antwoord",
    "unfollow_vraag",
    "unmark_helpful",
]
