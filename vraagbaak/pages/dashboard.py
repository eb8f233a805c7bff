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
    }
