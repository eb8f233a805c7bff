"""The relevance measures, the relevance set and the `zoek_relevantie` command."""

import io
import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from vraagbaak.search.relevance import (
    RELEVANCE_SET,
    Judgement,
    evaluate,
    hit_at,
    load_relevance_set,
    rank_of,
    reciprocal_rank,
)

DEMO_FILE = (
    Path(__file__).resolve().parents[2] / "vraagbaak" / "core" / "demo" / "voorbeeldvragen.json"
)


# --- pure measures ---------------------------------------------------------------------


def test_rank_is_one_based_and_none_when_absent():
    assert rank_of("V02", ["V01", "V02", "V03"]) == 2
    assert rank_of("V09", ["V01", "V02"]) is None
    assert rank_of("V01", []) is None


def test_hit_at_k_counts_only_the_first_k():
    ranked = ["V05", "V06", "V07", "V08"]
    assert hit_at("V05", ranked, 1)
    assert not hit_at("V06", ranked, 1)
    assert hit_at("V07", ranked, 3)
    assert not hit_at("V08", ranked, 3)


def test_reciprocal_rank_is_zero_beyond_the_cutoff():
    ranked = [f"X{i}" for i in range(1, 15)]
    assert reciprocal_rank("X1", ranked) == 1.0
    assert reciprocal_rank("X4", ranked) == 0.25
    assert reciprocal_rank("X10", ranked) == 0.1
    assert reciprocal_rank("X11", ranked) == 0.0
    assert reciprocal_rank("nope", ranked) == 0.0


def test_evaluate_computes_hit_rates_mrr_and_misses():
    judgements = [
        Judgement("a", "V01"),  # rank 1
        Judgement("b", "V02"),  # rank 3
        Judgement("c", "V03"),  # rank 5
        Judgement("d", "V04"),  # not found
    ]
    rankings = [
        ["V01", "V09"],
        ["V08", "V09", "V02"],
        ["V10", "V11", "V12", "V13", "V03"],
        [],
    ]
    report = evaluate(judgements, rankings)
    assert report.count == 4
    assert report.hit_at(1) == 0.25
    assert report.hit_at(3) == 0.5
    assert report.mrr == pytest.approx((1 + 1 / 3 + 1 / 5 + 0) / 4)
    assert [o.judgement.query for o in report.misses(3)] == ["c", "d"]
    data = report.as_dict()
    assert data["hit@3"] == 0.5
    assert data["misses"][0] == {
        "query": "c",
        "expected": "V03",
        "rank": 5,
        "top": ["V10", "V11", "V12"],
    }


def test_evaluate_of_nothing_is_zero_and_rejects_mismatched_input():
    empty = evaluate([], [])
    assert (empty.hit_at(1), empty.hit_at(3), empty.mrr) == (0.0, 0.0, 0.0)
    with pytest.raises(ValueError):
        evaluate([Judgement("a", "V01")], [])


# --- the relevance set -------------------------------------------------------------------


def test_relevance_set_covers_the_demo_questions_with_honest_entries():
    judgements = load_relevance_set()
    demo_ids = {q["id"] for q in json.loads(DEMO_FILE.read_text(encoding="utf-8"))}
    assert len(judgements) >= 40
    assert {j.expected for j in judgements} <= demo_ids
    # Every demo question is the target of at least one query.
    assert {j.expected for j in judgements} == demo_ids
    queries = [j.query.casefold() for j in judgements]
    assert len(queries) == len(set(queries)), "a query occurs twice"
    assert all(j.why for j in judgements), "every entry says what makes it hard"
    # Short queries as people really type them, and some longer ones.
    lengths = [len(j.query.split()) for j in judgements]
    assert sum(1 for n in lengths if n <= 3) >= len(lengths) // 2
    assert any(n >= 5 for n in lengths)


def test_relevance_set_ships_inside_the_project():
    assert RELEVANCE_SET.is_file()
    assert "vraagbaak" in RELEVANCE_SET.parts
    assert "shared" not in RELEVANCE_SET.parts


# --- the command -------------------------------------------------------------------------

FIGURES = re.compile(
    r"^\s*(zonder|met) uitbreiding:\s+hit@1 (\d+,\d+)\s+hit@3 (\d+,\d+)\s+MRR (\d+,\d+)",
    re.MULTILINE,
)


def _figures(output: str) -> dict[str, tuple[float, float, float]]:
    return {
        m.group(1): tuple(float(m.group(i).replace(",", ".")) for i in (2, 3, 4))
        for m in FIGURES.finditer(output)
    }


@pytest.mark.django_db
def test_command_loads_demo_data_and_prints_figures_before_and_after():
    from vraagbaak.vragen.models import Vraag

    assert not Vraag.objects.filter(import_id="V01").exists()
    out, err = io.StringIO(), io.StringIO()
    call_command("zoek_relevantie", "--backend", "database", stdout=out, stderr=err)
    output = out.getvalue()

    assert Vraag.objects.filter(import_id__startswith="V").count() == 23
    assert "demodata" in err.getvalue()
    assert "Backend: database" in output
    figures = _figures(output)
    assert set(figures) == {"zonder", "met"}
    for hit1, hit3, mrr in figures.values():
        assert 0.0 <= hit1 <= hit3 <= 1.0
        assert 0.0 <= mrr <= 1.0
    # The thesaurus and compound handling must not make things worse on the demo data.
    before, after = figures["zonder"], figures["met"]
    assert after[1] >= before[1], f"hit@3 dropped: {before} -> {after}"
    assert after[2] >= before[2], f"MRR dropped: {before} -> {after}"
    assert "Gemist met uitbreiding" in output


@pytest.mark.django_db
def test_command_json_output_and_skipped_elasticsearch(settings):
    settings.ELASTICSEARCH_URL = ""
    out = io.StringIO()
    call_command(
        "zoek_relevantie", "--json", "--zonder-uitbreiding", stdout=out, stderr=io.StringIO()
    )
    data = json.loads(out.getvalue())
    assert data["zoekvragen"] == len(load_relevance_set())
    database = data["backends"]["database"]
    assert set(database) == {"zonder_uitbreiding"}
    assert set(database["zonder_uitbreiding"]) >= {"hit@1", "hit@3", "mrr", "misses"}
    assert database["zonder_uitbreiding"]["beantwoord_door"] == ["database"]
    assert "ELASTICSEARCH_URL" in data["backends"]["elasticsearch"]["overgeslagen"]


@pytest.mark.django_db
def test_command_says_when_elasticsearch_is_skipped(settings):
    settings.ELASTICSEARCH_URL = ""
    out = io.StringIO()
    call_command("zoek_relevantie", "--backend", "elasticsearch", stdout=out, stderr=io.StringIO())
    assert "Overgeslagen: ELASTICSEARCH_URL is niet ingesteld." in out.getvalue()
    assert "hit@1" not in out.getvalue()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--backend", "solr"], "kies uit database, elasticsearch, alle"),
        (["--onbekend"], "onbekende optie"),
    ],
)
def test_command_rejects_bad_arguments_in_dutch(args, message):
    with pytest.raises(CommandError) as excinfo:
        call_command("zoek_relevantie", *args)
    assert message in str(excinfo.value)
    assert "Ongeldige opties" in str(excinfo.value)
    assert excinfo.value.returncode != 0
