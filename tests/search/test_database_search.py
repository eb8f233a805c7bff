"""The database search backend with Dutch text: runs on SQLite (FTS5) by default and on
PostgreSQL (full text with vraagbaak_dutch, unaccent, pg_trgm) with DATABASE_URL set."""

import pytest
from django.db import connection

from tests.factories import (
    AntwoordFactory,
    FaseFactory,
    RisicofactorFactory,
    StadsdeelFactory,
    VraagFactory,
    make_user,
)
from vraagbaak.search.models import Synoniemgroep
from vraagbaak.search.service import search, similar
from vraagbaak.search.types import SearchQuery
from vraagbaak.taxonomie.models import Stadsdeel
from vraagbaak.vragen.actions import close_vraag
from vraagbaak.vragen.models import CloseReason, VraagStatus

pytestmark = pytest.mark.django_db

CORPUS = {
    "financieel": (
        "Cliënte met financiële problemen bij de zorgverzekeraar",
        "Ze heeft een betalingsregeling nodig en weet niet waar ze moet beginnen.",
    ),
    "huur": (
        "Probleem met de huur na de bevalling",
        "De huren in de buurt zijn gestegen en het gezin kan de woning niet meer betalen.",
    ),
    "schuldhulp": (
        "Moeder zoekt schuldhulpverlening in Noord",
        "Alleenstaande moeder met een baby van drie maanden, de brieven stapelen zich op.",
    ),
    "huurachterstand": (
        "Zwangere met een huurachterstand van vier maanden",
        "De verhuurder dreigt met ontruiming. Wie kan bemiddelen?",
    ),
    "lvb": (
        "Vermoeden van een licht verstandelijke beperking bij een jonge vader",
        "Hij begrijpt de afspraken niet goed. Hoe bespreek ik dat zonder te stigmatiseren?",
    ),
    "okt": (
        "Aanmelden bij het Ouder- en Kindteam na de kraamweek",
        "Welke gegevens heeft het team nodig?",
    ),
    "jgz": (
        "Afstemming met de jeugdgezondheidszorg over een te licht kind",
        "Het kind groeit slecht; wanneer schakel ik de jeugdarts in?",
    ),
    "ggz": (
        "Wachtlijst geestelijke gezondheidszorg voor een somber kraamvrouw",
        "Ze moet veertien weken wachten op een intake.",
    ),
    "mdo": (
        "Wie organiseert een multidisciplinair overleg rond dit gezin?",
        "Verloskundige, huisarts en jeugdverpleegkundige willen samen afspraken maken.",
    ),
    "buurtteam": (
        "Warme overdracht naar het Buurtteam",
        "Na de kraamperiode moet iemand de regie houden.",
    ),
    "kraam": (
        "Kraamverzorgende voor een moeder zonder netwerk",
        "Wie betaalt de extra uren als de eigen bijdrage te hoog is?",
    ),
    "zorgmijding": (
        "Ouders die vermijden van zorg na een slechte ervaring",
        "Ze komen niet naar afspraken en nemen de telefoon niet op.",
    ),
}


@pytest.fixture
def corpus(db):
    return {
        key: VraagFactory(title=title, body=body, risicofactoren=[RisicofactorFactory()])
        for key, (title, body) in CORPUS.items()
    }


def ids(results):
    return [h.vraag_id for h in results.hits]


def find(user, text, **kwargs):
    return search(SearchQuery(text=text), user=user, **kwargs)


@pytest.mark.parametrize("text", ["financieel", "financiële", "financiele", "Financiële"])
def test_stems_and_accents_meet(corpus, professional, text):
    assert ids(find(professional, text)) == [corpus["financieel"].pk]


@pytest.mark.parametrize(
    ("text", "key"),
    [("problemen huur", "huur"), ("probleem huren", "huur"), ("huren", "huur")],
)
def test_plural_and_verb_forms_meet(corpus, professional, text, key):
    assert corpus[key].pk in ids(find(professional, text))


def test_stemming_stays_on_without_expansion(corpus, professional):
    assert ids(find(professional, "financieel", expand=False)) == [corpus["financieel"].pk]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("schuldhulp", "schuldhulp"),
        ("schulddienstverlening", "schuldhulp"),
        ("huur achterstand", "huurachterstand"),
        ("huurachterstand", "huurachterstand"),
        ("huurschuld", "huurachterstand"),
    ],
)
def test_compounds_and_their_parts_find_each_other(corpus, professional, text, key):
    assert ids(find(professional, text))[0] == corpus[key].pk


