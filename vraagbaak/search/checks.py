"""System checks for database search (``manage.py check --database default``)."""

from __future__ import annotations

from django.core.checks import Tags, Warning, register
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

#: The planner cost of ``tsvector @@ tsquery`` that migration 0009 sets (its docstring
#: has the measurements).
MATCH_COST = 100
COST_MIGRATION = "0009_match_cost"


@register(Tags.database)
def check_match_cost(app_configs=None, databases=None, **kwargs):
    problems = []
    for alias in databases or ():
        connection = connections[alias]
        if connection.vendor != "postgresql" or not _cost_migration_applied(connection):
            continue  # before it is applied, migrate will set the cost itself
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT procost FROM pg_proc"
                " WHERE oid = 'pg_catalog.ts_match_vq(tsvector, tsquery)'::regprocedure"
            )
            (cost,) = cursor.fetchone()
        if cost < MATCH_COST:
            problems.append(
                Warning(
                    f"Zoeken op PostgreSQL kan traag worden: de planner rekent het vergelijken "
                    f"van een tekstvector te goedkoop (kosten {cost:g}, nodig {MATCH_COST}).",
                    hint=(
                        "Draai manage.py migrate als superuser (migratie search.0009), of laat "
                        "een superuser uitvoeren: ALTER FUNCTION "
                        f"pg_catalog.ts_match_vq(tsvector, tsquery) COST {MATCH_COST}; "
                        "(ook na een pg_dump/restore of een upgrade van PostgreSQL)."
                    ),
                    id="search.W001",
                )
            )
    return problems


def _cost_migration_applied(connection) -> bool:
    return ("search", COST_MIGRATION) in MigrationRecorder(connection).applied_migrations()
