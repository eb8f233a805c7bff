"""E-mails to participants when a session is cancelled or moved (by a moderator or because the
schedule changed). Only the room's name, the Dutch date and time and a link: no case text, no
reason (a moderator's reason could hold details; it is on the session page for those who log in).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from vraagbaak.vragen.tasks import absolute_url
from vraagbaak.zorgoverleg.models import Session

logger = logging.getLogger(__name__)

CANCELLED = "cancelled"
MOVED = "moved"


@task
def notify_session_changed(session_id: int, change: str) -> int:
    """Mail each active, verified participant of a session that it was cancelled or moved.

    Returns the number of e-mails sent. Sends nothing when the session no longer exists or
    its state no longer matches `change` (a later change sends its own e-mail).
    """
    session = Session.objects.select_related("room").filter(pk=session_id).first()
    if session is None or session.is_cancelled != (change == CANCELLED):
        return 0
    signups = session.signups.active().select_related("user__profile")
    with translation.override("nl"):
        subject = {
            CANCELLED: _("Het zorgoverleg %(room)s gaat niet door"),
            MOVED: _("Het zorgoverleg %(room)s is verplaatst"),
        }[change] % {"room": session.room.name}
        context = {
            "change": change,
            "room_name": session.room.name,
            "when": session.when_text,
            "link": absolute_url(session.get_absolute_url()),
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        body = render_to_string("zorgoverleg/notices/session_changed.txt", context)
    sent = 0
    for signup in signups:
        user = signup.user
        if user.is_active and user.email and user.is_verified_professional:
            sent += send_mail(f"[{settings.WAGTAIL_SITE_NAME}] {subject}", body, None, [user.email])
    logger.info("Sent %d session-changed e-mails (%s) for session %s", sent, change, session_id)
    return sent
