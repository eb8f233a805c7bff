"""The moderators' working surface in the Wagtail admin (/beheer/moderatie/).

Queues list the right items in the right order with age and highlighted findings; every
action view changes state through its action; non-moderators cannot use them; a stale
action ends with a Dutch message instead of an error page.
"""

from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from tests.factories import AntwoordFactory, VraagFactory, make_user
from vraagbaak.moderatie.actions import report_content
from vraagbaak.moderatie.models import Melding
from vraagbaak.taxonomie.models import Risicofactor
from vraagbaak.vragen.actions import create_antwoord, create_vraag
from vraagbaak.vragen.models import (
    Antwoord,
    CloseReason,
    ModerationSettings,
    Vraag,
    VraagStatus,
)

PHONE = "06-12345678"
STALE = "Misschien was een andere moderator je voor"


@pytest.fixture
def mod_client(moderator):
    """A moderator with a TOTP authenticator (the admin requires MFA)."""
    TOTP.activate(moderator, generate_totp_secret())
    client = Client()
    client.force_login(moderator)
    return client


@pytest.fixture
def second_mod_client(db):
    other = make_user(email="moderator2@zorg.test", groups=["Moderatoren"])
    TOTP.activate(other, generate_totp_secret())
    client = Client()
    client.force_login(other)
    return client


@pytest.fixture
def risk(db):
    return Risicofactor.objects.get(slug="financiele-problemen")  # from the taxonomy migration


@pytest.fixture
def urgent_risk(db):
    return Risicofactor.objects.get(slug="huiselijk-geweld", is_urgent=True)


def ask(user, risk, *, title="Cliënte met schulden", body="Wie kan helpen met schulden?"):
    return create_vraag(by=user, title=title, body=body, risicofactoren=[risk])


def set_created(obj, **delta):
    type(obj).objects.filter(pk=obj.pk).update(created_at=timezone.now() - timedelta(**delta))
    obj.refresh_from_db()
    return obj


def u(name, *args):
    return reverse(f"moderatie:{name}", args=args)


def text(response):
    return response.content.decode().replace("\xa0", " ")  # timesince uses no-break spaces


def messages_of(response):
    return " ".join(str(m) for m in response.context["messages"])


# --- Access -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_professional_cannot_open_queues_or_act(professional_client, other_professional, risk):
    vraag = ask(other_professional, risk)
    for name in ("vragen", "antwoorden", "meldingen", "wacht_op_oplossing"):
        response = professional_client.get(u(name))
        assert response.status_code in (302, 403)
        assert response.status_code != 200
    response = professional_client.post(u("vraag_approve", vraag.pk))
    assert response.status_code in (302, 403)
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.IN_REVIEW


@pytest.mark.django_db
def test_admin_user_without_moderation_permission_gets_403(professional, risk):
    """Admin access alone (e.g. an editor) is not enough. The views raise PermissionDenied,
    which Wagtail's admin turns into a redirect to the dashboard with a message."""
    editor = make_user(email="redacteur@zorg.test", groups=["Redacteuren"])
    TOTP.activate(editor, generate_totp_secret())
    client = Client()
    client.force_login(editor)
    vraag = ask(professional, risk)
    for response in (
        client.get(u("vragen")),
        client.post(u("vraag_approve", vraag.pk)),
        client.get(u("vraag_reject", vraag.pk)),
    ):
        assert response.status_code == 302 and response["Location"] == "/beheer/"
    assert "Moderatie" not in text(client.get("/beheer/"))
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.IN_REVIEW


@pytest.mark.django_db
def test_moderator_without_mfa_is_sent_to_mfa_setup(moderator_client):
    response = moderator_client.get(u("vragen"))
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/"


@pytest.mark.django_db
def test_menu_shows_moderation_queues_with_counts(mod_client, professional, risk):
    ask(professional, risk)
    ask(professional, risk, title="Tweede vraag")
    page = text(mod_client.get("/beheer/"))
    assert "Moderatie" in page
    assert "Nieuwe vragen (2)" in page
    assert "Vastgehouden antwoorden" in page
    assert "Wacht op oplossing" in page
    assert "Moderatie-instellingen" in page


