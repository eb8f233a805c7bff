"""The search vocabulary ``search_word``: the words of published questions and their
published answers, for the per-word typo correction (database.py, ``correct_concepts``).

One row per written word (normalised: lowercase, accents folded, letters only, at least
four letters, no stop words) with its stem (``analysis.stem`` after ``fix_token``): the
stem says whether a query word is known, the word is what a correction shows the user.
PostgreSQL adds a trigram index on the word (pg_trgm, migration 0002) for the nearest
words; SQLite compares words in Python (small installs).

The index writers (index.py) add the words of every published question they write; a full
rebuild fills the table anew. Words are never removed one by one: a word that left the
index (an edited, hidden or rejected text) stays until the next rebuild, and database.py
only suggests a word after checking that it still matches a question the user may see.

This migration fills the table for existing installs (``index.rebuild_vocabulary``; about
a minute for 100,000 questions with 1,000,000 answers on PostgreSQL, see the function).
A plain table, not a Django model, like ``search_fts``: only raw SQL in the search backend
reads and writes it. Other databases get nothing (their search needs Elasticsearch).
"""

from django.db import migrations

CREATE = [
    "CREATE TABLE IF NOT EXISTS search_word (word text PRIMARY KEY, stem text NOT NULL)",
    "CREATE INDEX IF NOT EXISTS search_word_stem ON search_word (stem)",
]
FORWARD = {
    "postgresql": [
        *CREATE,
        "CREATE INDEX IF NOT EXISTS search_word_trgm ON search_word USING gin (word gin_trgm_ops)",
    ],
    "sqlite": CREATE,
}
BACKWARD = ["DROP TABLE IF EXISTS search_word"]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in FORWARD:
        return
    for statement in FORWARD[vendor]:
        schema_editor.execute(statement)
    # Existing installs: the words of what is indexed now (nothing on a fresh install).
    from vraagbaak.search.index import rebuild_vocabulary

    rebuild_vocabulary()


def backward(apps, schema_editor):
    if schema_editor.connection.vendor in FORWARD:
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0006_facet_codes")]

    operations = [migrations.RunPython(forward, backward)]
