"""Controlled vocabularies, kept as data and editable in the admin.

Risk factors follow the Erasmus MC definition plus *ongedocumenteerde ouders*;
disciplines, fases, stadsdelen and vraagtypes come from the seed digest (§2, §3).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TermQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Term(models.Model):
    """Shared shape of a controlled term: a name, a stable slug, an order, on/off."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    sort_order = models.PositiveIntegerField(_("volgorde"), default=0)
    is_active = models.BooleanField(
        _("actief"),
        default=True,
        help_text=_("Uit: niet meer te kiezen, wel zichtbaar bij oude vragen."),
    )

    objects = TermQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Risicofactor(Term):
    description = models.TextField(_("uitleg"), blank=True)
    is_urgent = models.BooleanField(
        _("urgent"),
        default=False,
        help_text=_("Urgente risicofactoren tonen de melding over acute situaties."),
    )

    class Meta(Term.Meta):
        verbose_name = _("risicofactor")
        verbose_name_plural = _("risicofactoren")


class Fase(Term):
    class Meta(Term.Meta):
        verbose_name = _("fase")
        verbose_name_plural = _("fases")


class Stadsdeel(Term):
    class Meta(Term.Meta):
        verbose_name = _("stadsdeel")
        verbose_name_plural = _("stadsdelen")


class Vraagtype(Term):
    description = models.CharField(_("uitleg"), max_length=200, blank=True)

    class Meta(Term.Meta):
        verbose_name = _("vraagtype")
        verbose_name_plural = _("vraagtypes")


class Discipline(Term):
    class Group(models.TextChoices):
        GEBOORTEZORG = "geboortezorg", _("Geboortezorg")
        JGZ = "jgz", _("Jeugdgezondheidszorg")
        HUISARTS = "huisarts", _("Huisartsenzorg")
        ZIEKENHUIS = "ziekenhuis", _("Ziekenhuis")
        SOCIAAL = "sociaal", _("Sociaal domein")
        GGZ = "ggz", _("GGZ, verslaving en LVB")
        KINDEROPVANG = "kinderopvang", _("Kinderopvang")
        INFORMEEL = "informeel", _("Informeel")
        BELEID = "beleid", _("Beleid en programma")

    group = models.CharField(_("groep"), max_length=20, choices=Group.choices)

    class Meta(Term.Meta):
        verbose_name = _("discipline")
        verbose_name_plural = _("disciplines")

    @property
    def is_informal(self) -> bool:
        """Informal partners (ervaringsdeskundige, vrijwilliger) are verified by hand."""
        return self.group == self.Group.INFORMEEL