@pytest.mark.django_db
def test_moderator_can_edit_moderation_settings(mod_client):
    url = reverse("wagtailsettings:edit", args=("vragen", "moderationsettings"))
    response = mod_client.get(url, follow=True)
    assert response.status_code == 200
    edit_url = response.redirect_chain[-1][0] if response.redirect_chain else url
    data = {
        "premoderation": "",
        "daily_question_limit": 7,
        "report_threshold": 2,
        "first_reminder_days": 5,
        "second_reminder_days": 10,
        "queue_after_days": 15,
    }
    response = mod_client.post(edit_url, data)
    assert response.status_code == 302
    settings = ModerationSettings.load()
    assert settings.premoderation is False
    assert settings.daily_question_limit == 7


# --- Queues -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_new_questions_queue_lists_urgent_first_then_oldest(
    mod_client, professional, other_professional, risk, urgent_risk
):
    oldest = set_created(ask(professional, risk, title="Oudste gewone vraag"), hours=5)
    urgent = set_created(ask(other_professional, urgent_risk, title="Urgente vraag"), hours=1)
    newest = set_created(ask(professional, risk, title="Nieuwste gewone vraag"), minutes=5)
    published = VraagFactory(title="Al gepubliceerde vraag")

    page = text(mod_client.get(u("vragen")))

    positions = [page.index(v.title) for v in (urgent, oldest, newest)]
    assert positions == sorted(positions)
    assert published.title not in page
    assert "(urgent)" in page


@pytest.mark.django_db
def test_new_questions_queue_shows_age_discipline_and_highlighted_findings(
    mod_client, professional, risk
):
    vraag = ask(professional, risk, body=f"Moeder is bereikbaar op {PHONE}. Wie helpt?")
    assert vraag.anonymity_findings  # stored by create_vraag
    set_created(vraag, hours=3)

    page = text(mod_client.get(u("vragen")))

    assert "3 uur geleden" in page
    assert str(professional.profile.discipline) in page
    assert f'<mark class="vb-finding" title="telefoonnummer">{PHONE}' in page
    assert "Goedkeuren" in page and "Afwijzen" in page and "Aanpassen" in page


@pytest.mark.django_db
def test_queue_checks_the_text_when_no_findings_are_stored(mod_client):
    VraagFactory(in_review=True, title="Oud", body=f"Bel vader op {PHONE}.")
    page = text(mod_client.get(u("vragen")))
    assert f">{PHONE}<span" in page
    assert "<mark" in page


@pytest.mark.django_db
def test_held_answers_queue_lists_held_answers_oldest_first(
    mod_client, professional, other_professional
):
    vraag = VraagFactory(author=professional)
    first = set_created(
        create_antwoord(vraag, by=other_professional, body=f"Bel {PHONE}."), hours=2
    )
    second = create_antwoord(vraag, by=other_professional, body="Mail naar piet@voorbeeld.nl")
    clean = create_antwoord(vraag, by=other_professional, body="Bel het Buurtteam.")
    assert first.is_held and second.is_held and not clean.is_held

    page = text(mod_client.get(u("antwoorden")))

    assert page.index(f"Antwoord {first.pk} bij") < page.index(f"Antwoord {second.pk} bij")
    assert f"Antwoord {clean.pk} bij" not in page
    assert "2 uur geleden" in page
    assert f'title="telefoonnummer">{PHONE}' in page


@pytest.mark.django_db
def test_meldingen_queue_groups_per_target_and_dismiss_clears_it(
    mod_client, professional, other_professional
):
    third = make_user(email="derde@zorg.test")
    antwoord = AntwoordFactory(author=professional, published_at=timezone.now())
    report_content(antwoord, by=other_professional, reason="incorrect", explanation="Klopt niet.")
    report_content(antwoord, by=third, reason="inappropriate", explanation="Toon is onaardig.")
    vraag = VraagFactory(author=professional)
    report_content(vraag, by=other_professional, reason="not_anonymous")

    page = text(mod_client.get(u("meldingen")))

    assert "2 meldingen" in page and "1 melding" in page
    assert page.index(f"Antwoord {antwoord.pk} bij") < page.index(f"Vraag {vraag.pk}")
    assert "Klopt niet." in page and "Toon is onaardig." in page
    assert "Onjuist" in page and "Ongepast" in page
    assert "Verbergen" in page

    response = mod_client.post(u("antwoord_dismiss", antwoord.pk), {"next": u("meldingen")})
    assert response.status_code == 302
    assert Melding.objects.open().filter(antwoord=antwoord).count() == 0
    assert Melding.objects.open().filter(vraag=vraag).count() == 1
    assert f"Antwoord {antwoord.pk} bij" not in text(mod_client.get(u("meldingen")))