def test_compound_written_apart_finds_the_compound_and_back(professional):
    apart = VraagFactory(title="Huur achterstand en een dreigende ontruiming", body="Wat nu?")
    assert apart.pk in ids(find(professional, "huurachterstand"))


@pytest.mark.parametrize(
    ("text", "key"),
    [("LVB", "lvb"), ("OKT", "okt"), ("JGZ", "jgz"), ("GGZ", "ggz"), ("MDO", "mdo")],
)
def test_abbreviations_find_the_written_out_form(corpus, professional, text, key):
    assert ids(find(professional, text))[0] == corpus[key].pk


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("wijkteam", "buurtteam"),
        ("kraamhulp", "kraam"),
        ("zorgmijders", "zorgmijding"),
        ("geestelijke gezondheidszorg", "ggz"),
    ],
)
def test_thesaurus_pairs(corpus, professional, text, key):
    results = find(professional, text)
    assert ids(results)[0] == corpus[key].pk
    assert results.expanded_terms  # shown to the user as "ook gezocht op"


def test_without_expansion_the_thesaurus_is_off(corpus, professional):
    assert ids(find(professional, "wijkteam", expand=False)) == []
    assert ids(find(professional, "LVB", expand=False)) == []
    assert find(professional, "wijkteam", expand=False).expanded_terms == []


def test_an_editors_new_synonym_group_works_at_once(corpus, professional):
    assert ids(find(professional, "betaalafspraak")) == []
    group = Synoniemgroep(terms="betaalafspraak, betalingsregeling")
    group.full_clean()
    group.save()
    assert ids(find(professional, "betaalafspraak")) == [corpus["financieel"].pk]
    group.is_active = False
    group.save()
    assert ids(find(professional, "betaalafspraak")) == []


def test_typo_falls_back_to_similar_words(corpus, professional):
    results = find(professional, "huurachterstnd")
    assert results.is_fuzzy
    assert ids(results)[0] == corpus["huurachterstand"].pk
    exact = find(professional, "huurachterstand")
    assert not exact.is_fuzzy


def test_nothing_at_all_gives_an_empty_result(corpus, professional):
    results = find(professional, "xylofoonqwerty")
    assert (results.total, results.hits, results.is_fuzzy) == (0, [], False)
    assert results.backend == "database"


def test_all_words_first_then_any_word(corpus, professional):
    # Both words only in one question: that one alone (AND).
    assert ids(find(professional, "huurachterstand ontruiming")) == [corpus["huurachterstand"].pk]
    # No question has both: questions with either word follow (OR), none lost.
    either = ids(find(professional, "verhuurder jeugdarts"))
    assert {corpus["huurachterstand"].pk, corpus["jgz"].pk} <= set(either)


def test_title_match_ranks_above_body_match(professional):
    in_body = VraagFactory(title="Vraag over een gezin", body="Het gaat om de bijstand.")
    in_title = VraagFactory(title="Bijstand aanvragen", body="Hoe gaat dat?")
    assert ids(find(professional, "bijstand")) == [in_title.pk, in_body.pk]


def test_solved_threads_rank_above_unsolved_ones_of_similar_relevance(professional):
    unsolved = VraagFactory(title="Peuteropvang zoeken", body="Welke peuteropvang heeft plek?")
    solved = VraagFactory(
        title="Peuteropvang zoeken", body="Welke peuteropvang heeft plek?", solved=True
    )
    results = find(professional, "peuteropvang")
    assert ids(results) == [solved.pk, unsolved.pk]
    assert [h.is_solved for h in results.hits] == [True, False]


def test_answers_and_solutions_are_searched(professional):
    vraag = VraagFactory(title="Vraag over een gezin", body="Wie weet raad?")
    AntwoordFactory(vraag=vraag, body="Probeer de voedselbank aan de Kinkerstraat.")
    solved = VraagFactory(title="Nog een gezin", body="Wie weet raad?", solved=True)
    assert ids(find(professional, "voedselbank")) == [vraag.pk]
    assert ids(find(professional, "regie")) == [solved.pk]  # the factory's oplossing


# --- Highlighting ----------------------------------------------------------------------------


