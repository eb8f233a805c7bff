"""`manage.py anonimiteitscheck FILE [FILE ...]` (use `-` for stdin), or `--alle`."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from vraagbaak.anonymity import check_text
from vraagbaak.vragen.actions import hold_antwoord_for_review, hold_vraag_for_review
from vraagbaak.vragen.models import PUBLISHED_STATUSES, Antwoord, Vraag, VraagStatus


def _key(finding: dict) -> tuple:
    return (finding.get("field", ""), finding["start"], finding["end"], finding["label"])


def _has_new(findings: list[dict], stored: list[dict]) -> bool:
    """True if the re-check found something the stored findings (which a moderator saw when
    approving) do not contain; findings a moderator already accepted do not queue again."""
    known = {_key(f) for f in stored or []}
    return any(_key(f) not in known for f in findings)


class Command(BaseCommand):
    help = (
        "Controleer UTF-8-tekstbestanden (of stdin met '-') op gegevens die een gezin "
        "herkenbaar kunnen maken. Drukt één JSON-object af: per bestand een lijst van "
        '{"start", "end", "label", "text"} met tekenposities in de tekst. '
        "Met --alle: controleer alle gepubliceerde vragen en antwoorden opnieuw en zet wat "
        "nieuwe bevindingen heeft in de wachtrij van de moderatoren."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", metavar="FILE")
        parser.add_argument(
            "--alle",
            action="store_true",
            help=(
                "Controleer alle gepubliceerde vragen en antwoorden opnieuw (na betere "
                "detectoren). Wat iets nieuws vindt, gaat naar de moderatoren. Drukt alleen "
                "aantallen en nummers af, nooit tekst."
            ),
        )
        deduce = parser.add_mutually_exclusive_group()
        deduce.add_argument(
            "--zonder-deduce",
            action="store_true",
            help="Gebruik alleen de eigen detectoren, niet deduce.",
        )
        deduce.add_argument(
            "--deduce",
            action="store_true",
            help="Gebruik ook deduce, wat de instelling ook zegt (laden duurt even).",
        )

    def handle(self, *args, files, alle=False, zonder_deduce=False, deduce=False, **options):
        use_deduce = False if zonder_deduce else (True if deduce else None)
        if alle and files:
            raise CommandError(_("Kies bestanden óf --alle, niet allebei."))
        if alle:
            summary = {
                "vragen": self._recheck_vragen(use_deduce),
                "antwoorden": self._recheck_antwoorden(use_deduce),
            }
            self.stdout.write(json.dumps(summary, indent=2))
            return
        if not files:
            raise CommandError(_("Geef een of meer bestanden, '-' voor stdin, of --alle."))
        texts = {}
        for name in files:
            texts[name] = self._read(name)
        result = {
            name: [f.as_dict() for f in check_text(text, use_deduce=use_deduce)]
            for name, text in texts.items()
        }
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))

    def _recheck_vragen(self, use_deduce: bool | None) -> dict:
        """Re-check published questions; open ones with new findings go back to the queue.
        Solved and closed ones cannot (transition table): their numbers are listed instead."""
        counts = {"checked": 0, "with_findings": 0, "queued": 0, "not_queued": []}
        vragen = (
            Vraag.objects.published()
            .only("pk", "title", "body", "status", "anonymity_findings")
            .order_by("pk")
        )
        for vraag in vragen.iterator(chunk_size=500):
            counts["checked"] += 1
            findings = [
                {"field": field, "start": f.start, "end": f.end, "label": f.label}
                for field, text in (("title", vraag.title), ("body", vraag.body))
                for f in check_text(text, use_deduce=use_deduce)
            ]
            if not findings:
                continue
            counts["with_findings"] += 1
            if not _has_new(findings, vraag.anonymity_findings):
                continue
            if vraag.status == VraagStatus.OPEN:
                hold_vraag_for_review(vraag, findings=findings)
                counts["queued"] += 1
            else:
                counts["not_queued"].append(vraag.pk)
        return counts

    def _recheck_antwoorden(self, use_deduce: bool | None) -> dict:
        """Re-check visible answers of published questions; new findings hold the answer."""
        counts = {"checked": 0, "with_findings": 0, "queued": 0}
        antwoorden = (
            Antwoord.objects.filter(
                is_hidden=False, is_held=False, vraag__status__in=PUBLISHED_STATUSES
            )
            .only("pk", "body", "is_held", "anonymity_findings")
            .order_by("pk")
        )
        for antwoord in antwoorden.iterator(chunk_size=500):
            counts["checked"] += 1
            findings = [
                {"start": f.start, "end": f.end, "label": f.label}
                for f in check_text(antwoord.body, use_deduce=use_deduce)
            ]
            if not findings:
                continue
            counts["with_findings"] += 1
            if _has_new(findings, antwoord.anonymity_findings):
                hold_antwoord_for_review(antwoord, findings=findings)
                counts["queued"] += 1
        return counts

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
