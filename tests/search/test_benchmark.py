"""The benchmark's text generator, queries and percentiles, and `zoek_benchmark` end to end.

The generator and the command need PostgreSQL (COPY); those tests skip on SQLite. Run them
with e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/vraagbaak_s3 .venv/bin/pytest …
"""

import io
import random
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from vraagbaak.search import benchmark

ON_POSTGRES = connection.vendor == "postgresql"
postgres_only = pytest.mark.skipif(
    not ON_POSTGRES,
    reason="needs PostgreSQL (COPY, full text); run with DATABASE_URL=postgres://…",
)
FACETS = {
    "risicofactor": ["financiele-problemen", "huiselijk-geweld", "vermijden-van-zorg"],
    "fase": ["zwangerschap", "kraamperiode"],
    "stadsdeel": ["noord", "zuidoost", "west"],
    "vraagtype": ["aanbod-vinden"],
    "status": ["open", "solved", "closed"],
    "discipline": ["verloskundige", "huisarts"],
}


# --- generator, queries and percentiles (no database) -----------------------------------


def test_vocabulary_mixes_seed_demo_and_thesaurus_words():
    vocabulary = benchmark.build_vocabulary()
    words = set(vocabulary.words)
    # seed documents, demo questions, thesaurus and abbreviations
    assert {"professionals", "huurachterstand", "schulddienstverlening", "okt"} <= words
    assert len(vocabulary.words) == len(vocabulary.cum_weights)
    assert list(vocabulary.cum_weights) == sorted(vocabulary.cum_weights)
    assert vocabulary.sentences and vocabulary.tags


def test_text_generator_makes_texts_of_the_asked_length_reproducibly():
    vocabulary = benchmark.build_vocabulary()
    gen = benchmark.TextGenerator(vocabulary, random.Random(7))
    for n in (30, 60, 150, 200):
        assert len(gen.text(n).split()) == n
    for _ in range(50):
        title = gen.title()
        assert 6 <= len(title.split()) <= 14
        assert len(title) <= 160
        assert 60 <= gen.length(60, 200, 100) <= 200
    first = benchmark.TextGenerator(vocabulary, random.Random(3)).text(80)
    again = benchmark.TextGenerator(vocabulary, random.Random(3)).text(80)
    assert first == again


def test_queries_of_each_kind_look_like_what_people_type():
    rng = random.Random(1)
    terms = set(benchmark.QUERY_TERMS)

    for query in benchmark.make_queries("twee_facetten", 40, rng, FACETS):
        assert len(query.text.split()) == 2
        assert 1 <= len(query.filters) <= 2
        for key, values in query.filters.items():
            assert set(values) <= set(FACETS[key])
    for kind, words in (("een", 1), ("twee", 2), ("drie", 3)):
        for query in benchmark.make_queries(kind, 20, rng, FACETS):
            assert len(query.text.split()) == words
            assert set(query.text.split()) <= terms
            assert query.filters == {}
    for query in benchmark.make_queries("typfout", 30, rng, FACETS):
        assert query.text and not set(query.text.split()) & terms
    for query in benchmark.make_queries("bladeren", 10, rng, FACETS):
        assert query.text == "" and query.filters
    with pytest.raises(ValueError):
        benchmark.make_queries("alles", 1, rng, FACETS)


def test_typo_changes_the_word():
    rng = random.Random(5)
    for word in ("schuldhulpverlening", "zwangerschapsdiabetes", "okt"):
        assert all(benchmark.typo(word, rng) != word for _ in range(30))


def test_percentiles_interpolate():
    values = list(range(1, 101))
    assert benchmark.percentile(values, 50) == pytest.approx(50.5)
    assert benchmark.percentile(values, 95) == pytest.approx(95.05)
    assert benchmark.percentile(values, 100) == 100
    assert benchmark.percentile([7.0], 95) == 7.0
    assert benchmark.percentile([], 95) == 0.0


def test_generating_only_in_a_database_named_for_it():
    benchmark.check_database_name("vraagbaak_bench")
    benchmark.check_database_name("test_vraagbaak")
    with pytest.raises(benchmark.BenchmarkError, match="aparte database"):
        benchmark.check_database_name("vraagbaak")


# --- command on other databases ----------------------------------------------------------


@pytest.mark.skipif(ON_POSTGRES, reason="checks the refusal on databases other than PostgreSQL")
@pytest.mark.django_db
def test_command_refuses_other_databases_in_dutch():
    with pytest.raises(CommandError, match="alleen op PostgreSQL"):
        call_command("zoek_benchmark", "--genereer", "--vragen", "10")


def test_command_rejects_bad_numbers_in_dutch():
    with pytest.raises(CommandError, match="geen geheel getal"):
        call_command("zoek_benchmark", "--vragen", "veel")
    with pytest.raises(CommandError, match="minstens 1"):
        call_command("zoek_benchmark", "--queries", "0")


