"""Database search setup per database (vraagbaak.search.analysis explains the design).

PostgreSQL: the extensions unaccent and pg_trgm, the text search configuration
``vraagbaak_dutch`` (a copy of the built-in ``dutch`` whose word mappings run through
``unaccent`` and then ``dutch_stem``), GIN indexes on the document vector and a trigram
index on the normalised title.

SQLite: the FTS5 table ``search_fts`` (rowid = vraag id; columns hold stemmed terms) and
``search_fts_vocab`` (fts5vocab: every indexed term, for the typo fallback).

Other databases get nothing; search then needs Elasticsearch.
"""

from django.db import migrations

PG_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS vraagbaak_dutch",
    "CREATE TEXT SEARCH CONFIGURATION vraagbaak_dutch (COPY = pg_catalog.dutch)",
    "ALTER TEXT SEARCH CONFIGURATION vraagbaak_dutch ALTER MAPPING FOR "
    "asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH unaccent, dutch_stem",
    "CREATE INDEX IF NOT EXISTS search_entry_document_gin "
    "ON search_searchentry USING gin (document)",
    "CREATE INDEX IF NOT EXISTS search_entry_title_trgm "
    "ON search_searchentry USING gin (title_normalized gin_trgm_ops)",
]
PG_BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_title_trgm",
    "DROP INDEX IF EXISTS search_entry_document_gin",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS vraagbaak_dutch",
    # The extensions stay: other apps (Wagtail's search) may use them too.
]
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "title, oplossing, body, answers, tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts_vocab USING fts5vocab(search_fts, 'row')",
]
SQLITE_BACKWARD = [
    "DROP TABLE IF EXISTS search_fts_vocab",
    "DROP TABLE IF EXISTS search_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
