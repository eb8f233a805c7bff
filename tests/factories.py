"""factory_boy factories. Complex state goes through actions, not raw ORM (STYLE.md B7)."""

import factory
from django.utils import timezone

from vraagbaak.accounts.models import Profile, User
from vraagbaak.core.markdown import render_markdown
from vraagbaak.taxonomie.models import Discipline, Fase, Risicofactor, Stadsdeel, Vraagtype
from vraagbaak.vragen.models import Antwoord, Vraag, VraagStatus

PASSWORD = "Geheim-wachtwoord-123"


class DisciplineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Discipline
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Discipline {n}")
    slug = factory.Sequence(lambda n: f"discipline-{n}")
    group = Discipline.Group.GEBOORTEZORG


class RisicofactorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Risicofactor
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Risicofactor {n}")
    slug = factory.Sequence(lambda n: f"risicofactor-{n}")
    is_urgent = False


class FaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fase
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Fase {n}")
    slug = factory.Sequence(lambda n: f"fase-{n}")


class StadsdeelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stadsdeel
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Stadsdeel {n}")
    slug = factory.Sequence(lambda n: f"stadsdeel-{n}")


class VraagtypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vraagtype
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Vraagtype {n}")
    slug = factory.Sequence(lambda n: f"vraagtype-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    """A user with an (unverified) profile; `make_user()` builds ready accounts."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"professional{n}@zorg.test")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def profile(obj, create, extracted, **kwargs):
        if not create:
            return
        obj.save()
        Profile.objects.update_or_create(
            user=obj,
            defaults={
                "display_name": kwargs.get("display_name", f"Collega {obj.pk}"),
                "organisation": kwargs.get("organisation", "Praktijk De Linde"),
                "discipline": kwargs.get("discipline") or DisciplineFactory(),
            },
        )


def make_user(*, verified: bool = True, email: str | None = None, groups=(), **profile) -> User:
    """Create a user with a profile; verified professionals by default."""
    kwargs = {"email": email} if email else {}
    user = UserFactory(**kwargs)
    p = user.profile
    for key, value in profile.items():
        setattr(p, key, value)
    if verified:
        p.verification = Profile.Verification.VERIFIED
        p.verified_via = Profile.VerifiedVia.MODERATOR
        p.verified_at = timezone.now()
    p.save()
    # allauth's mandatory verification: the address of a ready account is confirmed.
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    for name in groups:
        from django.contrib.auth.models import Group

        user.groups.add(Group.objects.get(name=name))
    return user


class VraagFactory(factory.django.DjangoModelFactory):
    """A published, open question. Use traits for other states."""

    class Meta:
        model = Vraag
        skip_postgeneration_save = True

    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Vraag over een zwangere cliënte met schulden ({n})")
    body = "Cliënte is ongeveer 30 weken zwanger en heeft schulden. Wie kan helpen?"
    body_html = factory.LazyAttribute(lambda o: render_markdown(o.body))
    status = VraagStatus.OPEN
    published_at = factory.LazyFunction(timezone.now)
    last_activity_at = factory.LazyFunction(timezone.now)

    class Params:
        in_review = factory.Trait(status=VraagStatus.IN_REVIEW, published_at=None)
        solved = factory.Trait(
            status=VraagStatus.SOLVED,
            oplossing="Het Buurtteam heeft de regie genomen.",
            oplossing_html="<p>Het Buurtteam heeft de regie genomen.</p>",
            solved_at=factory.LazyFunction(timezone.now),
        )

    @factory.post_generation
    def risicofactoren(obj, create, extracted, **kwargs):
        if not create:
            return
        obj.risicofactoren.set(extracted or [RisicofactorFactory()])


class AntwoordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Antwoord

    vraag = factory.SubFactory(VraagFactory)
    author = factory.SubFactory(UserFactory)
    body = "Bel het Buurtteam in het stadsdeel; zij kunnen snel schuldhulp starten."
    body_html = factory.LazyAttribute(lambda o: render_markdown(o.body))
