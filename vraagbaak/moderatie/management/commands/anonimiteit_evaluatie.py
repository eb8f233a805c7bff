"""`manage.py anonimiteit_evaluatie [--corpus PATH] [--aantal 1000] [--deduce|--zonder-deduce]`"""

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from vraagbaak.anonymity.deduce_backend import is_available
from vraagbaak.anonymity.evaluation import CorpusError, evaluate, load_corpus


class Command(BaseCommand):
    help = (
        "Meet de anonimiteitscheck op het testcorpus: recall op herkenbare gegevens, het deel "
        "van de schone teksten met een melding, tijd per controle (p50/p95) en geheugen (RSS). "
        "Zonder optie: eerst zonder deduce, daarna met deduce (als het is geïnstalleerd)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--corpus",
            default=str(settings.BASE_DIR / "tests" / "moderatie" / "corpus.json"),
            help="Pad naar het corpus (JSON).",
        )
        parser.add_argument(
            "--aantal", type=int, default=1000, help="Aantal getimede controles (standaard 1000)."
        )
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--deduce", action="store_true", help="Alleen met deduce.")
        mode.add_argument("--zonder-deduce", action="store_true", help="Alleen zonder deduce.")
        parser.add_argument(
            "--details", action="store_true", help="Toon ook gemiste en onterechte meldingen."
        )

    def handle(self, *args, corpus, aantal, deduce, zonder_deduce, details, **options):
        try:
            loaded = load_corpus(corpus)
        except (OSError, ValueError, KeyError, CorpusError) as error:
            raise CommandError(
                _("Het corpus kan niet worden gelezen: %(error)s") % {"error": error}
            ) from None
        if deduce and not is_available():
            raise CommandError(_("deduce is niet geïnstalleerd."))
        modes = [True] if deduce else [False] if zonder_deduce else [False, True]
        if not is_available():
            modes = [m for m in modes if not m]
        results = []
        for use_deduce in modes:
            result = evaluate(loaded, use_deduce=use_deduce, timed_checks=aantal).as_dict()
            if not details:
                del result["missed"], result["false_positives"]
            results.append(result)
        self.stdout.write(json.dumps(results, ensure_ascii=False, indent=2))
