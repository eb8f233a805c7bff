"""`manage.py zoek_relevantie`: hit@1, hit@3 and MRR of the relevance set, per backend.

Runs every query of ``vraagbaak/search/data/relevantieset.json`` as the verified demo
professional through the search service, without and with the thesaurus/compound handling
(``expand=False`` / ``expand=True``), and prints the figures plus the queries that missed.
Loads the demo data first when the demo questions are not in the database.
"""

from __future__ import annotations

import io
import json
import re
import sys
from functools import partial

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from vraagbaak.search.relevance import (
    MRR_CUTOFF,
    RELEVANCE_SET,
    Judgement,
    Report,
    evaluate,
    load_relevance_set,
)

BACKENDS = ("database", "elasticsearch")
CHOICES = (*BACKENDS, "alle")
DEMO_EMAIL = "professional@vraagbaak.test"

# argparse's own (English) messages, in Dutch. Longest patterns first.
_ARGPARSE_MESSAGES = [
    (r"unrecognized arguments: (.*)", "onbekende optie of waarde: %s"),
    (r"argument (\S+): expected one argument", "%s verwacht een waarde"),
    (r"argument (\S+): ignored explicit argument (.*)", "%s neemt geen waarde (%s)"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)", "%s: %s kan niet; kies uit %s"),
    (r"argument (\S+): (.*)", "%s: %s"),
    (r"the following arguments are required: (.*)", "deze opties zijn verplicht: %s"),
]


def dutch_parser_error(parser, message: str) -> None:
    """Replacement for CommandParser.error: a Dutch message and exit code 2.

    From the command line it prints the message and exits; through call_command (tests)
    it raises CommandError with the same message.
    """
    text = message
    for pattern, template in _ARGPARSE_MESSAGES:
        match = re.fullmatch(pattern, message)
        if match:
            text = template % match.groups()
            break
    full = _("Ongeldige opties: %(fout)s. Zie: manage.py %(cmd)s --help") % {
        "fout": text,
        "cmd": parser.prog.split()[-1],
    }
    if getattr(parser, "called_from_command_line", False):
        sys.stderr.write(full + "\n")
        sys.exit(2)
    raise CommandError(full, returncode=2)


def dutch_choice(choices: tuple[str, ...]):
    """An argparse type that accepts one of ``choices`` and explains the others in Dutch."""
    import argparse

    def parse(value: str) -> str:
        if value not in choices:
            raise argparse.ArgumentTypeError(
                _("‘%(waarde)s’ kan niet; kies uit %(keuzes)s")
                % {"waarde": value, "keuzes": ", ".join(choices)}
            )
        return value

    return parse


def fmt(value: float) -> str:
    """0.5 -> '0,500' (Dutch decimal comma)."""
    return f"{value:.3f}".replace(".", ",")


