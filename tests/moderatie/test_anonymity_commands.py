"""The anonimiteitscheck and anonimiteit_evaluatie management commands."""

import io
import json
import sys

import pytest
from django.core.management import CommandError, call_command


def run(*args, stdin: str | None = None, monkeypatch=None) -> str:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8"))))
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_anonimiteitscheck_prints_one_json_object_keyed_by_file(tmp_path, monkeypatch):
    first = tmp_path / "vraag.txt"
    first.write_text("Moeder (19) belt vanaf 06-12345678.\nZe woont Kinkerstraat 12.", "utf-8")
    clean = tmp_path / "schoon.txt"
    clean.write_text("Buurtteam Zuid en Veilig Thuis 0800-2000, AD 36+2.", "utf-8")

    output = run(
        "anonimiteitscheck",
        str(first),
        str(clean),
        "-",
        "--zonder-deduce",
        stdin="Mail j.bakker@ziggo.nl of bel +31 6 12345678.",
        monkeypatch=monkeypatch,
    )

    result = json.loads(output)
    assert list(result) == [str(first), str(clean), "-"]
    assert result[str(clean)] == []
    assert [(f["label"], f["text"]) for f in result[str(first)]] == [
        ("age", "19"),
        ("phone", "06-12345678"),
        ("address", "Kinkerstraat 12"),
    ]
    assert [(f["label"], f["text"]) for f in result["-"]] == [
        ("email", "j.bakker@ziggo.nl"),
        ("phone", "+31 6 12345678"),
    ]


def test_anonimiteitscheck_offsets_point_into_the_file_text(tmp_path, monkeypatch):
    text = "Regel één: café.\r\nMevrouw Jansen, BSN 111.222.333, geboren op 3 februari 1990.\n"
    path = tmp_path / "windows.txt"
    path.write_bytes(text.encode("utf-8"))

    result = json.loads(run("anonimiteitscheck", str(path), "--zonder-deduce"))

    findings = result[str(path)]
    assert [set(f) for f in findings] == [{"start", "end", "label", "text"}] * 3
    for finding in findings:
        assert text[finding["start"] : finding["end"]] == finding["text"]
    assert [f["label"] for f in findings] == ["name", "bsn", "date"]


def test_anonimiteitscheck_reads_stdin_with_offsets(monkeypatch):
    text = "Eerst ü en ß, dan 06 12 34 56 78."
    result = json.loads(
        run("anonimiteitscheck", "-", "--zonder-deduce", stdin=text, monkeypatch=monkeypatch)
    )
    [finding] = result["-"]
    assert text[finding["start"] : finding["end"]] == "06 12 34 56 78"


def test_anonimiteitscheck_missing_file_gives_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="bestaat niet"):
        run("anonimiteitscheck", str(tmp_path / "weg.txt"), "--zonder-deduce")


def test_anonimiteitscheck_rejects_non_utf8_file(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("café 06-12345678".encode("latin-1"))
    with pytest.raises(CommandError, match="geen UTF-8"):
        run("anonimiteitscheck", str(path), "--zonder-deduce")


def test_anonimiteit_evaluatie_reports_recall_fp_time_and_memory():
    [result] = json.loads(run("anonimiteit_evaluatie", "--zonder-deduce", "--aantal", "50"))
    assert result["deduce"] is False
    assert result["checks_timed"] == 50
    assert result["identifiers"] >= 40
    assert result["clean_texts"] >= 20
    assert 0 <= result["recall"] <= 1
    assert 0 <= result["false_positive_rate"] <= 1
    assert 0 < result["p50_ms"] <= result["p95_ms"]
    assert result["max_rss_mb"] > 0


def test_anonimiteit_evaluatie_bad_corpus_gives_a_clear_error(tmp_path):
    path = tmp_path / "corpus.json"
    path.write_text(
        '{"identifying": [{"id": "X", "text": "abc", "identifiers": '
        '[{"text": "xyz", "label": "name"}]}], "clean": []}',
        "utf-8",
    )
    with pytest.raises(CommandError, match="corpus"):
        run("anonimiteit_evaluatie", "--zonder-deduce", "--corpus", str(path))
