"""The controlled vocabularies filled by the taxonomie data migration."""

import importlib

import pytest
from django.apps import apps

from vraagbaak.taxonomie.models import Discipline, Fase, Risicofactor, Stadsdeel, Vraagtype

pytestmark = pytest.mark.django_db


def test_risicofactoren_are_the_erasmus_mc_factors_plus_ongedocumenteerde_ouders():
    assert Risicofactor.objects.count() == 12
    assert set(Risicofactor.objects.filter(is_urgent=True).values_list("name", flat=True)) == {
        "Huiselijk geweld",
        "Verslavingsproblematiek",
        "Dak- of thuisloos",
        "Acute psychiatrische problematiek",
    }
    ongedocumenteerd = Risicofactor.objects.get(slug="ongedocumenteerde-ouders")
    assert not ongedocumenteerd.is_urgent
    assert Risicofactor.objects.filter(description="").count() == 0


def test_fases_stadsdelen_and_vraagtypes():
    assert list(Fase.objects.values_list("slug", flat=True)) == [
        "kinderwens-en-preconceptie",
        "zwangerschap",
        "kraamperiode",
        "0-1-jaar",
        "1-2-jaar",
        "interconceptie",
    ]
    assert Fase.objects.get(slug="kraamperiode").name == "Rondom bevalling en kraamperiode"
    assert Stadsdeel.objects.count() == 10
    assert {"Centrum", "Weesp", "Stadsbreed", "Buiten Amsterdam"} <= set(
        Stadsdeel.objects.values_list("name", flat=True)
    )
    assert list(Vraagtype.objects.values_list("name", flat=True)) == [
        "Aanbod vinden",
        "Contactpersoon vinden",
        "Meedenken bij een casus",
    ]


def test_disciplines_cover_every_group():
    used_groups = set(Discipline.objects.values_list("group", flat=True))
    assert used_groups == set(Discipline.Group.values)
    assert Discipline.objects.get(slug="ervaringsdeskundige").is_informal
    assert not Discipline.objects.get(slug="verloskundige").is_informal


def test_load_terms_again_changes_nothing():
    migration = importlib.import_module("vraagbaak.taxonomie.migrations.0002_initial_terms")
    Risicofactor.objects.filter(slug="huiselijk-geweld").update(is_urgent=False)
    before = [m.objects.count() for m in (Risicofactor, Fase, Stadsdeel, Vraagtype, Discipline)]

    migration.load_terms(apps)

    after = [m.objects.count() for m in (Risicofactor, Fase, Stadsdeel, Vraagtype, Discipline)]
    assert after == before
    assert Risicofactor.objects.get(slug="huiselijk-geweld").is_urgent
