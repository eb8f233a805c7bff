"""Background e-mails of the moderator flows. They carry only a link, never case text."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from vraagbaak.vragen.models import Vraag, VraagStatus
from vraagbaak.vragen.tasks import absolute_url

logger = logging.getLogger(__name__)


def _open_vraag_with_asker(vraag_id: int) -> Vraag | None:
    """Helper for the tasks below, do not call directly: the question, if still open and its
    asker can still receive mail (active, verified)."""
    vraag = (
        Vraag.objects.select_related("author__profile")
        .filter(pk=vraag_id, status=VraagStatus.OPEN)
        .first()
    )
    if vraag is None or vraag.author is None:
        return None
    if not vraag.author.is_active or not vraag.author.is_verified_professional:
        return None
    return vraag


def _send(vraag: Vraag, template: str, subject: str, **context) -> int:
    """Helper for the tasks below, do not call directly."""
    context |= {
        "link": absolute_url(reverse("vragen:solve", kwargs={"pk": vraag.pk})),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    body = render_to_string(template, context)
    return send_mail(f"[{settings.WAGTAIL_SITE_NAME}] {subject}", body, None, [vraag.author.email])


@task
def send_oplossing_reminder(vraag_id: int, number: int) -> int:
    """E-mail the asker reminder `number` (1 or 2): "Is je vraag opgelost?".

    Sends nothing when the question was solved or closed in the meantime. Returns the
    number of e-mails sent.
    """
    vraag = _open_vraag_with_asker(vraag_id)
    if vraag is None:
        return 0
    sent = _send(
        vraag,
        "moderatie/email/oplossing_herinnering.txt",
        _("Is je vraag opgelost?"),
        number=number,
    )
    logger.info("Sent oplossing reminder %d for vraag %s", number, vraag_id)
    return sent


@task
def send_oplossing_request(vraag_id: int, moderator_id: int) -> int:
    """E-mail the asker a moderator's personal request for the solution.

    Signed with the moderator's display name (never their e-mail address). Sends nothing
    when the question was solved or closed in the meantime.
    """
    vraag = _open_vraag_with_asker(vraag_id)
    if vraag is None:
        return 0
    moderator = get_user_model().objects.select_related("profile").filter(pk=moderator_id).first()
    profile = getattr(moderator, "profile", None)
    moderator_name = (profile.display_name if profile else "") or _("een moderator")
    sent = _send(
        vraag,
        "moderatie/email/oplossing_verzoek.txt",
        _("Een moderator vraagt naar de oplossing van je vraag"),
        moderator_name=moderator_name,
    )
    logger.info("Sent oplossing request for vraag %s", vraag_id)
    return sent
