"""The anonymity check against the annotated corpus (tests/moderatie/corpus.json).

Targets from issue 3: recall >= 0.95 on identifiers, <= 10% of clean texts flagged.
"""

import json
from pathlib import Path

import pytest
from django.conf import settings

from vraagbaak.anonymity import check_text
from vraagbaak.anonymity.evaluation import evaluate

MIN_RECALL = 0.95
MAX_FALSE_POSITIVE_RATE = 0.10


def test_corpus_is_big_enough(corpus):
    assert len(corpus.identifying) >= 40
    assert len(corpus.clean) >= 20
    for item in corpus.identifying:
        assert item.identifiers, item.id
        for ident in item.identifiers:
            assert item.text[ident.start : ident.end] == ident.text


def test_own_detectors_meet_the_targets_on_the_corpus(corpus):
    result = evaluate(corpus, use_deduce=False, timed_checks=0)
    assert result.recall >= MIN_RECALL, result.missed
    assert result.false_positive_rate <= MAX_FALSE_POSITIVE_RATE, result.false_positives


def test_own_detectors_flag_none_of_the_demo_questions():
    """The demo questions were written to be anonymous: a held-out set of clean texts."""
    path = Path(settings.BASE_DIR) / "vraagbaak" / "core" / "demo" / "voorbeeldvragen.json"
    vragen = json.loads(path.read_text("utf-8"))
    texts = [v[key] for v in vragen for key in ("titel", "tekst", "oplossing") if v.get(key)]
    flagged = [t for t in texts if check_text(t, use_deduce=False)]
    assert len(flagged) / len(texts) <= MAX_FALSE_POSITIVE_RATE, flagged


@pytest.mark.deduce
def test_with_deduce_meets_the_targets_on_the_corpus(corpus, deduce_instance):
    result = evaluate(corpus, use_deduce=True, timed_checks=0)
    assert result.recall >= MIN_RECALL, result.missed
    assert result.false_positive_rate <= MAX_FALSE_POSITIVE_RATE, result.false_positives


@pytest.mark.deduce
@pytest.mark.parametrize(
    ("text", "label", "span"),
    [
        # Misses of deduce alone (STACK.md §5), covered by the own detectors.
        ("mevr. Yilmaz (45) heeft klachten.", "age", "45"),
        ("Het gaat om een vrouw van 45.", "age", "45"),
        ("Zoon bereikbaar op +31 6 87654321.", "phone", "+31 6 87654321"),
        ("Ze ligt in het Radboudumc Nijmegen.", "institution", "Radboudumc"),
        ("Ze ligt in het OLVG.", "institution", "OLVG"),
        ("Dossier 111.222.333 is bekend.", "bsn", "111.222.333"),
        # What deduce adds: a bare first name and a place.
        ("Zorgmedewerker belt Sanne morgen terug.", "name", "Sanne"),
        ("Ze is verhuisd naar Nijmegen.", "location", "Nijmegen"),
    ],
)
def test_with_deduce_merged_findings(deduce_instance, text, label, span):
    findings = check_text(text, use_deduce=True)
    assert any(f.label == label and span in f.text for f in findings), findings
    for f in findings:
        assert text[f.start : f.end] == f.text


@pytest.mark.deduce
@pytest.mark.parametrize(
    "text",
    [
        "Bel Veilig Thuis op 0800-2000.",  # deduce tags this as a phone number
        "Het Buurtteam Zuid en het OKT in Amsterdam-Noord zijn betrokken.",
        "Kinderen van 0-1 jaar, 3 en 5 jaar.",  # deduce tags children's ages
        "Kijk op www.thuisarts.nl.",
        "Tip: vraag het de JGZ.",
    ],
)
def test_with_deduce_public_and_generic_terms_are_not_findings(deduce_instance, text):
    assert check_text(text, use_deduce=True) == []
