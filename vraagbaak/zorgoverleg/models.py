"""Zorgoverleg alarm: monthly moderated rooms per risk factor (BRIEF §2.6).

One recurrence for all rooms (:class:`ZorgoverlegSettings`), one :class:`Session` per room per
date, created ahead of time by the scheduled job. Professionals sign up per session as
*inbrenger* (with a short anonymised hulpvraag, checked and moderated like a question) or as
*meeluisteraar*. Case text lives only in ``Signup.hulpvraag`` and ``Session.verslag``; it is
never copied into e-mails, calendar files or audit-log labels.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from vraagbaak.taxonomie.models import Risicofactor
from vraagbaak.zorgoverleg.schedule import (
    DEFAULT_RULE,
    HolidayPolicy,
    InvalidRule,
    format_session,
    upcoming_sessions,
    validate_rule,
)


class NextDatesPanel(HelpPanel):
    """Admin help under the rule: the next five sessions the saved settings give, in Dutch."""

    class BoundPanel(HelpPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.content = next_dates_html(self.instance)


def next_dates_html(config: ZorgoverlegSettings) -> str:
    """The next five sessions of the saved settings as an HTML list, or a note if the
    rule cannot be read. Reads only; for the admin form."""
    try:
        planned = upcoming_sessions(
            config.rule,
            after=timezone.now(),
            count=5,
            duration=config.duration,
            policy=HolidayPolicy(config.holiday_policy),
        )
    except (InvalidRule, ValueError):
        return format_html("<p>{}</p>", _("Met deze herhaling kunnen we geen data berekenen."))
    items = format_html_join(
        "",
        "<li>{}{}</li>",
        (
            (
                format_session(p.starts_at, p.ends_at),
                format_html(" ({})", _("verplaatst vanwege %(day)s") % {"day": p.moved_reason})
                if p.is_moved
                else "",
            )
            for p in planned
        ),
    )
    heading = _("De volgende vijf bijeenkomsten met de opgeslagen instellingen:")
    return format_html("<p>{}</p><ul>{}</ul>", heading, items)


@register_setting(icon="date")
class ZorgoverlegSettings(BaseGenericSetting):
    """The shared schedule and the alarm settings, editable by moderators in the admin."""

    rule = models.TextField(
        _("herhaling"),
        default=DEFAULT_RULE,
        validators=[validate_rule],
        help_text=_(
            "Wanneer het zorgoverleg is, als iCalendar-regel (RFC 5545). Standaard: elke eerste "
            "maandag van de maand om 12:00."
        ),
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("duur in minuten"), default=30, validators=[MinValueValidator(5), MaxValueValidator(240)]
    )
    holiday_policy = models.CharField(
        _("op een feestdag"),
        max_length=20,
        choices=HolidayPolicy.choices,
        default=HolidayPolicy.NEXT_WORKING_DAY,
    )
    months_ahead = models.PositiveSmallIntegerField(
        _("maanden vooruit plannen"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )
    max_inbrengers = models.PositiveSmallIntegerField(
        _("maximaal aantal inbrengers per kamer"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    announcement_days_before = models.PositiveSmallIntegerField(
        _("aankondiging: dagen van tevoren"),
        default=14,
        help_text=_("Oproep om een hulpvraag in te brengen. 0: geen aankondiging."),
    )
    reminder_working_days_before = models.PositiveSmallIntegerField(
        _("eerste herinnering: werkdagen van tevoren"),
        default=1,
        help_text=_("1: de werkdag ervoor (vrijdag bij een maandag). 0: geen."),
    )
    reminder_time = models.TimeField(_("eerste herinnering: tijd"), default="09:00")
    reminder_minutes_before = models.PositiveSmallIntegerField(
        _("tweede herinnering: minuten van tevoren"),
        default=15,
        help_text=_("Met de link om mee te doen. 0: geen."),
    )
    join_minutes_before = models.PositiveSmallIntegerField(
        _("link zichtbaar: minuten van tevoren"), default=15
    )

    panels = [
        FieldPanel("rule"),
        NextDatesPanel(heading=_("Volgende data")),
        FieldPanel("duration_minutes"),
        FieldPanel("holiday_policy"),
        FieldPanel("months_ahead"),
        FieldPanel("max_inbrengers"),
        FieldPanel("announcement_days_before"),
        FieldPanel("reminder_working_days_before"),
        FieldPanel("reminder_time"),
        FieldPanel("reminder_minutes_before"),
        FieldPanel("join_minutes_before"),
    ]

    class Meta:
        verbose_name = _("zorgoverleg-instellingen")
        verbose_name_plural = _("zorgoverleg-instellingen")

    @property
    def duration(self) -> timedelta:
        return timedelta(minutes=self.duration_minutes)


class RoomQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def moderated_by(self, user):
        return self.filter(moderators=user)

    def visible_to(self, user):
        """Active rooms for everyone verified; inactive ones too for their moderators and for
        moderators of the whole site. Nothing for unverified accounts."""
        if not (user and user.is_authenticated and user.is_verified_professional):
            return self.none()
        if user.has_perm("vragen.moderate_vraag"):
            return self
        return self.filter(
            Q(is_active=True)
            | Q(pk__in=Room.moderators.through.objects.filter(user_id=user.pk).values("room_id"))
        )


class Room(models.Model):
    """An online room of the zorgoverleg, for one or more risk factors or a theme."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("beschrijving"), blank=True)
    risicofactoren = models.ManyToManyField(
        Risicofactor, verbose_name=_("risicofactoren"), blank=True, related_name="rooms"
    )
    moderators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderatoren"),
        blank=True,
        related_name="zorgoverleg_rooms",
        limit_choices_to={"groups__name": "Moderatoren"},
        help_text=_("Zij zien de agenda van deze kamer en beoordelen de hulpvragen."),
    )
    meeting_url = models.URLField(
        _("link naar de online vergaderomgeving"),
        help_text=_("De videobel-link van de organisatie. Alleen aangemelde deelnemers zien hem."),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    sort_order = models.PositiveIntegerField(_("volgorde"), default=0)

    objects = RoomQuerySet.as_manager()

    class Meta:
        verbose_name = _("overlegkamer")
        verbose_name_plural = _("overlegkamers")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Gepland")
    CANCELLED = "cancelled", _("Afgelast")


class SessionQuerySet(models.QuerySet):
    def planned(self):
        return self.filter(status=SessionStatus.PLANNED)

    def upcoming(self, now=None):
        """Sessions that have not ended yet, soonest first."""
        now = now or timezone.now()
        return self.filter(ends_at__gt=now).order_by("starts_at", "room__sort_order", "room_id")

    def past(self, now=None):
        now = now or timezone.now()
        return self.filter(ends_at__lte=now).order_by("-starts_at", "room__sort_order")

    def signed_up_by(self, user):
        """Sessions `user` has an active sign-up for (cancelled sessions included)."""
        return self.filter(signups__user=user, signups__cancelled_at__isnull=True)

    def visible_to(self, user):
        """Sessions of the rooms `user` may see (see RoomQuerySet.visible_to)."""
        return self.filter(room__in=Room.objects.visible_to(user))

    def for_overview(self):
        """Everything the overview shows, with counts, in constant queries. A rejected
        hulpvraag does not take an inbrenger's place."""
        active = Q(signups__cancelled_at__isnull=True)
        inbrenger = Q(signups__role=SignupRole.INBRENGER) & ~Q(
            signups__hulpvraag_status=HulpvraagStatus.REJECTED
        )
        return self.select_related("room").annotate(
            inbrenger_count=Count("signups", filter=active & inbrenger, distinct=True),
            meeluisteraar_count=Count(
                "signups", filter=active & Q(signups__role=SignupRole.MEELUISTERAAR), distinct=True
            ),
        )


class Session(models.Model):
    """One meeting of one room. Created by the schedule; a moderator may move or cancel it."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("begint om"), db_index=True)
    ends_at = models.DateTimeField(_("eindigt om"))
    # The date the recurrence gave, before a holiday or a moderator moved it: with the
    # room, the key the scheduled job uses to create each session once.
    original_date = models.DateField(_("oorspronkelijke datum"))
    moved_reason = models.CharField(_("reden van verplaatsen"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    cancel_reason = models.CharField(_("reden van afgelasten"), max_length=200, blank=True)
    # Set when a moderator moved or cancelled it: the scheduled job leaves it alone.
    changed_by_moderator = models.BooleanField(default=False, editable=False)
    # iCalendar SEQUENCE: goes up on every change participants should notice.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    announcement_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    verslag = models.TextField(_("verslag"), blank=True)
    verslag_html = models.TextField(editable=False, blank=True)
    verslag_findings = models.JSONField(default=list, blank=True, editable=False)
    verslag_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verslag_at = models.DateTimeField(null=True, blank=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        ordering = ["starts_at", "room__sort_order", "room_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["room", "original_date"], name="session_once_per_room_and_date"
            ),
        ]

    def __str__(self) -> str:
        # Neutral: the audit log copies this into its label.
        return f"Bijeenkomst {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("zorgoverleg:session", kwargs={"pk": self.pk})

    @property
    def is_cancelled(self) -> bool:
        return self.status == SessionStatus.CANCELLED

    @property
    def duration(self) -> timedelta:
        return self.ends_at - self.starts_at

    def has_started(self, now=None) -> bool:
        return self.starts_at <= (now or timezone.now())

    def has_ended(self, now=None) -> bool:
        return self.ends_at <= (now or timezone.now())

    @property
    def when_text(self) -> str:
        """Dutch date and time, e.g. "maandag 7 december 2026, 12:00–12:30"."""
        return format_session(self.starts_at, self.ends_at)

    def join_opens_at(self, config: ZorgoverlegSettings | None = None):
        """When the join link appears: `join_minutes_before` minutes before the start."""
        config = config or ZorgoverlegSettings.load()
        return self.starts_at - timedelta(minutes=config.join_minutes_before)

    def is_join_open(self, now=None, config: ZorgoverlegSettings | None = None) -> bool:
        """True from `join_opens_at` until the end, for a session that takes place. Who may
        see the link (signed up, or the room's moderator) is for the view to decide."""
        now = now or timezone.now()
        return not self.is_cancelled and self.join_opens_at(config) <= now < self.ends_at


class SignupRole(models.TextChoices):
    INBRENGER = "inbrenger", _("Inbrenger: ik breng een hulpvraag in")
    MEELUISTERAAR = "meeluisteraar", _("Meeluisteraar: ik luister en denk mee")


class HulpvraagStatus(models.TextChoices):
    NONE = "", _("Geen hulpvraag")
    IN_REVIEW = "in_review", _("Wacht op moderator")
    APPROVED = "approved", _("Op de agenda")
    REJECTED = "rejected", _("Afgewezen")


class SignupQuerySet(models.QuerySet):
    def active(self):
        return self.filter(cancelled_at__isnull=True)

    def inbrengers(self):
        return self.active().filter(role=SignupRole.INBRENGER)

    def taking_places(self):
        """Active inbrengers whose hulpvraag was not rejected: they count towards the cap."""
        return self.inbrengers().exclude(hulpvraag_status=HulpvraagStatus.REJECTED)

    def agenda(self):
        """The hulpvragen of a session in agenda order (approved first, then by sign-up)."""
        return (
            self.inbrengers()
            .exclude(hulpvraag_status=HulpvraagStatus.REJECTED)
            .select_related("user__profile__discipline")
            .order_by("position", "created_at", "id")
        )


class Signup(models.Model):
    """A professional signed up for one session, as inbrenger or meeluisteraar."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="signups")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="zorgoverleg_signups"
    )
    role = models.CharField(_("ik doe mee als"), max_length=20, choices=SignupRole.choices)
    hulpvraag = models.TextField(_("hulpvraag"), blank=True, max_length=1500)
    hulpvraag_status = models.CharField(
        max_length=20, choices=HulpvraagStatus.choices, blank=True, default=HulpvraagStatus.NONE
    )
    hulpvraag_findings = models.JSONField(default=list, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # Written by the moderator to the inbrenger only; never copied into e-mails or the log.
    review_reason = models.CharField(_("reden van afwijzen"), max_length=500, blank=True)
    # Agenda order, set by the room's moderator; new inbrengers go last.
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # None: not marked yet.
    attended = models.BooleanField(_("aanwezig"), null=True, blank=True)
    # Each reminder once: claimed with a conditional update by the scheduled job.
    reminder_day_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminder_soon_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The Vraagbaak question this hulpvraag became after the session.
    vraag = models.OneToOneField(
        "vragen.Vraag",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="zorgoverleg_signup",
    )

    objects = SignupQuerySet.as_manager()

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["session", "position", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="signup_once_per_session"),
        ]

    def __str__(self) -> str:
        return f"Aanmelding {self.pk}"

    @property
    def is_active(self) -> bool:
        return self.cancelled_at is None

    @property
    def is_inbrenger(self) -> bool:
        return self.role == SignupRole.INBRENGER


def _new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A personal calendar feed URL with a secret token; revoking gives a new token."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="zorgoverleg_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=_new_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("agenda-abonnement")
        verbose_name_plural = _("agenda-abonnementen")

    def __str__(self) -> str:
        return f"Agenda-abonnement {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("zorgoverleg:feed", kwargs={"token": self.token})
