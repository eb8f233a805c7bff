"""`manage.py anonimiteitscheck FILE [FILE ...]` (use `-` for stdin)."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from vraagbaak.anonymity import check_text


class Command(BaseCommand):
    help = (
        "Controleer UTF-8-tekstbestanden (of stdin met '-') op gegevens die een gezin "
        "herkenbaar kunnen maken. Drukt één JSON-object af: per bestand een lijst van "
        '{"start", "end", "label", "text"} met tekenposities in de tekst.'
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--zonder-deduce",
            action="store_true",
            help="Gebruik alleen de eigen detectoren, niet deduce.",
        )

    def handle(self, *args, files, zonder_deduce=False, **options):
        use_deduce = False if zonder_deduce else None
        texts = {}
        for name in files:
            texts[name] = self._read(name)
        result = {
            name: [f.as_dict() for f in check_text(text, use_deduce=use_deduce)]
            for name, text in texts.items()
        }
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))

    def _read(self, name: str) -> str:
        try:
            if name == "-":
                return sys.stdin.buffer.read().decode("utf-8")
            with open(name, encoding="utf-8", newline="") as handle:
                return handle.read()
        except FileNotFoundError:
            raise CommandError(_("Het bestand %(name)s bestaat niet.") % {"name": name}) from None
        except UnicodeDecodeError:
            raise CommandError(_("%(name)s is geen UTF-8-tekst.") % {"name": name}) from None
        except OSError as error:
            raise CommandError(
                _("Het bestand %(name)s kan niet worden gelezen: %(error)s")
                % {"name": name, "error": error.strerror}
            ) from None
