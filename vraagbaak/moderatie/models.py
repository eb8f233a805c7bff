"""Meldingen: professionals report a question or answer to the moderators."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vraagbaak.vragen.models import Antwoord, Vraag


class MeldingReason(models.TextChoices):
    NOT_ANONYMOUS = "not_anonymous", _("Niet anoniem: een gezin is te herkennen")
    INCORRECT = "incorrect", _("Onjuist")
    INAPPROPRIATE = "inappropriate", _("Ongepast")
    OTHER = "other", _("Anders")


class MeldingQuerySet(models.QuerySet):
    def open(self):
        return self.filter(handled_at__isnull=True)


class Melding(models.Model):
    """One report of one question or answer by one professional."""

    vraag = models.ForeignKey(
        Vraag, on_delete=models.CASCADE, null=True, blank=True, related_name="meldingen"
    )
    antwoord = models.ForeignKey(
        Antwoord, on_delete=models.CASCADE, null=True, blank=True, related_name="meldingen"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.CharField(_("reden"), max_length=20, choices=MeldingReason.choices)
    explanation = models.TextField(_("toelichting"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("gemeld op"), auto_now_add=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    handled_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)

    objects = MeldingQuerySet.as_manager()

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(vraag__isnull=False, antwoord__isnull=True)
                | Q(vraag__isnull=True, antwoord__isnull=False),
                name="melding_one_target",
            ),
            models.UniqueConstraint(
                fields=["reporter", "vraag"],
                condition=Q(vraag__isnull=False),
                name="melding_once_per_vraag",
            ),
            models.UniqueConstraint(
                fields=["reporter", "antwoord"],
                condition=Q(antwoord__isnull=False),
                name="melding_once_per_antwoord",
            ),
        ]

    def __str__(self) -> str:
        return f"Melding {self.pk}"

    @property
    def target(self):
        return self.vraag or self.antwoord
