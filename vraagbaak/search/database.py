"""The database search backend: PostgreSQL full text or SQLite FTS5 (see analysis.py).

A query is split into *concepts* (a word, or a phrase the thesaurus knows, or two words
that form a known compound). With ``expand`` each concept matches itself OR its
thesaurus expansions (synonyms, abbreviations, compound split/join). Concepts are first
AND-ed; when fewer than :data:`MIN_AND_HITS` questions match, OR-ed matches follow the
AND matches.

Before that, each query word that occurs nowhere is corrected (:func:`correct_concepts`):
a word of five letters or more, no stop word and no thesaurus term, whose stem is not in
the vocabulary (``search_word``: the words of published questions and answers, kept by
index.py) and that matches nothing the user may see, is replaced by the nearest word of
the vocabulary or the thesaurus (at most one typing error, two from ten letters) that
does match something the user may see. The AND/OR tiers then run with the corrected
concepts, and ``SearchResults.corrections`` tells the page what was replaced. A word
that matches nothing and has no correction lets PostgreSQL skip the tiers that cannot
find anything.

When nothing matches at all (words the correction leaves alone: shorter ones, thesaurus
terms, words with digits), the typo fallback runs and the results are marked
``is_fuzzy`` (corrected results are marked too):

- PostgreSQL: pg_trgm word similarity of the query words against the normalised titles
  (GIN trigram index), ranked by similarity;
- SQLite (no trigram support): each query word that is not in the index vocabulary
  (``search_fts_vocab``) is replaced by its closest indexed terms (``difflib``), and the
  corrected query runs as an OR query.

The match query reads one table: facet values, visibility and the solved flag are copied
into it (SearchEntry). On PostgreSQL one statement (:func:`pg_page`) reads the matches
once and returns the page, the totals and the facet counts (each facet's counts ignore its
own selection), so a large result never travels to Python. On SQLite (small, embedded
installs) facets are counted and results ranked in Python (:func:`filter_and_count`).

PostgreSQL searches the question's own text first (``rank_vector``) and adds answer
matches (``document``) only when that finds fewer than :data:`MIN_AND_HITS`; generated
volume showed that answers make common words match half of all questions, and ranking or
counting that many rows costs far more than the 50 ms budget. Scores there come from the
small title/solution vector (``head_vector``).

Ranking: weighted relevance (title > solution > body and tags > answers) ×
:data:`SOLVED_WEIGHT` for solved threads. Highlighting runs in Python on the page of hits
only.
"""

from __future__ import annotations

import difflib
import html
import json
import math
import re
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.db import connection

from vraagbaak.search import analysis
from vraagbaak.search.synonyms import Thesaurus, current_thesaurus
from vraagbaak.search.thesaurus import normalize
from vraagbaak.search.types import FACET_KEYS, FacetValue, Hit, SearchQuery, SearchResults

SOLVED_WEIGHT = 1.5
MIN_AND_HITS = 3
SNIPPET_LENGTH = 200
SNIPPET_LEAD = 60
#: Similar questions read at most this many concepts of a text (see similar_terms).
MAX_SIMILAR_CONCEPTS = 60
#: Relevance weights for ts_rank, in the order D, C, B, A (answers, body, solution, title).
PG_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
#: bm25 column weights for title, oplossing, body, answers (the FTS5 column order).
FTS_WEIGHTS = "10.0, 4.0, 2.0, 1.0"
PG_FUZZY_THRESHOLD = 0.45
SQLITE_FUZZY_CUTOFF = 0.75
#: How alike (difflib ratio) a word must be to a query word to be marked after the typo
#: fallback.
FUZZY_HIGHLIGHT = 0.75

PUBLISHED = ("open", "solved", "closed")


# --- Query parsing ------------------------------------------------------------------------


@dataclass
class Concept:
    """One thing the user asked for, and the phrases that count as a match for it."""

    phrase: str
    alternatives: list[str] = field(default_factory=list)
    #: Multi-word alternatives that PostgreSQL indexes as one joined token -> that token
    #: (analysis.Phrases).
    joined: dict[str, str] = field(default_factory=dict)


def parse_concepts(
    text: str, thesaurus: Thesaurus | None = None, *, limit: int | None = None
) -> list[Concept]:
    """Split a query into concepts; with a thesaurus each gets its expansions."""
    words = normalize(text).split()
    concepts: list[Concept] = []
    seen: set[tuple[str, ...]] = set()
    i = 0
    while i < len(words):
        size = 1
        if thesaurus is not None:
            for n in range(min(thesaurus.max_words, len(words) - i), 1, -1):
                if " ".join(words[i : i + n]) in thesaurus.known:
                    size = n
                    break
            else:
                if i + 1 < len(words) and thesaurus.joins(words[i], words[i + 1]):
                    size = 2
        phrase = " ".join(words[i : i + size])
        i += size
        # "zwangere zwanger" asks for one thing: concepts are compared by their stems.
        key = analysis.phrase_key(phrase)
        if key in seen or not _has_content(phrase):
            continue
        seen.add(key)
        concepts.append(
            Concept(phrase, [phrase]) if thesaurus is None else expand_concept(phrase, thesaurus)
        )
        if limit is not None and len(concepts) >= limit:
            break
    return concepts


def expand_concept(phrase: str, thesaurus: Thesaurus) -> Concept:
    """One concept with its thesaurus expansions and the joined tokens of its phrases."""
    alternatives = [phrase, *(a for a in thesaurus.expand(phrase) if _has_content(a))]
    joined = {
        a: analysis.joined_token(analysis.phrase_key(a))
        for a in alternatives
        if " " in a and a in thesaurus.phrases
    }
    return Concept(phrase, list(dict.fromkeys(alternatives)), joined)


def _has_content(phrase: str) -> bool:
    return any(t not in analysis.STOP_WORDS for t in phrase.split())


def expanded_terms(concepts: Sequence[Concept]) -> list[str]:
    return list(dict.fromkeys(a for c in concepts for a in c.alternatives[1:]))


def match_stems(concepts: Iterable[Concept]) -> set[str]:
    """Stems that count as a hit when highlighting."""
    return {
        analysis.stem(analysis.fix_token(t))
        for c in concepts
        for alt in c.alternatives
        for t in alt.split()
        if t not in analysis.STOP_WORDS
    }


def pg_tsquery(concepts: Sequence[Concept], operator: str = "&", *, answers: bool = False) -> str:
    """The concepts as to_tsquery text (PostgreSQL stems it with vraagbaak_dutch).

    A multi-word thesaurus alternative is its joined token (analysis.Phrases), which the
    question's own text carries where it says the phrase. With ``answers`` (the vector
    that includes answers, indexed without joined tokens) the alternative also matches
    texts that have all its words. Other multi-word alternatives are the AND of their
    words: phrase operators would make PostgreSQL recheck every candidate row against
    its (large) vector, while a plain AND/OR query is answered by the GIN index alone.
    """

    def alt(concept: Concept, phrase: str) -> str:
        every = "(" + " & ".join(analysis.fix_token(t) for t in phrase.split()) + ")"
        token = concept.joined.get(phrase)
        if token is None:
            return every
        return f"({token} | {every})" if answers else token

    return f" {operator} ".join(
        "(" + " | ".join(alt(c, a) for a in c.alternatives) + ")" for c in concepts
    )


def fts_query(concepts: Sequence[Concept], operator: str = "AND") -> str:
    """The concepts as an FTS5 MATCH expression over Python-stemmed terms."""

    def alt(phrase: str) -> str:
        stems = [
            analysis.stem(analysis.fix_token(t))
            for t in phrase.split()
            if t not in analysis.STOP_WORDS
        ]
        return '"' + " ".join(stems) + '"'

    return f" {operator} ".join(
        "(" + " OR ".join(alt(a) for a in c.alternatives) + ")" for c in concepts
    )


# --- Visibility, taxonomy -----------------------------------------------------------------


def visibility_sql(user) -> tuple[str, list] | None:
    """SQL condition on entry ``e`` for what ``user`` may see; None = nothing at all."""
    if not user.is_authenticated or not user.is_verified_professional:
        return None
    if user.has_perm("vragen.moderate_vraag"):
        return "1 = 1", []
    return "(e.status IN ('open', 'solved', 'closed') OR e.author_id = %s)", [user.pk]