@pytest.mark.django_db
def test_waiting_queue_requests_the_oplossing_and_closes_as_expired(
    mod_client, professional, other_professional
):
    days = ModerationSettings.load().queue_after_days
    long_ago = timezone.now() - timedelta(days=days + 1)
    waiting = VraagFactory(
        author=professional,
        title="Wacht al lang op een oplossing",
        first_answer_at=long_ago,
        oplossing_reminders_sent=2,
    )
    other = VraagFactory(
        author=professional,
        title="Kreeg nog maar een herinnering",
        first_answer_at=long_ago,
        oplossing_reminders_sent=1,
    )

    page = text(mod_client.get(u("wacht_op_oplossing")))
    assert waiting.title in page and other.title not in page
    assert "Vraag om de oplossing" in page and "Sluiten als verlopen" in page

    response = mod_client.post(u("vraag_request_oplossing", waiting.pk))
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.oplossing_requested_at is not None
    assert ModelLogEntry.objects.filter(action="vraagbaak.vraag.request_oplossing").exists()

    response = mod_client.post(u("vraag_close", waiting.pk), {"reason": "expired"})
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == VraagStatus.CLOSED
    assert waiting.close_reason == CloseReason.EXPIRED

    # Asking again after it was closed: a Dutch message, no error page.
    response = mod_client.post(u("vraag_request_oplossing", waiting.pk), follow=True)
    assert response.status_code == 200
    assert "niet meer open" in messages_of(response)


# --- Question actions ---------------------------------------------------------------------


