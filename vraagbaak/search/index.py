"""Writing the database search index (SearchEntry plus the vectors / the FTS5 row).

- :func:`index_vraag`: one question, synchronously, in the caller's transaction (signals.py
  calls it after every change of a question, its answers, taxonomies or tags).
- :func:`rebuild_database_index`: every question; for bulk data that bypassed the signals
  (``bulk_create``, COPY). On PostgreSQL the answers are vectorised set-based in SQL and
  the questions in batches; on SQLite everything goes through Python.

What is indexed: title (weight A), oplossing (B), body plus tag names (C) and the
published answers (D; hidden and held answers never). PostgreSQL keeps three vectors:
``head_vector`` (A+B, for ranking and similar questions), ``rank_vector`` (A+B+C, the
question's own text, searched first) and ``document`` (everything). The question's own
text also carries a joined token for each multi-word thesaurus phrase it says
(analysis.Phrases); when the thesaurus gains phrases, :func:`index_phrases` re-indexes
the questions that may say them. Facets, visibility
and the solved flag are copied into the entry (``facet_keys``), so a query reads one table.

Both writers also keep the vocabulary ``search_word`` (migration 0007) for the per-word typo
correction: :func:`index_vraag` adds the words of a published question and its published
answers (:func:`add_words`); a rebuild fills it anew (:func:`rebuild_vocabulary`). Words of
questions in review or rejected are left out; words are never removed one by one (the
search checks a suggestion against what the user may see before it uses it).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db import connection, transaction
from django.utils import timezone

from vraagbaak.search import analysis
from vraagbaak.search.models import SearchDeletion, SearchEntry
from vraagbaak.search.synonyms import current_thesaurus
from vraagbaak.search.thesaurus import normalize

BATCH_SIZE = 2000
CFG = f"'{analysis.PG_CONFIG}'"


def _vector_sql(param: str, weight: str) -> str:
    return f"setweight(to_tsvector({CFG}, {param}), '{weight}')"


HEAD_VECTOR_SQL = " || ".join([_vector_sql("{t}", "A"), _vector_sql("{o}", "B")])
RANK_VECTOR_SQL = HEAD_VECTOR_SQL + " || " + _vector_sql("{b}", "C")
ANSWER_VECTOR_SQL = _vector_sql(analysis.ANSWERS_SQL.replace("%s", "{a}"), "D")


def facet_keys(
    *,
    status: str,
    fase_id: int | None,
    stadsdeel_id: int | None,
    discipline_id: int | None,
    risicofactor_ids: Iterable[int],
    vraagtype_ids: Iterable[int],
) -> str:
    """The facet values of one question as ``facet:id`` pairs (status: ``status:<value>``)."""
    keys = [f"status:{status}"]
    keys += [f"risicofactor:{i}" for i in sorted(set(risicofactor_ids))]
    keys += [f"vraagtype:{i}" for i in sorted(set(vraagtype_ids))]
    if fase_id:
        keys.append(f"fase:{fase_id}")
    if stadsdeel_id:
        keys.append(f"stadsdeel:{stadsdeel_id}")
    if discipline_id:
        keys.append(f"discipline:{discipline_id}")
    return " ".join(keys)


class _Doc:
    """Helper: the texts and the entry fields of one question."""

    __slots__ = ("answers", "body", "entry", "oplossing", "title")

    def __init__(self, entry: SearchEntry, title: str, oplossing: str, body: str, answers: str):
        self.entry, self.title, self.oplossing, self.body, self.answers = (
            entry,
            title,
            oplossing,
            body,
            answers,
        )


def _docs_for(vraag_ids: Sequence[int], *, with_answers: bool = True) -> list[_Doc]:
    """Helper: load everything of these questions in a constant number of queries."""
    from taggit.models import TaggedItem

    from vraagbaak.accounts.models import Profile
    from vraagbaak.vragen.models import Antwoord, CloseReason, Vraag, VraagStatus

    vragen = list(
        Vraag.objects.filter(pk__in=vraag_ids).values(
            "id",
            "title",
            "body",
            "oplossing",
            "status",
            "author_id",
            "fase_id",
            "stadsdeel_id",
            "last_activity_at",
            "close_reason",
        )
    )
    if not vragen:
        return []
    ids = [v["id"] for v in vragen]
    risico: dict[int, list[int]] = defaultdict(list)
    for vid, rid in Vraag.risicofactoren.through.objects.filter(vraag_id__in=ids).values_list(
        "vraag_id", "risicofactor_id"
    ):
        risico[vid].append(rid)
    types: dict[int, list[int]] = defaultdict(list)
    for vid, tid in Vraag.vraagtypes.through.objects.filter(vraag_id__in=ids).values_list(
        "vraag_id", "vraagtype_id"
    ):
        types[vid].append(tid)
    tags: dict[int, list[str]] = defaultdict(list)
    for vid, name in TaggedItem.objects.filter(
        content_type__app_label="vragen", content_type__model="vraag", object_id__in=ids
    ).values_list("object_id", "tag__name"):
        tags[vid].append(name)
    authors = {v["author_id"] for v in vragen if v["author_id"]}
    disciplines = dict(
        Profile.objects.filter(user_id__in=authors).values_list("user_id", "discipline_id")
    )
    answers: dict[int, list[str]] = defaultdict(list)
    if with_answers:
        for vid, body in (
            Antwoord.objects.filter(vraag_id__in=ids, is_hidden=False, is_held=False)
            .order_by("vraag_id", "created_at", "id")
            .values_list("vraag_id", "body")
        ):
            answers[vid].append(body)

    docs = []
    for v in vragen:
        entry = SearchEntry(
            vraag_id=v["id"],
            status=v["status"],
            is_solved=v["status"] == VraagStatus.SOLVED,
            is_duplicate=v["close_reason"] == CloseReason.DUPLICATE,
            author_id=v["author_id"],
            last_activity_at=v["last_activity_at"] or timezone.now(),
            facet_keys=facet_keys(
                status=v["status"],
                fase_id=v["fase_id"],
                stadsdeel_id=v["stadsdeel_id"],
                discipline_id=disciplines.get(v["author_id"]),
                risicofactor_ids=risico[v["id"]],
                vraagtype_ids=types[v["id"]],
            ),
            title_normalized=normalize(v["title"]),
            es_dirty=True,
        )
        body = " ".join([v["body"] or "", *tags[v["id"]]])
        docs.append(
            _Doc(entry, v["title"] or "", v["oplossing"] or "", body, "\n".join(answers[v["id"]]))
        )
    return docs


ENTRY_FIELDS = [
    "status",
    "is_solved",
    "is_duplicate",
    "author_id",
    "last_activity_at",
    "facet_keys",
    "title_normalized",
    "es_dirty",
]


def _write_texts(docs: Sequence[_Doc]) -> None:
    """Helper: store the analysed texts of these (already saved) entries."""
    if not docs:
        return
    vendor = connection.vendor
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            phrases = current_thesaurus().phrases
            head = HEAD_VECTOR_SQL.format(t="v.t", o="v.o")
            rank = RANK_VECTOR_SQL.format(t="v.t", o="v.o", b="v.b")
            answers = ANSWER_VECTOR_SQL.format(a="v.a")
            cursor.execute(
                f"""
                UPDATE search_searchentry e
                SET head_vector = {head}, rank_vector = {rank}, document = {rank} || {answers}
                FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[], %s::text[])
                    AS v(id, t, o, b, a)
                WHERE e.vraag_id = v.id
                """,
                [
                    [d.entry.vraag_id for d in docs],
                    [analysis.surface_text(d.title, phrases=phrases) for d in docs],
                    [analysis.surface_text(d.oplossing, phrases=phrases) for d in docs],
                    [analysis.surface_text(d.body, phrases=phrases) for d in docs],
                    [d.answers for d in docs],
                ],
            )
        elif vendor == "sqlite":
            cursor.executemany(
                "INSERT OR REPLACE INTO search_fts (rowid, title, oplossing, body, answers) "
                "VALUES (%s, %s, %s, %s, %s)",
                [
                    (
                        d.entry.vraag_id,
                        " ".join(analysis.index_terms(d.title)),
                        " ".join(analysis.index_terms(d.oplossing)),
                        " ".join(analysis.index_terms(d.body)),
                        " ".join(analysis.index_terms(d.answers, compounds=False)),
                    )
                    for d in docs
                ],
            )


def _delete_fts(vraag_ids: Sequence[int]) -> None:
    if connection.vendor == "sqlite" and vraag_ids:
        with connection.cursor() as cursor:
            cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(i,) for i in vraag_ids])


@transaction.atomic
def index_vraag(vraag_id: int) -> bool:
    """Index one question now (or drop it from the index when it no longer exists).

    Returns True when the question was indexed. Marks the entry ``es_dirty``.
    """
    docs = _docs_for([vraag_id])
    if not docs:
        remove_vraag(vraag_id)
        return False
    doc = docs[0]
    SearchEntry.objects.update_or_create(
        vraag_id=vraag_id, defaults={f: getattr(doc.entry, f) for f in ENTRY_FIELDS}
    )
    _write_texts(docs)
    add_words(docs)
    return True


def remove_vraag(vraag_id: int, *, remember_for_elasticsearch: bool = False) -> None:
    """Drop a question from the database index; optionally remember it for Elasticsearch."""
    SearchEntry.objects.filter(vraag_id=vraag_id).delete()
    _delete_fts([vraag_id])
    if remember_for_elasticsearch:
        SearchDeletion.objects.get_or_create(vraag_id=vraag_id)


def index_phrases(phrases: Iterable[str], *, batch_size: int = BATCH_SIZE) -> int:
    """PostgreSQL: re-index the questions whose own text has every word of one of these
    phrases, so it gets the phrases' joined tokens (after the thesaurus gained them).
    Returns the number of questions re-indexed; 0 on other databases (FTS5 has real
    phrase queries)."""
    multi = [analysis.tokens(p) for p in phrases]
    multi = [words for words in multi if len(words) > 1]
    if connection.vendor != "postgresql" or not multi:
        return 0
    tsquery = " | ".join("(" + " & ".join(words) + ")" for words in multi)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT vraag_id FROM search_searchentry WHERE rank_vector @@ to_tsquery({CFG}, %s)"
            " ORDER BY vraag_id",
            [tsquery],
        )
        ids = [vid for (vid,) in cursor.fetchall()]
    for start in range(0, len(ids), batch_size):
        with transaction.atomic():
            _write_texts(_docs_for(ids[start : start + batch_size]))
    return len(ids)


def rebuild_database_index(*, batch_size: int = BATCH_SIZE) -> int:
    """Rebuild the database index for every question; returns the number indexed.

    PostgreSQL: the table is truncated and every batch of questions is written with one
    ``INSERT … SELECT``: Python analyses title, solution, body and tags (compound parts),
    the database aggregates and vectorises the published answers of the batch. Each row
    is written once (no UPDATE afterwards), so the table stays compact without a VACUUM
    FULL. SQLite: everything through Python.
    """
    from vraagbaak.vragen.models import Vraag

    vendor = connection.vendor
    total = 0
    with transaction.atomic():
        if vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("TRUNCATE search_searchentry")
        else:
            SearchEntry.objects.all().delete()
            if vendor == "sqlite":
                with connection.cursor() as cursor:
                    cursor.execute("DELETE FROM search_fts")
        ids = list(Vraag.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), batch_size):
            chunk = ids[start : start + batch_size]
            if vendor == "postgresql":
                docs = _docs_for(chunk, with_answers=False)
                _pg_insert(docs)
            else:
                docs = _docs_for(chunk)
                SearchEntry.objects.bulk_create([d.entry for d in docs], batch_size=batch_size)
                _write_texts(docs)
            total += len(docs)
        rebuild_vocabulary()
    return total


def _pg_insert(docs: Sequence[_Doc]) -> None:
    """Helper: insert entries with all three vectors; answers aggregated in SQL."""
    if not docs:
        return
    phrases = current_thesaurus().phrases
    head = HEAD_VECTOR_SQL.format(t="v.t", o="v.o")
    rank = RANK_VECTOR_SQL.format(t="v.t", o="v.o", b="v.b")
    answers = ANSWER_VECTOR_SQL.format(a="a.body")
    now = timezone.now()
    columns = {
        "vraag_id": ("bigint", [d.entry.vraag_id for d in docs]),
        "status": ("text", [d.entry.status for d in docs]),
        "is_solved": ("boolean", [d.entry.is_solved for d in docs]),
        "is_duplicate": ("boolean", [d.entry.is_duplicate for d in docs]),
        "author_id": ("bigint", [d.entry.author_id for d in docs]),
        "last_activity_at": ("timestamptz", [d.entry.last_activity_at for d in docs]),
        "facet_keys": ("text", [d.entry.facet_keys for d in docs]),
        "title_normalized": ("text", [d.entry.title_normalized for d in docs]),
        "t": ("text", [analysis.surface_text(d.title, phrases=phrases) for d in docs]),
        "o": ("text", [analysis.surface_text(d.oplossing, phrases=phrases) for d in docs]),
        "b": ("text", [analysis.surface_text(d.body, phrases=phrases) for d in docs]),
    }
    unnest = ", ".join(f"%s::{sql_type}[]" for sql_type, _ in columns.values())
    names = ", ".join(columns)
    fields = list(columns)[:8]
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO search_searchentry
                ({", ".join(fields)}, es_dirty, indexed_at, head_vector, rank_vector, document)
            SELECT {", ".join("v." + f for f in fields)}, TRUE, %s, {head}, {rank},
                   {rank} || COALESCE({answers}, ''::tsvector)
            FROM unnest({unnest}) AS v({names})
            LEFT JOIN (
                SELECT vraag_id, string_agg(body, E'\\n' ORDER BY created_at, id) AS body
                FROM vragen_antwoord
                WHERE vraag_id = ANY(%s) AND NOT is_hidden AND NOT is_held
                GROUP BY vraag_id
            ) a ON a.vraag_id = v.vraag_id
            """,
            [now, *[values for _, values in columns.values()], columns["vraag_id"][1]],
        )


