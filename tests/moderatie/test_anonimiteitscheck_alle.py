"""`manage.py anonimiteitscheck --alle`: re-check all published content after better detectors."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.factories import AntwoordFactory, VraagFactory
from vraagbaak.vragen.models import Antwoord, Vraag, VraagStatus

pytestmark = pytest.mark.django_db

PHONE_BODY = "Moeder is bereikbaar op 06-12345678. Wie kan helpen met kraamzorg?"
CLEAN_BODY = "Cliënte is ongeveer 30 weken zwanger. Buurtteam Zuid is betrokken."


def make_vraag(**kwargs) -> Vraag:
    """The factory's default title ends in "(n)", which the check rightly reads as an age."""
    kwargs.setdefault("title", "Zwangere cliënte met schulden")
    return VraagFactory(**kwargs)


def recheck(*args) -> dict:
    out = io.StringIO()
    call_command("anonimiteitscheck", "--alle", "--zonder-deduce", *args, stdout=out)
    return json.loads(out.getvalue())


def test_a_published_question_with_a_phone_number_goes_to_the_queue(
    professional, other_professional_client
):
    leaky = make_vraag(author=professional, title="Kraamzorg regelen", body=PHONE_BODY)
    clean = make_vraag(author=professional, body=CLEAN_BODY)

    summary = recheck()

    assert summary["vragen"] == {"checked": 2, "with_findings": 1, "queued": 1, "not_queued": []}
    leaky.refresh_from_db()
    assert leaky.status == VraagStatus.IN_REVIEW
    assert list(Vraag.objects.in_review_queue()) == [leaky]
    [finding] = leaky.anonymity_findings
    assert finding["field"] == "body" and finding["label"] == "phone"
    assert PHONE_BODY[finding["start"] : finding["end"]] == "06-12345678"
    clean.refresh_from_db()
    assert clean.status == VraagStatus.OPEN
    # other professionals no longer see it
    assert other_professional_client.get(leaky.get_absolute_url()).status_code == 404
    assert (
        "Kraamzorg regelen"
        not in other_professional_client.get(reverse("vragen:list")).content.decode()
    )


def test_an_answer_with_findings_is_held(professional, other_professional):
    vraag = make_vraag(author=professional, body=CLEAN_BODY)
    leaky = AntwoordFactory(
        vraag=vraag, author=other_professional, body="Mail naar j.bakker@ziggo.nl"
    )
    AntwoordFactory(vraag=vraag, author=other_professional, body="Bel het Buurtteam.")

    summary = recheck()

    assert summary["antwoorden"] == {"checked": 2, "with_findings": 1, "queued": 1}
    leaky.refresh_from_db()
    assert leaky.is_held
    assert [f["label"] for f in leaky.anonymity_findings] == ["email"]
    assert list(Antwoord.objects.held_queue()) == [leaky]
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.OPEN


def test_the_summary_never_contains_case_text(professional, other_professional):
    vraag = make_vraag(author=professional, title="Gezin van 06-12345678", body=PHONE_BODY)
    AntwoordFactory(vraag=vraag, author=other_professional, body="Mail j.bakker@ziggo.nl")
    out = io.StringIO()
    call_command("anonimiteitscheck", "--alle", "--zonder-deduce", stdout=out)
    assert "06-12345678" not in out.getvalue()
    assert "ziggo" not in out.getvalue()


def test_findings_a_moderator_already_accepted_do_not_queue_again(professional):
    vraag = make_vraag(author=professional, body=PHONE_BODY)
    recheck()
    vraag.refresh_from_db()
    # the moderator looked and published it anyway (e.g. a public service number)
    Vraag.objects.filter(pk=vraag.pk).update(status=VraagStatus.OPEN)

    summary = recheck()

    assert summary["vragen"]["with_findings"] == 1
    assert summary["vragen"]["queued"] == 0
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.OPEN


def test_solved_questions_with_findings_are_listed_by_number(professional):
    solved = make_vraag(author=professional, body=PHONE_BODY, solved=True)

    summary = recheck()

    assert summary["vragen"]["not_queued"] == [solved.pk]
    solved.refresh_from_db()
    assert solved.status == VraagStatus.SOLVED


def test_unpublished_and_hidden_content_is_not_rechecked(professional, other_professional):
    make_vraag(author=professional, body=PHONE_BODY, in_review=True)
    vraag = make_vraag(author=professional, body=CLEAN_BODY)
    AntwoordFactory(vraag=vraag, body="Bel 06-12345678", is_hidden=True)

    summary = recheck()

    assert summary["vragen"]["checked"] == 1
    assert summary["antwoorden"]["checked"] == 0


def test_files_and_alle_cannot_be_combined(tmp_path):
    path = tmp_path / "tekst.txt"
    path.write_text("Niets bijzonders.", "utf-8")
    with pytest.raises(CommandError, match="niet allebei"):
        call_command("anonimiteitscheck", str(path), "--alle", stdout=io.StringIO())


def test_without_files_or_alle_the_command_explains_itself():
    with pytest.raises(CommandError, match="--alle"):
        call_command("anonimiteitscheck", "--zonder-deduce", stdout=io.StringIO())
