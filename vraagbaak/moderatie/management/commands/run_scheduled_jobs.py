"""`manage.py run_scheduled_jobs [--loop SECONDS] [--job NAME]`: the site's periodic jobs.

Production runs it once every 15 minutes (cron or a systemd timer); `make run` keeps it
running with `--loop`. Every job is idempotent (it claims its work with conditional
updates), so overlapping or repeated runs send nothing twice. Add new jobs to JOBS.
"""

from __future__ import annotations

import json
import logging
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# name -> dotted path of a system action without arguments that returns a JSON-able summary.
JOBS: dict[str, str] = {
    "oplossing_reminders": "vraagbaak.moderatie.actions.send_oplossing_reminders",
    "search_sync": "vraagbaak.search.tasks.sync_elasticsearch",
    "zorgoverleg_planning": "vraagbaak.zorgoverleg.actions.plan_sessions",
    # After the planning, so sessions planned in this run are announced in it too.
    "zorgoverleg_alarm": "vraagbaak.zorgoverleg.alarm.send_zorgoverleg_mails",
}


def _release_connections() -> None:
    """Close broken or expired database connections between runs of a long-lived loop (what
    Django does per request), but never one inside a transaction."""
    for conn in connections.all(initialized_only=True):
        if not conn.in_atomic_block:
            conn.close_if_unusable_or_obsolete()


class Command(BaseCommand):
    help = (
        "Voer de geplande taken één keer uit (zoals de herinneringen om de oplossing), "
        "of blijf dat doen met --loop."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop",
            type=int,
            metavar="SECONDS",
            help="Blijf draaien en voer de taken elke SECONDS seconden opnieuw uit.",
        )
        parser.add_argument(
            "--job",
            action="append",
            choices=sorted(JOBS),
            help="Alleen deze taak (mag vaker).",
        )

    def handle(self, *args, loop=None, job=None, **options):
        names = job or list(JOBS)
        if loop is not None and loop < 1:
            raise CommandError(_("--loop moet minstens 1 seconde zijn."))
        if loop is None:
            self.run_once(names)
            return
        try:
            while True:
                self.run_once(names)
                time.sleep(loop)
        except KeyboardInterrupt:
            pass

    def run_once(self, names: list[str]) -> dict:
        """Run each job; one failing job is logged and does not stop the others."""
        _release_connections()
        results = {}
        for name in names:
            try:
                results[name] = import_string(JOBS[name])()
            except Exception:  # keep the scheduler alive; logger.exception keeps the traceback
                logger.exception("Scheduled job %s failed", name)
                results[name] = "error"
        _release_connections()
        self.stdout.write(json.dumps(results, default=str))
        return results