def test_matched_words_are_marked_and_everything_else_escaped(professional):
    VraagFactory(
        title="Schulden & <b>stress</b> bij zwangere",
        body="Eerst een inleiding. " * 20 + "Daarna de schulden <script>x</script> enzovoort.",
    )
    hit = find(professional, "schulden").hits[0]
    assert hit.title_html == "<mark>Schulden</mark> &amp; &lt;b&gt;stress&lt;/b&gt; bij zwangere"
    assert "<mark>schulden</mark> &lt;script&gt;" in hit.snippet_html
    assert hit.snippet_html.startswith("… ")  # a window around the match, not the start
    assert len(hit.snippet_html) < 400


def test_snippet_comes_from_the_solution_or_an_answer_when_they_match(professional):
    vraag = VraagFactory(title="Een gezin", body="Wie weet raad?")
    AntwoordFactory(vraag=vraag, body="Het Jongerenloket helpt met de aanvraag.")
    hit = find(professional, "jongerenloket").hits[0]
    assert "<mark>Jongerenloket</mark>" in hit.snippet_html


def test_synonym_and_compound_part_are_marked(corpus, professional):
    hit = find(professional, "wijkteam").hits[0]
    assert "<mark>Buurtteam</mark>" in hit.title_html
    hit = find(professional, "schuld").hits[0]
    assert "<mark>schuldhulpverlening</mark>" in hit.title_html


# --- Visibility ------------------------------------------------------------------------------


def test_others_unpublished_questions_never_match(professional, other_professional, moderator):
    own = VraagFactory(author=professional, title="Eigen vraag over kraamtranen", in_review=True)
    theirs = VraagFactory(
        author=other_professional, title="Andere vraag over kraamtranen", in_review=True
    )
    rejected = VraagFactory(
        author=other_professional,
        title="Afgewezen vraag over kraamtranen",
        status=VraagStatus.REJECTED,
    )
    assert ids(find(professional, "kraamtranen")) == [own.pk]
    assert set(ids(find(moderator, "kraamtranen"))) == {own.pk, theirs.pk, rejected.pk}
    counts = {v.value: v.count for v in find(professional, "kraamtranen").facets["status"]}
    assert counts == {"in_review": 1}


def test_unverified_accounts_find_nothing(corpus, unverified_user):
    results = find(unverified_user, "financieel")
    assert (results.total, results.hits) == (0, [])
    assert similar("financiële problemen", user=unverified_user) == []


def test_hidden_and_held_answers_never_match_or_leak(professional, moderator):
    vraag = VraagFactory(title="Een gezin", body="Wie weet raad?")
    AntwoordFactory(vraag=vraag, body="Openbaar antwoord over de voedselbank.")
    AntwoordFactory(vraag=vraag, body="Verborgen tekst over de speelotheek.", is_hidden=True)
    AntwoordFactory(vraag=vraag, body="Wachtende tekst over de speelotheek.", is_held=True)
    assert find(professional, "speelotheek").total == 0
    assert find(moderator, "speelotheek").total == 0
    hit = find(professional, "voedselbank").hits[0]
    assert "speelotheek" not in hit.snippet_html
    assert find(professional, "speelotheek").facets["status"] == []


# --- Facets ----------------------------------------------------------------------------------


@pytest.fixture
def faceted(db):
    zwanger, kraam = (
        FaseFactory(slug="zwanger", name="Fase zwanger"),
        FaseFactory(slug="kraam", name="Fase kraam"),
    )
    noord, west = (
        StadsdeelFactory(slug="noord", name="Deel noord"),
        StadsdeelFactory(slug="west", name="Deel west"),
    )
    geld = RisicofactorFactory(slug="geld", name="Risico geld")
    taal = RisicofactorFactory(slug="taal", name="Risico taal")

    def make(**kwargs):
        return VraagFactory(body="Wie weet raad?", **kwargs)

    return {
        "a": make(title="Schulden a", fase=zwanger, stadsdeel=noord, risicofactoren=[geld]),
        "b": make(title="Schulden b", fase=zwanger, stadsdeel=west, risicofactoren=[geld, taal]),
        "c": make(title="Schulden c", fase=kraam, stadsdeel=noord, risicofactoren=[taal]),
        "d": make(title="Schulden d", fase=kraam, stadsdeel=west, risicofactoren=[geld]),
        "other": make(title="Iets anders", fase=zwanger, stadsdeel=noord, risicofactoren=[geld]),
    }


