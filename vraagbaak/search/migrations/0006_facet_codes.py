"""PostgreSQL: the facet values of an entry as integers (``facet_codes``), for facet
filters and counts that do not split text for every matching row.

A stored generated column computed from ``facet_keys`` by an immutable SQL function, so it
can never disagree with the keys and no writer has to know about it. Two indexes serve broad
searches (database.py): a GIN index on the codes and a btree on last activity. The
column is not in the Django model (it exists on PostgreSQL only); database.py reads it in raw SQL. A
code is ``facet number × 1,000,000 + id`` (statuses numbered), see
``database.FACET_NUMBERS`` and ``database.STATUS_NUMBERS``; a test checks that the SQL
function and Python agree.
"""

from django.db import migrations

FORWARD = [
    """
    CREATE OR REPLACE FUNCTION search_facet_codes(keys text) RETURNS integer[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT COALESCE(array_agg(code ORDER BY code), '{}')
        FROM (
            SELECT CASE split_part(k, ':', 1)
                       WHEN 'risicofactor' THEN 1 WHEN 'fase' THEN 2 WHEN 'stadsdeel' THEN 3
                       WHEN 'vraagtype' THEN 4 WHEN 'status' THEN 5 WHEN 'discipline' THEN 6
                   END * 1000000
                   + CASE WHEN split_part(k, ':', 1) = 'status' THEN
                         CASE split_part(k, ':', 2)
                             WHEN 'in_review' THEN 1 WHEN 'open' THEN 2 WHEN 'solved' THEN 3
                             WHEN 'closed' THEN 4 WHEN 'rejected' THEN 5 ELSE 0
                         END
                     WHEN split_part(k, ':', 2) ~ '^[0-9]{1,6}$' THEN split_part(k, ':', 2)::int
                     ELSE 0
                     END AS code
            FROM unnest(string_to_array(keys, ' ')) AS k
        ) AS codes
        WHERE code IS NOT NULL AND mod(code, 1000000) <> 0
    $$
    """,
    "ALTER TABLE search_searchentry ADD COLUMN facet_codes integer[]"
    " GENERATED ALWAYS AS (search_facet_codes(facet_keys)) STORED",
    # Broad searches: facet filters in the index scan, and the most recent entries.
    "CREATE INDEX IF NOT EXISTS search_entry_facets_gin ON search_searchentry"
    " USING gin (facet_codes)",
    "CREATE INDEX IF NOT EXISTS search_entry_activity ON search_searchentry (last_activity_at)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_facets_gin",
    "DROP INDEX IF EXISTS search_entry_activity",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS facet_codes",
    "DROP FUNCTION IF EXISTS search_facet_codes(text)",
]


def postgres_only(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0005_more_synonyms")]

    operations = [migrations.RunPython(postgres_only(FORWARD), postgres_only(BACKWARD))]
