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

from vraagbaak.vragen.models import Antwoord, Vraag

logger = logging.getLogger(__name__)


def absolute_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


@task
def notify_new_antwoord(antwoord_id: int) -> int:
    """Mail the asker and the followers of a question about a new answer (not its author).

    Returns the number of e-mails sent. Hidden or held answers and unpublished questions
    send nothing.
    """
    antwoord = (
        Antwoord.objects.select_related("vraag")
        .filter(pk=antwoord_id, is_hidden=False, is_held=False)
        .first()
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


def _recipients(user_ids):
    """Helper: active, verified accounts among `user_ids` (others get no mail)."""
    return (
        get_user_model()
        .objects.filter(pk__in=[pk for pk in user_ids if pk is not None])
        .filter(is_active=True, profile__verification="verified")
        .distinct()
    )


def _mail(user, subject: str, template: str, context: dict) -> int:
    """Helper: one plain-text e-mail; the template gets only links and flags, no case text."""
    context = {**context, "site_name": settings.WAGTAIL_SITE_NAME}
    body = render_to_string(template, context)
    return send_mail(f"[{settings.WAGTAIL_SITE_NAME}] {subject}", body, None, [user.email])


def _notify_asker(vraag_id: int, subject: str, template: str, **context) -> int:
    """Helper: mail the asker of a question a link to it. Returns the number sent."""
    vraag = Vraag.objects.filter(pk=vraag_id).first()
    if vraag is None:
        return 0
    link = absolute_url(vraag.get_absolute_url())
    sent = sum(
        _mail(user, subject, template, {"link": link, **context})
        for user in _recipients([vraag.author_id])
    )
    logger.info("Sent %d %s e-mails for vraag %s", sent, template, vraag_id)
    return sent


@task
def notify_vraag_approved(vraag_id: int) -> int:
    """Tell the asker (and followers) that a question was approved and is online.

    At the first approval the asker is its only follower; after a re-review the followers
    hear it is online again. Returns the number of e-mails sent; nothing if not published.
    """
    vraag = Vraag.objects.filter(pk=vraag_id).first()
    if vraag is None or not vraag.is_published:
        return 0
    follower_ids = list(vraag.follows.values_list("user_id", flat=True))
    link = absolute_url(vraag.get_absolute_url())
    sent = 0
    for user in _recipients([vraag.author_id, *follower_ids]):
        is_asker = user.pk == vraag.author_id
        subject = (
            _("Je vraag is goedgekeurd") if is_asker else _("Een vraag die je volgt staat online")
        )
        sent += _mail(
            user,
            subject,
            "vragen/email/vraag_goedgekeurd.txt",
            {"link": link, "is_asker": is_asker},
        )
    logger.info("Sent %d approval e-mails for vraag %s", sent, vraag_id)
    return sent


@task
def notify_vraag_rejected(vraag_id: int) -> int:
    """Tell the asker that a moderator rejected the question; the reason is on the site."""
    return _notify_asker(
        vraag_id, _("Je vraag is niet geplaatst"), "vragen/email/vraag_afgewezen.txt"
    )


@task
def notify_vraag_redacted(vraag_id: int, approved: bool = False) -> int:
    """Tell the asker that a moderator changed the question (and, if so, approved it)."""
    return _notify_asker(
        vraag_id,
        _("Een moderator heeft je vraag aangepast"),
        "vragen/email/vraag_aangepast.txt",
        approved=approved,
    )


@task
def notify_vraag_closed(vraag_id: int) -> int:
    """Tell the asker that a moderator closed the question; the reason is on the site."""
    return _notify_asker(vraag_id, _("Je vraag is gesloten"), "vragen/email/vraag_gesloten.txt")


@task
def notify_antwoord_redacted(antwoord_id: int) -> int:
    """Tell the author that a moderator changed their answer; the reason is on the site."""
    antwoord = Antwoord.objects.filter(pk=antwoord_id).first()
    if antwoord is None:
        return 0
    link = absolute_url(antwoord.get_absolute_url())
    return sum(
        _mail(
            user,
            _("Een moderator heeft je antwoord aangepast"),
            "vragen/email/antwoord_aangepast.txt",
            {"link": link},
        )
        for user in _recipients([antwoord.author_id])
    )


@task
def recheck_anonymity(*, vraag_id: int | None = None, antwoord_id: int | None = None) -> bool:
    """Re-check a saved question or answer with deduce; runs in the task worker.

    Returns whether the item still exists. New findings send it to the moderators' queue.
    """
    from vraagbaak.vragen.actions import recheck_antwoord_anonymity, recheck_vraag_anonymity

    if vraag_id is not None:
        vraag = Vraag.objects.filter(pk=vraag_id).first()
        if vraag is None:
            return False
        recheck_vraag_anonymity(vraag)
    if antwoord_id is not None:
        antwoord = Antwoord.objects.filter(pk=antwoord_id).first()
        if antwoord is None:
            return False
        recheck_antwoord_anonymity(antwoord)
    return True
