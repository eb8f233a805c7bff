"""Thin views for the zorgoverleg (STYLE.md B4): lookup, check, form, one action, message.

Sessions of inactive rooms are 404 for everyone but their moderators; the agenda is 403 for
anyone who does not moderate the room. Everything works without JavaScript.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from vraagbaak.anonymity.highlight import highlight_findings
from vraagbaak.vragen.forms import MAX_PK, AnonymityCheckForm
from vraagbaak.zorgoverleg import actions
from vraagbaak.zorgoverleg.forms import SCHRIJFWIJZER_URL, ReasonForm, SignupForm
from vraagbaak.zorgoverleg.models import (
    HulpvraagStatus,
    Room,
    Session,
    Signup,
    SignupRole,
    ZorgoverlegSettings,
)
from vraagbaak.zorgoverleg.permissions import (
    can_cancel_signup,
    can_sign_up,
    check_see_agenda,
    is_room_moderator,
)

# How many sessions per room the overview shows after the next one.
FOLLOWING_PER_ROOM = 3


def _get_session(request, pk: int) -> Session:
    """The session with `pk` if the user may see it (its room is active, or they moderate
    it), else 404."""
    if pk > MAX_PK:
        raise Http404
    return get_object_or_404(Session.objects.visible_to(request.user).select_related("room"), pk=pk)


class OverviewView(View):
    """The next session per active room and the following ones, with counts and own sign-ups."""

    def get(self, request):
        now = timezone.now()
        config = ZorgoverlegSettings.load(request_or_site=request)
        rooms = list(Room.objects.active())
        sessions = (
            Session.objects.filter(room__in=[r.pk for r in rooms]).upcoming(now).for_overview()
        )
        per_room = defaultdict(list)
        for session in sessions:
            if len(per_room[session.room_id]) <= FOLLOWING_PER_ROOM:
                per_room[session.room_id].append(session)
        own = {
            s.session_id: s
            for s in Signup.objects.active().filter(
                user=request.user, session__in=[s.pk for ss in per_room.values() for s in ss]
            )
        }
        for room in rooms:
            room.upcoming = per_room.get(room.pk, [])
            for session in room.upcoming:
                session.own_signup = own.get(session.pk)
        context = {"rooms": rooms, "settings_zo": config, "now": now}
        return render(request, "zorgoverleg/overview.html", context)


def _session_context(request, session: Session, form=None, anonymity=None, error="") -> dict:
    """Helper for the session page (also shown again when the sign-up form has errors)."""
    user, now = request.user, timezone.now()
    config = ZorgoverlegSettings.load(request_or_site=request)
    signup = Signup.objects.filter(session=session, user=user).first()
    active_signup = signup if signup and signup.is_active else None
    if form is None:
        initial = {}
        if active_signup:
            initial = {"role": active_signup.role, "hulpvraag": active_signup.hulpvraag}
        form = SignupForm(initial=initial)
    taken = session.signups.taking_places().count()
    listeners = session.signups.active().filter(role=SignupRole.MEELUISTERAAR).count()
    return {
        "session": session,
        "room": session.room,
        "signup": active_signup,
        "cancelled_signup": signup if signup and not signup.is_active else None,
        "form": form,
        "anonymity": anonymity,
        "error": error,
        "inbrenger_count": taken,
        "meeluisteraar_count": listeners,
        "max_inbrengers": config.max_inbrengers,
        "is_full": taken >= config.max_inbrengers,
        "can_sign_up": can_sign_up(user, session, now),
        "can_cancel": bool(active_signup) and can_cancel_signup(user, active_signup, now),
        "is_room_moderator": is_room_moderator(user, session.room),
        "schrijfwijzer_url": SCHRIJFWIJZER_URL,
        "settings_zo": config,
        "now": now,
    }


class SessionDetailView(View):
    def get(self, request, pk: int):
        session = _get_session(request, pk)
        return render(
            request, "zorgoverleg/session_detail.html", _session_context(request, session)
        )


class SignupView(View):
    """POST: sign up (or change one's sign-up). Errors come back on the session page with
    everything the user typed; a hulpvraag with findings first goes through the check step."""

    def post(self, request, pk: int):
        session = _get_session(request, pk)
        form = SignupForm(request.POST)

        def again(anonymity=None, error=""):
            context = _session_context(request, session, form, anonymity, error)
            return render(request, "zorgoverleg/session_detail.html", context)

        if not form.is_valid():
            return again()
        anonymity = AnonymityCheckForm(request.POST, texts=form.anonymity_texts())
        if not anonymity.is_valid():
            return again(anonymity=anonymity)
        try:
            signup = actions.sign_up(session, by=request.user, **form.cleaned_data)
        except actions.ZorgoverlegError as exc:
            return again(error=exc.message)
        except ValidationError as exc:
            form.add_error(None, exc)
            return again()
        messages.success(request, _signup_message(signup))
        return redirect(session)


def _signup_message(signup: Signup) -> str:
    if not signup.is_inbrenger:
        return _("Je bent aangemeld als meeluisteraar. Je krijgt een herinnering per e-mail.")
    if signup.hulpvraag_status == HulpvraagStatus.IN_REVIEW:
        return _(
            "Je bent aangemeld als inbrenger. De moderator bekijkt je hulpvraag eerst. "
            "Je krijgt een herinnering per e-mail."
        )
    return _(
        "Je bent aangemeld als inbrenger. Je hulpvraag staat op de agenda. "
        "Je krijgt een herinnering per e-mail."
    )


class CancelSignupView(View):
    def post(self, request, pk: int):
        session = _get_session(request, pk)
        signup = Signup.objects.active().filter(session=session, user=request.user).first()
        if signup is None:
            messages.info(request, _("Je was niet aangemeld voor deze bijeenkomst."))
            return redirect(session)
        try:
            actions.cancel_signup(signup, by=request.user)
        except actions.ZorgoverlegError as exc:
            messages.error(request, exc.message)
            return redirect(session)
        messages.success(
            request, _("Je bent afgemeld. Je kunt je opnieuw aanmelden zolang er plek is.")
        )
        return redirect(session)


class AgendaView(View):
    """The room moderator's agenda: the hulpvragen in order, and who comes."""

    def get(self, request, pk: int):
        session = _get_session(request, pk)
        check_see_agenda(request.user, session)
        agenda = list(session.signups.agenda().select_related("reviewed_by"))
        for item in agenda:
            item.hulpvraag_marked = highlight_findings(item.hulpvraag, item.hulpvraag_findings)
        rejected = list(
            session.signups.inbrengers()
            .filter(hulpvraag_status=HulpvraagStatus.REJECTED)
            .select_related("user__profile__discipline")
        )
        listeners = list(
            session.signups.active()
            .filter(role=SignupRole.MEELUISTERAAR)
            .select_related("user__profile__discipline")
            .order_by("created_at", "id")
        )
        context = {
            "session": session,
            "room": session.room,
            "agenda": agenda,
            "rejected": rejected,
            "listeners": listeners,
            "people_count": len(agenda) + len(listeners),
            "max_inbrengers": ZorgoverlegSettings.load(request_or_site=request).max_inbrengers,
            "reason_form": ReasonForm(),
            "now": timezone.now(),
        }
        return render(request, "zorgoverleg/agenda.html", context)


class HulpvraagActionView(View):
    """POST only: approve, reject or move one hulpvraag, then back to the agenda."""

    def post(self, request, pk: int, action: str):
        if pk > MAX_PK:
            raise Http404
        signup = get_object_or_404(
            Signup.objects.select_related("session__room").filter(
                session__in=Session.objects.visible_to(request.user)
            ),
            pk=pk,
        )
        check_see_agenda(request.user, signup.session)
        back = reverse("zorgoverleg:agenda", args=[signup.session_id]) + f"#hulpvraag-{pk}"
        try:
            self.perform(request, signup, action)
        except (actions.ZorgoverlegError, ValidationError) as exc:
            messages.error(request, _error_text(exc))
        return redirect(back)

    def perform(self, request, signup: Signup, action: str) -> None:
        user = request.user
        if action == "approve":
            actions.approve_hulpvraag(signup, by=user)
            messages.success(request, _("De hulpvraag staat op de agenda."))
        elif action == "reject":
            form = ReasonForm(request.POST)
            if not form.is_valid():
                raise ValidationError(form.errors["reason"][0])
            actions.reject_hulpvraag(signup, by=user, reason=form.cleaned_data["reason"])
            messages.success(request, _("De hulpvraag is afgewezen. De plek is weer vrij."))
        elif action in ("up", "down"):
            actions.move_hulpvraag(signup, by=user, direction=action)
        else:
            raise Http404


def _error_text(exc: Exception) -> str:
    if isinstance(exc, actions.ZorgoverlegError):
        return exc.message
    return " ".join(exc.messages)


__all__ = [
    "AgendaView",
    "CancelSignupView",
    "HulpvraagActionView",
    "OverviewView",
    "SessionDetailView",
    "SignupView",
]