@dataclass
class FacetTerm:
    id: str
    slug: str
    label: str
    order: tuple


def load_taxonomy() -> dict[str, dict[str, FacetTerm]]:
    """facet -> key value (id as text; status value) -> term, for labels and slugs (one
    query for the five taxonomies)."""
    from django.db.models import CharField, Value

    from vraagbaak.taxonomie.models import Discipline, Fase, Risicofactor, Stadsdeel, Vraagtype
    from vraagbaak.vragen.models import VraagStatus

    models = {
        "risicofactor": Risicofactor,
        "fase": Fase,
        "stadsdeel": Stadsdeel,
        "vraagtype": Vraagtype,
        "discipline": Discipline,
    }
    first, *rest = (
        model.objects.order_by()
        .annotate(facet=Value(facet, output_field=CharField()))
        .values_list("facet", "pk", "slug", "name", "sort_order")
        for facet, model in models.items()
    )
    result: dict[str, dict[str, FacetTerm]] = {facet: {} for facet in models}
    for facet, pk, slug, name, order in first.union(*rest, all=True):
        result[facet][str(pk)] = FacetTerm(str(pk), slug, name, (order, name))
    result["status"] = {
        value: FacetTerm(value, value, str(label), (n, ""))
        for n, (value, label) in enumerate(VraagStatus.choices)
    }
    return result


# --- Rows ---------------------------------------------------------------------------------


@dataclass
class Row:
    vraag_id: int
    is_solved: bool
    keys: frozenset[str]
    last_activity_at: object
    score: float = 0.0
    tier: int = 0


def _rows(sql: str, params: Sequence) -> list[Row]:
    return [
        Row(vid, bool(solved), frozenset(keys.split()), last, float(score or 0.0))
        for vid, solved, keys, last, score in _fetchall(sql, params)
    ]


#: PostgreSQL settings for one search statement. The planner does not count the cost of
#: reading out-of-line vectors, so on a compact table it may pick a sequential scan that
#: reads every vector instead of the GIN index; for text queries the index is right. JIT
#: compilation and parallel workers cost more than these short statements take (and a
#: parallel plan's row estimates are per worker, see pg_estimates).
PG_STATEMENT_SETTINGS = ("jit", "max_parallel_workers_per_gather", "enable_seqscan")


def _fetchall(sql: str, params: Sequence, *, prefer_indexes: bool = True) -> list[tuple]:
    """Run a search statement and return its rows. On PostgreSQL with ``SET LOCAL`` in
    the same query string (one implicit transaction, so it holds for this statement
    only; inside an atomic block the settings are put back afterwards)."""
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute(sql, params)
            return cursor.fetchall()
        settings = "SET LOCAL jit = off; SET LOCAL max_parallel_workers_per_gather = 0; "
        if prefer_indexes:
            settings += "SET LOCAL enable_seqscan = off; "
        cursor.execute(settings + sql, params)
        while cursor.description is None and cursor.nextset():
            pass
        rows = cursor.fetchall()
        if connection.in_atomic_block:
            cursor.execute(
                " ".join(f"SET LOCAL {name} TO DEFAULT;" for name in PG_STATEMENT_SETTINGS)
            )
        return rows


ENTRY_COLUMNS = "e.vraag_id, e.is_solved, e.facet_keys, e.last_activity_at"


def _extra_conditions(exclude_id, exclude_duplicates) -> tuple[str, list]:
    sql, params = "", []
    if exclude_id is not None:
        sql += " AND e.vraag_id <> %s"
        params.append(exclude_id)
    if exclude_duplicates:
        sql += " AND NOT e.is_duplicate"
    return sql, params


def match_rows(
    concepts: Sequence[Concept],
    visibility: tuple[str, list],
    *,
    operator: str = "and",
    exclude_id: int | None = None,
    exclude_duplicates: bool = False,
    limit: int | None = None,
    vector: str = "document",
    ranked: bool = True,
) -> list[Row]:
    """Rows matching the concepts (AND or OR), with relevance scores. ``vector`` (PostgreSQL
    only): ``document`` (everything), ``rank_vector`` (the question's own text) or
    ``head_vector`` (title and solution)."""
    vis_sql, vis_params = visibility
    extra_sql, extra_params = _extra_conditions(exclude_id, exclude_duplicates)
    limit_sql = ""
    if connection.vendor == "postgresql":
        score = f"ts_rank('{PG_WEIGHTS}', e.head_vector, q)" if ranked else "0"
        if limit is not None:
            limit_sql = (
                f" ORDER BY {score} * CASE WHEN e.is_solved THEN {SOLVED_WEIGHT} ELSE 1 END DESC,"
                f" e.is_solved DESC, e.last_activity_at DESC, e.vraag_id DESC LIMIT {int(limit)}"
            )
        sql = (
            f"SELECT {ENTRY_COLUMNS}, {score} "
            f"FROM search_searchentry e, to_tsquery('{analysis.PG_CONFIG}', %s) q "
            f"WHERE e.{vector} @@ q AND {vis_sql}{extra_sql}{limit_sql}"
        )
        query = pg_tsquery(
            concepts, "&" if operator == "and" else "|", answers=vector == "document"
        )
    elif connection.vendor == "sqlite":
        score = f"-bm25(search_fts, {FTS_WEIGHTS})"
        if limit is not None:
            limit_sql = (
                f" ORDER BY {score} * CASE WHEN e.is_solved THEN {SOLVED_WEIGHT} ELSE 1 END DESC"
                f" LIMIT {int(limit)}"
            )
        sql = (
            f"SELECT {ENTRY_COLUMNS}, {score} "
            "FROM search_fts JOIN search_searchentry e ON e.vraag_id = search_fts.rowid "
            f"WHERE search_fts MATCH %s AND {vis_sql}{extra_sql}{limit_sql}"
        )
        query = fts_query(concepts, "AND" if operator == "and" else "OR")
    else:
        raise NotImplementedError(f"No database search for {connection.vendor}")
    return _rows(sql, [query, *vis_params, *extra_params])


def browse_rows(visibility: tuple[str, list]) -> list[Row]:
    vis_sql, vis_params = visibility
    return _rows(f"SELECT {ENTRY_COLUMNS}, 0 FROM search_searchentry e WHERE {vis_sql}", vis_params)


def fuzzy_rows(
    concepts: Sequence[Concept], visibility: tuple[str, list]
) -> tuple[list[Row], list[Concept]]:
    """SQLite's typo fallback: each query word replaced by the closest indexed terms.
    Returns the rows and the corrected concepts (their alternatives are stems)."""
    words = _fuzzy_words(concepts)
    if not words:
        return [], []
    vis_sql, vis_params = visibility
    vocabulary = _sqlite_vocabulary()
    corrected: list[Concept] = []
    for word in words:
        stemmed = analysis.stem(word)
        close = difflib.get_close_matches(stemmed, vocabulary, n=3, cutoff=SQLITE_FUZZY_CUTOFF)
        if close:
            corrected.append(Concept(word, list(dict.fromkeys(close))))
    if not corrected:
        return [], []
    query = " OR ".join('"' + stem + '"' for c in corrected for stem in c.alternatives)
    rows = _rows(
        f"SELECT {ENTRY_COLUMNS}, -bm25(search_fts, {FTS_WEIGHTS}) "
        "FROM search_fts JOIN search_searchentry e ON e.vraag_id = search_fts.rowid "
        f"WHERE search_fts MATCH %s AND {vis_sql}",
        [query, *vis_params],
    )
    return rows, corrected


def _sqlite_vocabulary() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT term FROM search_fts_vocab")
        return [t for (t,) in cursor.fetchall()]


# --- Typo correction per word -------------------------------------------------------------

#: Query words shorter than this are never corrected: short words have too many neighbours.
MIN_CORRECTION_LENGTH = 5
#: A correction is at most this many typing errors away (a letter left out, added,
#: changed, or two letters swapped): one for words up to :data:`LONG_WORD` - 1 letters,
#: two from then on. Looser limits replace real words that happen not to be indexed
#: (``verlengde`` became ``overlegde`` at two errors).
LONG_WORD = 10
#: How alike (difflib ratio, 0–1) a word must be to be looked at (a wide net; the
#: number of typing errors decides, the ratio ranks).
CORRECTION_CUTOFF = 0.7
#: Nearest vocabulary words looked up per unknown word, and how many of the best are
#: checked against what the user may see.
CORRECTION_CANDIDATES = 10
CORRECTION_CHECKED = 3


