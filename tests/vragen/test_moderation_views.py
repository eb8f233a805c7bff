"""The site side of moderation: the anonymity check step, moderation states on the question
page, similar questions while typing and the daily limit."""

import re

import pytest
from django.urls import reverse

from tests.factories import AntwoordFactory, RisicofactorFactory, VraagFactory
from vraagbaak.vragen import actions
from vraagbaak.vragen.models import Antwoord, CloseReason, ModerationSettings, Vraag, VraagStatus

pytestmark = pytest.mark.django_db

PHONE = "06-12345678"
STEP_HEADING = "Controleer je tekst: dit kan een gezin herkenbaar maken"
CONFIRM_LABEL = "Ik heb de gemarkeerde stukken gecontroleerd. Ze maken niemand herkenbaar."


def _vraag_data(**overrides):
    data = {
        "title": "Zoek schuldhulp voor zwangere cliënte",
        "body": f"Cliënte is ongeveer 30 weken zwanger. Bel haar op {PHONE} voor overleg.",
        "risicofactoren": [RisicofactorFactory().pk],
        "tags": "schulden",
    }
    return {**data, **overrides}


def _fingerprint(response) -> str:
    match = re.search(
        r'name="anonimiteit-fingerprint" value="([0-9a-f]{64})"', response.content.decode()
    )
    assert match, "the check step carries the fingerprint of the checked text"
    return match.group(1)


def _confirm(data, response, **extra):
    return {
        **data,
        "anonimiteit-fingerprint": _fingerprint(response),
        "anonimiteit-confirmed": "on",
        **extra,
    }


# the check step when asking


def test_ask_with_findings_shows_the_check_step_and_saves_nothing(professional_client):
    data = _vraag_data()
    response = professional_client.post(reverse("vragen:create"), data)
    content = response.content.decode()
    assert response.status_code == 200
    assert STEP_HEADING in content
    assert f'<mark class="vb-finding" title="telefoonnummer">{PHONE}' in content
    assert "Dit lijkt een telefoonnummer. Daarmee is iemand te vinden." in content
    assert CONFIRM_LABEL in content
    # Everything typed is still in the form, to edit.
    assert "Bel haar op 06-12345678 voor overleg.</textarea>" in content
    assert 'value="Zoek schuldhulp voor zwangere cliënte"' in content
    assert not Vraag.objects.exists()


def test_ask_confirmed_creates_question_in_review_with_stored_findings(
    professional_client, professional
):
    data = _vraag_data()
    first = professional_client.post(reverse("vragen:create"), data)
    response = professional_client.post(reverse("vragen:create"), _confirm(data, first))
    vraag = Vraag.objects.get()
    assert response.status_code == 302
    assert response["Location"] == vraag.get_absolute_url()
    assert vraag.author == professional
    assert vraag.status == VraagStatus.IN_REVIEW
    assert [f["label"] for f in vraag.anonymity_findings] == ["phone"]
    page = professional_client.get(vraag.get_absolute_url()).content.decode()
    assert "Je vraag wacht op een moderator. Alleen jij en de moderatoren zien hem nu." in page


