"""Reads for the dashboard on the home page of a verified professional."""

from vraagbaak.vragen.models import Vraag, VraagStatus

DASHBOARD_SIZE = 5


def dashboard_context(user) -> dict:
    """`recent_vragen`, `own_open_vragen` and `expertise_vragen` for a verified professional;
    nothing for anyone else."""
    if not (user.is_authenticated and user.is_verified_professional):
        return {}
    visible = Vraag.objects.visible_to(user)
    own_open = visible.filter(author=user, status__in=[VraagStatus.OPEN, VraagStatus.IN_REVIEW])
    expertise = (
        visible.published()
        .filter(status=VraagStatus.OPEN)
        .in_expertise_of(user)
        .exclude(author=user)
    )
    return {
        "recent_vragen": visible.published().for_listing()[:DASHBOARD_SIZE],
        "own_open_vragen": own_open.for_listing()[:DASHBOARD_SIZE],
        "expertise_vragen": expertise.for_listing()[:DASHBOARD_SIZE],
        **zorgoverleg_context(user),
    }


def zorgoverleg_context(user) -> dict:
    """`zorgoverleg_next`: the next planned session of an active room; `zorgoverleg_signups`:
    the user's own active sign-ups for sessions that have not ended. Two queries."""
    from django.utils import timezone

    from vraagbaak.zorgoverleg.models import Session, Signup

    now = timezone.now()
    upcoming = Session.objects.planned().upcoming(now).filter(room__is_active=True)
    signups = (
        Signup.objects.active()
        .filter(user=user, session__ends_at__gt=now)
        .select_related("session__room")
        .order_by("session__starts_at", "session_id")
    )
    return {
        "zorgoverleg_next": upcoming.filter(starts_at__gt=now).select_related("room").first(),
        "zorgoverleg_signups": list(signups[:DASHBOARD_SIZE]),
    }
