"""The Elasticsearch backend without a server: what it would send, and the fallback to the
database when the server is unreachable (ELASTICSEARCH_URL points at a closed port)."""

import logging

import pytest
from django.core.management import CommandError, call_command

from tests.factories import AntwoordFactory, DisciplineFactory, VraagFactory, make_user
from vraagbaak.search import elastic, es_backend, tasks
from vraagbaak.search.models import SearchDeletion, SearchEntry, Synoniemgroep
from vraagbaak.search.service import get_backend, search, similar
from vraagbaak.search.types import SearchQuery
from vraagbaak.vragen.actions import close_vraag
from vraagbaak.vragen.models import CloseReason

pytestmark = pytest.mark.django_db

CLOSED_PORT = "http://127.0.0.1:9"


@pytest.fixture
def es_down(settings):
    settings.ELASTICSEARCH_URL = CLOSED_PORT
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    settings.VRAAGBAAK_SEARCH_BACKEND = "elasticsearch"
    return settings


def test_backends_by_name(settings):
    assert get_backend().name == "database"
    assert get_backend("elasticsearch").name == "elasticsearch"
    settings.VRAAGBAAK_SEARCH_BACKEND = "elasticsearch"
    assert get_backend().name == "elasticsearch"
    with pytest.raises(ValueError):
        get_backend("solr")


def test_documents_hold_published_answers_facet_slugs_and_flags(moderator):
    asker = make_user(email="vk@zorg.test", discipline=DisciplineFactory(slug="vk", name="VK"))
    original = VraagFactory(title="Origineel", body="Tekst")
    vraag = VraagFactory(author=asker, title="Tolk nodig", body="Wie betaalt?")
    vraag.tags.add("taal")
    AntwoordFactory(vraag=vraag, body="Openbaar antwoord")
    AntwoordFactory(vraag=vraag, body="Verborgen antwoord", is_hidden=True)
    AntwoordFactory(vraag=vraag, body="Wachtend antwoord", is_held=True)
    close_vraag(vraag, by=moderator, reason=CloseReason.DUPLICATE, duplicate_of=original)
    (data,) = es_backend.document_data([vraag.pk])
    assert data["answers"] == ["Openbaar antwoord"]
    assert data["body"] == "Wie betaalt? taal"
    assert data["discipline"] == ["vk"]
    assert data["risicofactor"] == [vraag.risicofactoren.get().slug]
    assert (data["status"], data["is_solved"], data["is_duplicate"]) == ("closed", False, True)
    doc = elastic.document_for(data, index="test").to_dict(include_meta=True)
    assert doc["_id"] == vraag.pk and doc["_index"] == "test"


def test_index_body_carries_the_live_thesaurus_and_the_compound_parts():
    Synoniemgroep.objects.create(terms="speelotheek\nspeelgoedbank")
    body = es_backend.index_body("test-vragen")
    filters = body["settings"]["analysis"]["filter"]
    assert "speelgoedbank, speelotheek" in filters["vraagbaak_synonyms"]["synonyms"]
    assert (
        "buurtteam, buurtteams, sociaal wijkteam, wijkteam, wijkteams"
        in (filters["vraagbaak_synonyms"]["synonyms"])
    )
    assert {"schuld", "hulp", "huur"} <= set(filters["vraagbaak_decompounder"]["word_list"])
    assert body["mappings"]["properties"]["is_duplicate"] == {"type": "boolean"}


def test_search_without_expansion_uses_the_analyzer_without_synonyms():
    body = elastic.build_search(
        SearchQuery("wijkteam"), user_id=1, is_moderator=False, analyzer=elastic.INDEX_ANALYZER
    ).to_dict()
    multi_match = body["query"]["bool"]["must"][0]["function_score"]["query"]["multi_match"]
    assert multi_match["analyzer"] == "vraagbaak_dutch"
    default = elastic.build_search(SearchQuery("wijkteam"), user_id=1, is_moderator=False)
    assert "analyzer" not in str(default.to_dict())


def test_unreachable_server_falls_back_to_the_database_and_logs(es_down, professional, caplog):
    vraag = VraagFactory(title="Geheime zoektekst kinderopvangtoeslag", body="Wie weet raad?")
    with caplog.at_level(logging.WARNING, logger="vraagbaak.search.es_backend"):
        results = search(SearchQuery("kinderopvangtoeslag"), user=professional)
        hits = similar("kinderopvangtoeslag", user=professional)
    assert results.backend == "database"
    assert [h.vraag_id for h in results.hits] == [vraag.pk]
    assert [h.vraag_id for h in hits] == [vraag.pk]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("answered by the database" in w for w in warnings)
    assert not any("kinderopvangtoeslag" in w for w in warnings)  # never the query text


def test_changes_wait_as_dirty_entries_while_the_server_is_down(
    es_down, professional, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        vraag = VraagFactory(title="Vraag tijdens een storing", body="Wie weet raad?")
    # The push task ran after commit and failed: nothing is lost, the entry stays dirty.
    assert SearchEntry.objects.get(vraag_id=vraag.pk).es_dirty
    with django_capture_on_commit_callbacks(execute=True):
        gone = VraagFactory(title="Wordt verwijderd", body="Tekst")
        gone_id = gone.pk
        gone.delete()
    assert SearchDeletion.objects.filter(vraag_id=gone_id).exists()
    summary = tasks.sync_elasticsearch()
    assert summary == {"enabled": True, "pushed": 0, "failed": 1, "deleted": 0}
    assert SearchEntry.objects.get(vraag_id=vraag.pk).es_dirty
    assert SearchDeletion.objects.filter(vraag_id=gone_id).exists()


def test_rebuild_command_says_when_elasticsearch_is_off_or_down(settings):
    settings.ELASTICSEARCH_URL = ""
    with pytest.raises(CommandError, match="ELASTICSEARCH_URL is niet ingesteld"):
        call_command("zoekindex", "--elasticsearch")
    settings.ELASTICSEARCH_URL = CLOSED_PORT
    with pytest.raises(CommandError, match="Elasticsearch is niet bereikbaar"):
        call_command("zoekindex", "--elasticsearch")
