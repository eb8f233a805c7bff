import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from wagtail.models import ModelLogEntry

from tests.factories import (
    AntwoordFactory,
    FaseFactory,
    RisicofactorFactory,
    StadsdeelFactory,
    VraagFactory,
    VraagtypeFactory,
    make_user,
)
from vraagbaak.vragen import actions
from vraagbaak.vragen.models import Follow, Helpful, InvalidTransition, VraagStatus

pytestmark = pytest.mark.django_db

TITLE = "Zwangere cliënte met schulden zoekt hulp"
BODY = "Cliënte is 30 weken zwanger en heeft grote schulden bij de woningcorporatie."


def _ask(by, **kwargs):
    defaults = {"title": TITLE, "body": BODY, "risicofactoren": [RisicofactorFactory()]}
    return actions.create_vraag(by=by, **{**defaults, **kwargs})


def _ask_published(by, moderator, **kwargs):
    """Ask, then let the moderator approve it (pre-moderation is on by default)."""
    return actions.approve_vraag(_ask(by, **kwargs), by=moderator)


def _log_actions(obj):
    return list(ModelLogEntry.objects.for_instance(obj).values_list("action", flat=True))


# create_vraag


def test_create_vraag_waits_for_review_with_companion_fields(professional):
    risicofactor, vraagtype = RisicofactorFactory(), VraagtypeFactory()
    fase, stadsdeel = FaseFactory(), StadsdeelFactory()
    vraag = _ask(
        professional,
        body="Zie **dit**",
        risicofactoren=[risicofactor],
        fase=fase,
        stadsdeel=stadsdeel,
        vraagtypes=[vraagtype],
        tags=["schulden", "huisvesting"],
    )
    assert vraag.status == VraagStatus.IN_REVIEW
    assert vraag.published_at is None and vraag.last_activity_at is not None
    assert vraag.body_html == "<p>Zie <strong>dit</strong></p>\n"
    vraag.refresh_from_db()
    assert vraag.author == professional
    assert vraag.status == VraagStatus.IN_REVIEW
    assert vraag.fase == fase and vraag.stadsdeel == stadsdeel
    assert list(vraag.risicofactoren.all()) == [risicofactor]
    assert list(vraag.vraagtypes.all()) == [vraagtype]
    assert sorted(t.name for t in vraag.tags.all()) == ["huisvesting", "schulden"]


def test_create_vraag_makes_the_asker_follow(professional):
    vraag = _ask(professional)
    assert Follow.objects.filter(vraag=vraag, user=professional).exists()


def test_create_vraag_forbids_unverified_user(unverified_user):
    with pytest.raises(PermissionDenied):
        _ask(unverified_user)


def test_create_vraag_writes_log_entry_without_case_text(professional):
    vraag = _ask(professional)
    entry = ModelLogEntry.objects.for_instance(vraag).get()
    assert entry.action == "vraagbaak.vraag.create"
    assert entry.user_id == professional.pk
    assert TITLE not in entry.label and TITLE not in str(entry.data)
    assert BODY not in str(entry.data)


# edit_vraag


def test_edit_vraag_changes_text_and_keeps_activity(professional):
    vraag = _ask(professional)
    before = vraag.last_activity_at
    new_factor = RisicofactorFactory()
    actions.edit_vraag(
        vraag,
        by=professional,
        title="Nieuwe titel",
        body="Nieuw *verhaal*",
        risicofactoren=[new_factor],
        tags=["nieuw"],
    )
    assert vraag.title == "Nieuwe titel"
    vraag.refresh_from_db()
    assert vraag.title == "Nieuwe titel"
    assert vraag.body_html == "<p>Nieuw <em>verhaal</em></p>\n"
    assert list(vraag.risicofactoren.all()) == [new_factor]
    assert [t.name for t in vraag.tags.all()] == ["nieuw"]
    assert vraag.last_activity_at == before
    assert "vraagbaak.vraag.edit" in _log_actions(vraag)


def test_edit_vraag_forbids_other_professional(professional, other_professional):
    vraag = _ask(professional)
    with pytest.raises(PermissionDenied):
        actions.edit_vraag(
            vraag, by=other_professional, title="Gekaapt", body="x", risicofactoren=[]
        )
    vraag.refresh_from_db()
    assert vraag.title == TITLE


def test_edit_vraag_allows_moderator(professional, moderator):
    vraag = _ask(professional)
    actions.edit_vraag(
        vraag,
        by=moderator,
        title="Geanonimiseerd",
        body=BODY,
        risicofactoren=vraag.risicofactoren.all(),
    )
    vraag.refresh_from_db()
    assert vraag.title == "Geanonimiseerd"


# create_antwoord and its notification


def test_create_antwoord_happy_path(professional, other_professional, moderator):
    vraag = _ask_published(professional, moderator)
    before = vraag.last_activity_at
    antwoord = actions.create_antwoord(vraag, by=other_professional, body="Bel het **Buurtteam**.")
    assert antwoord.body_html == "<p>Bel het <strong>Buurtteam</strong>.</p>\n"
    antwoord.refresh_from_db()
    assert antwoord.vraag == vraag and antwoord.author == other_professional
    vraag.refresh_from_db()
    assert vraag.last_activity_at > before
    assert _log_actions(antwoord) == ["vraagbaak.antwoord.create"]


