"""`manage.py import_vragen`: the shipped example file, idempotency and bad files."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import ModelLogEntry

from vraagbaak.core.management.commands.load_demo_data import DEMO_FILE
from vraagbaak.vragen.importing import IMPORT_ACCOUNT_EMAIL, IMPORT_ACCOUNT_NAME
from vraagbaak.vragen.models import Vraag, VraagStatus

pytestmark = pytest.mark.django_db

GOOD = {
    "id": "T01",
    "titel": "Zwangere met schulden zoekt schuldhulp in Oost",
    "tekst": "Cliënte (ongeveer 30 weken) heeft schulden. Wie kan snel helpen?",
    "risicofactoren": ["Financiële problemen"],
    "trefwoorden": ["schulden"],
    "fase": "zwangerschap",
    "stadsdeel": "Oost",
    "vraagtype": ["aanbod vinden"],
    "discipline_vraagsteller": "verloskundige",
    "spoed": False,
    "status": "open",
    "oplossing": None,
}


def run(*args) -> str:
    out = StringIO()
    call_command("import_vragen", *[str(a) for a in args], stdout=out)
    return out.getvalue()


def write(tmp_path: Path, name: str, content) -> Path:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


def test_import_vragen_imports_the_shipped_file():
    output = run(DEMO_FILE)

    assert "23 nieuw, 0 al aanwezig" in output
    assert Vraag.objects.count() == 23
    solved = Vraag.objects.filter(status=VraagStatus.SOLVED)
    assert solved.count() == 11
    assert all(v.oplossing and v.oplossing_html and v.solved_at for v in solved)
    assert Vraag.objects.filter(status=VraagStatus.OPEN).count() == 11
    closed = Vraag.objects.get(import_id="V20")
    assert closed.status == VraagStatus.CLOSED
    assert closed.closed_at is not None
    assert closed.oplossing.startswith("Dit is een acute situatie")
    assert Vraag.objects.filter(published_at=None).count() == 0
    assert Vraag.objects.filter(last_activity_at=None).count() == 0


def test_import_vragen_maps_file_values_to_taxonomy_terms():
    run(DEMO_FILE)

    v01 = Vraag.objects.get(import_id="V01")
    assert v01.title.startswith("Zwangere zonder verblijfsvergunning")
    assert "<p>" in v01.body_html
    assert v01.fase.slug == "zwangerschap"
    assert v01.stadsdeel.slug == "noord"
    assert {r.slug for r in v01.risicofactoren.all()} == {
        "ongedocumenteerde-ouders",
        "vermijden-van-zorg",
    }
    assert [t.slug for t in v01.vraagtypes.all()] == ["aanbod-vinden"]
    assert list(v01.tags.names()) == ["onverzekerd"]
    assert Vraag.objects.get(import_id="V03").fase.slug == "kraamperiode"
    assert Vraag.objects.get(import_id="V16").fase.slug == "kinderwens-en-preconceptie"
    assert Vraag.objects.get(import_id="V20").stadsdeel is None
    assert Vraag.objects.get(import_id="V19").risicofactoren.get().slug == (
        "onvoldoende-opvoedvaardigheden"
    )


def test_import_vragen_attributes_to_the_neutral_import_account():
    run(DEMO_FILE)

    authors = {v.author for v in Vraag.objects.select_related("author__profile")}
    assert len(authors) == 1
    author = authors.pop()
    assert author.email == IMPORT_ACCOUNT_EMAIL
    assert author.profile.display_name == IMPORT_ACCOUNT_NAME
    assert author.profile.is_verified
    assert not author.has_usable_password()


def test_import_vragen_second_run_creates_nothing():
    run(DEMO_FILE)
    output = run(DEMO_FILE)

    assert "0 nieuw, 23 al aanwezig" in output
    assert Vraag.objects.count() == 23
    assert ModelLogEntry.objects.filter(action="vraagbaak.vraag.import").count() == 23


def test_import_vragen_logs_without_case_text():
    run(DEMO_FILE)

    vraag = Vraag.objects.get(import_id="V02")
    entry = ModelLogEntry.objects.get(action="vraagbaak.vraag.import", object_id=str(vraag.pk))
    assert entry.label == f"Vraag {vraag.pk}"
    assert vraag.title not in json.dumps(entry.data)
    assert "huurachterstand" not in json.dumps(entry.data)


def test_import_vragen_als_attributes_to_that_account(professional):
    run(DEMO_FILE, "--als", professional.email.upper())

    assert Vraag.objects.exclude(author=professional).count() == 0


def test_import_vragen_als_unknown_email_fails_and_imports_nothing():
    with pytest.raises(CommandError, match="geen account met het e-mailadres niemand@zorg.test"):
        run(DEMO_FILE, "--als", "niemand@zorg.test")

    assert Vraag.objects.count() == 0


BAD_RECORDS = {
    "unknown_risicofactor": (
        {**GOOD, "id": "T02", "risicofactoren": ["Zorgen om het weer"]},
        "vraag T02: onbekende risicofactor ‘Zorgen om het weer’",
    ),
    "missing_titel": (
        {k: v for k, v in {**GOOD, "id": "T02"}.items() if k != "titel"},
        "vraag T02: het veld ‘titel’ ontbreekt",
    ),
    "wrong_type_risicofactoren": (
        {**GOOD, "id": "T02", "risicofactoren": "Financiële problemen"},
        "vraag T02: het veld ‘risicofactoren’ moet een lijst met teksten zijn",
    ),
    "wrong_type_titel": (
        {**GOOD, "id": "T02", "titel": 42},
        "vraag T02: het veld ‘titel’ moet tekst zijn",
    ),
    "unknown_fase": (
        {**GOOD, "id": "T02", "fase": "puberteit"},
        "vraag T02: onbekende fase ‘puberteit’",
    ),
    "solved_without_oplossing": (
        {**GOOD, "id": "T02", "status": "opgelost"},
        "vraag T02: de status is ‘opgelost’, maar de oplossing ontbreekt",
    ),
    "not_an_object": ("zomaar tekst", "vraag nr. 2: dit is geen object met velden"),
}


@pytest.mark.parametrize("case", BAD_RECORDS)
def test_import_vragen_bad_record_fails_and_imports_nothing(tmp_path, case):
    bad, message = BAD_RECORDS[case]
    path = write(tmp_path, "vragen.json", [GOOD, bad])

    with pytest.raises(CommandError) as error:
        run(path)

    assert "niets geïmporteerd" in str(error.value)
    assert f"vragen.json, {message}" in str(error.value)
    assert Vraag.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[{"id": "T01",', "kapot.json: dit is geen geldig JSON-bestand"),
        ('{"id": "T01"}', "kapot.json: het bestand moet een lijst met vragen zijn"),
    ],
)
def test_import_vragen_bad_file_fails_and_imports_nothing(tmp_path, content, message):
    good = write(tmp_path, "goed.json", [GOOD])
    bad = write(tmp_path, "kapot.json", content)

    with pytest.raises(CommandError, match=message):
        run(good, bad)

    assert Vraag.objects.count() == 0


def test_import_vragen_missing_file_fails(tmp_path):
    with pytest.raises(CommandError, match="bestand niet gevonden"):
        run(tmp_path / "bestaat-niet.json")


def test_import_vragen_same_id_in_two_files_fails(tmp_path):
    first = write(tmp_path, "een.json", [GOOD])
    second = write(tmp_path, "twee.json", [GOOD])

    with pytest.raises(CommandError, match="twee.json, vraag T01: deze id staat ook in een.json"):
        run(first, second)

    assert Vraag.objects.count() == 0


def test_import_vragen_reports_every_problem_at_once(tmp_path):
    path = write(
        tmp_path,
        "vragen.json",
        [{**GOOD, "id": "T02", "risicofactoren": ["Onbekend"]}, {**GOOD, "id": "T03", "tekst": ""}],
    )

    with pytest.raises(CommandError) as error:
        run(path)

    assert "T02: onbekende risicofactor ‘Onbekend’" in str(error.value)
    assert "T03: het veld ‘tekst’ is leeg" in str(error.value)
