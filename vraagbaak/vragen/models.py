"""Questions (vragen) and answers (antwoorden).

Plain models with one status field and one transition table (STYLE.md B3): no
Wagtail revisions, so text a moderator removes for anonymity is kept nowhere.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from vraagbaak.taxonomie.models import Fase, Risicofactor, Stadsdeel, Vraagtype


class VraagStatus(models.TextChoices):
    IN_REVIEW = "in_review", _("Wacht op moderator")
    OPEN = "open", _("Open")
    SOLVED = "solved", _("Opgelost")
    CLOSED = "closed", _("Gesloten")
    REJECTED = "rejected", _("Afgewezen")


class CloseReason(models.TextChoices):
    """Why a moderator closed a question that is not solved (BRIEF §2.4)."""

    DUPLICATE = "duplicate", _("Dubbel: deze vraag is al eerder gesteld")
    UNSUITABLE = "unsuitable", _("Niet geschikt of acuut")
    EXPIRED = "expired", _("Verlopen")


ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    # approve / reject / close (e.g. acuut) straight from the queue
    VraagStatus.IN_REVIEW: {VraagStatus.OPEN, VraagStatus.REJECTED, VraagStatus.CLOSED},
    # solve / close / back to the queue (edited, or hidden by meldingen)
    VraagStatus.OPEN: {VraagStatus.SOLVED, VraagStatus.CLOSED, VraagStatus.IN_REVIEW},
    # reopen
    VraagStatus.SOLVED: {VraagStatus.OPEN},
    VraagStatus.CLOSED: {VraagStatus.OPEN},
    VraagStatus.REJECTED: set(),
}

PUBLISHED_STATUSES = (VraagStatus.OPEN, VraagStatus.SOLVED, VraagStatus.CLOSED)


class InvalidTransition(Exception):
    """A status change the transition table does not allow; carries a Dutch message."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def ensure_transition(vraag: Vraag, new_status: str) -> None:
    if new_status not in ALLOWED_TRANSITIONS[vraag.status]:
        raise InvalidTransition(
            _("Deze vraag kan niet van ‘%(old)s’ naar ‘%(new)s’.")
            % {"old": VraagStatus(vraag.status).label, "new": VraagStatus(new_status).label}
        )


class VraagQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status__in=PUBLISHED_STATUSES)

    def visible_to(self, user):
        """What `user` may see: published questions, plus their own unpublished ones;
        moderators see everything. Unverified users see nothing."""
        if not user.is_authenticated or not user.is_verified_professional:
            return self.none()
        if user.has_perm("vragen.moderate_vraag"):
            return self
        return self.filter(Q(status__in=PUBLISHED_STATUSES) | Q(author=user))

    def for_listing(self):
        """Everything a question list shows, in a constant number of queries."""
        return (
            self.select_related("author__profile__discipline", "fase", "stadsdeel")
            .prefetch_related("risicofactoren", "vraagtypes")
            .annotate(
                antwoord_count=Count(
                    "antwoorden",
                    filter=Q(antwoorden__is_hidden=False, antwoorden__is_held=False),
                    distinct=True,
                )
            )
        )

    def for_detail(self):
        """Everything a question page shows about the question itself, in constant queries."""
        return self.select_related(
            "author__profile__discipline", "fase", "stadsdeel"
        ).prefetch_related("risicofactoren", "vraagtypes", "tags")

    def filtered(
        self, *, risicofactor=None, fase=None, stadsdeel=None, vraagtype=None, status=None
    ):
        qs = self
        if risicofactor:
            qs = qs.filter(
                Exists(
                    Vraag.risicofactoren.through.objects.filter(
                        vraag_id=OuterRef("pk"), risicofactor__slug=risicofactor
                    )
                )
            )
        if vraagtype:
            qs = qs.filter(
                Exists(
                    Vraag.vraagtypes.through.objects.filter(
                        vraag_id=OuterRef("pk"), vraagtype__slug=vraagtype
                    )
                )
            )
        if fase:
            qs = qs.filter(fase__slug=fase)
        if stadsdeel:
            qs = qs.filter(stadsdeel__slug=stadsdeel)
        if status:
            qs = qs.filter(status=status)
        return qs

    def in_review_queue(self):
        """Questions waiting for a moderator: urgent risk factors first, then the oldest."""
        urgent = Exists(
            Vraag.risicofactoren.through.objects.filter(
                vraag_id=OuterRef("pk"), risicofactor__is_urgent=True
            )
        )
        return (
            self.filter(status=VraagStatus.IN_REVIEW)
            .annotate(is_urgent=urgent)
            .order_by("-is_urgent", "created_at", "id")
        )

    def waiting_for_oplossing(self, now=None):
        """Open, answered questions whose asker did not answer both reminders: the first
        answer is older than `queue_after_days` (ModerationSettings). Oldest first."""
        now = now or timezone.now()
        days = ModerationSettings.load().queue_after_days
        return self.filter(
            status=VraagStatus.OPEN,
            first_answer_at__isnull=False,
            first_answer_at__lte=now - timedelta(days=days),
            oplossing_reminders_sent__gte=2,
        ).order_by("first_answer_at", "id")

    def followed_by(self, user):
        return self.filter(follows__user=user)

    def in_expertise_of(self, user):
        profile = getattr(user, "profile", None)
        if profile is None:
            return self.none()
        return self.filter(risicofactoren__in=profile.expertise.all()).distinct()


