"""`manage.py zoek_benchmark`: search latency on PostgreSQL at realistic volume.

See the command's --help. The pure parts (text generator, queries, percentiles) live in
vraagbaak/search/benchmark.py.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from functools import partial

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.translation import gettext as _

from vraagbaak.search import benchmark
from vraagbaak.search.management.commands.zoek_relevantie import dutch_parser_error

HELP = """Meet de zoeksnelheid op PostgreSQL met realistische aantallen.

Zonder --genereer meet de opdracht alleen, op gegevens die er al staan (van een eerdere
run met --genereer). Met --genereer maakt hij eerst vragen, antwoorden en auteurs aan
(COPY), bouwt de zoekindex opnieuw op en draait VACUUM ANALYZE. Genereren kan alleen in een
aparte database met 'bench' of 'test' in de naam; er wordt nooit iets gewist.
Gebruik een eigen database, bijvoorbeeld:

  createdb -h 127.0.0.1 -U postgres vraagbaak_bench
  export DATABASE_URL=postgres://postgres@127.0.0.1:5432/vraagbaak_bench
  .venv/bin/python manage.py migrate
  .venv/bin/python manage.py zoek_benchmark --genereer     # eerste keer
  .venv/bin/python manage.py zoek_benchmark                # daarna: alleen meten

