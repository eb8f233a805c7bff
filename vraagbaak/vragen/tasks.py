"""Background work for questions and answers. E-mails carry only a link, never case text."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.tasks import task
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from vraagbaak.vragen.models import Antwoord

logger = logging.getLogger(__name__)


def absolute_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


@task
def notify_new_antwoord(antwoord_id: int) -> int:
    """Mail the asker and the followers of a question about a new answer (not its author).

    Returns the number of e-mails sent. Hidden answers and unpublished questions send nothing.
    """
    antwoord = (
        Antwoord.objects.select_related("vraag").filter(pk=antwoord_id, is_hidden=False).first()
    )
    if antwoord is None or not antwoord.vraag.is_published:
        return 0
    vraag = antwoord.vraag
    recipients = (
        get_user_model()
        .objects.filter(Q(pk=vraag.author_id) | Q(follows__vraag=vraag))
        .filter(is_active=True, profile__verification="verified")
        .exclude(pk=antwoord.author_id)
        .distinct()
    )
    link = absolute_url(antwoord.get_absolute_url())
    sent = 0
    for user in recipients:
        is_asker = user.pk == vraag.author_id
        context = {"link": link, "is_asker": is_asker, "site_name": settings.WAGTAIL_SITE_NAME}
        subject = (
            _("Nieuw antwoord op je vraag")
            if is_asker
            else _("Nieuw antwoord op een vraag die je volgt")
        )
        body = render_to_string("vragen/email/nieuw_antwoord.txt", context)
        sent += send_mail(f"[{settings.WAGTAIL_SITE_NAME}] {subject}", body, None, [user.email])
    logger.info("Sent %d new-answer e-mails for antwoord %s", sent, antwoord_id)
    return sent