def test_ask_without_ticking_the_box_asks_again_with_an_error(professional_client):
    data = _vraag_data()
    first = professional_client.post(reverse("vragen:create"), data)
    response = professional_client.post(
        reverse("vragen:create"), {**data, "anonimiteit-fingerprint": _fingerprint(first)}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert STEP_HEADING in content
    assert "Pas de gemarkeerde stukken aan. Of vink aan dat ze niemand herkenbaar maken." in content
    assert not Vraag.objects.exists()


def test_ask_changed_text_with_findings_is_checked_again(professional_client):
    data = _vraag_data()
    first = professional_client.post(reverse("vragen:create"), data)
    changed = _vraag_data(body="Haar e-mailadres is moeder@example.nl, bel niet meer.")
    # The box was ticked for the old text: it does not count for the new one.
    response = professional_client.post(reverse("vragen:create"), _confirm(changed, first))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Je hebt je tekst aangepast. We hebben hem opnieuw gecontroleerd" in content
    assert '<mark class="vb-finding" title="e-mailadres">moeder@example.nl' in content
    assert not re.search(r'name="anonimiteit-confirmed"[^>]*checked', content)
    assert _fingerprint(response) != _fingerprint(first)
    assert not Vraag.objects.exists()
    # Confirming the new text submits it.
    response = professional_client.post(reverse("vragen:create"), _confirm(changed, response))
    assert response.status_code == 302
    assert Vraag.objects.get().body == changed["body"]


def test_ask_with_the_findings_removed_needs_no_confirmation(professional_client):
    data = _vraag_data()
    first = professional_client.post(reverse("vragen:create"), data)
    clean = _vraag_data(body="Cliënte is ongeveer 30 weken zwanger en heeft schulden.")
    response = professional_client.post(
        reverse("vragen:create"), {**clean, "anonimiteit-fingerprint": _fingerprint(first)}
    )
    assert response.status_code == 302
    vraag = Vraag.objects.get()
    assert vraag.anonymity_findings == []
    assert vraag.status == VraagStatus.IN_REVIEW  # pre-moderation is on by default


def test_ask_clean_text_has_no_check_step(professional_client):
    response = professional_client.post(
        reverse("vragen:create"), _vraag_data(body="Wie weet een goede schuldhulp in Noord?")
    )
    assert response.status_code == 302
    assert Vraag.objects.count() == 1


def test_ask_form_has_the_check_button_and_similar_questions_hooks(professional_client):
    content = professional_client.get(reverse("vragen:create")).content.decode()
    assert "Controleer op herkenbare gegevens" in content
    assert f'hx-post="{reverse("vragen:anonymity_check")}"' in content
    assert f'hx-post="{reverse("vragen:similar")}"' in content
    assert 'hx-trigger="keyup changed delay:400ms, change"' in content
    assert 'id="vergelijkbare-vragen"' in content and 'aria-live="polite"' in content


def test_ask_published_at_once_without_premoderation(professional_client):
    settings = ModerationSettings.load()
    settings.premoderation = False
    settings.save()
    response = professional_client.post(
        reverse("vragen:create"), _vraag_data(body="Wie weet een goede schuldhulp in Noord?")
    )
    vraag = Vraag.objects.get()
    assert vraag.status == VraagStatus.OPEN
    follow = professional_client.get(response["Location"]).content.decode()
    assert "Je vraag staat online." in follow


# the daily limit


def test_daily_limit_shows_its_message_and_keeps_the_input(professional_client, professional):
    settings = ModerationSettings.load()
    settings.daily_question_limit = 1
    settings.save()
    actions.create_vraag(
        by=professional, title="Eerste vraag", body="Tekst", risicofactoren=[RisicofactorFactory()]
    )
    data = _vraag_data(body="Mijn tweede, lange verhaal over schulden.")
    response = professional_client.post(reverse("vragen:create"), data)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Je hebt vandaag al 1 vragen gesteld. Morgen kun je weer een vraag stellen." in content
    assert "Mijn tweede, lange verhaal over schulden.</textarea>" in content
    assert Vraag.objects.count() == 1


# the check step when editing and answering


def test_edit_question_with_findings_goes_through_the_check_step(professional_client, professional):
    vraag = VraagFactory(author=professional)
    url = reverse("vragen:edit", args=[vraag.pk])
    data = _vraag_data(title="Aangepaste titel")
    first = professional_client.post(url, data)
    assert STEP_HEADING in first.content.decode()
    vraag.refresh_from_db()
    assert vraag.title != "Aangepaste titel"
    response = professional_client.post(url, _confirm(data, first))
    assert response.status_code == 302
    vraag.refresh_from_db()
    assert vraag.title == "Aangepaste titel"
    assert vraag.status == VraagStatus.IN_REVIEW


def test_answer_with_findings_goes_through_the_check_step_and_is_held(
    other_professional_client, professional_client, professional
):
    vraag = VraagFactory(author=professional)
    url = reverse("vragen:answer", args=[vraag.pk])
    data = {"body": f"Bel de wijkverpleging, of mij op {PHONE}."}
    first = other_professional_client.post(url, data)
    content = first.content.decode()
    assert first.status_code == 200
    assert STEP_HEADING in content
    assert f"Bel de wijkverpleging, of mij op {PHONE}.</textarea>" in content
    assert not Antwoord.objects.exists()

    response = other_professional_client.post(url, _confirm(data, first))
    antwoord = Antwoord.objects.get()
    assert response.status_code == 302
    assert antwoord.is_held
    own_view = other_professional_client.get(vraag.get_absolute_url()).content.decode()
    assert (
        "Je antwoord wacht op een moderator. Alleen jij en de moderatoren zien het nu." in own_view
    )
    assert "Bel de wijkverpleging" in own_view
    # The asker (and everyone else) does not see a held answer.
    asker_view = professional_client.get(vraag.get_absolute_url()).content.decode()
    assert "Bel de wijkverpleging" not in asker_view


def test_answer_edit_with_findings_goes_through_the_check_step(
    other_professional_client, other_professional
):
    antwoord = AntwoordFactory(author=other_professional)
    url = reverse("vragen:antwoord_edit", args=[antwoord.pk])
    data = {"body": "Mail mij: joost@buurtteam.example"}
    first = other_professional_client.post(url, data)
    assert STEP_HEADING in first.content.decode()
    antwoord.refresh_from_db()
    assert "joost@" not in antwoord.body
    response = other_professional_client.post(url, _confirm(data, first))
    assert response.status_code == 302
    antwoord.refresh_from_db()
    assert antwoord.body == data["body"] and antwoord.is_held


# the htmx check button


def test_check_endpoint_returns_the_marked_text_and_stores_nothing(professional_client):
    response = professional_client.post(
        reverse("vragen:anonymity_check"),
        {"title": "Vraag over gezin", "body": f"Bel {PHONE}."},
        HTTP_HX_REQUEST="true",
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert f'<mark class="vb-finding" title="telefoonnummer">{PHONE}' in content
    assert "Dit lijkt een telefoonnummer." in content
    assert not Vraag.objects.exists()

    clean = professional_client.post(
        reverse("vragen:anonymity_check"), {"body": "Wie kent een goede schuldhulp?"}
    )
    assert "We vonden geen gegevens die iemand herkenbaar maken." in clean.content.decode()


def test_check_endpoint_is_closed_to_unverified_users(unverified_client):
    response = unverified_client.post(reverse("vragen:anonymity_check"), {"body": PHONE})
    assert response.status_code == 403


# similar questions while typing


def test_similar_questions_are_published_ones_solved_first(professional_client, professional):
    open_vraag = VraagFactory(title="Huurachterstand bij zwangere cliënte in Noord")
    solved = VraagFactory(title="Zwangere met huurachterstand", solved=True)
    VraagFactory(title="Huurachterstand en zwangerschap: wie helpt?", in_review=True)
    VraagFactory(title="Huurachterstand zwangere, afgewezen", status=VraagStatus.REJECTED)
    VraagFactory(title="Iets heel anders over voeding", body="Borstvoeding en slapen.")
    own_in_review = VraagFactory(
        title="Mijn huurachterstand zwangere", in_review=True, author=professional
    )

    response = professional_client.post(
        reverse("vragen:similar"), {"title": "Zwangere cliënte met huurachterstand"}
    )
    content = response.content.decode()
    vragen = list(response.context["similar_vragen"])
    assert vragen == [solved, open_vraag]
    assert "Lijkt je vraag op een van deze? Misschien staat het antwoord er al." in content
    assert "Opgelost" in content
    assert own_in_review.title not in content
    assert "<html" not in content


def test_similar_questions_leave_out_duplicates_and_need_three_letters(professional_client):
    original = VraagFactory(title="Schuldhulp voor zwangere")
    duplicate = VraagFactory(title="Schuldhulp zwangere", status=VraagStatus.CLOSED)
    duplicate.close_reason, duplicate.duplicate_of = CloseReason.DUPLICATE, original
    duplicate.save()
    url = reverse("vragen:similar")
    assert list(
        professional_client.post(url, {"title": "schuldhulp"}).context["similar_vragen"]
    ) == [original]
    short = professional_client.post(url, {"title": "sc"})
    assert short.status_code == 200 and not short.context["similar_vragen"]
    assert short.content.decode().strip() == ""


def test_similar_questions_at_most_five(professional_client):
    for i in range(7):
        VraagFactory(title=f"Schuldhulp nummer {i}")
    response = professional_client.post(reverse("vragen:similar"), {"title": "Schuldhulp"})
    assert len(response.context["similar_vragen"]) == 5


# moderation states on the question page


def test_question_in_review_is_explained_to_its_author_only(
    professional_client, moderator_client, professional
):
    vraag = VraagFactory(in_review=True, author=professional)
    content = professional_client.get(vraag.get_absolute_url()).content.decode()
    assert "Je vraag wacht op een moderator. Alleen jij en de moderatoren zien hem nu." in content
    assert reverse("vragen:answer", args=[vraag.pk]) not in content
    mod = moderator_client.get(vraag.get_absolute_url()).content.decode()
    assert "Deze vraag wacht op een moderator" in mod
    assert "Modereren" in mod and reverse("moderatie:vraag", args=[vraag.pk]) in mod
    assert "Modereren" not in content


def test_rejected_question_shows_the_reason_to_its_author(
    professional_client, other_professional_client, professional, moderator
):
    vraag = VraagFactory(in_review=True, author=professional)
    actions.reject_vraag(vraag, by=moderator, reason="Dit is een vraag voor de huisarts.")
    content = professional_client.get(vraag.get_absolute_url()).content.decode()
    assert "Een moderator heeft je vraag afgewezen" in content
    assert "Dit is een vraag voor de huisarts." in content
    assert other_professional_client.get(vraag.get_absolute_url()).status_code == 404


def test_redacted_question_shows_the_note_to_its_author(
    professional_client, other_professional_client, professional, moderator
):
    vraag = VraagFactory(in_review=True, author=professional)
    actions.redact_vraag(
        vraag,
        by=moderator,
        title=vraag.title,
        body="Cliënte is zwanger en heeft schulden.",
        note="Ik heb de naam van het ziekenhuis weggehaald.",
    )
    content = professional_client.get(vraag.get_absolute_url()).content.decode()
    assert "Een moderator heeft je tekst aangepast: Ik heb de naam van het ziekenhuis" in content
    other = other_professional_client.get(vraag.get_absolute_url()).content.decode()
    assert "Ik heb de naam van het ziekenhuis" not in other


def test_closed_duplicate_links_to_the_original_and_is_read_only(
    other_professional_client, moderator
):
    original = VraagFactory(title="De eerste vraag over schuldhulp")
    vraag = VraagFactory()
    actions.close_vraag(vraag, by=moderator, reason=CloseReason.DUPLICATE, duplicate_of=original)
    content = other_professional_client.get(vraag.get_absolute_url()).content.decode()
    assert "Deze vraag is al eerder gesteld:" in content
    assert f'href="{original.get_absolute_url()}">De eerste vraag over schuldhulp</a>' in content
    assert reverse("vragen:answer", args=[vraag.pk]) not in content
    assert "Je kunt er niet meer op antwoorden." in content


def test_closed_as_unsuitable_shows_the_standard_acute_message(
    other_professional_client, moderator
):
    vraag = VraagFactory()
    actions.close_vraag(vraag, by=moderator, reason=CloseReason.UNSUITABLE)
    content = other_professional_client.get(vraag.get_absolute_url()).content.decode()
    assert "de Vraagbaak is hier niet geschikt voor" in content
    assert "112" in content and "Veilig Thuis: 0800-2000" in content
    assert "huisartsenpost" in content


def test_closed_as_expired_says_so(other_professional_client, moderator):
    vraag = VraagFactory()
    actions.close_vraag(vraag, by=moderator, reason=CloseReason.EXPIRED, note="Geen reactie.")
    content = other_professional_client.get(vraag.get_absolute_url()).content.decode()
    assert "Deze vraag is gesloten, omdat hij verlopen is" in content
    assert "Toelichting van de moderator: Geen reactie." in content


def test_redacted_answer_shows_the_note_to_its_author(
    other_professional_client, professional_client, other_professional, moderator
):
    antwoord = AntwoordFactory(author=other_professional)
    actions.redact_antwoord(
        antwoord, by=moderator, body="Bel het Buurtteam.", note="Telefoonnummer weggehaald."
    )
    own = other_professional_client.get(antwoord.vraag.get_absolute_url()).content.decode()
    assert "Een moderator heeft je tekst aangepast: Telefoonnummer weggehaald." in own
    other = professional_client.get(antwoord.vraag.get_absolute_url()).content.decode()
    assert "Telefoonnummer weggehaald." not in other


def test_report_links_on_others_content_only(professional_client, professional, other_professional):
    vraag = VraagFactory(author=other_professional)
    own_antwoord = AntwoordFactory(vraag=vraag, author=professional)
    other_antwoord = AntwoordFactory(vraag=vraag, author=other_professional)
    content = professional_client.get(vraag.get_absolute_url()).content.decode()
    create = reverse("meldingen:create")
    assert f"{create}?vraag={vraag.pk}" in content
    assert f"{create}?antwoord={other_antwoord.pk}" in content
    assert f"{create}?antwoord={own_antwoord.pk}" not in content

    own_vraag = VraagFactory(author=professional)
    own_page = professional_client.get(own_vraag.get_absolute_url()).content.decode()
    assert f"{create}?vraag={own_vraag.pk}" not in own_page