class Command(BaseCommand):
    help = _(
        "Meet de zoekkwaliteit met de relevantieset: hit@1, hit@3 en MRR per backend, "
        "zonder en met uitbreiding (thesaurus, afkortingen, samenstellingen). Laadt de "
        "demodata als die er nog niet is."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.error = partial(dutch_parser_error, parser)
        return parser

    def add_arguments(self, parser):
        parser.add_argument(
            "--backend",
            type=dutch_choice(CHOICES),
            default="alle",
            metavar="{database,elasticsearch,alle}",
            help=_(
                "Welke backend (standaard: alle). Elasticsearch wordt overgeslagen als "
                "ELASTICSEARCH_URL niet is ingesteld."
            ),
        )
        parser.add_argument(
            "--zonder-uitbreiding",
            action="store_true",
            help=_("Alleen de meting zonder thesaurus en samenstellingen (expand=False)."),
        )
        parser.add_argument(
            "--json", action="store_true", help=_("Uitvoer als JSON (voor scripts).")
        )

    def handle(self, *args, **options):
        judgements = load_relevance_set()
        user, import_ids = self._prepare(judgements)
        backends = BACKENDS if options["backend"] == "alle" else (options["backend"],)
        settings_to_run = (False,) if options["zonder_uitbreiding"] else (False, True)

        result: dict = {
            "relevantieset": str(RELEVANCE_SET.relative_to(settings.BASE_DIR)),
            "zoekvragen": len(judgements),
            "gebruiker": user.email,
            "backends": {},
        }
        for name in backends:
            if name == "elasticsearch" and not getattr(settings, "ELASTICSEARCH_URL", ""):
                result["backends"][name] = {
                    "overgeslagen": _("ELASTICSEARCH_URL is niet ingesteld.")
                }
                continue
            entry: dict = {}
            for expand in settings_to_run:
                report, answered_by = self._run(name, judgements, user, import_ids, expand)
                key = "met_uitbreiding" if expand else "zonder_uitbreiding"
                entry[key] = report.as_dict() | {"beantwoord_door": sorted(answered_by)}
                entry.setdefault("_reports", {})[key] = report
            result["backends"][name] = entry

        if options["json"]:
            clean = {
                **result,
                "backends": {
                    name: {k: v for k, v in entry.items() if not k.startswith("_")}
                    for name, entry in result["backends"].items()
                },
            }
            self.stdout.write(json.dumps(clean, ensure_ascii=False, indent=2))
        else:
            self._print(result)

    # --- helpers ---------------------------------------------------------------------

    def _prepare(self, judgements: list[Judgement]):
        """The demo professional and a map vraag id -> import id; loads demo data if needed."""
        from vraagbaak.accounts.models import User
        from vraagbaak.vragen.models import Vraag

        wanted = {j.expected for j in judgements}
        present = set(
            Vraag.objects.filter(import_id__in=wanted).values_list("import_id", flat=True)
        )
        user = User.objects.filter(email=DEMO_EMAIL).first()
        if present != wanted or user is None:
            self.stderr.write(_("De demovragen ontbreken; ik laad eerst de demodata."))
            call_command("load_demo_data", stdout=io.StringIO())
            user = User.objects.filter(email=DEMO_EMAIL).first()
            present = set(
                Vraag.objects.filter(import_id__in=wanted).values_list("import_id", flat=True)
            )
        missing = wanted - present
        if missing:
            raise CommandError(
                _("Deze vragen uit de relevantieset staan niet in de demodata: %(ids)s")
                % {"ids": ", ".join(sorted(missing))}
            )
        if user is None or not user.is_verified_professional:
            raise CommandError(
                _("Het demo-account %(email)s ontbreekt of is niet geverifieerd.")
                % {"email": DEMO_EMAIL}
            )
        import_ids = dict(
            Vraag.objects.filter(import_id__isnull=False).values_list("id", "import_id")
        )
        return user, import_ids

    def _run(self, name, judgements, user, import_ids, expand) -> tuple[Report, set[str]]:
        from vraagbaak.search import service
        from vraagbaak.search.types import SearchQuery

        rankings = []
        answered_by: set[str] = set()
        for judgement in judgements:
            results = service.search(
                SearchQuery(text=judgement.query, page_size=MRR_CUTOFF),
                user=user,
                expand=expand,
                backend=name,
            )
            answered_by.add(results.backend or name)
            rankings.append([import_ids.get(hit.vraag_id, "?") for hit in results.hits])
        return evaluate(judgements, rankings), answered_by

    def _print(self, result: dict) -> None:
        w = self.stdout.write
        w(
            _("Relevantieset: %(n)d zoekvragen (%(pad)s), gezocht als %(email)s.")
            % {
                "n": result["zoekvragen"],
                "pad": result["relevantieset"],
                "email": result["gebruiker"],
            }
        )
        w(
            _("MRR telt de eerste %(n)d resultaten; staat de vraag er niet bij, dan telt 0.")
            % {"n": MRR_CUTOFF}
        )
        labels = {
            "zonder_uitbreiding": _("zonder uitbreiding"),
            "met_uitbreiding": _("met uitbreiding"),
        }
        for name, entry in result["backends"].items():
            w("")
            w(_("Backend: %(naam)s") % {"naam": name})
            if "overgeslagen" in entry:
                w("  " + _("Overgeslagen: %(reden)s") % {"reden": entry["overgeslagen"]})
                continue
            for key, report in entry["_reports"].items():
                answered = ", ".join(entry[key]["beantwoord_door"])
                label = labels[key] + ":"
                line = (
                    f"  {label:<20} hit@1 {fmt(report.hit_at(1))}   "
                    f"hit@3 {fmt(report.hit_at(3))}   MRR {fmt(report.mrr)}"
                )
                if answered != name:
                    line += "   " + _("(beantwoord door: %(b)s)") % {"b": answered}
                w(line)
            for key, report in entry["_reports"].items():
                misses = report.misses(3)
                w("")
                w(
                    "  "
                    + _("Gemist %(instelling)s (niet bij de eerste 3): %(n)d van %(totaal)d")
                    % {"instelling": labels[key], "n": len(misses), "totaal": report.count}
                )
                for outcome in misses:
                    rank = (
                        _("niet gevonden")
                        if outcome.rank is None
                        else _("plek %(n)d") % {"n": outcome.rank}
                    )
                    top = ", ".join(outcome.top[:3]) or "-"
                    w(
                        f"    - “{outcome.judgement.query}” → {outcome.judgement.expected} "
                        f"({rank}; {_('bovenaan')}: {top})"
                    )
