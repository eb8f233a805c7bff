"""The Elasticsearch backend against a real server. Runs only when ELASTICSEARCH_URL is set, e.g.:

    docker run --rm -p 9200:9200 -e discovery.type=single-node -e xpack.security.enabled=false \\
        docker.elastic.co/elasticsearch/elasticsearch:9.1.0
    ELASTICSEARCH_URL=http://127.0.0.1:9200 \\
        .venv/bin/pytest -q tests/search/test_elastic_integration.py
"""

import os
import uuid

import pytest

from vraagbaak.search import elastic
from vraagbaak.search.types import SearchQuery

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL")

pytestmark = pytest.mark.skipif(
    not ELASTICSEARCH_URL,
    reason=(
        "Elasticsearch is not available here: "
        "set ELASTICSEARCH_URL=http://127.0.0.1:9200 to run against a real server"
    ),
)

SYNONYMS = ["buurtteam, wijkteam", "kraamverzorgende, kraamhulp"]
COMPOUNDS = ["schuld", "hulp", "verlening", "schuldhulp", "huur", "achterstand"]

AUTHOR, OTHER = 1, 2

DOCS = [
    {
        "id": 1,
        "title": "Moeder met huurachterstand zoekt schuldhulpverlening",
        "body": "Een zwangere moeder heeft een huurachterstand. Wie helpt met schulden?",
        "answers": ["Neem contact op met het buurtteam."],
        "oplossing": "Via het buurtteam kwam ze bij de schuldhulpverlening.",
        "status": "solved",
        "fase": ["zwanger"],
        "stadsdeel": ["west"],
        "risicofactor": ["financiele-problemen"],
        "author_id": AUTHOR,
    },
    {
        "id": 2,
        "title": "Vader met schulden en weinig steun",
        "body": "Vader heeft schulden en vindt de weg naar hulp niet. Ook een huurachterstand.",
        "answers": [],
        "status": "open",
        "fase": ["kraam"],
        "stadsdeel": ["west"],
        "risicofactor": ["financiele-problemen"],
        "author_id": AUTHOR,
    },
    {
        "id": 3,
        "title": "Kraamverzorgende voor ongedocumenteerde moeder",
        "body": "Wie regelt een kraamverzorgende als de moeder niet verzekerd is?",
        "answers": [],
        "status": "in_review",
        "fase": ["kraam"],
        "stadsdeel": ["oost"],
        "risicofactor": ["ongedocumenteerd"],
        "author_id": AUTHOR,
    },
]


@pytest.fixture(scope="module")
def es():
    from elasticsearch import Elasticsearch

    client = Elasticsearch(ELASTICSEARCH_URL)
    name = f"test-vraagbaak-{uuid.uuid4().hex[:8]}"
    index = elastic.build_index(name, SYNONYMS, COMPOUNDS)
    index.create(using=client)
    for data in DOCS:
        elastic.document_for(data, index=name).save(using=client)
    client.indices.refresh(index=name)
    yield client, name
    client.indices.delete(index=name)


def search(es, text, filters=None, *, user_id=OTHER, is_moderator=False):
    client, name = es
    query = SearchQuery(text=text, filters=filters or {})
    s = elastic.build_search(
        query, user_id=user_id, is_moderator=is_moderator, index=name, using=client
    )
    return elastic.to_results(s.execute(), query)


def ids(results):
    return [h.vraag_id for h in results.hits]


def test_solved_thread_ranks_first_and_is_highlighted(es):
    results = search(es, "huurachterstand schulden")
    assert set(ids(results)) == {1, 2}
    assert ids(results)[0] == 1
    assert "<mark>" in results.hits[0].title_html


def test_compound_and_synonym_find_the_thread(es):
    assert 1 in ids(search(es, "huur achterstand"))
    assert 1 in ids(search(es, "schuldhulp"))
    assert 1 in ids(search(es, "wijkteam"))