def mark_all_dirty() -> int:
    """Mark every entry for the Elasticsearch catch-up (after an index rebuild there)."""
    return SearchEntry.objects.update(es_dirty=True)


# --- The vocabulary (search_word) -----------------------------------------------------------

#: Statuses whose words enter the vocabulary: what every verified professional may see.
PUBLISHED_STATUSES = ("open", "solved", "closed")
#: A vocabulary word: letters only, 4 to 40 of them (normalised, so no accents).
VOCABULARY_WORD = re.compile(r"[a-z]{4,40}")


def vocabulary_words(text: str) -> set[str]:
    """The words of ``text`` that belong in the vocabulary (normalised, no stop words)."""
    return {
        t
        for t in normalize(text or "").split()
        if VOCABULARY_WORD.fullmatch(t) and t not in analysis.STOP_WORDS
    }


def add_words(docs: Sequence[_Doc]) -> None:
    """Add the words of the published questions among ``docs`` (text, tags, answers)."""
    words: set[str] = set()
    for doc in docs:
        if doc.entry.status in PUBLISHED_STATUSES:
            for text in (doc.title, doc.oplossing, doc.body, doc.answers):
                words |= vocabulary_words(text)
    insert_words(words)


def insert_words(words: Iterable[str]) -> None:
    """Store words with their stems; words already there are left alone."""
    rows = sorted(set(words))
    if not rows or connection.vendor not in ("postgresql", "sqlite"):
        return
    stems = [analysis.stem(analysis.fix_token(w)) for w in rows]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "INSERT INTO search_word (word, stem) SELECT * FROM unnest(%s::text[], %s::text[])"
                " ON CONFLICT (word) DO NOTHING",
                [rows, stems],
            )
        else:
            cursor.executemany(
                "INSERT INTO search_word (word, stem) VALUES (%s, %s)"
                " ON CONFLICT (word) DO NOTHING",
                list(zip(rows, stems, strict=True)),
            )


