"""The thesaurus additions of migration 0005: fresh installs, existing installs, effect.

A fresh install runs 0003 (the seed) and then 0005; an existing install already has the
seed, possibly changed by editors, and runs only 0005. Both must end with every added group
once, and 0005 must leave an editor's groups as they are.
"""

import importlib
import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import VraagFactory
from vraagbaak.search.models import Synoniemgroep, split_terms
from vraagbaak.search.service import search
from vraagbaak.search.synonyms import current_thesaurus
from vraagbaak.search.thesaurus import (
    ABBREVIATIONS,
    DOMAIN_SYNONYMS,
    MORE_SYNONYMS,
    SEED_EXTENSIONS,
    SEED_SYNONYMS,
    merge_abbreviations,
    normalize,
    normalize_groups,
)
from vraagbaak.search.types import SearchQuery

pytestmark = pytest.mark.django_db

seed_migration = importlib.import_module(
    "vraagbaak.search.migrations.0003_seed_thesaurus_and_permissions"
)
more_migration = importlib.import_module("vraagbaak.search.migrations.0005_more_synonyms")


def term_sets(queryset=None) -> list[frozenset[str]]:
    groups = Synoniemgroep.objects.all() if queryset is None else queryset
    return [frozenset(normalize(t) for t in split_terms(g.terms)) for g in groups]


def migration_apps():
    """The app registry as migration 0005 sees it."""
    executor = MigrationExecutor(connection)
    return executor.loader.project_state(("search", "0005_more_synonyms")).apps


def group_with(term: str) -> Synoniemgroep:
    (group,) = [g for g in Synoniemgroep.objects.all() if term in term_sets([g])[0]]
    return group


# --- the data ------------------------------------------------------------------------------


def test_additions_are_new_words_and_extend_existing_seed_groups():
    seeded_terms = {t for g in merge_abbreviations(SEED_SYNONYMS, ABBREVIATIONS) for t in g}
    for group in normalize_groups(MORE_SYNONYMS):
        assert not group & seeded_terms, group
    for anchor, terms in SEED_EXTENSIONS.items():
        assert any(anchor in g for g in SEED_SYNONYMS)
        assert not {normalize(t) for t in terms} & seeded_terms
    counts = Counter(t for g in merge_abbreviations(DOMAIN_SYNONYMS, ABBREVIATIONS) for t in g)
    assert [term for term, n in counts.items() if n > 1] == []


@pytest.mark.parametrize(
    "pair",
    [
        ("kraampsychose", "postpartumpsychose"),
        ("kraampsychose", "puerperale psychose"),
        ("papagroep", "vadergroep"),
        ("zwangerschapswens", "kinderwens"),
        ("middelengebruik", "alcohol- en drugsgebruik"),
        ("cannabisgebruik", "blowen"),
        ("suikerziekte", "diabetes"),
        ("tienerouders", "jonge ouders"),
        ("dakloze", "zonder vaste woonplek"),
        ("eenzame", "geïsoleerd"),
    ],
)
def test_domain_thesaurus_holds_the_additions(pair):
    left, right = (normalize(t) for t in pair)
    assert any(left in g and right in g for g in normalize_groups(DOMAIN_SYNONYMS))


def test_use_is_not_addiction_and_stitches_are_not_attachment():
    groups = normalize_groups(DOMAIN_SYNONYMS)
    assert not any("middelengebruik" in g and "verslaving" in g for g in groups)
    assert not any("hechting" in g for g in groups)


# --- fresh install ---------------------------------------------------------------------------


def test_fresh_install_has_every_group_exactly_once():
    groups = term_sets()
    expected = merge_abbreviations(DOMAIN_SYNONYMS, ABBREVIATIONS)
    assert Counter(groups) == Counter(expected)
    counts = Counter(t for g in groups for t in g)
    assert [term for term, n in counts.items() if n > 1] == []
    assert Synoniemgroep.objects.filter(note=more_migration.NOTE).count() == len(MORE_SYNONYMS)
    assert "postpartumpsychose" in current_thesaurus().lookup["kraampsychose"]


def test_running_0005_again_changes_nothing():
    before = sorted((g.pk, g.terms, g.is_active) for g in Synoniemgroep.objects.all())
    more_migration.add_synonyms(migration_apps(), None)
    after = sorted((g.pk, g.terms, g.is_active) for g in Synoniemgroep.objects.all())
    assert after == before


