"""Joined tokens for multi-word thesaurus phrases in the PostgreSQL index (analysis.Phrases).

From this version on, a search asks the question's own text for a phrase's joined token
instead of the AND of its words. An existing PostgreSQL install therefore rebuilds its
database index once here, so the questions indexed before get those tokens (measured:
about 5 minutes for 100,000 questions with 1,000,000 answers). A fresh install (empty
index) and SQLite (FTS5 has real phrase queries) have nothing to do.

Later changes to the thesaurus re-index the questions concerned by themselves
(signals.thesaurus_changed -> tasks.index_thesaurus_phrases). Elasticsearch is not
affected: it has its own synonym handling.
"""

from django.db import migrations


def rebuild_postgresql_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    SearchEntry = apps.get_model("search", "SearchEntry")
    if not SearchEntry.objects.exists():
        return
    from vraagbaak.search.index import rebuild_database_index

    rebuild_database_index()


class Migration(migrations.Migration):
    dependencies = [("search", "0007_search_words")]

    operations = [migrations.RunPython(rebuild_postgresql_index, migrations.RunPython.noop)]
