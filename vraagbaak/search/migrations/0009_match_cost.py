"""Tell PostgreSQL's planner what matching a text vector costs (search.checks explains).

``@@`` on a tsvector (function ``ts_match_vq``) is declared with cost 1, as cheap as
comparing two integers. Checked on a row it first reads the vector, often out of line
(TOAST): about 15 µs a row, measured on 100,000 questions. With cost 1 the planner may
filter thousands of rows that way instead of asking the GIN index (measured: 222 ms
instead of 22 ms for a broad search with a status filter). Cost 100 makes it use the
index. Only a superuser may change a built-in function: otherwise this step only warns,
and ``manage.py check --database default`` keeps warning (search.W001) until a superuser
runs the statement.
"""

import sys

from django.db import migrations

STATEMENT = "ALTER FUNCTION pg_catalog.ts_match_vq(tsvector, tsquery) COST {cost}"


def set_cost(cost):
    def run(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            if not cursor.fetchone()[0]:
                sys.stderr.write(
                    "\nLet op: de zoekindex werkt sneller als een superuser dit uitvoert:\n  "
                    + STATEMENT.format(cost=cost)
                    + ";\n"
                )
                return
            cursor.execute(STATEMENT.format(cost=cost))

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0008_phrase_tokens")]

    operations = [migrations.RunPython(set_cost(100), set_cost(1))]
