"""Measure the check against an annotated corpus: recall, false-positive rate, time, memory."""

from __future__ import annotations

import json
import resource
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import check_text


@dataclass(frozen=True)
class Identifier:
    start: int
    end: int
    label: str
    text: str


@dataclass(frozen=True)
class CorpusText:
    id: str
    text: str
    identifiers: tuple[Identifier, ...] = ()


@dataclass
class Corpus:
    identifying: list[CorpusText]
    clean: list[CorpusText]


class CorpusError(ValueError):
    pass


def load_corpus(path: str | Path) -> Corpus:
    """Read the corpus JSON; identifier offsets are found by searching each span in order."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    identifying = []
    for item in data["identifying"]:
        text, cursor, found = item["text"], {}, []
        for ident in item["identifiers"]:
            start = text.find(ident["text"], cursor.get(ident["text"], 0))
            if start < 0:
                raise CorpusError(f"{item['id']}: {ident['text']!r} does not occur in the text")
            end = start + len(ident["text"])
            cursor[ident["text"]] = end
            found.append(Identifier(start, end, ident["label"], ident["text"]))
        identifying.append(CorpusText(item["id"], text, tuple(found)))
    clean = [CorpusText(item["id"], item["text"]) for item in data["clean"]]
    return Corpus(identifying, clean)


@dataclass
class Result:
    use_deduce: bool
    identifiers: int = 0
    found: int = 0
    clean_texts: int = 0
    clean_flagged: int = 0
    missed: list[tuple[str, Identifier]] = field(default_factory=list)
    false_positives: list[tuple[str, str, str]] = field(default_factory=list)  # id, label, text
    times_ms: list[float] = field(default_factory=list)
    load_seconds: float = 0.0
    maxrss_mb: float = 0.0

    @property
    def recall(self) -> float:
        return self.found / self.identifiers if self.identifiers else 1.0

    @property
    def false_positive_rate(self) -> float:
        return self.clean_flagged / self.clean_texts if self.clean_texts else 0.0

    def percentile_ms(self, p: float) -> float:
        if not self.times_ms:
            return 0.0
        if len(self.times_ms) == 1:
            return self.times_ms[0]
        return statistics.quantiles(self.times_ms, n=100, method="inclusive")[round(p) - 1]

    def as_dict(self) -> dict:
        return {
            "deduce": self.use_deduce,
            "identifiers": self.identifiers,
            "found": self.found,
            "recall": round(self.recall, 4),
            "clean_texts": self.clean_texts,
            "clean_texts_flagged": self.clean_flagged,
            "false_positive_rate": round(self.false_positive_rate, 4),
            "checks_timed": len(self.times_ms),
            "p50_ms": round(self.percentile_ms(50), 3),
            "p95_ms": round(self.percentile_ms(95), 3),
            "deduce_load_seconds": round(self.load_seconds, 2),
            "max_rss_mb": round(self.maxrss_mb, 1),
            "missed": [
                {"id": cid, "label": ident.label, "text": ident.text} for cid, ident in self.missed
            ],
            "false_positives": [
                {"id": cid, "label": label, "text": text}
                for cid, label, text in self.false_positives
            ],
        }


def max_rss_mb() -> float:
    """Peak resident set size of this process in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def evaluate(corpus: Corpus, *, use_deduce: bool, timed_checks: int = 1000) -> Result:
    """Recall over identifiers (found = any finding overlaps it), share of clean texts with any
    finding, and the time per ``check_text`` over ``timed_checks`` texts (corpus repeated)."""
    result = Result(use_deduce=use_deduce)
    if use_deduce:
        from .deduce_backend import get_deduce

        started = time.perf_counter()
        get_deduce()
        result.load_seconds = time.perf_counter() - started

    for item in corpus.identifying:
        findings = check_text(item.text, use_deduce=use_deduce)
        for ident in item.identifiers:
            result.identifiers += 1
            if any(f.start < ident.end and ident.start < f.end for f in findings):
                result.found += 1
            else:
                result.missed.append((item.id, ident))
    for item in corpus.clean:
        findings = check_text(item.text, use_deduce=use_deduce)
        result.clean_texts += 1
        if findings:
            result.clean_flagged += 1
            result.false_positives.extend((item.id, f.label, f.text) for f in findings)

    texts = [item.text for item in corpus.identifying + corpus.clean]
    for n in range(timed_checks):
        text = texts[n % len(texts)]
        started = time.perf_counter()
        check_text(text, use_deduce=use_deduce)
        result.times_ms.append((time.perf_counter() - started) * 1000)
    result.maxrss_mb = max_rss_mb()
    return result
