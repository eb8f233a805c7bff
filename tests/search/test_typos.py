"""Typo correction per word on the database backend: a query word that occurs nowhere is
replaced by the nearest indexed word before the search runs, and the page says so.

Runs on SQLite by default and on PostgreSQL with DATABASE_URL set (real index, real
vocabulary ``search_word``, filled by the index writers)."""

import pytest
from django.db import connection

from tests.factories import AntwoordFactory, RisicofactorFactory, VraagFactory, make_user
from vraagbaak.search.index import rebuild_vocabulary
from vraagbaak.search.service import search
from vraagbaak.search.types import SearchQuery
from vraagbaak.vragen.models import VraagStatus

pytestmark = pytest.mark.django_db

SEARCH = "/zoeken/"


@pytest.fixture
def corpus(db):
    """One question about debt counselling for a pregnant client, and more questions about
    pregnant clients that say nothing about debts."""
    risico = RisicofactorFactory()
    schuld = VraagFactory(
        title="Zwangere met huurachterstand, ontruiming dreigt",
        body="Er is nog geen schuldhulpverlening. Wie kan met spoed iets doen?",
        risicofactoren=[risico],
    )
    others = [
        VraagFactory(
            title=f"Zwangere cliënte mist afspraken ({n})",
            body="Ze komt niet op de controles bij de verloskundige.",
            risicofactoren=[risico],
        )
        for n in range(4)
    ]
    return {"schuld": schuld, "others": others}


def find(user, text):
    return search(SearchQuery(text=text), user=user)


def ids(results):
    return [h.vraag_id for h in results.hits]


def test_misspelt_word_in_a_longer_query_is_corrected_before_searching(corpus, professional):
    results = find(professional, "schuldhulpverleining zwangere")
    assert results.corrections == {"schuldhulpverleining": "schuldhulpverlening"}
    assert ids(results)[0] == corpus["schuld"].pk
    # The corrected word is highlighted in the hit.
    assert "<mark>schuldhulpverlening</mark>" in results.hits[0].snippet_html


def test_results_page_says_which_word_was_corrected(professional_client, corpus):
    response = professional_client.get(SEARCH, {"q": "schuldhulpverleining zwangere"})
    content = response.content.decode()
    assert "Geen resultaten voor ‘schuldhulpverleining’. We zochten op ‘schuldhulpverlening’." in (
        content
    )
    # What the user typed stays in the search box.
    assert 'value="schuldhulpverleining zwangere"' in content
    assert response.context["items"][0].vraag.pk == corpus["schuld"].pk


def test_correctly_spelt_query_is_not_corrected(professional_client, corpus):
    response = professional_client.get(SEARCH, {"q": "schuldhulpverlening zwangere"})
    assert response.context["results"].corrections == {}
    assert not response.context["results"].is_fuzzy
    assert "We zochten op" not in response.content.decode()
    assert response.context["items"][0].vraag.pk == corpus["schuld"].pk


def test_word_without_near_neighbour_gives_the_no_results_page(professional_client, corpus):
    response = professional_client.get(SEARCH, {"q": "xylofoonqwerty"})
    content = response.content.decode()
    assert response.context["results"].total == 0
    assert response.context["results"].corrections == {}
    assert "We vonden geen vragen bij ‘xylofoonqwerty’." in content
    assert "Kijk of de woorden goed gespeld zijn." in content
    assert "We zochten op" not in content


def test_unknown_word_next_to_a_known_one_still_finds_the_known_one(corpus, professional):
    results = find(professional, "xylofoonqwerty zwangere")
    assert results.corrections == {}
    assert set(ids(results)) == {corpus["schuld"].pk, *(v.pk for v in corpus["others"])}


def test_words_of_a_new_question_and_its_answers_become_known(corpus, professional):
    assert find(professional, "kraamtranen").total == 0
    assert find(professional, "borstvoedingscafe").total == 0
    vraag = VraagFactory(title="Moeder heeft last van kraamtranen", body="Wat kan ik doen?")
    AntwoordFactory(vraag=vraag, body="Verwijs haar naar het borstvoedingscafe in de wijk.")

    typo = find(professional, "kraamtrannen")
    assert typo.corrections == {"kraamtrannen": "kraamtranen"}
    assert ids(typo) == [vraag.pk]
    in_answer = find(professional, "borstvoedingscaffe")
    assert in_answer.corrections == {"borstvoedingscaffe": "borstvoedingscafe"}
    assert ids(in_answer) == [vraag.pk]


def test_questions_in_review_do_not_lend_their_words(corpus, professional):
    VraagFactory(
        in_review=True,
        title="Tweelingzwangerschap bij een cliënte zonder netwerk",
        body="Nog niet goedgekeurd.",
    )
    results = find(professional, "tweelingzwangerschp")
    assert results.corrections == {}
    assert results.total == 0


def test_words_of_rejected_questions_and_hidden_answers_are_not_suggested(
    corpus, professional, moderator
):
    # Published first, so their words were added to the vocabulary; then taken away.
    named = VraagFactory(title="Gezin aan de Pietersbergweg", body="Wie kent dit gezin?")
    named.status = VraagStatus.REJECTED
    named.save()
    antwoord = AntwoordFactory(vraag=corpus["schuld"], body="Bel mevrouw Vanderkloosterman.")
    antwoord.is_hidden = True
    antwoord.save()

    for text in ("pietersbergwg", "vanderklosterman"):
        results = find(professional, text)
        assert results.corrections == {}
        assert results.total == 0
    # A moderator may see the rejected question, so the suggestion is fine for them.
    assert find(moderator, "pietersbergwg").corrections == {"pietersbergwg": "pietersbergweg"}


def test_rebuild_fills_the_vocabulary_with_published_words_only(corpus, professional):
    # rebuild_database_index ends with this step; the migration runs it for existing installs.
    VraagFactory(in_review=True, title="Tweelingzwangerschap", body="Nog niet goedgekeurd.")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_word")
    assert find(professional, "controlles").corrections == {}
    rebuild_vocabulary()

    assert find(professional, "controlles").corrections == {"controlles": "controles"}
    with connection.cursor() as cursor:
        cursor.execute("SELECT word FROM search_word")
        words = {w for (w,) in cursor.fetchall()}
    assert {"schuldhulpverlening", "zwangere", "controles"} <= words
    assert "tweelingzwangerschap" not in words


def test_thesaurus_word_can_be_the_correction(professional):
    # The question says "schuldhulp"; the thesaurus knows "schuldhulpverlening" as the
    # same thing, so a typo of the long form still reaches it.
    vraag = VraagFactory(title="Hoogzwangere met huurachterstand", body="Er is geen schuldhulp.")
    results = find(professional, "schuldhulpverleining")
    assert results.corrections == {"schuldhulpverleining": "schuldhulpverlening"}
    assert ids(results) == [vraag.pk]


def test_unverified_users_get_no_corrections(corpus):
    user = make_user(verified=False)
    results = find(user, "schuldhulpverleining")
    assert (results.total, results.corrections) == (0, {})