def test_unpublished_question_only_for_author_and_moderator(es):
    assert 3 not in ids(search(es, "kraamhulp", user_id=OTHER))
    # Search-time decompounding also matches "hulp", so other threads may follow; this one leads.
    assert ids(search(es, "kraamhulp", user_id=AUTHOR))[0] == 3
    assert ids(search(es, "kraamverzorgende", is_moderator=True))[0] == 3


def test_facets_count_and_combine(es):
    results = search(es, "", {"fase": ["zwanger"]})
    assert ids(results) == [1]
    fase = {v.value: v.count for v in results.facets["fase"]}
    assert fase == {"zwanger": 1, "kraam": 1}  # own facet ignores its own filter
    stadsdeel = {v.value: v.count for v in results.facets["stadsdeel"]}
    assert stadsdeel == {"west": 1}


def test_similar_questions(es):
    client, name = es
    s = elastic.build_similar(
        "schulden en huurachterstand",
        user_id=OTHER,
        is_moderator=False,
        exclude_id=2,
        index=name,
        using=client,
    )
    assert ids(elastic.to_results(s.execute())) == [1]


# --- Through the project's backend (service.search/similar, zoekindex, the sync job) --------


@pytest.fixture
def es_settings(settings):
    settings.ELASTICSEARCH_URL = ELASTICSEARCH_URL
    settings.ELASTICSEARCH_INDEX = f"test-vraagbaak-{uuid.uuid4().hex[:8]}"
    settings.VRAAGBAAK_SEARCH_BACKEND = "elasticsearch"
    yield settings
    from vraagbaak.search import es_backend

    es_backend.get_client().indices.delete(
        index=settings.ELASTICSEARCH_INDEX, ignore_unavailable=True
    )


@pytest.mark.django_db
def test_backend_indexes_searches_facets_and_similar(es_settings, professional, other_professional):
    from django.core.management import call_command

    from tests.factories import FaseFactory, VraagFactory
    from vraagbaak.search import es_backend, tasks
    from vraagbaak.search.models import SearchEntry
    from vraagbaak.search.service import search as service_search
    from vraagbaak.search.service import similar

    zwanger = FaseFactory(slug="es-zwanger", name="ES zwanger")
    solved = VraagFactory(
        title="Moeder met huurachterstand", body="Wie helpt?", fase=zwanger, solved=True
    )
    unsolved = VraagFactory(title="Vader met huurachterstand", body="Wie helpt?")
    hidden = VraagFactory(author=other_professional, title="Huurachterstand geheim", in_review=True)
    call_command("zoekindex", "--elasticsearch")
    assert not SearchEntry.objects.filter(es_dirty=True).exists()

    results = service_search(SearchQuery("huur achterstand"), user=professional)
    assert results.backend == "elasticsearch"
    ids_found = [h.vraag_id for h in results.hits]
    assert ids_found[:2] == [solved.pk, unsolved.pk] and hidden.pk not in ids_found
    assert {v.value: v.count for v in results.facets["fase"]} == {"es-zwanger": 1}
    assert results.facets["fase"][0].label == "ES zwanger"

    fuzzy = service_search(SearchQuery("huurachterstnd"), user=professional)
    assert fuzzy.is_fuzzy and solved.pk in [h.vraag_id for h in fuzzy.hits]

    hits = similar("huurachterstand bij een moeder", user=professional, exclude_id=solved.pk)
    assert [h.vraag_id for h in hits] == [unsolved.pk]

    # A change reaches Elasticsearch through the task, or later through the sync job.
    unsolved.title = "Vader met een woonprobleem"
    unsolved.save()
    assert tasks.sync_elasticsearch()["pushed"] == 1
    es_backend.get_client().indices.refresh(index=es_settings.ELASTICSEARCH_INDEX)
    assert unsolved.pk in [
        h.vraag_id for h in service_search(SearchQuery("woonprobleem"), user=professional).hits
    ]
