"""Users, their professional profile and the organisations allowlist."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from vraagbaak.taxonomie.models import Discipline, Risicofactor, Stadsdeel


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """An account, signed in by e-mail. Everything professional lives on `Profile`."""

    username = None
    email = models.EmailField(_("e-mailadres"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self) -> str:
        return self.email

    @property
    def is_verified_professional(self) -> bool:
        profile = getattr(self, "profile", None)
        return bool(profile and profile.is_verified)


class Profile(models.Model):
    """What colleagues see next to every question and answer (BRIEF §2.1)."""

    class Verification(models.TextChoices):
        UNVERIFIED = "unverified", _("Nog niet geverifieerd")
        VERIFIED = "verified", _("Geverifieerd")

    class VerifiedVia(models.TextChoices):
        DOMAIN = "domain", _("E-maildomein van een bekende organisatie")
        MODERATOR = "moderator", _("Goedgekeurd door een moderator")

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(_("naam"), max_length=80, blank=True)
    discipline = models.ForeignKey(
        Discipline,
        verbose_name=_("discipline"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.CharField(_("organisatie"), max_length=120, blank=True)
    stadsdelen = models.ManyToManyField(
        Stadsdeel, verbose_name=_("stadsdelen waar ik werk"), blank=True, related_name="+"
    )
    expertise = models.ManyToManyField(
        Risicofactor,
        verbose_name=_("risicofactoren waarover ik kan meedenken"),
        blank=True,
        related_name="+",
    )
    languages = models.CharField(
        _("talen"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: Nederlands, Arabisch, Engels"),
    )
    verification = models.CharField(
        _("verificatie"),
        max_length=20,
        choices=Verification.choices,
        default=Verification.UNVERIFIED,
    )
    verified_via = models.CharField(
        _("geverifieerd via"), max_length=20, choices=VerifiedVia.choices, blank=True
    )
    verified_at = models.DateTimeField(_("geverifieerd op"), null=True, blank=True)
    verified_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("profiel")
        verbose_name_plural = _("profielen")
        permissions = [("verify_profile", "Kan nieuwe accounts goedkeuren")]
        indexes = [models.Index(fields=["verification", "created_at"])]

    def __str__(self) -> str:
        return f"Profiel {self.pk}"

    @property
    def is_verified(self) -> bool:
        return self.verification == self.Verification.VERIFIED

    @property
    def is_complete(self) -> bool:
        return bool(self.display_name and self.discipline_id)

    @property
    def is_informal_partner(self) -> bool:
        return bool(self.discipline and self.discipline.is_informal)


class AllowedDomain(models.Model):
    """An organisation whose e-mail domain verifies new accounts automatically."""

    domain = models.CharField(
        _("e-maildomein"),
        max_length=120,
        unique=True,
        help_text=_("Alleen het deel na de @, bijvoorbeeld ggd.amsterdam.nl"),
    )
    organisation = models.CharField(_("organisatie"), max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("toegestaan e-maildomein")
        verbose_name_plural = _("toegestane e-maildomeinen")
        ordering = ["domain"]

    def __str__(self) -> str:
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = self.domain.strip().lower().lstrip("@")
        super().save(*args, **kwargs)
