"""Multi-word thesaurus phrases match as phrases, not as words scattered over a text.

On PostgreSQL the question's own text carries a joined token per phrase (analysis.Phrases);
SQLite's FTS5 has phrase queries. Both databases run these tests."""

import pytest
from django.db import connection

from tests.factories import VraagFactory
from vraagbaak.search import analysis, index
from vraagbaak.search.models import Synoniemgroep
from vraagbaak.search.service import search
from vraagbaak.search.synonyms import current_thesaurus
from vraagbaak.search.types import SearchQuery


def ids(results):
    return {h.vraag_id for h in results.hits}


def find(user, text):
    return search(SearchQuery(text=text), user=user)


def test_a_phrase_gets_one_joined_token_also_when_inflected():
    phrases = analysis.Phrases(["financiele zorgen", "te weinig slaap"])
    assert analysis.surface_tokens("Zij heeft financiële zorgen.", phrases=phrases) == [
        "zij",
        "heeft",
        "financiele",
        "zorgen",
        "financielzorg",
    ]
    # "financieel" + "zorg" has the same stems as the phrase: same token.
    assert "financielzorg" in analysis.surface_tokens("financieel zorg", phrases=phrases)
    # Scattered words are no phrase.
    assert "financielzorg" not in analysis.surface_tokens(
        "financiele hulp en zorg", phrases=phrases
    )
    # A stop word inside the phrase is part of it.
    assert analysis.joined_token(analysis.phrase_key("te weinig slaap")) in (
        analysis.surface_tokens("Ze krijgt te weinig slaap", phrases=phrases)
    )


def test_the_thesaurus_knows_its_phrases_and_split_compounds(db):
    thesaurus = current_thesaurus()
    assert "financiele zorgen" in thesaurus.phrase_texts
    # huurachterstand is a thesaurus term; its split form is a phrase too.
    assert "huur achterstand" in thesaurus.phrases


@pytest.mark.django_db
def test_a_phrase_synonym_finds_the_phrase_not_its_words_apart(professional):
    phrase = {
        VraagFactory(
            title=f"Gezin {n} met financiële zorgen",
            body="Wie kan helpen met een betalingsregeling?",
        ).pk
        for n in range(3)
    }
    VraagFactory(
        title="Financiële bijdrage voor de kraamzorg",
        body="De eigen bijdrage voor zorg na de bevalling is hoog.",
    )
    results = find(professional, "geldzorgen")
    assert ids(results) == phrase
    assert results.total == 3


@pytest.mark.django_db
def test_a_new_phrase_in_the_thesaurus_reaches_questions_indexed_before(
    professional, django_capture_on_commit_callbacks
):
    word = {VraagFactory(title=f"Moeder {n} kampt met slaapgebrek").pk for n in range(3)}
    phrase = VraagFactory(title="Moeder krijgt te weinig slaap sinds de bevalling").pk
    assert ids(find(professional, "slaapgebrek")) == word

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        group = Synoniemgroep(terms="slaapgebrek, te weinig slaap")
        group.full_clean()
        group.save()
    reindexing = [c for c in callbacks if "index_thesaurus_phrases" in repr(c)]
    assert len(reindexing) == (1 if connection.vendor == "postgresql" else 0)

    assert ids(find(professional, "slaapgebrek")) == word | {phrase}

    # Saving the group again adds no phrase: nothing to re-index.
    with django_capture_on_commit_callbacks() as callbacks:
        group.note = "Gewijzigde toelichting"
        group.save()
    assert not [c for c in callbacks if "index_thesaurus_phrases" in repr(c)]
    if connection.vendor == "postgresql":
        # The question was re-indexed with the phrase's joined token.
        token = analysis.joined_token(analysis.phrase_key("te weinig slaap"))
        assert _has_lexeme(phrase, token)


def _has_lexeme(vraag_id: int, token: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rank_vector @@ to_tsquery(%s, %s) FROM search_searchentry WHERE vraag_id = %s",
            [analysis.PG_CONFIG, token, vraag_id],
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_index_phrases_reindexes_only_questions_with_all_words():
    with_words = VraagFactory(title="Slaap is er te weinig", body="En weinig rust.")
    VraagFactory(title="Genoeg rust", body="Geen zorgen.")
    expected = 1 if connection.vendor == "postgresql" else 0
    assert index.index_phrases(["te weinig slaap"]) == expected
    assert index.index_phrases(["slaap"]) == 0  # one word: no phrase
    if expected:
        # All words, but not as the phrase: no joined token.
        token = analysis.joined_token(analysis.phrase_key("te weinig slaap"))
        assert not _has_lexeme(with_words.pk, token)


@pytest.mark.django_db
def test_postgresql_planner_knows_text_matching_is_expensive():
    """Migration 0009 (else a broad search with a filter can read thousands of vectors)."""
    from django.core import checks

    from vraagbaak.search.checks import check_match_cost

    assert check_match_cost(databases=["default"]) == []
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "ALTER FUNCTION pg_catalog.ts_match_vq(tsvector, tsquery) COST 1"
        )  # rolled back with the test's transaction
    (warning,) = check_match_cost(databases=["default"])
    assert warning.id == "search.W001" and isinstance(warning, checks.Warning)
    assert "COST 100" in warning.hint
