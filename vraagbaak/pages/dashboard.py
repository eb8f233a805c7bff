"""Reads for the dashboard on the home page of a verified professional."""

from vraagbaak.vragen.models import Vraag


def dashboard_context(user) -> dict:
    if not (user.is_authenticated and user.is_verified_professional):
        return {}
    visible = Vraag.objects.visible_to(user)
    return {
        "recent_vragen": visible.published().for_listing()[:5],
        "own_open_vragen": visible.filter(author=user, status__in=["open", "in_review"]).for_listing()[:5],
        "expertise_vragen": visible.published()
        .filter(status="open")
        .in_expertise_of(user)
        .exclude(author=user)
        .for_listing()[:5],
    }