#: The texts whose words form the vocabulary: title, solution and body of the published
#: entries, their tags and their published answers (one text a row).
VOCABULARY_TEXTS_SQL = """
    SELECT v.title || ' ' || COALESCE(v.oplossing, '') || ' ' || COALESCE(v.body, '') AS t
    FROM search_searchentry e JOIN vragen_vraag v ON v.id = e.vraag_id
    WHERE e.status IN ('open', 'solved', 'closed')
    UNION ALL
    SELECT tag.name
    FROM search_searchentry e
    JOIN taggit_taggeditem ti ON ti.object_id = e.vraag_id
    JOIN django_content_type ct ON ct.id = ti.content_type_id
        AND ct.app_label = 'vragen' AND ct.model = 'vraag'
    JOIN taggit_tag tag ON tag.id = ti.tag_id
    WHERE e.status IN ('open', 'solved', 'closed')
    UNION ALL
    SELECT a.body
    FROM search_searchentry e JOIN vragen_antwoord a ON a.vraag_id = e.vraag_id
    WHERE e.status IN ('open', 'solved', 'closed') AND NOT a.is_hidden AND NOT a.is_held
"""

#: PostgreSQL: the distinct space-separated pieces of those texts ("woning.", "Ouder-"),
#: which Python then normalises and filters (:func:`vocabulary_words`). The database only
#: splits on spaces and removes duplicates, the cheapest work per row: on 100,000
#: generated answers 2.3 s, against 3.6 s for a regular-expression split, 7.2 s with
#: ``lower(unaccent())`` as well and 15.0 s with the text search parser; the pieces
#: that remain are few, so normalising them in Python costs little. The whole
#: vocabulary of 100,000 questions with 1,000,000 answers took 61 s (a busy two-core
#: machine; the index itself 325 s), almost all of it reading and splitting the answers.
PG_VOCABULARY_SQL = f"""
    SELECT DISTINCT w.piece
    FROM ({VOCABULARY_TEXTS_SQL}) AS x,
    unnest(string_to_array(translate(x.t, E'\\n\\r\\t', '   '), ' ')) AS w(piece)
    WHERE length(w.piece) >= 4
"""


def rebuild_vocabulary() -> int:
    """Fill the vocabulary anew from the published entries of the index; returns the
    number of words. PostgreSQL splits the texts in SQL (:data:`PG_VOCABULARY_SQL`);
    SQLite reads the texts and splits them in Python."""
    vendor = connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        return 0
    words: set[str] = set()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_word")
        if vendor == "postgresql":
            cursor.execute(PG_VOCABULARY_SQL)
            for (piece,) in cursor.fetchall():
                words |= vocabulary_words(piece)
        else:
            cursor.execute(VOCABULARY_TEXTS_SQL)
            for (text,) in cursor.fetchall():
                words |= vocabulary_words(text)
    insert_words(words)
    return len(words)