def test_create_antwoord_forbids_unverified_user(professional, unverified_user, moderator):
    vraag = _ask_published(professional, moderator)
    with pytest.raises(PermissionDenied):
        actions.create_antwoord(vraag, by=unverified_user, body="Hallo")


def test_create_antwoord_forbids_answers_on_solved_vraag(other_professional):
    vraag = VraagFactory(solved=True)
    with pytest.raises(PermissionDenied):
        actions.create_antwoord(vraag, by=other_professional, body="Te laat")
    assert vraag.antwoorden.count() == 0


def test_create_antwoord_mails_asker_and_followers_only_on_commit(
    professional, other_professional, moderator, django_capture_on_commit_callbacks
):
    vraag = _ask_published(professional, moderator)
    follower = make_user(email="volger@zorg.test")
    actions.follow_vraag(vraag, by=follower)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        antwoord = actions.create_antwoord(vraag, by=other_professional, body="Bel het Buurtteam.")
    assert mail.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {professional.email, follower.email}
    assert by_recipient[professional.email].subject.endswith("Nieuw antwoord op je vraag")
    link = f"http://testserver/vragen/{vraag.pk}/#antwoord-{antwoord.pk}"
    for message in mail.outbox:
        assert link in message.body
        for case_text in (TITLE, BODY, "Buurtteam"):
            assert case_text not in message.body
            assert case_text not in message.subject


def test_create_antwoord_does_not_mail_the_answer_author(
    professional, moderator, django_capture_on_commit_callbacks
):
    vraag = _ask_published(professional, moderator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.create_antwoord(vraag, by=professional, body="Aanvulling van mij")
    assert mail.outbox == []


# edit_antwoord


def test_edit_antwoord_changes_text(other_professional):
    antwoord = AntwoordFactory(author=other_professional)
    actions.edit_antwoord(antwoord, by=other_professional, body="Beter *antwoord*")
    assert antwoord.body == "Beter *antwoord*"
    antwoord.refresh_from_db()
    assert antwoord.body_html == "<p>Beter <em>antwoord</em></p>\n"
    assert _log_actions(antwoord) == ["vraagbaak.antwoord.edit"]


def test_edit_antwoord_forbids_other_professional(professional, other_professional):
    antwoord = AntwoordFactory(author=other_professional)
    with pytest.raises(PermissionDenied):
        actions.edit_antwoord(antwoord, by=professional, body="Gekaapt")
    antwoord.refresh_from_db()
    assert antwoord.body != "Gekaapt"


# dit hielp


def test_mark_helpful_counts_once_and_can_be_taken_back(professional, other_professional):
    antwoord = AntwoordFactory(author=other_professional)
    actions.mark_helpful(antwoord, by=professional)
    actions.mark_helpful(antwoord, by=professional)
    assert Helpful.objects.filter(antwoord=antwoord).count() == 1
    actions.unmark_helpful(antwoord, by=professional)
    assert not Helpful.objects.filter(antwoord=antwoord).exists()


def test_mark_helpful_forbids_own_answer(other_professional):
    antwoord = AntwoordFactory(author=other_professional)
    with pytest.raises(PermissionDenied):
        actions.mark_helpful(antwoord, by=other_professional)
    assert not Helpful.objects.exists()


# follow


def test_follow_and_unfollow_vraag(professional):
    vraag = VraagFactory()
    actions.follow_vraag(vraag, by=professional)
    actions.follow_vraag(vraag, by=professional)
    assert Follow.objects.filter(vraag=vraag, user=professional).count() == 1
    actions.unfollow_vraag(vraag, by=professional)
    assert not Follow.objects.filter(vraag=vraag, user=professional).exists()


def test_follow_vraag_forbids_unpublished_question_of_someone_else(professional):
    vraag = VraagFactory(in_review=True)
    with pytest.raises(PermissionDenied):
        actions.follow_vraag(vraag, by=professional)


# record_oplossing


def test_record_oplossing_solves_the_vraag(professional, moderator):
    vraag = _ask_published(professional, moderator)
    actions.record_oplossing(vraag, by=professional, oplossing="Het **Buurtteam** hielp.")
    assert vraag.status == VraagStatus.SOLVED
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.SOLVED
    assert vraag.solved_at is not None
    assert vraag.oplossing_html == "<p>Het <strong>Buurtteam</strong> hielp.</p>\n"
    assert "vraagbaak.vraag.solve" in _log_actions(vraag)


def test_record_oplossing_twice_is_an_invalid_transition(professional, moderator):
    vraag = _ask_published(professional, moderator)
    actions.record_oplossing(vraag, by=professional, oplossing="Opgelost")
    with pytest.raises(InvalidTransition):
        actions.record_oplossing(vraag, by=professional, oplossing="Nog eens")


def test_record_oplossing_forbids_other_professional(professional, other_professional, moderator):
    vraag = _ask_published(professional, moderator)
    with pytest.raises(PermissionDenied):
        actions.record_oplossing(vraag, by=other_professional, oplossing="Niet aan jou")
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.OPEN


def test_record_oplossing_allows_moderator(professional, moderator):
    vraag = _ask_published(professional, moderator)
    actions.record_oplossing(vraag, by=moderator, oplossing="Vastgelegd door moderator")
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.SOLVED
