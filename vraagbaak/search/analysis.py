"""Dutch text analysis shared by both database search backends (PostgreSQL and SQLite).

Chain, for stored text and for queries alike::

    normalize (lowercase, fold accents: financiële -> financiele)
    -> tokens -> stem fix-ups (financieel -> financiel, see below)
    -> compound parts added after each compound (schuldhulpverlening schuld hulp verlening)
    -> Dutch stop words out -> Dutch Snowball stemmer

Where each step runs
--------------------
PostgreSQL: Python produces the *surface* text (normalised tokens with the fix-ups and
the compound parts); the database does stop words and stemming with the text search
configuration ``vraagbaak_dutch`` (migration 0002: a copy of the built-in ``dutch``
whose word mappings run through ``unaccent`` and then ``dutch_stem``). So PostgreSQL
really uses its Dutch configuration, unaccent and (for the typo fallback) pg_trgm, and
set-based SQL can index answers in bulk (``ANSWERS_SQL`` applies the same fix-ups).

SQLite: FTS5 has no Dutch stemmer, so Python stems with ``snowballstemmer``'s
``dutch_porter``: the same Snowball algorithm as PostgreSQL's ``dutch_stem``. The FTS5
table stores the stems (``index_terms``) and queries are stemmed the same way, so both
databases find the same things.

Why the fix-ups
---------------
The Dutch Snowball stemmer only undoubles a vowel after a consonant, so ``financieel``
stays ``financieel`` while ``financiële``/``financiele`` become ``financiel`` (STACK.md
§2). :func:`fix_token` rewrites a final ``-ieel``/``-ueel`` to ``-iel``/``-uel``
(financieel, potentieel, actueel, seksueel) before stemming, and maps ``financien``
(financiën) to the same stem. ``probleem``/``problemen`` and ``huur``/``huren`` already
meet in the stemmer. This is the one place the fix lives; ``ANSWERS_SQL`` mirrors it.

Compound parts are added at index time for the question's title, solution, body and tags
(Python), not for answers (indexed set-based in SQL for speed); at query time the thesaurus
expansion splits and joins compounds, so ``schuldhulp`` and ``huur achterstand`` still
find answers that only say ``schuldhulpverlening`` or ``huurachterstand``.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from functools import lru_cache

import snowballstemmer

from vraagbaak.search.thesaurus import COMPOUND_PARTS, normalize, split_compound

__all__ = [
    "ANSWERS_SQL",
    "PG_CONFIG",
    "Phrases",
    "STOP_WORDS",
    "fix_token",
    "index_terms",
    "joined_token",
    "phrase_key",
    "stem",
    "surface_text",
    "surface_tokens",
    "tokens",
]

#: The PostgreSQL text search configuration (migration 0002).
PG_CONFIG = "vraagbaak_dutch"

#: PostgreSQL's (Snowball's) Dutch stop word list, so SQLite leaves out the same words.
STOP_WORDS: frozenset[str] = frozenset(
    """
    de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar
    om hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar
    haar naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden
    toch al waren veel meer doen toen moet ben zonder kan hun dus alles onder ja eens hier
    wie werd altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand
    geweest andere
    """.split()
)

#: Whole-word rewrites before stemming (normalised forms).
TOKEN_OVERRIDES: dict[str, str] = {"financien": "financiel"}

#: Compound parts are only looked for in words at least this long.
MIN_COMPOUND_LENGTH = 6

#: SQL (PostgreSQL) that applies normalize's accent folding and :func:`fix_token` to raw
#: text; ``%s`` is the text expression. Used for answers, which are indexed in SQL.
ANSWERS_SQL = (
    "regexp_replace(regexp_replace(lower(unaccent(%s)), "
    "'\\mfinancien\\M', 'financiel', 'g'), '([iu])eel\\M', '\\1el', 'g')"
)


def fix_token(token: str) -> str:
    """Rewrite a normalised token so the Dutch stemmer joins its inflected forms.

    >>> fix_token("financieel"), fix_token("actueel"), fix_token("probleem")
    ('financiel', 'actuel', 'probleem')
    """
    token = TOKEN_OVERRIDES.get(token, token)
    if len(token) > 4 and token.endswith(("ieel", "ueel")):
        return token[:-3] + "el"
    return token


def tokens(text: str) -> list[str]:
    """Normalised, fixed tokens of ``text`` (stop words kept)."""
    return [fix_token(t) for t in normalize(text).split()]


@lru_cache(maxsize=50_000)
def compound_parts(token: str) -> tuple[str, ...]:
    """The known parts of a compound token (fixed), or () when it is not a compound."""
    if len(token) < MIN_COMPOUND_LENGTH:
        return ()
    parts = split_compound(token, COMPOUND_PARTS)
    if len(parts) < 2:
        return ()
    return tuple(fix_token(p) for p in parts)


def surface_tokens(
    text: str, *, compounds: bool = True, phrases: Phrases | None = None
) -> list[str]:
    """Tokens with each compound followed by its parts; stop words kept (PostgreSQL drops
    them itself). With ``phrases``, each known phrase is followed by its joined token."""
    result: list[str] = []
    for token in tokens(text):
        result.append(token)
        if compounds:
            result.extend(compound_parts(token))
    if phrases:
        result = phrases.add_tokens(result)
    return result


def surface_text(text: str, *, compounds: bool = True, phrases: Phrases | None = None) -> str:
    """:func:`surface_tokens` as one string: what PostgreSQL's ``to_tsvector`` gets."""
    return " ".join(surface_tokens(text, compounds=compounds, phrases=phrases))