@dataclass
class Correction:
    """The query after the per-word typo correction (:func:`correct_concepts`)."""

    concepts: list[Concept]
    #: Typed word (normalised) -> the indexed word searched for instead.
    corrections: dict[str, str] = field(default_factory=dict)
    #: Phrases of concepts that match nothing the user may see (and had no correction).
    unmatched: frozenset[str] = frozenset()


def correct_concepts(
    concepts: Sequence[Concept], thesaurus: Thesaurus | None, visibility: tuple[str, list]
) -> Correction:
    """Replace each query word that occurs nowhere by its nearest indexed word.

    A word is a candidate when it is one concept on its own, at least
    :data:`MIN_CORRECTION_LENGTH` letters, no stop word and no thesaurus term. It is
    *known* when one of its alternatives has every word's stem in the vocabulary
    (``search_word``, one indexed lookup). Unknown words are checked against the index
    (they may still match what the user may see: their own question in review, a
    compound part); those that match nothing are replaced by the most alike word of the
    vocabulary or the thesaurus (fewest typing errors, :func:`typing_errors`, then the
    difflib ratio) that, with its thesaurus expansions, matches a question the user may
    see. So a suggestion never reveals a word of a question the user may not see. The
    corrected query is parsed again, so its thesaurus expansions are its own.

    The decision is the same for both databases; only the lookups differ
    (:func:`_known_stems`, :func:`_nearest_words`, :func:`_matching`).
    """
    known_phrases = thesaurus.known if thesaurus is not None else frozenset()
    suspects = [
        c
        for c in concepts
        if " " not in c.phrase
        and len(c.phrase) >= MIN_CORRECTION_LENGTH
        and c.phrase.isalpha()
        and c.phrase not in known_phrases
    ]
    if not suspects:
        return Correction(list(concepts))

    def alternative_stems(concept: Concept) -> list[set[str]]:
        return [
            {
                analysis.stem(analysis.fix_token(t))
                for t in alt.split()
                if t not in analysis.STOP_WORDS
            }
            for alt in concept.alternatives
        ]

    known = _known_stems({s for c in suspects for stems in alternative_stems(c) for s in stems})
    suspects = [c for c in suspects if not any(stems <= known for stems in alternative_stems(c))]
    if not suspects:
        return Correction(list(concepts))
    nearest = _nearest_words([c.phrase for c in suspects])
    terms = [
        t
        for t in known_phrases
        if " " not in t and len(t) >= MIN_CORRECTION_LENGTH and t not in analysis.STOP_WORDS
    ]
    candidates: dict[str, list[str]] = {}
    for c in suspects:
        # Thesaurus words count as well: they match through their expansions.
        near = difflib.get_close_matches(c.phrase, terms, CORRECTION_CANDIDATES, CORRECTION_CUTOFF)
        allowed = 1 if len(c.phrase) < LONG_WORD else 2
        alike = [
            (errors, -difflib.SequenceMatcher(None, c.phrase, word).ratio(), word)
            for word in dict.fromkeys([*nearest.get(c.phrase, ()), *near])
            if word != c.phrase and (errors := typing_errors(c.phrase, word, allowed)) <= allowed
        ]
        candidates[c.phrase] = [word for *_, word in sorted(alike)[:CORRECTION_CHECKED]]
    # The typed words and the best candidate of each first; the next candidates only for
    # words whose best one matches nothing (checking a common word reads its whole
    # posting list, so each check saved counts).
    firsts = [words[0] for words in candidates.values() if words]
    matching = _matching(suspects + [parse_concepts(w, thesaurus)[0] for w in firsts], visibility)
    later = [
        w
        for c in suspects
        if c.phrase not in matching and not matching.intersection(candidates[c.phrase][:1])
        for w in candidates[c.phrase][1:]
    ]
    if later:
        matching |= _matching([parse_concepts(w, thesaurus)[0] for w in later], visibility)
    corrections: dict[str, str] = {}
    unmatched: set[str] = set()
    for c in suspects:
        if c.phrase in matching:
            continue
        found = next((w for w in candidates[c.phrase] if w in matching), None)
        if found is None:
            unmatched.add(c.phrase)
        else:
            corrections[c.phrase] = found
    if not corrections:
        return Correction(list(concepts), {}, frozenset(unmatched))
    text = " ".join(corrections.get(c.phrase, c.phrase) for c in concepts)
    return Correction(parse_concepts(text, thesaurus), corrections, frozenset(unmatched))


