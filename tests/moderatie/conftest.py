"""Fixtures for the anonymity check. deduce is loaded at most once per test session."""

from pathlib import Path

import pytest

from vraagbaak.anonymity.evaluation import load_corpus

CORPUS_PATH = Path(__file__).parent / "corpus.json"


@pytest.fixture(scope="session")
def corpus():
    return load_corpus(CORPUS_PATH)


@pytest.fixture(scope="session")
def deduce_instance():
    """The process-wide deduce singleton (~1 GB; builds its cache on first use, ~2 min)."""
    pytest.importorskip("deduce")
    from vraagbaak.anonymity.deduce_backend import get_deduce

    return get_deduce()