def phrase_key(phrase: str) -> tuple[str, ...]:
    """The stems of a phrase's words (stop words kept): how phrases are compared."""
    return tuple(stem(t) for t in tokens(phrase))


class Phrases:
    """Multi-word thesaurus phrases that PostgreSQL indexes as one *joined token*.

    A GIN index answers ``financiel & zorg`` by intersecting two long posting lists (every
    question that says "financieel" somewhere and "zorg" somewhere: thousands, most of them
    not about money worries), and a phrase query (``<->``) makes PostgreSQL re-read every
    candidate's vector. So where the question's own text has the phrase, the index adds one
    token made of its stems (``financielzorg``), and a query for the phrase asks for that
    token: one short posting list, and only texts that say the phrase. SQLite's FTS5 has
    real phrase queries and needs none of this.

    Answers are indexed set-based in SQL, without joined tokens; the answer tier of the
    search keeps the AND of the words (see database.pg_tsquery).
    """

    def __init__(self, phrases: Iterable[str] = ()):
        keys = {phrase_key(p) for p in phrases}
        self.keys: frozenset[tuple[str, ...]] = frozenset(k for k in keys if len(k) > 1)
        self.max_words = max(map(len, self.keys), default=0)

    def __bool__(self) -> bool:
        return bool(self.keys)

    def __contains__(self, phrase: str) -> bool:
        return phrase_key(phrase) in self.keys

    def add_tokens(self, surface: Sequence[str]) -> list[str]:
        """``surface`` tokens with the joined token after each known phrase."""
        stems = [stem(t) for t in surface]
        result: list[str] = []
        for end in range(1, len(surface) + 1):
            result.append(surface[end - 1])
            for size in range(2, min(self.max_words, end) + 1):
                key = tuple(stems[end - size : end])
                if key in self.keys:
                    result.append(joined_token(key))
        return result


def joined_token(key: tuple[str, ...]) -> str:
    """The one token that stands for a phrase in PostgreSQL's index (see :class:`Phrases`)."""
    return "".join(key)


_local = threading.local()


@lru_cache(maxsize=200_000)
def stem(token: str) -> str:
    """Dutch Snowball stem (``dutch_porter``, as PostgreSQL's ``dutch_stem``) of a fixed token."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("dutch_porter")
    return stemmer.stemWord(token)


def index_terms(text: str, *, compounds: bool = True) -> list[str]:
    """Stems of ``text`` without stop words: what SQLite's FTS5 table stores."""
    return [stem(t) for t in surface_tokens(text, compounds=compounds) if t not in STOP_WORDS]


def word_stems(word: str) -> set[str]:
    """Stems a single written word matches on: its own stem and those of its compound parts
    (used to highlight ``schuldhulpverlening`` when the query said ``schuld``)."""
    result: set[str] = set()
    for token in tokens(word):
        result.add(stem(token))
        result.update(stem(p) for p in compound_parts(token))
    return result


WORD_RE = re.compile(r"\w+", re.UNICODE)