def typing_errors(a: str, b: str, limit: int) -> int:
    """Letters left out, added or changed, and neighbours swapped, to turn ``a`` into
    ``b`` (optimal string alignment distance); ``limit + 1`` as soon as it is larger."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


def _known_stems(stems: set[str]) -> set[str]:
    """Helper for correct_concepts: which of these stems the vocabulary holds."""
    if not stems:
        return set()
    marks = ", ".join(["%s"] * len(stems))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT stem FROM search_word WHERE stem IN ({marks})", list(stems)
        )
        return {stem for (stem,) in cursor.fetchall()}


def _nearest_words(words: Sequence[str]) -> dict[str, list[str]]:
    """Helper for correct_concepts: up to :data:`CORRECTION_CANDIDATES` vocabulary words
    near each word. PostgreSQL: trigram similarity (``%``, GIN index on ``search_word``);
    SQLite: difflib over the whole vocabulary (small installs)."""
    if connection.vendor == "postgresql":
        # One part per word, so each compares with a constant (with a LATERAL reference
        # the planner reads the whole table for every word). The planner may choose: it
        # reads a small vocabulary (measured: 6,000 words, about 8 ms a word) rather than
        # its trigram index, which it takes for a large one (100,000 words: 2 to 10 ms).
        part = (
            "(SELECT %s::text, word FROM search_word WHERE word %% %s"
            f" ORDER BY similarity(word, %s) DESC, word LIMIT {int(CORRECTION_CANDIDATES)})"
        )
        rows = _fetchall(
            " UNION ALL ".join([part] * len(words)),
            [w for w in words for _ in range(3)],
            prefer_indexes=False,
        )
        nearest: dict[str, list[str]] = {}
        for word, near in rows:
            nearest.setdefault(word, []).append(near)
        return nearest
    with connection.cursor() as cursor:
        cursor.execute("SELECT word FROM search_word")
        vocabulary = [w for (w,) in cursor.fetchall()]
    return {
        word: difflib.get_close_matches(
            word, vocabulary, n=CORRECTION_CANDIDATES, cutoff=CORRECTION_CUTOFF
        )
        for word in words
    }


def _matching(concepts: Sequence[Concept], visibility: tuple[str, list]) -> set[str]:
    """Helper for correct_concepts: the phrases of the concepts that match at least one
    question the user may see (answers included). PostgreSQL: one statement."""
    vis_sql, vis_params = visibility
    if connection.vendor == "postgresql":
        rows = _fetchall(
            "SELECT q.n FROM unnest(%s::text[]) WITH ORDINALITY AS q(query, n) WHERE EXISTS ("
            f" SELECT 1 FROM search_searchentry e"
            f" WHERE e.document @@ to_tsquery('{analysis.PG_CONFIG}', q.query) AND {vis_sql})",
            [[pg_tsquery([c], answers=True) for c in concepts], *vis_params],
        )
        return {concepts[n - 1].phrase for (n,) in rows}
    found = set()
    with connection.cursor() as cursor:
        for c in concepts:
            cursor.execute(
                "SELECT 1 FROM search_fts JOIN search_searchentry e"
                " ON e.vraag_id = search_fts.rowid"
                f" WHERE search_fts MATCH %s AND {vis_sql} LIMIT 1",
                [fts_query([c]), *vis_params],
            )
            if cursor.fetchone():
                found.add(c.phrase)
    return found


# --- Facets -------------------------------------------------------------------------------


def _selection(
    filters: dict[str, list[str]], taxonomy: dict[str, dict[str, FacetTerm]]
) -> dict[str, frozenset[str]]:
    """facet -> the selected ``facet:key`` strings (unknown slugs select nothing)."""
    selection: dict[str, frozenset[str]] = {}
    for facet in FACET_KEYS:
        values = [v for v in (filters or {}).get(facet) or () if v]
        if not values:
            continue
        by_slug = {t.slug: key for key, t in taxonomy[facet].items()}
        selection[facet] = frozenset(f"{facet}:{by_slug[v]}" for v in values if v in by_slug)
    return selection


def filter_and_count(
    rows: Sequence[Row],
    selection: dict[str, frozenset[str]],
) -> tuple[list[Row], dict[str, Counter]]:
    """Rows passing every facet selection, and per facet the counts ignoring its own."""
    counts: dict[str, Counter] = {facet: Counter() for facet in FACET_KEYS}
    kept: list[Row] = []
    prefixes = {facet: facet + ":" for facet in FACET_KEYS}
    for row in rows:
        failing = [f for f, chosen in selection.items() if not (row.keys & chosen)]
        if not failing:
            kept.append(row)
        if len(failing) > 1:
            continue
        for key in row.keys:
            facet = key.split(":", 1)[0]
            if facet in counts and (not failing or failing[0] == facet):
                counts[facet][key[len(prefixes[facet]) :]] += 1
    return kept, counts


def facet_values(
    counts: dict[str, Counter] | None,
    filters: dict[str, list[str]],
    taxonomy: dict[str, dict[str, FacetTerm]],
) -> dict[str, list[FacetValue]]:
    """Facet values in taxonomy order with their counts; with ``counts`` None (a broad
    search, not counted) every value of the taxonomy, with count None."""
    facets: dict[str, list[FacetValue]] = {}
    for facet in FACET_KEYS:
        terms = taxonomy[facet]
        chosen = set((filters or {}).get(facet) or ())
        values = []
        if counts is None:
            facet_counts = dict.fromkeys(terms, None)
        else:
            facet_counts = {key: n for key, n in counts[facet].items() if n > 0}
        for key, count in facet_counts.items():
            term = terms.get(key)
            if term is None:
                continue
            values.append(
                (term.order, FacetValue(term.slug, term.label, count, term.slug in chosen))
            )
        present = {v.value for _, v in values}
        by_slug = {t.slug: t for t in terms.values()}
        for slug in sorted(chosen - present):
            term = by_slug.get(slug)
            label = term.label if term else slug
            order = term.order if term else (10**9, slug)
            values.append((order, FacetValue(slug, label, 0, True)))
        values.sort(key=lambda pair: pair[0])
        facets[facet] = [v for _, v in values]
    return facets


# --- Highlighting -------------------------------------------------------------------------

#: Markdown markup left out of snippets: bold/italic markers, code ticks, link targets and
#: the markers at the start of a line (headings, quotes, list bullets).
_MARKDOWN_NOISE = re.compile(r"\*\*|__|`|\]\([^)]*\)|\[|^[ \t]*(?:[#>]+|[-*+]|\d+\.)[ \t]+", re.M)


#: How many first letters of a query stem a word must contain to be stemmed (Highlighter).
STEM_START = 4


@lru_cache(maxsize=20_000)
def _word_stems(word: str) -> frozenset[str]:
    return frozenset(analysis.word_stems(word))


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


class Highlighter:
    """Marks words whose stem (or a compound part's stem) is a query stem; with
    ``fuzzy_words`` also words that look like one of them (typo fallback)."""

    def __init__(self, stems: set[str], fuzzy_words: Sequence[str] = ()):
        self.stems = stems
        self.fuzzy_words = list(fuzzy_words)
        #: One matcher per fuzzy word (difflib caches its analysis of the second text).
        self._matchers = [difflib.SequenceMatcher(None, "", w) for w in self.fuzzy_words]
        self._seen: dict[str, bool] = {}
        #: A word (or one of its compound parts) can only have a query stem when it
        #: contains the stem's first letters: a cheap test that spares stemming the
        #: thousands of other words in answers.
        self._starts = {stem[:STEM_START] for stem in stems}

    def is_match(self, word: str) -> bool:
        known = self._seen.get(word)
        if known is None:
            known = self._seen[word] = self._is_match(word)
        return known

    def _is_match(self, word: str) -> bool:
        lowered = word.lower()
        if not lowered.isascii():
            lowered = normalize(lowered)
        if any(start in lowered for start in self._starts) and (_word_stems(lowered) & self.stems):
            return True
        if self._matchers:
            folded = normalize(word)
            for matcher in self._matchers:
                matcher.set_seq1(folded)
                # The cheap upper bounds first, as difflib.get_close_matches does.
                if (
                    matcher.real_quick_ratio() >= FUZZY_HIGHLIGHT
                    and matcher.quick_ratio() >= FUZZY_HIGHLIGHT
                    and matcher.ratio() >= FUZZY_HIGHLIGHT
                ):
                    return True
        return False

    def has_match(self, text: str) -> bool:
        return any(self.is_match(m.group()) for m in analysis.WORD_RE.finditer(text))

    def spans(self, text: str) -> list[tuple[int, int]]:
        return [m.span() for m in analysis.WORD_RE.finditer(text) if self.is_match(m.group())]

    def mark(self, text: str, spans: Sequence[tuple[int, int]] | None = None) -> str:
        spans = self.spans(text) if spans is None else spans
        out, last = [], 0
        for start, end in spans:
            out.append(_escape(text[last:start]))
            out.append("<mark>" + _escape(text[start:end]) + "</mark>")
            last = end
        out.append(_escape(text[last:]))
        return "".join(out)

    def snippet(self, texts: Sequence[str]) -> str:
        """A ~200-character window of the first text that matches (in the given order:
        solution, body, answers), highlighted; the start of the first text otherwise."""
        best_text, best_spans = "", []
        for text in texts:
            text = " ".join(_MARKDOWN_NOISE.sub("", text or "").split())
            if not text:
                continue
            spans = self.spans(text)
            if not best_text or spans:
                best_text, best_spans = text, spans
            if spans:
                break
        if not best_text:
            return ""
        start = 0
        if best_spans and best_spans[0][0] > SNIPPET_LEAD:
            start = best_text.rfind(" ", 0, best_spans[0][0] - SNIPPET_LEAD) + 1
        end = min(len(best_text), start + SNIPPET_LENGTH)
        if end < len(best_text):
            space = best_text.rfind(" ", start, end)
            end = space if space > start else end
        window = best_text[start:end]
        spans = [(s - start, e - start) for s, e in best_spans if s >= start and e <= end]
        return (
            ("… " if start > 0 else "")
            + self.mark(window, spans)
            + (" …" if end < len(best_text) else "")
        )


def build_hits(rows: Sequence[Row], highlighter: Highlighter) -> list[Hit]:
    """Hits for one page of rows, highlighted. Answers are read (a second query) only for
    the questions whose own solution and text do not show a matching word."""
    from vraagbaak.vragen.models import Antwoord, Vraag

    ids = [r.vraag_id for r in rows]
    texts = {
        v["id"]: v
        for v in Vraag.objects.filter(pk__in=ids).values("id", "title", "body", "oplossing")
    }
    own = {vid: [v["oplossing"] or "", v["body"] or ""] for vid, v in texts.items()}
    need_answers = [vid for vid, parts in own.items() if not any(map(highlighter.has_match, parts))]
    answers: dict[int, list[str]] = {}
    if need_answers:
        for vid, body in (
            Antwoord.objects.filter(vraag_id__in=need_answers, is_hidden=False, is_held=False)
            .order_by("created_at", "id")
            .values_list("vraag_id", "body")
        ):
            answers.setdefault(vid, []).append(body)
    hits = []
    for row in rows:
        v = texts.get(row.vraag_id)
        if v is None:
            continue
        hits.append(
            Hit(
                vraag_id=row.vraag_id,
                score=row.score,
                title_html=highlighter.mark(v["title"] or ""),
                snippet_html=highlighter.snippet(
                    [*own[row.vraag_id], *answers.get(row.vraag_id, [])]
                ),
                is_solved=row.is_solved,
            )
        )
    return hits


# --- The backend --------------------------------------------------------------------------


def _ranked(rows: Iterable[Row]) -> list[Row]:
    for row in rows:
        row.score = (row.score + 0.01) * (SOLVED_WEIGHT if row.is_solved else 1.0)
    return sorted(
        rows, key=lambda r: (r.tier, -r.score, -r.last_activity_at.timestamp(), -r.vraag_id)
    )


@dataclass
class Source:
    """Helper for the PostgreSQL path: which entries match and how they score."""

    from_sql: str = "search_searchentry e"
    where_sql: str = "TRUE"
    score_sql: str = "0"
    tier_sql: str = "0"
    select_params: list = field(default_factory=list)
    from_params: list = field(default_factory=list)
    where_params: list = field(default_factory=list)
    #: Optional query ``(vraag_id, score)`` whose score is added to the matching rows.
    rank_sql: str = ""
    rank_params: list = field(default_factory=list)


@dataclass
class Page:
    rows: list[Row]
    total: int
    matched: int
    #: Per facet: key value -> count. Empty for a broad search (no counts, see pg_page).
    counts: dict[str, Counter]
    #: Broad search (PostgreSQL): the planner's estimate of all hits; ``total`` is then the
    #: number of hits among the most recent ones, which is what the pages show.
    estimated_total: int | None = None


def pg_text_source(
    concepts: Sequence[Concept], operator: str = "&", vector: str = "rank_vector"
) -> Source:
    """Matches on ``vector`` (answered from its GIN index alone, no vector is read).

    The relevance score is computed only for the questions whose title or solution
    (``head_vector``, its own GIN index) match the query; the others score 0 and follow
    in the order solved first, then latest activity. So ranking never reads the vectors
    of thousands of body or answer matches.
    """
    tsquery = pg_tsquery(concepts, operator, answers=vector == "document")
    config = analysis.PG_CONFIG
    return Source(
        from_sql=f"search_searchentry e, to_tsquery('{config}', %s) q",
        where_sql=f"e.{vector} @@ q",
        from_params=[tsquery],
        rank_sql=(
            f"SELECT e.vraag_id, ts_rank('{PG_WEIGHTS}', e.head_vector, hq) AS score"
            f" FROM search_searchentry e, to_tsquery('{config}', %s) hq"
            " WHERE e.head_vector @@ hq"
        ),
        rank_params=[tsquery],
    )


#: PostgreSQL ``facet_codes`` (migration 0006): facet number × CODE_BASE + id; statuses
#: are numbered. The SQL function ``search_facet_codes`` uses the same numbers.
CODE_BASE = 1_000_000
FACET_NUMBERS = {
    "risicofactor": 1,
    "fase": 2,
    "stadsdeel": 3,
    "vraagtype": 4,
    "status": 5,
    "discipline": 6,
}
STATUS_NUMBERS = {"in_review": 1, "open": 2, "solved": 3, "closed": 4, "rejected": 5}


def facet_code(key: str) -> int | None:
    """The integer code of a ``facet:value`` key (None for an unknown facet or value)."""
    facet, _, value = key.partition(":")
    number = FACET_NUMBERS.get(facet)
    if number is None:
        return None
    if facet == "status":
        value_number = STATUS_NUMBERS.get(value)
    else:
        value_number = int(value) if value.isdigit() and 0 < int(value) < CODE_BASE else None
    return None if value_number is None else number * CODE_BASE + value_number


def facet_key(code: int) -> tuple[str, str]:
    """(facet, key value) of an integer code: the reverse of :func:`facet_code`."""
    number, value = divmod(code, CODE_BASE)
    facet = next(f for f, n in FACET_NUMBERS.items() if n == number)
    if facet == "status":
        return facet, next(s for s, n in STATUS_NUMBERS.items() if n == value)
    return facet, str(value)


#: PostgreSQL: a search whose words match more questions than this (the planner's
#: estimate; setting ``VRAAGBAAK_SEARCH_BROAD_MATCHES``) is *broad*: hits come from the
#: most recent part of the index that holds about :data:`BROAD_WINDOW` hits
#: (``VRAAGBAAK_SEARCH_BROAD_WINDOW``), and facet counts are left out. Exact counts would
#: mean reading every match (measured: ~3 µs a row on 100,000 questions; tens of thousands
#: of rows for one common word), far over the latency budget; Elasticsearch counts exactly.
BROAD_MATCHES = 5000
BROAD_WINDOW = 2000


def _broad_limits() -> tuple[int, int]:
    return (
        getattr(settings, "VRAAGBAAK_SEARCH_BROAD_MATCHES", BROAD_MATCHES),
        getattr(settings, "VRAAGBAAK_SEARCH_BROAD_WINDOW", BROAD_WINDOW),
    )


#: A broad search reads all its hits when the window would hold more than this share of
#: the index: finding the window's start then costs more than it saves.
BROAD_FULL_SHARE = 0.5


def activity_boundary(share: float):
    """The last-activity time from which on about ``share`` of the index lies (the newest
    entries), read from the planner's histogram of ``last_activity_at`` (pg_stats, kept
    by ANALYZE and autovacuum; entries added since lie after its last bound, so the window
    only grows). None without statistics: the search then reads all its hits."""
    rows = _fetchall(
        "SELECT histogram_bounds::text::timestamptz[] FROM pg_stats"
        " WHERE schemaname = current_schema() AND tablename = 'search_searchentry'"
        " AND attname = 'last_activity_at'",
        [],
        prefer_indexes=False,
    )
    if not rows or not rows[0][0]:
        return None
    histogram = rows[0][0]
    return histogram[int((1.0 - share) * (len(histogram) - 1))]


def pg_estimates(source: Source, vis: tuple[str, list], facet_sql: str, facet_params: list):
    """The planner's row estimates (one EXPLAIN, nothing is read): (matches, hits), for
    the source's matches and those that also pass the facet filters."""
    vis_sql, vis_params = vis
    match = f"SELECT 1 FROM {source.from_sql} WHERE {source.where_sql} AND {vis_sql}"
    sql = f"EXPLAIN (FORMAT JSON) {match} UNION ALL {match} AND {facet_sql}"
    base = [*source.from_params, *source.where_params, *vis_params]
    ((plan,),) = _fetchall(sql, [*base, *base, *facet_params], prefer_indexes=False)
    if isinstance(plan, str):
        plan = json.loads(plan)
    node = plan[0]["Plan"]
    while node["Node Type"] != "Append":
        (node,) = node["Plans"]
    matches, hits = (int(child["Plan Rows"]) for child in node["Plans"])
    return matches, hits