def facet_counts(results, facet):
    return {v.value: v.count for v in results.facets[facet]}


def test_facet_counts_without_selection(faceted, professional):
    results = find(professional, "schulden")
    assert results.total == 4
    assert facet_counts(results, "fase") == {"zwanger": 2, "kraam": 2}
    assert facet_counts(results, "risicofactor") == {"geld": 3, "taal": 2}
    labels = {v.value: v.label for v in results.facets["stadsdeel"]}
    assert labels == {s.slug: s.name for s in Stadsdeel.objects.filter(slug__in=["noord", "west"])}
    assert facet_counts(results, "status") == {"open": 4}


def test_facets_combine_and_each_ignores_its_own_selection(faceted, professional):
    query = SearchQuery(text="schulden", filters={"fase": ["zwanger"], "stadsdeel": ["noord"]})
    results = search(query, user=professional)
    assert ids(results) == [faceted["a"].pk]
    # fase counts apply only the stadsdeel filter, and the other way round
    assert facet_counts(results, "fase") == {"zwanger": 1, "kraam": 1}
    assert facet_counts(results, "stadsdeel") == {"noord": 1, "west": 1}
    assert facet_counts(results, "risicofactor") == {"geld": 1}
    selected = [v for v in results.facets["fase"] if v.selected]
    assert [(v.value, v.label) for v in selected] == [("zwanger", "Fase zwanger")]


def test_values_within_a_facet_are_ored(faceted, professional):
    query = SearchQuery(text="schulden", filters={"risicofactor": ["geld", "taal"]})
    assert search(query, user=professional).total == 4
    query = SearchQuery(text="schulden", filters={"risicofactor": ["taal"], "fase": ["kraam"]})
    assert ids(search(query, user=professional)) == [faceted["c"].pk]


def test_empty_text_with_filters_browses_newest_first(faceted, professional):
    query = SearchQuery(text="", filters={"fase": ["zwanger"]})
    results = search(query, user=professional)
    assert ids(results) == [faceted["other"].pk, faceted["b"].pk, faceted["a"].pk]


def test_discipline_facet_is_the_askers_discipline(db, professional):
    from tests.factories import DisciplineFactory

    huisarts = DisciplineFactory(slug="huisarts", name="Huisarts")
    asker = make_user(email="huisarts@zorg.test", discipline=huisarts)
    VraagFactory(author=asker, title="Schulden bij een patiënte")
    results = find(professional, "schulden")
    assert facet_counts(results, "discipline") == {"huisarts": 1}
    assert results.facets["discipline"][0].label == "Huisarts"
    # The asker changes discipline: the facet follows.
    asker.profile.discipline = DisciplineFactory(slug="pom", name="POH-GGZ")
    asker.profile.save()
    assert facet_counts(find(professional, "schulden"), "discipline") == {"pom": 1}


def test_selected_unknown_value_is_listed_with_zero(faceted, professional):
    query = SearchQuery(text="schulden", filters={"fase": ["bestaat-niet"]})
    results = search(query, user=professional)
    assert results.total == 0
    assert [(v.value, v.count, v.selected) for v in results.facets["fase"]][-1] == (
        "bestaat-niet",
        0,
        True,
    )


def test_paging(faceted, professional):
    first = search(SearchQuery(text="schulden", page_size=3), user=professional)
    rest = search(SearchQuery(text="schulden", page_size=3, offset=3), user=professional)
    assert (first.total, len(first.hits), len(rest.hits)) == (4, 3, 1)
    assert not set(ids(first)) & set(ids(rest))


# --- Similar ---------------------------------------------------------------------------------


def test_similar_finds_related_questions_solved_first(professional):
    unsolved = VraagFactory(title="Zwangere met schulden", body="Ze heeft een huurachterstand.")
    solved = VraagFactory(
        title="Zwangere met schulden", body="Ze heeft een huurachterstand.", solved=True
    )
    VraagFactory(title="Borstvoeding en werk", body="Kolven op het werk.")
    hits = similar("Zwangere vrouw met schulden en een huurachterstand", user=professional)
    assert [h.vraag_id for h in hits] == [solved.pk, unsolved.pk]