@pytest.mark.django_db
def test_approve_publishes_the_question_for_other_professionals(
    mod_client, professional, other_professional_client, risk
):
    vraag = ask(professional, risk)
    assert other_professional_client.get(vraag.get_absolute_url()).status_code == 404

    response = mod_client.post(u("vraag_approve", vraag.pk), {"next": u("vragen")})

    assert response.status_code == 302 and response["Location"] == u("vragen")
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.OPEN and vraag.published_at is not None
    assert other_professional_client.get(vraag.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_approve_is_post_only(mod_client, professional, risk):
    vraag = ask(professional, risk)
    assert mod_client.get(u("vraag_approve", vraag.pk)).status_code == 405
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.IN_REVIEW


@pytest.mark.django_db
def test_reject_requires_a_reason(mod_client, professional, risk):
    vraag = ask(professional, risk)
    form_page = mod_client.get(u("vraag_reject", vraag.pk))
    assert form_page.status_code == 200 and "Reden van afwijzen" in text(form_page)

    response = mod_client.post(u("vraag_reject", vraag.pk), {"reason": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.IN_REVIEW

    response = mod_client.post(u("vraag_reject", vraag.pk), {"reason": "Dit is geen casusvraag."})
    assert response.status_code == 302
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.REJECTED
    assert vraag.moderation_note == "Dit is geen casusvraag."


@pytest.mark.django_db
def test_redact_replaces_the_text_and_keeps_the_old_text_nowhere(mod_client, professional, risk):
    secret = "Fatima Yilmaz"
    vraag = ask(
        professional, risk, title=f"Vraag over {secret}", body=f"{secret} belt vaak op {PHONE}."
    )
    form_page = mod_client.get(u("vraag_redact", vraag.pk))
    assert form_page.status_code == 200
    assert form_page.context["form"].initial["title"] == vraag.title  # prefilled
    assert "zonder gegevens over het gezin" in text(form_page)

    missing_note = mod_client.post(
        u("vraag_redact", vraag.pk),
        {"title": "Vraag over een moeder", "body": "Moeder belt vaak.", "approve": "on"},
    )
    assert missing_note.status_code == 200 and missing_note.context["form"].errors["note"]

    response = mod_client.post(
        u("vraag_redact", vraag.pk),
        {
            "title": "Vraag over een moeder",
            "body": "Moeder belt vaak.",
            "note": "Naam en telefoonnummer weggehaald.",
            "approve": "on",
        },
    )

    assert response.status_code == 302
    vraag.refresh_from_db()
    assert vraag.title == "Vraag over een moeder" and vraag.body == "Moeder belt vaak."
    assert vraag.moderation_note == "Naam en telefoonnummer weggehaald."
    assert vraag.anonymity_findings == []
    assert vraag.status == VraagStatus.OPEN
    for entry in ModelLogEntry.objects.all():
        stored = f"{entry.label} {entry.data}"
        assert secret not in stored and PHONE not in stored


@pytest.mark.django_db
def test_close_as_duplicate_requires_a_published_original(mod_client, professional, risk):
    vraag = ask(professional, risk)
    original = VraagFactory(title="De oorspronkelijke vraag")
    unpublished = ask(professional, risk, title="Nog niet gepubliceerd")

    for value, error in (
        ("", "Vul het nummer in"),
        (str(vraag.pk), "geen dubbel van zichzelf"),
        (str(unpublished.pk), "geen gepubliceerde vraag"),
        ("999999", "geen gepubliceerde vraag"),
    ):
        response = mod_client.post(
            u("vraag_close", vraag.pk), {"reason": "duplicate", "duplicate_of": value}
        )
        assert response.status_code == 200
        assert error in " ".join(response.context["form"].errors["duplicate_of"])
        assert value in text(response)  # what the moderator typed stays
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.IN_REVIEW

    response = mod_client.post(
        u("vraag_close", vraag.pk),
        {"reason": "duplicate", "duplicate_of": f"http://testserver/vragen/{original.pk}/"},
    )
    assert response.status_code == 302
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.CLOSED
    assert vraag.close_reason == CloseReason.DUPLICATE
    assert vraag.duplicate_of == original


@pytest.mark.django_db
def test_close_as_unsuitable_stores_the_standard_message(mod_client, professional, urgent_risk):
    vraag = ask(professional, urgent_risk)
    response = mod_client.post(u("vraag_close", vraag.pk), {"reason": "unsuitable", "note": ""})
    assert response.status_code == 302
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.CLOSED
    assert "112" in vraag.moderation_note


@pytest.mark.django_db
def test_reopen_a_closed_question_from_its_admin_page(mod_client, professional):
    vraag = VraagFactory(author=professional, solved=True)
    page = text(mod_client.get(u("vraag", vraag.pk)))
    assert "Heropenen" in page and "Goedkeuren" not in page

    response = mod_client.post(u("vraag_reopen", vraag.pk))

    assert response.status_code == 302 and response["Location"] == u("vraag", vraag.pk)
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.OPEN and vraag.solved_at is None


@pytest.mark.django_db
def test_solve_records_the_oplossing(mod_client, professional):
    vraag = VraagFactory(author=professional)
    response = mod_client.post(
        u("vraag_solve", vraag.pk), {"oplossing": "Het Buurtteam nam de regie."}
    )
    assert response.status_code == 302
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.SOLVED
    assert vraag.oplossing == "Het Buurtteam nam de regie."


# --- Stale actions ------------------------------------------------------------------------


@pytest.mark.django_db
def test_second_moderator_approving_too_late_gets_a_dutch_message(
    mod_client, second_mod_client, professional, risk
):
    vraag = ask(professional, risk)
    mod_client.post(u("vraag_reject", vraag.pk), {"reason": "Geen casusvraag."})

    response = second_mod_client.post(u("vraag_approve", vraag.pk), follow=True)

    assert response.status_code == 200
    assert STALE in messages_of(response)
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.REJECTED


@pytest.mark.django_db
def test_opening_a_form_for_an_action_that_is_no_longer_possible(mod_client, professional, risk):
    vraag = ask(professional, risk)
    mod_client.post(u("vraag_approve", vraag.pk))

    response = mod_client.get(u("vraag_reject", vraag.pk), follow=True)

    assert response.status_code == 200
    assert STALE in messages_of(response)


@pytest.mark.django_db
def test_rejecting_an_already_approved_question_keeps_it_open(
    mod_client, second_mod_client, professional, risk
):
    vraag = ask(professional, risk)
    second_mod_client.post(u("vraag_approve", vraag.pk))

    response = mod_client.post(u("vraag_reject", vraag.pk), {"reason": "Te laat."}, follow=True)

    assert response.status_code == 200
    assert STALE in messages_of(response)
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.OPEN


# --- Answer actions -----------------------------------------------------------------------


@pytest.mark.django_db
def test_approve_held_answer_publishes_it(mod_client, professional, other_professional):
    vraag = VraagFactory(author=professional)
    antwoord = create_antwoord(vraag, by=other_professional, body=f"Bel {PHONE}.")
    assert antwoord.is_held

    response = mod_client.post(u("antwoord_approve", antwoord.pk))

    assert response.status_code == 302
    antwoord.refresh_from_db()
    assert not antwoord.is_held
    assert Antwoord.objects.visible_to(professional).filter(pk=antwoord.pk).exists()
    # twice: a message, not an error page
    again = mod_client.post(u("antwoord_approve", antwoord.pk), follow=True)
    assert again.status_code == 200 and STALE in messages_of(again)


@pytest.mark.django_db
def test_redact_held_answer_replaces_text_and_publishes(
    mod_client, professional, other_professional
):
    vraag = VraagFactory(author=professional)
    antwoord = create_antwoord(vraag, by=other_professional, body=f"Bel moeder op {PHONE}.")
    form_page = mod_client.get(u("antwoord_redact", antwoord.pk))
    assert form_page.status_code == 200
    assert form_page.context["form"].initial["body"] == antwoord.body

    response = mod_client.post(
        u("antwoord_redact", antwoord.pk),
        {"body": "Bel moeder.", "note": "Telefoonnummer weggehaald."},
    )

    assert response.status_code == 302
    antwoord.refresh_from_db()
    assert antwoord.body == "Bel moeder." and not antwoord.is_held
    assert antwoord.moderation_note == "Telefoonnummer weggehaald."
    for entry in ModelLogEntry.objects.all():
        assert PHONE not in f"{entry.label} {entry.data}"


@pytest.mark.django_db
def test_hide_and_restore_an_answer(mod_client, professional, other_professional):
    antwoord = AntwoordFactory(author=professional, published_at=timezone.now())
    page = text(mod_client.get(u("vraag", antwoord.vraag_id)))
    assert "Verbergen" in page

    missing_reason = mod_client.post(u("antwoord_hide", antwoord.pk), {"reason": ""})
    assert missing_reason.status_code == 200
    response = mod_client.post(u("antwoord_hide", antwoord.pk), {"reason": "Ongepaste toon."})
    assert response.status_code == 302
    antwoord.refresh_from_db()
    assert antwoord.is_hidden and antwoord.hide_reason == "Ongepaste toon."
    assert not Antwoord.objects.visible_to(other_professional).filter(pk=antwoord.pk).exists()
    assert "Weer tonen" in text(mod_client.get(u("vraag", antwoord.vraag_id)))

    response = mod_client.post(u("antwoord_restore", antwoord.pk))
    assert response.status_code == 302
    antwoord.refresh_from_db()
    assert not antwoord.is_hidden
    assert Antwoord.objects.visible_to(other_professional).filter(pk=antwoord.pk).exists()


@pytest.mark.django_db
def test_professional_cannot_hide_an_answer(professional_client, other_professional):
    antwoord = AntwoordFactory(author=other_professional, published_at=timezone.now())
    response = professional_client.post(u("antwoord_hide", antwoord.pk), {"reason": "x"})
    assert response.status_code in (302, 403)
    antwoord.refresh_from_db()
    assert not antwoord.is_hidden


@pytest.mark.django_db
def test_every_moderation_action_is_in_the_audit_log(mod_client, professional, risk):
    vraag = ask(professional, risk)
    mod_client.post(u("vraag_approve", vraag.pk))
    mod_client.post(u("vraag_close", vraag.pk), {"reason": "expired"})
    mod_client.post(u("vraag_reopen", vraag.pk))
    actions = list(
        ModelLogEntry.objects.filter(object_id=str(vraag.pk))
        .order_by("timestamp", "id")
        .values_list("action", flat=True)
    )
    assert actions[-3:] == [
        "vraagbaak.vraag.approve",
        "vraagbaak.vraag.close",
        "vraagbaak.vraag.reopen",
    ]
    assert Vraag.objects.get(pk=vraag.pk).status == VraagStatus.OPEN


@pytest.mark.django_db
def test_queues_use_a_constant_number_of_queries(
    mod_client, professional, other_professional, risk
):
    def queries(name):
        with CaptureQueriesContext(connection) as ctx:
            assert mod_client.get(u(name)).status_code == 200
        return len(ctx.captured_queries)

    def add_items():
        asker = make_user()
        vraag = VraagFactory(author=asker)
        ask(asker, risk)
        create_antwoord(vraag, by=other_professional, body=f"Bel {PHONE}.")
        report_content(vraag, by=other_professional, reason="incorrect")

    add_items()
    before = {name: queries(name) for name in ("vragen", "antwoorden", "meldingen")}
    for _ in range(3):
        add_items()
    after = {name: queries(name) for name in ("vragen", "antwoorden", "meldingen")}
    assert after == before