def pg_page(
    source: Source,
    visibility: tuple[str, list],
    selection: dict[str, frozenset[str]],
    *,
    offset: int,
    limit: int,
    browse: bool,
) -> Page:
    """One PostgreSQL statement for a results page: the matches are read once
    (``m``), then the page of hits, the totals and every facet's counts (each facet
    ignoring its own selection) are computed in the database, on integer facet codes.

    A broad search (more than :data:`BROAD_MATCHES` estimated matches) reads only the
    hits among the most recent entries, enough for about :data:`BROAD_WINDOW` hits (and
    the asked page; all hits when that is most of them, :data:`BROAD_FULL_SHARE`), with
    the facet filters in the WHERE clause, and counts no facets. Only the hits are
    scored (``h``), so the facet filters apply there too."""
    vis_sql, vis_params = visibility
    facets = [f for f in FACET_KEYS if f in selection]
    pass_params = [sorted(filter(None, map(facet_code, selection[f]))) for f in facets]
    facet_sql = " AND ".join("e.facet_codes && %s::int[]" for _ in facets) or "TRUE"
    est_matches, est_hits = pg_estimates(source, visibility, facet_sql, pass_params)
    broad_matches, broad_window = _broad_limits()
    broad = est_matches > broad_matches
    if broad:
        # Most recent entries first: enough of them to hold about broad_window hits.
        share = (broad_window + offset + limit) / max(est_hits, 1)
        since = activity_boundary(share) if share < BROAD_FULL_SHARE else None
        where_extra = f" AND {facet_sql}"
        where_extra_params = [*pass_params]
        if since is not None:
            where_extra += " AND e.last_activity_at >= %s"
            where_extra_params.append(since)
        failing = fail_facet = "0"
        fail_params: list = []
    else:
        where_extra, where_extra_params = "", []
        failing = " + ".join("(NOT (e.facet_codes && %s::int[]))::int" for _ in facets) or "0"
        fail_facet = (
            "CASE "
            + " ".join(
                f"WHEN NOT (e.facet_codes && %s::int[]) THEN {FACET_NUMBERS[f]}" for f in facets
            )
            + " ELSE 0 END"
            if facets
            else "0"
        )
        fail_params = [*pass_params, *pass_params]
    if browse:
        order = "last_activity_at DESC, vraag_id DESC"
    else:
        order = (
            f"tier, (score + 0.01) * (CASE WHEN is_solved THEN {SOLVED_WEIGHT} ELSE 1 END) DESC,"
            " last_activity_at DESC, vraag_id DESC"
        )
    if source.rank_sql and broad:
        rank_sql = source.rank_sql + where_extra
        rank_params = [*source.rank_params, *where_extra_params]
    elif source.rank_sql:
        # Only hits need a score: those pass every facet filter.
        rank_sql = f"{source.rank_sql} AND {facet_sql}"
        rank_params = [*source.rank_params, *pass_params]
    else:
        rank_sql, rank_params = "SELECT NULL::bigint AS vraag_id, 0 AS score WHERE FALSE", []
    from_sql = source.from_sql.replace(
        "search_searchentry e",
        "search_searchentry e LEFT JOIN h ON h.vraag_id = e.vraag_id",
        1,
    )
    facet_counts = (
        ""
        if broad
        else f"""
        UNION ALL
        SELECT 'facet', code, NULL, count(*)::float8, NULL, NULL
        FROM (SELECT unnest(codes) AS code, nf, ff FROM m WHERE nf <= 1) AS x
        WHERE nf = 0 OR code / {CODE_BASE} = ff
        GROUP BY code"""
    )
    # nf: how many selected facets the row fails. Hits need 0; a facet's counts take the
    # rows that fail nothing or only that facet (ff is its number).
    sql = f"""
        WITH h AS MATERIALIZED ({rank_sql}),
        m AS MATERIALIZED (
            SELECT e.vraag_id, e.is_solved, e.last_activity_at, e.facet_codes AS codes,
                   (COALESCE(h.score, 0) + {source.score_sql})::float8 AS score,
                   ({source.tier_sql})::int AS tier,
                   ({failing}) AS nf, {fail_facet} AS ff
            FROM {from_sql}
            WHERE {source.where_sql} AND {vis_sql}{where_extra}
        )
        (SELECT 'hit' AS kind, vraag_id, is_solved, score, tier, last_activity_at
         FROM m WHERE nf = 0 ORDER BY {order} LIMIT {int(limit)} OFFSET {int(offset)})
        UNION ALL
        SELECT 'total', NULL, NULL, count(*)::float8, NULL, NULL FROM m WHERE nf = 0
        UNION ALL
        SELECT 'matched', NULL, NULL, count(*)::float8, NULL, NULL FROM m{facet_counts}
    """
    params = [
        *rank_params,
        *source.select_params,
        *fail_params,
        *source.from_params,
        *source.where_params,
        *vis_params,
        *where_extra_params,
    ]
    rows: list[Row] = []
    total = matched = 0
    counts: dict[str, Counter] = {facet: Counter() for facet in FACET_KEYS}
    for kind, vraag_id, is_solved, score, tier, last in _fetchall(
        sql, params, prefer_indexes=not browse
    ):
        if kind == "hit":
            rows.append(Row(vraag_id, bool(is_solved), frozenset(), last, score, tier))
        elif kind == "total":
            total = int(score)
        elif kind == "matched":
            matched = int(score)
        else:
            facet, value = facet_key(vraag_id)
            counts[facet][value] = int(score)
    if not browse:
        for row in rows:
            row.score = (row.score + 0.01) * (SOLVED_WEIGHT if row.is_solved else 1.0)
    if broad:
        return Page(rows, total, max(matched, est_matches), {}, max(est_hits, total))
    return Page(rows, total, matched, counts)


