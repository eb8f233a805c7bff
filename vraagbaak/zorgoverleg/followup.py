"""During and after a session: attendance, the verslag, and a hulpvraag becoming a thread.

Everything here is for the room's moderators, from the start of a session that took place
(not cancelled). The verslag goes through the anonymity check (the view asks the moderator to
fix or confirm what it finds, as for questions); its findings are stored as offsets and
labels only. A discussed hulpvraag becomes a Vraagbaak question in the name of the inbrenger,
published and solved with the moderator as the one who recorded the solution, through the
actions of `vraagbaak.vragen` (so it is indexed and findable like any solved thread). Audit
log entries carry no case text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from vraagbaak.anonymity import check_text
from vraagbaak.core.markdown import render_markdown
from vraagbaak.vragen import actions as vragen_actions
from vraagbaak.vragen.models import Vraag, VraagStatus
from vraagbaak.vragen.permissions import is_moderator
from vraagbaak.zorgoverleg.actions import ZorgoverlegError
from vraagbaak.zorgoverleg.models import HulpvraagStatus, Session, Signup
from vraagbaak.zorgoverleg.permissions import is_room_moderator

if TYPE_CHECKING:
    from vraagbaak.accounts.models import User
    from vraagbaak.taxonomie.models import Risicofactor

VERSLAG_MAX = 4000


# --- permissions ----------------------------------------------------------------------------


def can_follow_up(user: User, session: Session, now=None) -> bool:
    """The room's moderators mark attendance and write the verslag, from the start of a
    session that was not cancelled."""
    return (
        is_room_moderator(user, session.room)
        and not session.is_cancelled
        and session.has_started(now or timezone.now())
    )


def check_follow_up(user: User, session: Session) -> None:
    if not is_room_moderator(user, session.room):
        raise PermissionDenied(_("Alleen de moderatoren van deze kamer kunnen dit doen."))


def can_publish_hulpvraag(user: User, signup: Signup, now=None) -> bool:
    """A room moderator who may also publish and solve questions (site moderation right)
    turns a discussed hulpvraag into a thread, once."""
    return (
        can_follow_up(user, signup.session, now)
        and is_moderator(user)
        and signup.is_active
        and signup.is_inbrenger
        and signup.hulpvraag_status == HulpvraagStatus.APPROVED
        and signup.vraag_id is None
    )


def check_publish_hulpvraag(user: User, signup: Signup) -> None:
    check_follow_up(user, signup.session)
    if not is_moderator(user):
        raise PermissionDenied(
            _("Alleen moderatoren van de Vraagbaak kunnen een vraag plaatsen en afsluiten.")
        )


# --- actions --------------------------------------------------------------------------------


def _lock_started_session(session: Session) -> Session:
    """Helper: lock the session row, refresh `session`, and require it to have started
    and not to be cancelled (ZorgoverlegError otherwise)."""
    fresh = Session.objects.select_for_update().get(pk=session.pk)
    for field in Session._meta.concrete_fields:
        setattr(session, field.attname, getattr(fresh, field.attname))
    if session.is_cancelled:
        raise ZorgoverlegError(_("Deze bijeenkomst is afgezegd."))
    if not session.has_started():
        raise ZorgoverlegError(_("Dit kan pas vanaf het begin van de bijeenkomst."))
    return session


@transaction.atomic
def mark_attendance(session: Session, *, by: User, attended: Mapping[int, bool | None]) -> int:
    """Record who came: `attended` maps sign-up ids to True (aanwezig), False (afwezig) or
    None (not known). Only active sign-ups of `session` count; other ids are ignored.

    Room moderators, from the start of the session. Logs one entry with the number changed
    (no names). Returns that number.
    """
    check_follow_up(by, session)
    _lock_started_session(session)
    changed = 0
    for signup in session.signups.active().filter(pk__in=list(attended)):
        value = attended[signup.pk]
        if signup.attended != value:
            signup.attended = value
            signup.save(update_fields=["attended"])
            changed += 1
    log(
        instance=session,
        action="vraagbaak.zorgoverleg.attendance",
        user=by,
        data={"changed": changed},
    )
    return changed


def verslag_findings(text: str) -> list[dict]:
    """The anonymity findings of a verslag, as offsets and labels only."""
    return [{"start": f.start, "end": f.end, "label": f.label} for f in check_text(text)]


@transaction.atomic
def record_verslag(session: Session, *, by: User, verslag: str) -> Session:
    """Write (or rewrite) the short anonymised verslag of a session (room moderators, from
    its start). The view has shown the findings of the anonymity check and the moderator
    fixed or confirmed them; what is still found is stored with the text, as offsets.

    Raises ValidationError for an empty or too long text. No e-mail; logs without text.
    """
    check_follow_up(by, session)
    verslag = (verslag or "").strip()
    if not verslag:
        raise ValidationError({"verslag": _("Schrijf een kort verslag.")})
    if len(verslag) > VERSLAG_MAX:
        raise ValidationError(
            {
                "verslag": _("Het verslag is te lang. Gebruik maximaal %(n)d tekens.")
                % {"n": VERSLAG_MAX}
            }
        )
    _lock_started_session(session)
    session.verslag, session.verslag_html = verslag, render_markdown(verslag)
    session.verslag_findings = verslag_findings(verslag)
    session.verslag_by, session.verslag_at = by, timezone.now()
    session.save(
        update_fields=["verslag", "verslag_html", "verslag_findings", "verslag_by", "verslag_at"]
    )
    log(instance=session, action="vraagbaak.zorgoverleg.verslag", user=by)
    return session


@transaction.atomic
def publish_hulpvraag_as_vraag(
    signup: Signup,
    *,
    by: User,
    title: str,
    body: str,
    risicofactoren: Iterable[Risicofactor],
    oplossing: str,
    **classification,
) -> Vraag:
    """Turn a discussed hulpvraag into a solved Vraagbaak question.

    The question is asked in the name of the inbrenger (`create_vraag`), published by the
    moderator `by` if it waits for review (`approve_vraag`, which e-mails the inbrenger a
    link) and closed with `oplossing` recorded by `by` (`record_oplossing`). The sign-up
    links to it. `classification` (fase, stadsdeel, vraagtypes, tags) goes to create_vraag
    as it is. `by` must moderate the room and have the site's moderation right.
    Raises ZorgoverlegError when the hulpvraag is not (or no longer) eligible, and
    ValidationError for an empty solution. All or nothing: one transaction.
    """
    check_publish_hulpvraag(by, signup)
    if not (oplossing or "").strip():
        raise ValidationError({"oplossing": _("Schrijf op wat de oplossing was.")})
    _lock_started_session(signup.session)
    signup = (
        Signup.objects.select_for_update(of=("self",))
        .select_related("user__profile")
        .get(pk=signup.pk)
    )
    if not (signup.is_active and signup.is_inbrenger):
        raise ZorgoverlegError(_("Deze aanmelding heeft geen hulpvraag meer."))
    if signup.hulpvraag_status != HulpvraagStatus.APPROVED:
        raise ZorgoverlegError(
            _("Alleen een hulpvraag die op de agenda stond, kan een vraag worden.")
        )
    if signup.vraag_id is not None:
        raise ZorgoverlegError(_("Van deze hulpvraag is al een vraag gemaakt."))
    if not (signup.user.is_active and signup.user.is_verified_professional):
        raise ZorgoverlegError(
            _("De inbrenger heeft geen actief account meer. Daarom kan dit geen vraag worden.")
        )
    try:
        vraag = vragen_actions.create_vraag(
            by=signup.user,
            title=title,
            body=body,
            risicofactoren=risicofactoren,
            **classification,
        )
    except vragen_actions.QuestionLimitReached as exc:
        raise ZorgoverlegError(
            _(
                "De inbrenger heeft vandaag al het maximum aantal vragen gesteld. "
                "Probeer het morgen opnieuw."
            )
        ) from exc
    if vraag.status == VraagStatus.IN_REVIEW:
        vragen_actions.approve_vraag(vraag, by=by)
    vragen_actions.record_oplossing(vraag, by=by, oplossing=oplossing)
    signup.vraag = vraag
    signup.save(update_fields=["vraag"])
    log(instance=signup, action="vraagbaak.zorgoverleg.hulpvraag.to_vraag", user=by)
    return vraag
