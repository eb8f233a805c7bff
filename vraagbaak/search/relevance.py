"""Relevance measures for the search relevance set, as pure functions.

The relevance set (``data/relevantieset.json``) holds Dutch queries written the way a
professional from *another* discipline would phrase them, each with the id of the demo
question (``Vraag.import_id``) it should find. :func:`evaluate` turns the ranked result ids
of every query into hit@1, hit@3 and MRR@10; the ``zoek_relevantie`` command runs the
queries through the search service and prints the figures.

Nothing here touches the database.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "MRR_CUTOFF",
    "RELEVANCE_SET",
    "Judgement",
    "Outcome",
    "Report",
    "evaluate",
    "hit_at",
    "load_relevance_set",
    "rank_of",
    "reciprocal_rank",
]

#: The relevance set that ships with the project.
RELEVANCE_SET = Path(__file__).resolve().parent / "data" / "relevantieset.json"

#: Reciprocal rank counts only the first this many results (MRR@10).
MRR_CUTOFF = 10


@dataclass(frozen=True)
class Judgement:
    """One entry of the relevance set."""

    query: str
    expected: str
    why: str = ""


@dataclass(frozen=True)
class Outcome:
    """How one query did: the 1-based rank of the expected result (None: not found)."""

    judgement: Judgement
    rank: int | None
    top: tuple[str, ...] = ()

    @property
    def reciprocal_rank(self) -> float:
        if self.rank is None or self.rank > MRR_CUTOFF:
            return 0.0
        return 1.0 / self.rank


@dataclass
class Report:
    """hit@1, hit@3 and MRR@10 over a list of outcomes."""

    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.outcomes)

    def hit_at(self, k: int) -> float:
        """Share of queries whose expected result is in the first ``k``; 0.0 for no queries."""
        if not self.outcomes:
            return 0.0
        hits = sum(1 for o in self.outcomes if o.rank is not None and o.rank <= k)
        return hits / len(self.outcomes)

    @property
    def mrr(self) -> float:
        """Mean reciprocal rank within the first :data:`MRR_CUTOFF`; 0.0 for no queries."""
        if not self.outcomes:
            return 0.0
        return sum(o.reciprocal_rank for o in self.outcomes) / len(self.outcomes)

    def misses(self, k: int = 3) -> list[Outcome]:
        """Outcomes whose expected result is not in the first ``k``."""
        return [o for o in self.outcomes if o.rank is None or o.rank > k]

    def as_dict(self) -> dict:
        return {
            "queries": self.count,
            "hit@1": round(self.hit_at(1), 4),
            "hit@3": round(self.hit_at(3), 4),
            "mrr": round(self.mrr, 4),
            "misses": [
                {
                    "query": o.judgement.query,
                    "expected": o.judgement.expected,
                    "rank": o.rank,
                    "top": list(o.top[:3]),
                }
                for o in self.misses()
            ],
        }


def rank_of(expected: str, ranked: Sequence[str]) -> int | None:
    """1-based position of ``expected`` in ``ranked``, or None when it is not there."""
    for position, item in enumerate(ranked, start=1):
        if item == expected:
            return position
    return None


def hit_at(expected: str, ranked: Sequence[str], k: int) -> bool:
    """True when ``expected`` is among the first ``k`` of ``ranked``."""
    rank = rank_of(expected, ranked[:k])
    return rank is not None


def reciprocal_rank(expected: str, ranked: Sequence[str], cutoff: int = MRR_CUTOFF) -> float:
    """1/rank of ``expected`` within the first ``cutoff`` of ``ranked``; 0.0 when absent."""
    rank = rank_of(expected, ranked[:cutoff])
    return 0.0 if rank is None else 1.0 / rank


def evaluate(judgements: Sequence[Judgement], rankings: Sequence[Sequence[str]]) -> Report:
    """Score ranked result ids per judgement (same order) into a :class:`Report`."""
    if len(judgements) != len(rankings):
        raise ValueError("judgements and rankings differ in length")
    outcomes = [
        Outcome(judgement=j, rank=rank_of(j.expected, ranked), top=tuple(ranked[:MRR_CUTOFF]))
        for j, ranked in zip(judgements, rankings, strict=True)
    ]
    return Report(outcomes)


def load_relevance_set(path: Path = RELEVANCE_SET) -> list[Judgement]:
    """Read the relevance set: a JSON list of {"query", "expected", "why"}."""
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    judgements = []
    for entry in raw:
        query = str(entry["query"]).strip()
        expected = str(entry["expected"]).strip()
        if not query or not expected:
            raise ValueError("every entry needs a query and an expected id")
        judgements.append(Judgement(query=query, expected=expected, why=entry.get("why", "")))
    return judgements