def pg_fuzzy_source(concepts: Sequence[Concept]) -> tuple[Source | None, list[str]]:
    """The trigram fallback: query words against the normalised titles."""
    words = _fuzzy_words(concepts)
    if not words:
        return None, []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)",
            [str(PG_FUZZY_THRESHOLD)],
        )
    return (
        Source(
            where_sql="(" + " OR ".join(["%s <%% e.title_normalized"] * len(words)) + ")",
            score_sql=" + ".join(["word_similarity(%s, e.title_normalized)"] * len(words)),
            select_params=list(words),
            where_params=list(words),
        ),
        words,
    )


def _fuzzy_words(concepts: Sequence[Concept]) -> list[str]:
    return list(
        dict.fromkeys(
            analysis.fix_token(t)
            for c in concepts
            for t in c.phrase.split()
            if t not in analysis.STOP_WORDS and len(t) >= 3
        )
    )


# --- Similar questions --------------------------------------------------------------------

#: Similar questions look for the rarest concepts of the text only: rare words say what a
#: question is about (huurachterstand, schuldhulp), common ones (moeder, zorg) hardly do,
#: and on PostgreSQL each common word would make thousands of rows match.
SIMILAR_TERMS = 8
#: A concept in more than this share of the questions is too common to look for (unless
#: fewer than two concepts would be left) ...
SIMILAR_MAX_SHARE = 0.05
#: ... but a concept in fewer questions than this never is (small indexes).
SIMILAR_MIN_COMMON = 100
#: PostgreSQL: at most this many candidates of each step are scored.
SIMILAR_CANDIDATES = 200
#: PostgreSQL, questions that share one concept (when too few share two): the rarest
#: concepts that together are in about this many questions (all are read and sorted).
SIMILAR_FALLBACK_ROWS = 5000
#: Seconds a process keeps PostgreSQL's term statistics (ANALYZE renews them).
TERM_STATS_TTL = 300.0


@dataclass
class TermStats:
    """How common index terms are: ``shares`` maps a stem to the share of questions whose
    own text has it; any other stem has at most ``floor`` (None: nothing is known).
    ``rows``: the number of questions (-1 when unknown)."""

    shares: dict[str, float]
    floor: float | None
    rows: float

    def share(self, stem: str) -> float | None:
        return self.shares.get(stem, self.floor)


_pg_term_stats: dict[str, tuple[float, TermStats]] = {}


def pg_term_stats() -> TermStats:
    """PostgreSQL: the most common lexemes of ``rank_vector`` and their shares, from the
    statistics ANALYZE keeps (``pg_stats.most_common_elems``; a lexeme not listed is rarer
    than every listed one). Read once per process and database, again after
    :data:`TERM_STATS_TTL` seconds. Without statistics (never analysed) nothing is known."""
    key = connection.settings_dict["NAME"]
    now = time.monotonic()
    cached = _pg_term_stats.get(key)
    if cached is not None and now - cached[0] < TERM_STATS_TTL:
        return cached[1]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs, c.reltuples"
            " FROM pg_class c LEFT JOIN pg_stats s ON s.schemaname = current_schema()"
            " AND s.tablename = c.relname AND s.attname = 'rank_vector'"
            " WHERE c.oid = 'search_searchentry'::regclass"
        )
        elems, freqs, rows = cursor.fetchone()
    if elems and freqs:
        # The frequencies are followed by their minimum, maximum (and null share).
        stats = TermStats(
            dict(zip(elems, freqs[: len(elems)], strict=True)), freqs[len(elems)], rows
        )
    else:
        stats = TermStats({}, None, rows)
    _pg_term_stats[key] = (now, stats)
    return stats


def forget_term_stats() -> None:
    """Drop the cached PostgreSQL term statistics (after an ANALYZE that must count now)."""
    _pg_term_stats.clear()


def sqlite_term_stats(stems: Iterable[str]) -> TermStats:
    """SQLite: the share of questions that have each of ``stems``, in one query
    (``search_fts_vocab`` counts the rows per term; a stem not in it is in no question)."""
    stems = sorted(set(stems))
    if not stems:
        return TermStats({}, 0.0, 0)
    placeholders = ", ".join(["%s"] * len(stems))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT term, doc, (SELECT count(*) FROM search_searchentry)"
            f" FROM search_fts_vocab WHERE term IN ({placeholders})",
            stems,
        )
        found = cursor.fetchall()
    rows = found[0][2] if found else 0
    return TermStats({term: doc / rows for term, doc, _ in found}, 0.0, rows)