class Vraag(models.Model):
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vraagsteller"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="vragen",
    )
    title = models.CharField(_("titel"), max_length=160)
    body = models.TextField(_("beschrijving van de casus"))
    body_html = models.TextField(editable=False, blank=True)
    risicofactoren = models.ManyToManyField(
        Risicofactor, verbose_name=_("risicofactoren"), related_name="vragen"
    )
    fase = models.ForeignKey(
        Fase,
        verbose_name=_("fase"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vragen",
    )
    stadsdeel = models.ForeignKey(
        Stadsdeel,
        verbose_name=_("stadsdeel"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vragen",
    )
    vraagtypes = models.ManyToManyField(
        Vraagtype, verbose_name=_("vraagtype"), blank=True, related_name="vragen"
    )
    tags = TaggableManager(verbose_name=_("trefwoorden"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=VraagStatus.choices, default=VraagStatus.IN_REVIEW
    )
    created_at = models.DateTimeField(_("gesteld op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    # Never null: the question list pages by keyset on (last_activity_at, id).
    last_activity_at = models.DateTimeField(
        _("laatste activiteit"), db_index=True, default=timezone.now
    )
    oplossing = models.TextField(_("oplossing"), blank=True)
    oplossing_html = models.TextField(editable=False, blank=True)
    solved_at = models.DateTimeField(_("opgelost op"), null=True, blank=True)
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Moderation (issue 3). Findings are stored as offsets and labels only, never the text.
    anonymity_findings = models.JSONField(
        _("bevindingen anonimiteitscheck"), default=list, blank=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    moderation_note = models.TextField(
        _("toelichting van de moderator"),
        blank=True,
        help_text=_("Waarom afgewezen, aangepast of gesloten. Zonder gegevens over het gezin."),
    )
    close_reason = models.CharField(
        _("reden van sluiten"), max_length=20, choices=CloseReason.choices, blank=True
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("zelfde vraag als"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
    )
    solved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Solution loop: when the first answer came, and how often we asked for the outcome.
    first_answer_at = models.DateTimeField(_("eerste antwoord op"), null=True, blank=True)
    oplossing_reminders_sent = models.PositiveSmallIntegerField(default=0)
    last_oplossing_reminder_at = models.DateTimeField(null=True, blank=True)
    oplossing_requested_at = models.DateTimeField(
        _("moderator vroeg om de oplossing op"), null=True, blank=True
    )
    import_id = models.CharField(
        _("importsleutel"), max_length=64, unique=True, null=True, blank=True, editable=False
    )

    objects = VraagQuerySet.as_manager()

    class Meta:
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        ordering = ["-last_activity_at", "-id"]
        permissions = [("moderate_vraag", "Kan vragen en antwoorden modereren")]
        indexes = [
            models.Index(
                fields=["status", "-last_activity_at", "-id"], name="vraag_status_activity"
            ),
            models.Index(fields=["-last_activity_at", "-id"], name="vraag_activity"),
        ]

    def __str__(self) -> str:
        # Neutral on purpose: the audit log copies this into its label.
        return f"Vraag {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("vragen:detail", kwargs={"pk": self.pk})

    @property
    def is_published(self) -> bool:
        return self.status in PUBLISHED_STATUSES

    @property
    def is_open(self) -> bool:
        return self.status == VraagStatus.OPEN

    @property
    def is_solved(self) -> bool:
        return self.status == VraagStatus.SOLVED

    @property
    def is_closed_for_answers(self) -> bool:
        return self.status != VraagStatus.OPEN

    @property
    def is_read_only(self) -> bool:
        """Solved, closed and rejected threads take no answers and no edits (but moderators')."""
        return self.status in (VraagStatus.SOLVED, VraagStatus.CLOSED, VraagStatus.REJECTED)

    def findings_for(self, field: str) -> list[dict]:
        """Stored anonymity findings of one field ("title" or "body"); offsets into that field.

        Pass the result with the field's text to `highlight_findings`.
        """
        return [f for f in self.anonymity_findings or [] if f.get("field", "body") == field]


class AntwoordQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Answers on questions `user` may see. Hidden answers only for moderators; held
        answers (waiting for a moderator) only for moderators and their own author."""
        if not user.is_authenticated or not user.is_verified_professional:
            return self.none()
        qs = self.filter(vraag__in=Vraag.objects.visible_to(user))
        if user.has_perm("vragen.moderate_vraag"):
            return qs
        return qs.filter(is_hidden=False).filter(Q(is_held=False) | Q(author=user))

    def published(self):
        """Answers everyone who sees the question sees: not hidden, not held."""
        return self.filter(is_hidden=False, is_held=False)

    def held_queue(self):
        """Answers waiting for a moderator, oldest first."""
        return self.filter(is_held=True).order_by("created_at", "id")

    def for_thread(self, user):
        """Answers of one thread with everything the page shows, in constant queries."""
        return (
            self.select_related("author__profile__discipline")
            .annotate(helpful_count=Count("helpful_marks", distinct=True))
            .annotate(
                marked_helpful=Exists(
                    Helpful.objects.filter(antwoord_id=OuterRef("pk"), user_id=user.pk)
                )
            )
            .order_by("created_at", "id")
        )


class Antwoord(models.Model):
    vraag = models.ForeignKey(Vraag, on_delete=models.CASCADE, related_name="antwoorden")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="antwoorden",
    )
    body = models.TextField(_("antwoord"))
    body_html = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("gegeven op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)
    is_hidden = models.BooleanField(_("verborgen"), default=False)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hidden_at = models.DateTimeField(null=True, blank=True)
    hide_reason = models.CharField(_("reden"), max_length=300, blank=True)
    # Held for a moderator: the anonymity check found something, or meldingen piled up.
    is_held = models.BooleanField(_("wacht op moderator"), default=False)
    # First time others could read it; null while it has never been published (held).
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    anonymity_findings = models.JSONField(
        _("bevindingen anonimiteitscheck"), default=list, blank=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    moderation_note = models.TextField(_("toelichting van de moderator"), blank=True)

    objects = AntwoordQuerySet.as_manager()

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Antwoord {self.pk}"

    @property
    def is_published(self) -> bool:
        """Readable by everyone who sees the question."""
        return not self.is_held and not self.is_hidden

    def get_absolute_url(self) -> str:
        return f"{self.vraag.get_absolute_url()}#antwoord-{self.pk}"


class Helpful(models.Model):
    """A professional marked an answer with *dit hielp*."""

    antwoord = models.ForeignKey(Antwoord, on_delete=models.CASCADE, related_name="helpful_marks")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("‘dit hielp’")
        verbose_name_plural = _("‘dit hielp’-markeringen")
        constraints = [
            models.UniqueConstraint(fields=["antwoord", "user"], name="helpful_once_per_user"),
        ]

    def __str__(self) -> str:
        return f"Dit hielp {self.pk}"


class Follow(models.Model):
    """A professional follows a question and hears of new answers."""

    vraag = models.ForeignKey(Vraag, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("volger")
        verbose_name_plural = _("volgers")
        constraints = [
            models.UniqueConstraint(fields=["vraag", "user"], name="follow_once_per_user")
        ]

    def __str__(self) -> str:
        return f"Volgen {self.pk}"


@register_setting(icon="cog")
class ModerationSettings(BaseGenericSetting):
    """Moderation policy, editable by moderators in the admin (issue 3)."""

    premoderation = models.BooleanField(
        _("voormoderatie van vragen"),
        default=True,
        help_text=_("Aan: een nieuwe of bewerkte vraag is pas zichtbaar na goedkeuring."),
    )
    daily_question_limit = models.PositiveSmallIntegerField(
        _("maximaal aantal nieuwe vragen per persoon per dag"), default=5
    )
    report_threshold = models.PositiveSmallIntegerField(
        _("aantal meldingen waarna een bijdrage verborgen wordt"), default=3
    )
    first_reminder_days = models.PositiveSmallIntegerField(
        _("eerste vraag naar de oplossing (dagen na het eerste antwoord)"), default=7
    )
    second_reminder_days = models.PositiveSmallIntegerField(
        _("tweede vraag naar de oplossing (dagen na het eerste antwoord)"), default=14
    )
    queue_after_days = models.PositiveSmallIntegerField(
        _("naar de moderatoren (dagen na het eerste antwoord)"), default=21
    )

    class Meta:
        verbose_name = _("moderatie-instellingen")
        verbose_name_plural = _("moderatie-instellingen")
