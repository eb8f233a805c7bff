"""`manage.py zoekindex [--database] [--elasticsearch]`: rebuild the search indexes."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = _(
        "Bouw de zoekindex opnieuw op. --database: de index in de database (PostgreSQL of "
        "SQLite), nodig na een import buiten de gewone acties om. --elasticsearch: maak de "
        "Elasticsearch-index opnieuw aan met de huidige synoniemen en vul hem met alle vragen. "
        "Zonder opties: allebei (Elasticsearch alleen als ELASTICSEARCH_URL is ingesteld)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--database", action="store_true", help=_("Bouw de index in de database opnieuw op.")
        )
        parser.add_argument(
            "--elasticsearch",
            action="store_true",
            help=_("Maak de Elasticsearch-index opnieuw aan en vul hem."),
        )

    def handle(self, *args, database=False, elasticsearch=False, **options):
        from vraagbaak.search import tasks

        if not database and not elasticsearch:
            database = True
            elasticsearch = tasks.elasticsearch_enabled()
        if database:
            from vraagbaak.search.index import rebuild_database_index

            started = time.monotonic()
            count = rebuild_database_index()
            self.stdout.write(
                _("Database: %(count)d vragen geïndexeerd in %(seconds).1f s.")
                % {"count": count, "seconds": time.monotonic() - started}
            )
        if elasticsearch:
            if not tasks.elasticsearch_enabled():
                raise CommandError(_("ELASTICSEARCH_URL is niet ingesteld."))
            from vraagbaak.search import es_backend

            started = time.monotonic()
            try:
                count = es_backend.rebuild_index()
            except es_backend.unavailable_errors() as exc:
                raise CommandError(
                    _("Elasticsearch is niet bereikbaar (%(error)s).")
                    % {"error": type(exc).__name__}
                ) from exc
            self.stdout.write(
                _("Elasticsearch: %(count)d vragen geïndexeerd in %(seconds).1f s.")
                % {"count": count, "seconds": time.monotonic() - started}
            )