def _phrase_stems(phrase: str) -> tuple[str, ...]:
    return tuple(
        analysis.stem(analysis.fix_token(t)) for t in phrase.split() if t not in analysis.STOP_WORDS
    )


def concept_share(concept: Concept, stats: TermStats) -> float | None:
    """The estimated share of questions that have ``concept``: per alternative the share
    of its rarest word (a question needs all its words), summed over the alternatives.
    None when the statistics do not know."""
    total = 0.0
    for alternative in concept.alternatives:
        shares = [stats.share(s) for s in _phrase_stems(alternative)]
        if None in shares:
            return None
        if shares:
            total += min(shares)  # type: ignore[type-var]
    return min(total, 1.0)


@dataclass
class SimilarTerm:
    """A concept similar questions look for: ``weight`` is what sharing it counts;
    ``share`` and ``questions`` how many questions have it (None: unknown).
    ``key_words``: per alternative its rarest word (alternatives made of common words
    only are left out): what finds candidates on PostgreSQL, whose GIN index then reads
    short posting lists only; candidates are scored on the full concept."""

    concept: Concept
    share: float | None
    questions: float | None
    weight: float
    key_words: list[str] = field(default_factory=list)


class _PhrasesOnly:
    """Helper for similar questions: a thesaurus's phrase detection (known phrases, compounds
    written apart) without its expansions, which cost milliseconds for each phrase it has
    not seen yet; only the few concepts that are kept get expanded (similar_terms)."""

    def __init__(self, thesaurus: Thesaurus):
        self.known = thesaurus.known
        self.max_words = thesaurus.max_words
        self.joins = thesaurus.joins
        self.phrases = analysis.Phrases()

    def expand(self, phrase: str) -> tuple[str, ...]:
        return ()


def similar_terms(
    concepts: Sequence[Concept],
    stats: TermStats,
    thesaurus: Thesaurus | None = None,
    *,
    own: bool = False,
) -> list[SimilarTerm]:
    """The rarest :data:`SIMILAR_TERMS` concepts, rarest first (in text order when equally
    rare, or when nothing is known), weighted by rarity (``ln(1 + 1/share)``, the inverse
    document frequency; 1 when unknown). Left out: numbers (weeks, ages: they say nothing
    about the subject), concepts no question has, repeats, and concepts too common to say
    anything (:data:`SIMILAR_MAX_SHARE`) unless fewer than two would be left.

    Rarity is that of the words as written; with ``thesaurus`` the kept concepts then get
    their expansions. ``own``: the text is that of a question in the index, which does not
    count (a word only it has is in no other question)."""
    own_share = 1 / stats.rows if own and stats.rows > 0 else 0.0

    def too_common(share: float | None) -> bool:
        return (
            share is not None
            and share > SIMILAR_MAX_SHARE
            and share * stats.rows > SIMILAR_MIN_COMMON
        )

    rated: list[tuple[float, int, Concept, float | None]] = []
    seen: set[tuple[str, ...]] = set()
    for n, concept in enumerate(concepts):
        stems = _phrase_stems(concept.phrase)
        share = concept_share(concept, stats)
        if share is not None and own_share:
            share = 0.0 if share < 1.5 * own_share else share - own_share
        if stems in seen or share == 0.0 or not any(ch.isalpha() for ch in concept.phrase):
            continue
        seen.add(stems)
        rated.append((share or 0.0, n, concept, share))
    rated.sort(key=lambda r: (r[0], r[1]))
    kept = [r for r in rated if not too_common(r[3])]
    if len(kept) < 2:
        kept = rated[:2]
    terms = []
    for _, _, concept, share in kept[:SIMILAR_TERMS]:
        if thesaurus is not None:
            concept = expand_concept(concept.phrase, thesaurus)
        terms.append(
            SimilarTerm(
                concept,
                share,
                None if share is None or stats.rows < 0 else share * stats.rows,
                1.0 if share is None else math.log1p(1 / share),
                _key_words(concept, stats, too_common),
            )
        )
    return terms


def _key_words(concept: Concept, stats: TermStats, too_common) -> list[str]:
    """Helper for similar_terms: the rarest word of each alternative (the longest when
    equally rare), leaving out expansions whose rarest word is too common."""
    words: list[str] = []
    for n, alternative in enumerate(concept.alternatives):
        tokens = [
            analysis.fix_token(t) for t in alternative.split() if t not in analysis.STOP_WORDS
        ]
        if not tokens:
            continue
        rated = [(stats.share(analysis.stem(t)) or 0.0, -len(t), t) for t in tokens]
        share, _, word = min(rated)
        if n == 0 or not too_common(share):
            words.append(word)
    return list(dict.fromkeys(words))


def _fallback_terms(terms: Sequence[SimilarTerm]) -> list[SimilarTerm]:
    """Helper for pg_similar_rows: the rarest terms that together are in about
    :data:`SIMILAR_FALLBACK_ROWS` questions (at least one term; all when unknown)."""
    chosen: list[SimilarTerm] = []
    questions = 0.0
    for term in terms:
        questions += term.questions or 0.0
        if chosen and questions > SIMILAR_FALLBACK_ROWS:
            break
        chosen.append(term)
    return chosen


