"""The live domain thesaurus: the editors' synonym groups (Synoniemgroep), loaded and cached.

:func:`current_thesaurus` returns a :class:`Thesaurus` built from the active groups. The
process keeps it until the groups change: every call compares a cheap fingerprint of the
table (number of rows and the latest change) with the cached one, so an editor's new
group takes effect on the next search in every process, without a restart; saving or
deleting a group also drops the process cache at once (signals.py).

Abbreviations live in the groups as well (migration 0003 merged thesaurus.ABBREVIATIONS
into the seed), so editors can add or remove them like any other synonym.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from functools import cached_property

from vraagbaak.search.analysis import Phrases
from vraagbaak.search.thesaurus import (
    COMPOUND_PARTS,
    LINKING_LETTERS,
    _group_lookup,
    expand_query,
    normalize_groups,
    split_compound,
)


class Thesaurus:
    """Normalised synonym groups with a cached, per-phrase expansion."""

    def __init__(self, groups: Iterable[Iterable[str]]):
        self.groups: tuple[frozenset[str], ...] = tuple(normalize_groups(groups))
        self.lookup = _group_lookup(self.groups)
        self.known: frozenset[str] = frozenset(self.lookup)
        self.max_words = max((len(p.split()) for p in self.known), default=1)
        self._expansions: dict[str, tuple[str, ...]] = {}
        self._lock = threading.Lock()

    def expand(self, phrase: str) -> tuple[str, ...]:
        """Alternatives for one concept of a query (synonyms, abbreviations, compounds)."""
        cached = self._expansions.get(phrase)
        if cached is None:
            cached = tuple(
                expand_query(phrase, self.groups, {}, COMPOUND_PARTS, lookup=self.lookup)
            )
            with self._lock:
                if len(self._expansions) > 10_000:
                    self._expansions.clear()
                self._expansions[phrase] = cached
        return cached

    @cached_property
    def phrase_texts(self) -> frozenset[str]:
        """The multi-word alternatives a query can get: thesaurus phrases and the split
        forms of thesaurus compounds."""
        multi = {p for p in self.known if " " in p}
        for term in self.known:
            parts = split_compound(term, COMPOUND_PARTS) if " " not in term else ()
            if len(parts) > 1:
                multi.add(" ".join(parts))
        return frozenset(multi)

    @cached_property
    def phrases(self) -> Phrases:
        """:attr:`phrase_texts`, which PostgreSQL indexes as joined tokens."""
        return Phrases(self.phrase_texts)

    def joins(self, left: str, right: str) -> bool:
        """True when two neighbouring words form a known compound (huur achterstand)."""
        if left not in COMPOUND_PARTS or right not in COMPOUND_PARTS:
            return False
        return any(left + link + right in self.known for link in ("", *LINKING_LETTERS))

    def synonym_lines(self) -> list[str]:
        """Lines for Elasticsearch's synonym filter."""
        from vraagbaak.search import elastic  # the client import is slow: only when needed

        return elastic.synonym_lines(self.groups)


_cache_lock = threading.Lock()
_cache: dict[str, object] = {"fingerprint": None, "thesaurus": None}


def _fingerprint():
    from django.db.models import Count, Max

    from vraagbaak.search.models import Synoniemgroep

    row = Synoniemgroep.objects.aggregate(n=Count("pk"), latest=Max("updated_at"))
    return (row["n"], row["latest"])


def current_thesaurus() -> Thesaurus:
    """The thesaurus from the active synonym groups, cached until a group changes."""
    from vraagbaak.search.models import Synoniemgroep

    fingerprint = _fingerprint()
    with _cache_lock:
        if _cache["fingerprint"] == fingerprint and _cache["thesaurus"] is not None:
            return _cache["thesaurus"]  # type: ignore[return-value]
    groups = [g.term_list for g in Synoniemgroep.objects.filter(is_active=True).only("terms")]
    thesaurus = Thesaurus(groups)
    with _cache_lock:
        _cache["fingerprint"] = fingerprint
        _cache["thesaurus"] = thesaurus
    return thesaurus


def clear_cache() -> None:
    """Forget the cached thesaurus (a group was saved or deleted)."""
    with _cache_lock:
        _cache["fingerprint"] = None
        _cache["thesaurus"] = None