# --- PostgreSQL: generator and command at tiny scale -------------------------------------


@postgres_only
@pytest.mark.django_db
def test_generator_writes_realistic_threads():
    from django.db.models import Count

    from vraagbaak.accounts.models import User
    from vraagbaak.vragen.models import Antwoord, Vraag, VraagStatus

    result = benchmark.generate(vragen=200, antwoorden=2000, seed=3)

    assert (result.vragen, result.antwoorden) == (200, 2000)
    vragen = Vraag.objects.filter(author__email__endswith="@" + benchmark.BENCH_DOMAIN)
    assert vragen.count() == 200
    assert Antwoord.objects.filter(vraag__in=vragen).count() == 2000
    statuses = dict(vragen.values_list("status").annotate(n=Count("id")))
    assert set(statuses) >= {VraagStatus.OPEN, VraagStatus.SOLVED, VraagStatus.CLOSED}
    solved = vragen.filter(status=VraagStatus.SOLVED)
    assert 0.25 <= solved.count() / 200 <= 0.55
    assert not solved.filter(oplossing="").exists()
    assert not solved.annotate(n=Count("antwoorden")).filter(n=0).exists()
    for vraag in vragen[:20]:
        assert 6 <= len(vraag.title.split()) <= 14
        assert 60 <= len(vraag.body.split()) <= 200
    assert vragen.filter(risicofactoren__isnull=False).distinct().count() > 150
    measuring = User.objects.get(email=benchmark.MEASURING_EMAIL)
    assert measuring.is_verified_professional
    assert not measuring.has_perm("vragen.moderate_vraag")
    assert (
        User.objects.filter(email__endswith="@" + benchmark.BENCH_DOMAIN)
        .filter(profile__discipline__isnull=False)
        .count()
        == result.users
    )
    # New rows through the ORM still get fresh ids after the COPY.
    assert Vraag.objects.order_by("-id").first().id == max(vragen.values_list("id", flat=True))


ROW = re.compile(r"^(.+?)\s+(\d+)\s+(\d+,\d)\s+(\d+,\d)\s+(\d+,\d)\s+(\d+,\d)\s", re.MULTILINE)


@postgres_only
@pytest.mark.django_db
def test_command_generates_indexes_and_reports_latency_and_is_rerunnable():
    out = io.StringIO()
    call_command(
        "zoek_benchmark",
        "--genereer",
        "--vragen",
        "80",
        "--antwoorden",
        "600",
        "--queries",
        "6",
        "--opwarmen",
        "2",
        stdout=out,
        stderr=io.StringIO(),
    )
    output = out.getvalue()
    assert re.search(r"Rijen: 80 vragen, 600 antwoorden", output)
    assert "80 regels in de zoekindex" in output
    assert re.search(r"Genereren: \d+,\d s", output)
    assert re.search(r"Indexeren: \d+,\d s \(80 vragen\); ANALYZE", output)
    assert re.search(r"Grootte: database \d+ MB", output)
    rows = {m.group(1).strip(): m for m in ROW.finditer(output)}
    for label in [*benchmark.QUERY_KINDS.values(), "vergelijkbaar (titel + tekst)"]:
        assert label in rows, f"no line for {label}"
        p50, p95 = (float(rows[label].group(i).replace(",", ".")) for i in (3, 4))
        assert int(rows[label].group(2)) == 6
        assert 0 < p50 <= p95
    assert "Doel: p95 ≤ 50,0 ms voor twee woorden met facetten:" in output

    # Measuring again works on the same data; generating again is refused.
    again = io.StringIO()
    call_command("zoek_benchmark", "--queries", "3", "--opwarmen", "0", stdout=again)
    assert "Rijen: 80 vragen" in again.getvalue()
    assert "Genereren:" not in again.getvalue()
    with pytest.raises(CommandError, match="al benchmarkgegevens"):
        call_command("zoek_benchmark", "--genereer", "--vragen", "5", stdout=io.StringIO())

    # --soort measures only the kinds asked for; without the target kind no verdict.
    some = io.StringIO()
    call_command(
        "zoek_benchmark",
        *("--queries", "2", "--opwarmen", "0"),
        *("--soort", "een", "--soort", "vergelijkbaar_titel"),
        stdout=some,
    )
    measured = {m.group(1).strip() for m in ROW.finditer(some.getvalue())}
    assert measured == {"één woord", "vergelijkbaar (alleen titel)"}
    assert "Doel:" not in some.getvalue()
    with pytest.raises(CommandError, match="--soort: 'alles' kan niet; kies uit 'twee_facetten'"):
        call_command("zoek_benchmark", "--soort", "alles", stdout=io.StringIO())


@postgres_only
@pytest.mark.django_db
def test_command_without_data_says_to_generate_first():
    with pytest.raises(CommandError, match="Draai eerst met --genereer"):
        call_command("zoek_benchmark", stdout=io.StringIO())