Opnieuw genereren: dropdb en createdb de benchmarkdatabase en begin opnieuw."""


def positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("‘%(waarde)s’ is geen geheel getal") % {"waarde": value}
        ) from None
    if number < 1:
        raise argparse.ArgumentTypeError(_("moet minstens 1 zijn, niet %(n)d") % {"n": number})
    return number


def non_negative_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("‘%(waarde)s’ is geen geheel getal") % {"waarde": value}
        ) from None
    if number < 0:
        raise argparse.ArgumentTypeError(_("mag niet negatief zijn: %(n)d") % {"n": number})
    return number


def ms(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def thousands(value: int) -> str:
    return f"{value:,}".replace(",", ".")


#: similar(): the block on a question page (title + text) and the ask form (title only).
SIMILAR_KINDS: dict[str, tuple[str, bool]] = {
    "vergelijkbaar_vraag": ("vergelijkbaar (titel + tekst)", True),
    "vergelijkbaar_titel": ("vergelijkbaar (alleen titel)", False),
}


class Command(BaseCommand):
    help = HELP

    def create_parser(self, prog_name, subcommand, **kwargs):
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.error = partial(dutch_parser_error, parser)
        return parser

    def add_arguments(self, parser):
        parser.add_argument(
            "--genereer",
            action="store_true",
            help=_("Maak eerst de gegevens aan (alleen in een database met 'bench' of 'test')."),
        )
        parser.add_argument(
            "--vragen", type=positive_int, default=100_000, help=_("Aantal vragen (100000).")
        )
        parser.add_argument(
            "--antwoorden",
            type=non_negative_int,
            default=1_000_000,
            help=_("Aantal antwoorden (1000000), gemiddeld 10 per vraag."),
        )
        parser.add_argument(
            "--queries",
            type=positive_int,
            default=200,
            help=_("Gemeten zoekopdrachten per soort (200)."),
        )
        parser.add_argument(
            "--opwarmen",
            type=non_negative_int,
            default=20,
            help=_("Ongemeten zoekopdrachten per soort vooraf (20)."),
        )
        parser.add_argument(
            "--seed", type=non_negative_int, default=1, help=_("Startwaarde van het toeval (1).")
        )
        parser.add_argument(
            "--herindexeer",
            action="store_true",
            help=_("Bouw de zoekindex opnieuw op en draai ANALYZE, ook zonder --genereer."),
        )
        parser.add_argument(
            "--soort",
            action="append",
            choices=[*benchmark.QUERY_KINDS, *SIMILAR_KINDS],
            metavar="SOORT",
            help=_("Meet alleen deze soort (mag vaker): %(soorten)s.")
            % {"soorten": ", ".join([*benchmark.QUERY_KINDS, *SIMILAR_KINDS])},
        )
        parser.add_argument("--json", action="store_true", help=_("Uitvoer als JSON."))

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError(
                _(
                    "De benchmark draait alleen op PostgreSQL (nu: %(db)s). Gebruik een aparte "
                    "database, bijvoorbeeld DATABASE_URL=postgres://postgres@127.0.0.1:5432/"
                    "vraagbaak_bench; zie --help."
                )
                % {"db": connection.vendor}
            )
        try:
            report = self._run(options)
        except benchmark.BenchmarkError as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
        else:
            self._print(report)

    # --- steps ---------------------------------------------------------------------

    def _run(self, options) -> dict:
        from vraagbaak.accounts.models import User
        from vraagbaak.search.index import rebuild_database_index

        db_name = connection.settings_dict["NAME"]
        report: dict = {"database": db_name}
        quiet = options["json"]

        def say(message: str) -> None:
            if not quiet:
                self.stderr.write(message)

        existing = User.objects.filter(email__endswith="@" + benchmark.BENCH_DOMAIN).count()
        if options["genereer"]:
            benchmark.check_database_name(db_name)
            if existing:
                raise benchmark.BenchmarkError(
                    _(
                        "In %(db)s staan al benchmarkgegevens (%(n)d accounts). Meet zonder "
                        "--genereer, of maak de database opnieuw aan (dropdb, createdb, migrate)."
                    )
                    % {"db": db_name, "n": existing}
                )
            say(
                _("Genereren: %(v)s vragen, %(a)s antwoorden …")
                % {"v": thousands(options["vragen"]), "a": thousands(options["antwoorden"])}
            )
            generated = benchmark.generate(
                vragen=options["vragen"],
                antwoorden=options["antwoorden"],
                seed=options["seed"],
                progress=lambda message: say("  " + message),
            )
            report["genereren_s"] = round(generated.seconds, 1)
        elif not existing:
            raise benchmark.BenchmarkError(
                _(
                    "Er staan geen benchmarkgegevens in %(db)s. Draai eerst met --genereer "
                    "(in een aparte database; zie --help)."
                )
                % {"db": db_name}
            )

        if options["genereer"] or options["herindexeer"]:
            say(_("Zoekindex opbouwen …"))
            start = time.perf_counter()
            indexed = rebuild_database_index()
            report["indexeren_s"] = round(time.perf_counter() - start, 1)
            report["geindexeerd"] = indexed
            # The rebuild rewrites every index row; VACUUM clears the dead versions so the
            # measurement sees a settled table (not possible inside a transaction: tests).
            statement = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
            start = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(statement)
            report["analyze"] = statement
            report["analyze_s"] = round(time.perf_counter() - start, 1)

        report["rijen"] = self._counts()
        report["grootte"] = self._sizes()
        if report["rijen"]["zoekindex"] < report["rijen"]["vragen"]:
            report["waarschuwing"] = _(
                "De zoekindex heeft minder regels dan er vragen zijn; draai met --herindexeer."
            )

        user = User.objects.get(email=benchmark.MEASURING_EMAIL)
        if not user.is_verified_professional:
            raise benchmark.BenchmarkError(_("Het meetaccount is niet geverifieerd."))
        report["gebruiker"] = user.email
        say(_("Meten …"))
        report["metingen"] = [t.as_dict() for t in self._measure(user, options, say)]
        report["doel"] = self._target(report["metingen"])
        return report

    def _counts(self) -> dict:
        with connection.cursor() as cursor:
            counts = {}
            for key, table in (
                ("vragen", "vragen_vraag"),
                ("antwoorden", "vragen_antwoord"),
                ("accounts", "accounts_user"),
                ("zoekindex", "search_searchentry"),
            ):
                cursor.execute(f"SELECT count(*) FROM {table}")
                counts[key] = cursor.fetchone()[0]
        return counts

    def _sizes(self) -> dict:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            sizes = {"database": cursor.fetchone()[0]}
            for key, table in (
                ("vragen", "vragen_vraag"),
                ("antwoorden", "vragen_antwoord"),
                ("zoekindex", "search_searchentry"),
            ):
                cursor.execute("SELECT pg_total_relation_size(%s)", [table])
                sizes[key] = cursor.fetchone()[0]
            cursor.execute(
                "SELECT COALESCE(sum(pg_relation_size(indexrelid)), 0) FROM pg_index "
                "WHERE indrelid = 'search_searchentry'::regclass"
            )
            sizes["zoekindex_indexen"] = int(cursor.fetchone()[0])
        return sizes

    def _facet_values(self) -> dict[str, list[str]]:
        from vraagbaak.taxonomie.models import Discipline, Fase, Risicofactor, Stadsdeel, Vraagtype

        def slugs(model):
            return list(model.objects.order_by("pk").values_list("slug", flat=True))

        return {
            "risicofactor": slugs(Risicofactor),
            "fase": slugs(Fase),
            "stadsdeel": slugs(Stadsdeel),
            "vraagtype": slugs(Vraagtype),
            "status": ["open", "solved", "closed"],
            "discipline": slugs(Discipline),
        }

    def _measure(self, user, options, say) -> list[benchmark.Timing]:
        from vraagbaak.search import service
        from vraagbaak.vragen.models import Vraag

        rng = random.Random(options["seed"] + 1000)
        facet_values = self._facet_values()
        n, warmup = options["queries"], options["opwarmen"]
        chosen = set(options.get("soort") or [*benchmark.QUERY_KINDS, *SIMILAR_KINDS])
        timings: list[benchmark.Timing] = []

        def done(timing: benchmark.Timing) -> None:
            timings.append(timing)
            say(f"  {timing.label}: p50 {ms(timing.p(50))} ms, p95 {ms(timing.p(95))} ms")

        def search_call(query):
            def call():
                results = service.search(query, user=user)
                return results.total, results.backend

            return call

        for kind, label in benchmark.QUERY_KINDS.items():
            # Queries of every kind are drawn, so a kind gets the same ones when measured alone.
            queries = benchmark.make_queries(kind, n + warmup, rng, facet_values)
            if kind not in chosen:
                continue
            calls = [search_call(q) for q in queries]
            done(benchmark.time_calls(kind, label, calls[warmup:], warmup=calls[:warmup]))

        if not chosen & set(SIMILAR_KINDS):
            return timings
        # The same questions on every run with the same --seed, so runs compare.
        published = Vraag.objects.published().filter(
            author__email__endswith="@" + benchmark.BENCH_DOMAIN
        )
        all_ids = sorted(published.values_list("id", flat=True))
        sample = rng.sample(all_ids, min(n + warmup, len(all_ids)))
        texts = {
            vid: (title, body)
            for vid, title, body in published.filter(id__in=sample).values_list(
                "id", "title", "body"
            )
        }
        ids = [(vid, *texts[vid]) for vid in sample]

        def similar_call(vid, text):
            def call():
                hits = service.similar(text, user=user, exclude_id=vid)
                return len(hits), service.get_backend().name

            return call

        for kind, (label, use_body) in SIMILAR_KINDS.items():
            if kind not in chosen:
                continue
            calls = [
                similar_call(vid, f"{title}\n{body}" if use_body else title)
                for vid, title, body in ids
            ]
            done(benchmark.time_calls(kind, label, calls[warmup:], warmup=calls[:warmup]))
        return timings

    def _target(self, measurements: list[dict]) -> dict | None:
        row = next((m for m in measurements if m["soort"] == benchmark.TARGET_KIND), None)
        if row is None:
            return None
        return {
            "soort": benchmark.TARGET_KIND,
            "p95_ms": row["p95_ms"],
            "grens_ms": benchmark.TARGET_P95_MS,
            "gehaald": row["p95_ms"] <= benchmark.TARGET_P95_MS,
        }

    # --- output --------------------------------------------------------------------

    def _print(self, report: dict) -> None:
        w = self.stdout.write
        rows, sizes = report["rijen"], report["grootte"]
        mb = 1024 * 1024
        w(_("Zoekbenchmark op PostgreSQL, database %(db)s") % {"db": report["database"]})
        w(
            _("Rijen: %(v)s vragen, %(a)s antwoorden, %(u)s accounts, %(z)s regels in de zoekindex")
            % {
                "v": thousands(rows["vragen"]),
                "a": thousands(rows["antwoorden"]),
                "u": thousands(rows["accounts"]),
                "z": thousands(rows["zoekindex"]),
            }
        )
        if "genereren_s" in report:
            w(_("Genereren: %(s)s s") % {"s": ms(report["genereren_s"])})
        if "indexeren_s" in report:
            w(
                _("Indexeren: %(s)s s (%(n)s vragen); %(stap)s: %(a)s s")
                % {
                    "s": ms(report["indexeren_s"]),
                    "n": thousands(report["geindexeerd"]),
                    "stap": report["analyze"],
                    "a": ms(report["analyze_s"]),
                }
            )
        w(
            _(
                "Grootte: database %(db)d MB; vragen %(v)d MB, antwoorden %(a)d MB, zoekindex "
                "%(z)d MB (waarvan indexen %(i)d MB)"
            )
            % {
                "db": sizes["database"] // mb,
                "v": sizes["vragen"] // mb,
                "a": sizes["antwoorden"] // mb,
                "z": sizes["zoekindex"] // mb,
                "i": sizes["zoekindex_indexen"] // mb,
            }
        )
        if "waarschuwing" in report:
            w(_("Let op: %(w)s") % {"w": report["waarschuwing"]})
        w(
            _("Gezocht als %(u)s (geverifieerde professional); tijden in ms.")
            % {"u": report["gebruiker"]}
        )
        w("")
        header = (
            f"{_('soort'):<32} {'n':>5} {'p50':>7} {'p95':>7} {'p99':>7} {'max':>7} "
            f"{_('gem. treffers'):>14} {_('zonder'):>7}"
        )
        w(header)
        for m in report["metingen"]:
            w(
                f"{m['omschrijving']:<32} {m['n']:>5} {ms(m['p50_ms']):>7} {ms(m['p95_ms']):>7} "
                f"{ms(m['p99_ms']):>7} {ms(m['max_ms']):>7} "
                f"{ms(m['gem_treffers']):>14} {m['zonder_treffers']:>7}"
            )
        target = report["doel"]
        if target is None:
            return
        w("")
        w(
            _(
                "Doel: p95 ≤ %(grens)s ms voor twee woorden met facetten: %(uitslag)s "
                "(p95 %(p95)s ms)"
            )
            % {
                "grens": ms(target["grens_ms"]),
                "uitslag": _("gehaald") if target["gehaald"] else _("niet gehaald"),
                "p95": ms(target["p95_ms"]),
            }
        )
