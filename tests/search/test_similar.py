"""Similar questions ("vergelijkbare vragen" on a question page, the panel in the ask form):
questions that share the rare, meaningful words of a text come first.

Runs on SQLite (term counts from FTS5) and on PostgreSQL with DATABASE_URL set. On
PostgreSQL the rarity of words comes from the statistics ANALYZE keeps (autovacuum on a
live install); the ``statistics`` fixture runs it inside the test's transaction.
"""

import pytest
from django.db import connection
from django.urls import reverse

from tests.factories import VraagFactory
from vraagbaak.search import analysis
from vraagbaak.search.database import forget_term_stats, pg_term_stats
from vraagbaak.search.service import similar
from vraagbaak.vragen.actions import close_vraag
from vraagbaak.vragen.models import CloseReason

pytestmark = pytest.mark.django_db

#: Words of the everyday questions below: every one says "moeder" and "zorg".
EVERYDAY = [
    "borstvoeding",
    "slaapproblemen",
    "kinderopvang",
    "vaccinaties",
    "huilbaby",
    "bekkenpijn",
    "kraamtranen",
    "zwangerschapsverlof",
    "tandarts",
    "verhuizing",
]


@pytest.fixture
def statistics():
    """Bring the term statistics up to date, as autovacuum does (PostgreSQL's ANALYZE;
    SQLite counts terms as it goes)."""

    def analyze():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE search_searchentry")
        forget_term_stats()

    yield analyze
    forget_term_stats()


@pytest.fixture
def everyday(db):
    return [
        VraagFactory(title=f"Moeder vraagt zorg bij {word}", body=f"Het gaat om {word} en zorg.")
        for word in EVERYDAY
    ]


def ids(hits):
    return [h.vraag_id for h in hits]


def test_similar_ranks_shared_rare_words_above_shared_common_words(
    professional, everyday, statistics
):
    rare = VraagFactory(
        title="Vraag over een gezin in Noord",
        body="Ze hebben een huurachterstand en de verhuurder wil schuldhulp.",
    )
    common = VraagFactory(
        title="Moeder wil meer zorg in huis", body="De moeder vraagt om zorg in de avond."
    )
    statistics()
    hits = ids(
        similar("Moeder met een huurachterstand zoekt schuldhulp en zorg", user=professional)
    )
    assert hits[0] == rare.pk
    assert common.pk not in hits[: hits.index(rare.pk)]


def test_similar_ranks_questions_sharing_more_rare_words_first(professional, everyday, statistics):
    one = VraagFactory(title="Ontruiming na een brand", body="Het huis is onbewoonbaar.")
    two = VraagFactory(
        title="Vraag over een woning",
        body="De verhuurder dreigt met ontruiming wegens de huurachterstand.",
    )
    statistics()
    hits = ids(similar("Zwangere met huurachterstand, ontruiming dreigt", user=professional))
    assert hits[:2] == [two.pk, one.pk]


def test_similar_still_lists_a_question_that_shares_one_rare_word(
    professional, everyday, statistics
):
    twins = VraagFactory(title="Tweelingzwangerschap en werk", body="Hoe lang doorwerken?")
    statistics()
    hits = ids(similar("Kraamhulp bij een tweelingzwangerschap", user=professional))
    assert hits[0] == twins.pk


def test_similar_finds_questions_in_other_words(professional, everyday, statistics):
    buurtteam = VraagFactory(
        title="Warme overdracht naar het Buurtteam", body="Wie neemt de regie?"
    )
    statistics()
    assert buurtteam.pk in ids(similar("Overdracht aan het wijkteam", user=professional))


def test_similar_shows_a_reader_only_what_they_may_see(
    professional, other_professional, moderator, everyday, statistics
):
    published = VraagFactory(
        title="Huurachterstand bij een zwangere", body="Wie helpt met schuldhulp?"
    )
    in_review = VraagFactory(
        author=other_professional,
        title="Huurachterstand en schuldhulp",
        body="Nog niet gepubliceerd.",
        in_review=True,
    )
    statistics()
    text = "Huurachterstand, schuldhulp nodig"
    assert ids(similar(text, user=professional)) == [published.pk]
    assert set(ids(similar(text, user=other_professional))) == {published.pk, in_review.pk}
    assert set(ids(similar(text, user=moderator))) == {published.pk, in_review.pk}


def test_question_page_lists_similar_questions_without_itself_and_duplicates(
    professional_client, moderator, everyday, statistics
):
    vraag = VraagFactory(
        title="Moeder met huurachterstand zoekt schuldhulp",
        body="De verhuurder dreigt met ontruiming; ze heeft ook zorg nodig.",
    )
    duplicate = VraagFactory(
        title="Moeder met huurachterstand zoekt schuldhulp", body="Dreigende ontruiming."
    )
    close_vraag(duplicate, by=moderator, reason=CloseReason.DUPLICATE, duplicate_of=vraag)
    related = VraagFactory(
        title="Schuldhulp bij huurachterstand", body="De woningcorporatie wil ontruimen."
    )
    statistics()
    response = professional_client.get(vraag.get_absolute_url())
    hits = ids(response.context["similar_hits"])
    assert hits[0] == related.pk
    assert vraag.pk not in hits
    assert duplicate.pk not in hits
    assert len(hits) <= 5


def test_ask_form_panel_lists_the_question_with_the_same_rare_words(
    professional_client, everyday, statistics
):
    related = VraagFactory(title="Schuldhulp bij huurachterstand", body="Wie kan bemiddelen?")
    statistics()
    response = professional_client.post(
        reverse("vragen:similar"), {"title": "Moeder zoekt zorg: huurachterstand en schuldhulp"}
    )
    assert response.context["similar_vragen"][0] == related


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's statistics")
def test_term_statistics_come_from_analyze(everyday, statistics):
    statistics()
    stats = pg_term_stats()
    assert stats.rows == len(everyday)
    assert stats.share(analysis.stem("moeder")) == pytest.approx(1.0)
    assert stats.share(analysis.stem("moeder")) > stats.share(analysis.stem("tandarts"))
