"""Content changes reach the database index without any view having to remember it."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from tests.factories import RisicofactorFactory
from vraagbaak.search.models import SearchEntry
from vraagbaak.search.service import search
from vraagbaak.search.types import SearchQuery
from vraagbaak.vragen.actions import (
    approve_vraag,
    create_antwoord,
    create_vraag,
    edit_vraag,
    hide_antwoord,
    record_oplossing,
    restore_antwoord,
)
from vraagbaak.vragen.models import Vraag, VraagStatus

pytestmark = pytest.mark.django_db


def found(user, text):
    return [h.vraag_id for h in search(SearchQuery(text=text), user=user).hits]


@pytest.fixture
def risk(db):
    return RisicofactorFactory()


@pytest.fixture
def asked(professional, moderator, risk):
    vraag = create_vraag(
        by=professional,
        title="Zwangere zoekt een tolk voor de echo",
        body="De cliënte spreekt alleen Tigrinya. Hoe regel ik een tolk?",
        risicofactoren=[risk],
    )
    return approve_vraag(vraag, by=moderator)


def test_a_new_question_is_found_once_published(professional, other_professional, moderator, risk):
    vraag = create_vraag(
        by=professional,
        title="Vraag over de tolkentelefoon",
        body="Wie betaalt het gesprek?",
        risicofactoren=[risk],
    )
    assert vraag.status == VraagStatus.IN_REVIEW
    assert found(other_professional, "tolkentelefoon") == []
    assert found(professional, "tolkentelefoon") == [vraag.pk]  # the asker sees their own
    approve_vraag(vraag, by=moderator)
    assert found(other_professional, "tolkentelefoon") == [vraag.pk]


def test_an_edit_replaces_the_indexed_text(asked, professional, moderator, risk):
    edit_vraag(
        asked,
        by=moderator,
        title="Zwangere zoekt een vertaler",
        body="Ze spreekt alleen Tigrinya.",
        risicofactoren=[risk],
        tags=["taalbarrière"],
    )
    assert found(professional, "tolk") == []
    assert found(professional, "vertaler") == [asked.pk]
    assert found(professional, "taalbarriere") == [asked.pk]  # tags are searched


def test_answers_are_indexed_and_hidden_ones_taken_out(asked, other_professional, moderator):
    antwoord = create_antwoord(
        asked, by=other_professional, body="Bel het Tolk- en Vertaalcentrum Nederland."
    )
    assert found(other_professional, "vertaalcentrum") == [asked.pk]
    hide_antwoord(antwoord, by=moderator, reason="Dubbel")
    assert found(other_professional, "vertaalcentrum") == []
    assert found(moderator, "vertaalcentrum") == []
    restore_antwoord(antwoord, by=moderator)
    assert found(other_professional, "vertaalcentrum") == [asked.pk]


def test_a_recorded_solution_is_searched_and_marks_the_hit_solved(asked, professional):
    record_oplossing(asked, by=professional, oplossing="Via de huisarts kwam de Tolkentelefoon.")
    results = search(SearchQuery(text="tolkentelefoon"), user=professional)
    assert [h.vraag_id for h in results.hits] == [asked.pk]
    assert results.hits[0].is_solved
    assert "<mark>Tolkentelefoon</mark>" in results.hits[0].snippet_html


def test_taxonomy_changes_update_the_facets(asked, professional):
    other = RisicofactorFactory(slug="taal-test", name="Taal (test)")
    asked.risicofactoren.add(other)
    query = SearchQuery(text="tolk", filters={"risicofactor": ["taal-test"]})
    assert [h.vraag_id for h in search(query, user=professional).hits] == [asked.pk]
    other.vragen.remove(asked)  # from the other side of the relation
    assert search(query, user=professional).total == 0


def test_deleting_a_question_removes_it(asked, professional):
    asked.delete()
    assert not SearchEntry.objects.filter(vraag_id=asked.pk).exists()
    assert found(professional, "tolk") == []


def test_every_change_marks_the_entry_for_elasticsearch(asked):
    SearchEntry.objects.update(es_dirty=False)
    Vraag.objects.get(pk=asked.pk).save()
    assert SearchEntry.objects.get(vraag_id=asked.pk).es_dirty


def test_bulk_data_needs_the_rebuild_command(professional):
    Vraag.objects.bulk_create(
        [
            Vraag(title=f"Bulkvraag {n} over borstvoeding", body="Kolven op het werk.")
            for n in range(3)
        ]
    )
    Vraag.objects.update(status=VraagStatus.OPEN)
    assert found(professional, "borstvoeding") == []
    out = StringIO()
    call_command("zoekindex", "--database", stdout=out)
    assert "Database: 3 vragen geïndexeerd" in out.getvalue()
    assert len(found(professional, "borstvoeding")) == 3
    assert len(found(professional, "kolven")) == 3


def test_search_sync_job_is_scheduled_and_idle_without_elasticsearch():
    out = StringIO()
    call_command("run_scheduled_jobs", "--job", "search_sync", stdout=out)
    assert json.loads(out.getvalue()) == {"search_sync": {"enabled": False}}