def _at_least(k: int, queries: Sequence[str]) -> str:
    """Helper for pg_similar_rows: tsquery text that matches when at least ``k`` of
    ``queries`` do ("" when there are fewer), built on halves (``k`` = 2: any of the
    first half AND any of the second, OR two in either half). Far fewer nodes than every
    combination, which matters: the GIN index evaluates the whole query once for every
    entry of the posting lists it reads."""
    if k > len(queries):
        return ""
    if k == 1:
        return "(" + " | ".join(queries) + ")"
    if k == len(queries):
        return "(" + " & ".join(queries) + ")"
    first, second = queries[: len(queries) // 2], queries[len(queries) // 2 :]
    parts = [_at_least(k, first), _at_least(k, second)]
    for i in range(1, k):
        left, right = _at_least(i, first), _at_least(k - i, second)
        if left and right:
            parts.append(f"{left} & {right}")
    return "(" + " | ".join(part for part in parts if part) + ")"


#: PostgreSQL similar questions: candidates sharing at least this many terms are looked
#: for first; fewer shared terms only while fewer than the asked number were found.
SIMILAR_STEPS = (3, 2)


def pg_similar_rows(
    terms: Sequence[SimilarTerm], visibility: tuple[str, list], *, exclude_id, limit: int
) -> list[Row]:
    """Similar questions on PostgreSQL, in one statement.

    Candidates come in steps, each only while the steps before found fewer than
    ``limit``: questions whose own text (``rank_vector``) has at least three of the terms'
    key words, then at least two (the GIN index answers these from the key words' short
    posting lists), then one of the rarest terms, title or solution matches first. Each
    candidate scores the weights of the terms it has, a term in its title or solution
    (``head_vector``) counting twice; solved ones gain :data:`SOLVED_WEIGHT`. At most
    :data:`SIMILAR_CANDIDATES` per step are scored, so no step reads more than a few
    hundred vectors. Closed-as-duplicate and ``exclude_id`` are left out."""
    if not terms:
        return []
    vis_sql, vis_params = visibility
    extra_sql, extra_params = _extra_conditions(exclude_id, True)
    where_sql = f"{vis_sql}{extra_sql}"
    where_params = [*vis_params, *extra_params]
    tsquery = f"to_tsquery('{analysis.PG_CONFIG}', %s)"
    columns = "e.vraag_id, e.is_solved, e.last_activity_at, e.head_vector, e.rank_vector"
    keys = ["(" + " | ".join(t.key_words) + ")" for t in terms]
    steps = [(_at_least(k, keys), "") for k in SIMILAR_STEPS]
    fallback = len(_fallback_terms(terms))
    order = (
        f" ORDER BY e.head_vector @@ {tsquery} DESC, e.is_solved DESC,"
        " e.last_activity_at DESC, e.vraag_id DESC"
    )
    steps.append((_at_least(1, keys[:fallback]), order))
    ctes: list[str] = []
    params: list = []
    names: list[str] = []
    for query, order_sql in steps:
        if not query:
            continue
        guard, guard_params = "", []
        if names:
            found = " UNION ALL ".join(f"SELECT vraag_id FROM {name}" for name in names)
            guard = f"(SELECT count(*) FROM ({found}) f) < %s AND e.vraag_id NOT IN ({found}) AND "
            guard_params = [limit]
        name = f"step{len(names)}"
        ctes.append(
            f"{name} AS MATERIALIZED (SELECT {columns} FROM search_searchentry e"
            f" WHERE {guard}e.rank_vector @@ {tsquery} AND {where_sql}"
            f"{order_sql} LIMIT {SIMILAR_CANDIDATES})"
        )
        params += [*guard_params, query, *where_params, *([query] if order_sql else [])]
        names.append(name)
    score = " + ".join(
        f"{t.weight:.6f} * ((r.text @@ {tsquery})::int + (r.head @@ {tsquery})::int)" for t in terms
    )
    for term in terms:
        params += [pg_tsquery([term.concept], "|")] * 2
    candidates = " UNION ALL ".join(f"SELECT * FROM {name}" for name in names)
    sql = f"""
        WITH {", ".join(ctes)}
        SELECT vraag_id, is_solved, last_activity_at, score FROM (
            SELECT c.vraag_id, c.is_solved, c.last_activity_at, ({score})::float8 AS score
            FROM ({candidates}) c,
            -- The vectors are read (and decompressed) once per candidate, not per term.
            LATERAL (SELECT strip(c.rank_vector) AS text, strip(c.head_vector) AS head
                     OFFSET 0) r
        ) s
        ORDER BY (score + 0.01) * CASE WHEN is_solved THEN {SOLVED_WEIGHT} ELSE 1 END DESC,
                 last_activity_at DESC, vraag_id DESC
        LIMIT %s
    """
    params.append(limit)
    return [
        Row(vid, bool(solved), frozenset(), last, float(score or 0.0))
        for vid, solved, last, score in _fetchall(sql, params)
    ]


class DatabaseBackend:
    """Search over the SearchEntry table (PostgreSQL full text or SQLite FTS5)."""

    name = "database"

    def search(self, query: SearchQuery, *, user, expand: bool = True) -> SearchResults:
        taxonomy = load_taxonomy()
        visibility = visibility_sql(user)
        thesaurus = current_thesaurus() if expand else None
        concepts = parse_concepts(query.text, thesaurus)
        correction = Correction(concepts)
        if visibility is not None and concepts:
            correction = correct_concepts(concepts, thesaurus, visibility)
            concepts = correction.concepts
        selection = _selection(query.filters, taxonomy)
        highlighter = Highlighter(match_stems(concepts))
        if visibility is None:
            page = Page([], 0, 0, {facet: Counter() for facet in FACET_KEYS})
            is_fuzzy = False
        elif connection.vendor == "postgresql":
            page, is_fuzzy, highlighter = self._search_pg(
                query, concepts, visibility, selection, highlighter, correction.unmatched
            )
        else:
            page, is_fuzzy, highlighter = self._search_python(
                query, concepts, visibility, selection, highlighter
            )
        return SearchResults(
            hits=build_hits(page.rows, highlighter),
            total=page.total,
            facets=facet_values(
                None if page.estimated_total is not None else page.counts,
                query.filters,
                taxonomy,
            ),
            expanded_terms=expanded_terms(concepts),
            is_fuzzy=is_fuzzy or bool(correction.corrections),
            backend=self.name,
            estimated_total=page.estimated_total,
            corrections=correction.corrections,
        )

    def _search_pg(self, query, concepts, visibility, selection, highlighter, unmatched=()):
        """The tiers below on PostgreSQL. ``unmatched``: phrases of concepts known to match
        nothing the user may see (:func:`correct_concepts`); the tiers that cannot find
        anything then are skipped (a typo no longer costs four empty full-text queries)."""

        def run(source: Source, *, browse: bool = False) -> Page:
            return pg_page(
                source,
                visibility,
                selection,
                offset=query.offset,
                limit=query.page_size,
                browse=browse,
            )

        if not concepts:
            return run(Source(), browse=True), False, highlighter

        def ids(operator: str, vector: str) -> list[int]:
            rows = match_rows(concepts, visibility, operator=operator, vector=vector)
            return [r.vraag_id for r in rows]

        def tiered(operator: str, vector: str, first: list[int]) -> Source:
            source = pg_text_source(concepts, operator, vector)
            source.tier_sql = "CASE WHEN e.vraag_id = ANY(%s) THEN 0 ELSE 1 END"
            source.select_params = [first]
            return source

        dead = sum(c.phrase in unmatched for c in concepts)
        page = Page([], 0, 0, {facet: Counter() for facet in FACET_KEYS})
        if not dead:
            # 1. Every concept in the question's own text (title, solution, body, tags).
            page = run(pg_text_source(concepts, "&", "rank_vector"))
            if page.matched < MIN_AND_HITS:
                # 2. Too few: answers count too (matches in the question itself first).
                page = run(tiered("&", "document", ids("and", "rank_vector")))
        if len(concepts) > dead and len(concepts) > 1 and page.matched < MIN_AND_HITS:
            # 3. Still too few: any concept will do (in the question's own text first,
            # then also in answers), all-concept matches first.
            and_ids = [] if dead else ids("and", "document")
            page = run(tiered("|", "rank_vector", and_ids))
            if page.matched < MIN_AND_HITS:
                page = run(tiered("|", "document", and_ids))
        if page.matched == 0:
            source, words = pg_fuzzy_source(concepts)
            if source is not None:
                fuzzy = run(source)
                if fuzzy.matched:
                    return fuzzy, True, Highlighter(set(), words)
        return page, False, highlighter

    def _search_python(self, query, concepts, visibility, selection, highlighter):
        """SQLite (FTS5): match in the database, facets and ranking in Python."""
        is_fuzzy = False
        browse = not concepts
        if browse:
            rows = browse_rows(visibility)
        else:
            rows = match_rows(concepts, visibility, operator="and")
            if len(concepts) > 1 and len(rows) < MIN_AND_HITS:
                found = {r.vraag_id for r in rows}
                extra = [
                    r
                    for r in match_rows(concepts, visibility, operator="or")
                    if r.vraag_id not in found
                ]
                for r in extra:
                    r.tier = 1
                rows += extra
            if not rows:
                rows, corrected = fuzzy_rows(concepts, visibility)
                is_fuzzy = bool(rows)
                highlighter = Highlighter({s for c in corrected for s in c.alternatives})
        kept, counts = filter_and_count(rows, selection)
        if browse:
            kept.sort(key=lambda r: (r.last_activity_at, r.vraag_id), reverse=True)
        else:
            kept = _ranked(kept)
        page = kept[query.offset : query.offset + query.page_size]
        return Page(page, len(kept), len(rows), counts), is_fuzzy, highlighter

    def similar(
        self, text: str, *, user, exclude_id: int | None = None, limit: int = 5
    ) -> list[Hit]:
        """Questions that share the rarest concepts of ``text`` (see similar_terms and
        pg_similar_rows; SQLite ranks with bm25). ``exclude_id`` is the question ``text``
        comes from: it is left out, and a word only it has is not looked for."""
        visibility = visibility_sql(user)
        if visibility is None:
            return []
        thesaurus = current_thesaurus()
        concepts = parse_concepts(text, _PhrasesOnly(thesaurus), limit=MAX_SIMILAR_CONCEPTS)
        if not concepts:
            return []
        if connection.vendor == "postgresql":
            terms = similar_terms(concepts, pg_term_stats(), thesaurus, own=exclude_id is not None)
            rows = pg_similar_rows(terms, visibility, exclude_id=exclude_id, limit=limit)
        else:
            stats = sqlite_term_stats({s for c in concepts for s in _phrase_stems(c.phrase)})
            terms = similar_terms(concepts, stats, thesaurus, own=exclude_id is not None)
            if not terms:
                return []
            rows = match_rows(
                [t.concept for t in terms],
                visibility,
                operator="or",
                exclude_id=exclude_id,
                exclude_duplicates=True,
                limit=limit,
            )
        found = [t.concept for t in terms]
        return build_hits(_ranked(rows)[:limit], Highlighter(match_stems(found)))
