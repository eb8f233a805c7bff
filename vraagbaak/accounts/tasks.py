"""Background work for accounts. E-mails carry only a link, never case text."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from vraagbaak.accounts.models import Profile

logger = logging.getLogger(__name__)


@task
def notify_profile_verified(profile_id: int) -> int:
    """Tell the account holder that their account was approved. Returns e-mails sent."""
    profile = Profile.objects.select_related("user").filter(pk=profile_id).first()
    if profile is None or not profile.is_verified or not profile.user.is_active:
        return 0
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("vragen:list")
    context = {"link": link, "site_name": settings.WAGTAIL_SITE_NAME}
    body = render_to_string("accounts/email/account_goedgekeurd.txt", context)
    subject = f"[{settings.WAGTAIL_SITE_NAME}] " + _("Je account is goedgekeurd")
    sent = send_mail(subject, body, None, [profile.user.email])
    logger.info("Sent account-approved e-mail for profile %s", profile_id)
    return sent