# --- existing install --------------------------------------------------------------------------


def test_0005_on_an_existing_install_respects_the_editors_groups():
    apps = migration_apps()
    # An install from before 0005: the seed as 0003 made it, then the editors' work.
    Synoniemgroep.objects.all().delete()
    seed_migration.seed(apps, None)
    assert Counter(term_sets()) == Counter(merge_abbreviations(SEED_SYNONYMS, ABBREVIATIONS))
    own = Synoniemgroep.objects.create(
        terms="kraampsychose\npostpartum psychose", note="Redactie: eigen groep"
    )
    switched_off = Synoniemgroep.objects.create(terms="papagroep\nvadergroep", is_active=False)
    isolement = group_with("isolement")
    isolement.terms += "\nalleen staan"
    isolement.save()
    edited = {g.pk: g.terms for g in (own, switched_off, isolement)}

    more_migration.add_synonyms(apps, None)
    more_migration.add_synonyms(apps, None)

    # The editors' groups are untouched and not doubled.
    for pk, terms in edited.items():
        assert Synoniemgroep.objects.get(pk=pk).terms == terms
    assert [g for g in term_sets() if "kraampsychose" in g] == [term_sets([own])[0]]
    assert [g for g in term_sets() if "papagroep" in g] == [term_sets([switched_off])[0]]
    assert "eenzame" not in {t for g in term_sets() for t in g}
    # An unchanged seed group got its words; every other new group is there once.
    assert {"dakloze", "zonder vast adres"} <= term_sets([group_with("dakloos")])[0]
    skipped = {"kraampsychose", "papagroep"}
    for group in normalize_groups(MORE_SYNONYMS):
        found = [g for g in term_sets() if g & group]
        assert len(found) == 1, group
        if not group & skipped:
            assert found[0] == group
    active = term_sets(Synoniemgroep.objects.filter(is_active=True))
    counts = Counter(t for g in active for t in g)
    assert [term for term, n in counts.items() if n > 1] == []


# --- effect on search --------------------------------------------------------------------------


def test_kraampsychose_finds_a_question_about_postpartum_psychosis(professional):
    vraag = VraagFactory(
        title="Postpartumpsychose bij eerste kind: wie doet de nazorg?",
        body="Cliënte is na een opname weer thuis. Wie begeleidt haar de komende maanden?",
    )
    VraagFactory(title="Kraamzorg na een keizersnede", body="Wie regelt extra uren?")
    hits = search(SearchQuery("kraampsychose"), user=professional).hits
    assert [h.vraag_id for h in hits] == [vraag.pk]
    assert [
        h.vraag_id for h in search(SearchQuery("puerperale psychose"), user=professional).hits
    ] == [vraag.pk]


def test_the_additions_find_the_demo_questions():
    from vraagbaak.accounts.models import User
    from vraagbaak.vragen.models import Vraag

    call_command("load_demo_data", stdout=io.StringIO())
    user = User.objects.get(email="professional@vraagbaak.test")
    import_ids = dict(Vraag.objects.filter(import_id__isnull=False).values_list("id", "import_id"))

    def ranked(text: str, *, expand: bool = True) -> list[str]:
        results = search(SearchQuery(text), user=user, expand=expand)
        return [import_ids[h.vraag_id] for h in results.hits]

    # query, the demo question it is about, the place it must reach (at least)
    for query, expected, place in [
        ("papagroep", "V11", 1),  # the question says "vadergroep"
        ("zwangerschapswens", "V16", 1),  # "kinderwens"
        ("zwangerschapswens verstandelijk beperkte vrouw", "V16", 3),
        ("wietgebruik zwanger", "V05", 1),  # "blowen"
        ("dakloze moeder met baby", "V06", 1),  # "zonder vast adres"
        ("eenzame moeder maatje", "V18", 3),  # "geïsoleerd", "isolement"
    ]:
        assert expected in ranked(query)[:place], (query, ranked(query))
    # Without the thesaurus the first ones find nothing: the groups make the difference.
    assert ranked("papagroep", expand=False) == []
    assert "V16" not in ranked("zwangerschapswens", expand=False)
