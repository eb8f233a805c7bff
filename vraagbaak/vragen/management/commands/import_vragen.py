"""`manage.py import_vragen FILE.json [FILE2.json ...] [--als EMAIL]`"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from vraagbaak.accounts.models import User
from vraagbaak.vragen.importing import (
    InvalidImportFile,
    get_import_account,
    import_vragen,
    load_files,
)


class Command(BaseCommand):
    help = (
        "Importeer vragen uit JSON-bestanden in het formaat van voorbeeldvragen.json. "
        "Vragen met een id die al is geïmporteerd, worden overgeslagen."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE.json")
        parser.add_argument(
            "--als",
            metavar="EMAIL",
            help="Zet de vragen op naam van dit (bestaande) account. "
            "Zonder deze optie: het neutrale importaccount.",
        )

    def handle(self, *args, files, als=None, **options):
        author = None
        if als:
            author = User.objects.filter(email__iexact=als.strip()).first()
            if author is None:
                raise CommandError(
                    _("Er is geen account met het e-mailadres %(email)s. Er is niets geïmporteerd.")
                    % {"email": als}
                )
        try:
            records = load_files(files)
        except InvalidImportFile as error:
            raise CommandError(
                _("Import afgebroken, er is niets geïmporteerd:") + "\n" + "\n".join(error.errors)
            ) from None

        with transaction.atomic():
            result = import_vragen(records, attributed_to=author or get_import_account())

        self.stdout.write(
            _("%(nieuw)d nieuw, %(aanwezig)d al aanwezig.")
            % {"nieuw": len(result.created), "aanwezig": len(result.existing)}
        )