def test_similar_leaves_out_the_question_itself_and_duplicates(professional, moderator):
    original = VraagFactory(title="Kraamzorg zonder verzekering", body="Wie betaalt?")
    duplicate = VraagFactory(title="Kraamzorg zonder verzekering", body="Wie betaalt dat?")
    close_vraag(duplicate, by=moderator, reason=CloseReason.DUPLICATE, duplicate_of=original)
    third = VraagFactory(title="Kraamzorg voor onverzekerde moeder", body="Wie betaalt?")
    hits = similar(original.title + " " + original.body, user=professional, exclude_id=original.pk)
    assert [h.vraag_id for h in hits] == [third.pk]


def test_similar_respects_limit_and_visibility(professional, other_professional):
    for n in range(4):
        VraagFactory(title=f"Vaccinaties bij de baby {n}")
    VraagFactory(author=other_professional, title="Vaccinaties geheim", in_review=True)
    hits = similar("vaccinaties", user=professional, limit=3)
    assert len(hits) == 3
    assert all("geheim" not in h.title_html for h in hits)


# --- PostgreSQL: integer facet codes and broad searches ------------------------------------

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="facet codes and broad searches are PostgreSQL's (SQLite counts in Python)",
)


@on_postgres
def test_facet_codes_in_the_database_match_the_keys(faceted):
    from vraagbaak.search.database import facet_code, facet_key

    with connection.cursor() as cursor:
        cursor.execute("SELECT facet_keys, facet_codes FROM search_searchentry")
        rows = cursor.fetchall()
    assert len(rows) == 5
    for keys, codes in rows:
        assert sorted(codes) == sorted(facet_code(k) for k in keys.split())
        assert sorted(":".join(facet_key(c)) for c in codes) == sorted(keys.split())
    for status in VraagStatus.values:
        with connection.cursor() as cursor:
            cursor.execute("SELECT search_facet_codes(%s)", [f"status:{status}"])
            assert cursor.fetchone()[0] == [facet_code(f"status:{status}")]


@on_postgres
def test_broad_search_pages_the_newest_hits_without_facet_counts(faceted, professional, settings):
    settings.VRAAGBAAK_SEARCH_BROAD_MATCHES = 0  # every search counts as broad
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchentry")
    results = find(professional, "schulden")
    assert results.estimated_total is not None and results.estimated_total >= 1
    assert set(ids(results)) == {faceted[k].pk for k in "abcd"}
    # not counted: every value of the taxonomy is offered, without a number
    assert facet_counts(results, "fase")["zwanger"] is None
    assert set(facet_counts(results, "fase").values()) == {None}
    # filters still apply (in the query itself)
    query = SearchQuery(text="schulden", filters={"risicofactor": ["taal"], "fase": ["kraam"]})
    assert ids(search(query, user=professional)) == [faceted["c"].pk]


@on_postgres
def test_broad_search_page_says_about_how_many(faceted, professional_client, settings):
    settings.VRAAGBAAK_SEARCH_BROAD_MATCHES = 0
    response = professional_client.get("/zoeken/", {"q": "schulden"})
    html = response.content.decode()
    assert "Ongeveer" in html and "vragen gevonden" in html
    assert "Voeg een woord of een filter toe" in html
    assert "Fase zwanger" in html and 'Fase zwanger <span class="vb-facet__count">' not in html


@on_postgres
def test_broad_search_window_holds_the_newest_hits(professional, settings):
    """A broad search reads the newest part of the index (found in the planner's
    histogram of last activity)."""
    from datetime import timedelta

    from django.utils import timezone

    from vraagbaak.search.index import index_vraag
    from vraagbaak.vragen.models import Vraag

    start = timezone.now() - timedelta(days=100)
    newest_first = []
    for day in range(50):
        vraag = VraagFactory(title=f"Schulden {day}", body="Wie weet raad?")
        Vraag.objects.filter(pk=vraag.pk).update(last_activity_at=start + timedelta(days=day))
        index_vraag(vraag.pk)
        newest_first.insert(0, vraag.pk)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchentry")
    settings.VRAAGBAAK_SEARCH_BROAD_MATCHES = 0
    settings.VRAAGBAAK_SEARCH_BROAD_WINDOW = 1
    results = find(professional, "schulden")
    # 1 + a page of 20 out of about 50: the newest 21 or a few more, not all 50.
    assert 21 <= results.total < 30
    assert set(ids(results)) <= set(newest_first[: results.total])
    assert results.estimated_total >= results.total
