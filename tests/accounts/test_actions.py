"""Account actions: approve, edit profile, export and delete (AVG)."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from wagtail.models import ModelLogEntry

from tests.factories import (
    AntwoordFactory,
    DisciplineFactory,
    RisicofactorFactory,
    StadsdeelFactory,
    VraagFactory,
)
from vraagbaak.accounts.actions import (
    delete_account,
    export_user_data,
    update_profile,
    verify_by_domain,
    verify_profile,
)
from vraagbaak.accounts.models import AllowedDomain, Profile, User
from vraagbaak.vragen.models import Antwoord, Vraag


@pytest.mark.django_db
def test_verify_profile_verifies_and_mails_on_commit(
    unverified_user, moderator, django_capture_on_commit_callbacks
):
    profile = unverified_user.profile
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = verify_profile(profile, by=moderator)
    assert result.is_verified
    assert mail.outbox == []  # nothing before commit

    for callback in callbacks:
        callback()

    profile.refresh_from_db()
    assert profile.is_verified
    assert profile.verified_via == Profile.VerifiedVia.MODERATOR
    assert profile.verified_by == moderator
    assert profile.verified_at is not None
    assert unverified_user.groups.filter(name="Professionals").exists()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [unverified_user.email]
    assert "Je account is goedgekeurd" in message.subject
    assert "http://testserver/vragen/" in message.body


@pytest.mark.django_db
def test_verify_profile_writes_log_entry_without_personal_data(unverified_user, moderator):
    profile = unverified_user.profile
    verify_profile(profile, by=moderator)
    entry = ModelLogEntry.objects.get(action="vraagbaak.profile.verify", object_id=str(profile.pk))
    assert entry.user == moderator
    assert unverified_user.email not in entry.label
    assert "Nieuw" not in entry.label
    assert unverified_user.email not in str(entry.data)


@pytest.mark.django_db
def test_verify_profile_forbidden_for_professional(unverified_user, professional):
    with pytest.raises(PermissionDenied):
        verify_profile(unverified_user.profile, by=professional)
    unverified_user.profile.refresh_from_db()
    assert not unverified_user.profile.is_verified


@pytest.mark.django_db
def test_moderator_cannot_approve_own_account(moderator):
    with pytest.raises(PermissionDenied):
        verify_profile(moderator.profile, by=moderator)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_verify_profile_twice_sends_one_mail(unverified_user, moderator):
    verify_profile(unverified_user.profile, by=moderator)
    verify_profile(unverified_user.profile, by=moderator)
    assert len(mail.outbox) == 1
    assert ModelLogEntry.objects.filter(action="vraagbaak.profile.verify").count() == 1


@pytest.mark.django_db
def test_verify_by_domain_skips_informal_partner(unverified_user):
    AllowedDomain.objects.create(domain="zorg.test", organisation="Zorg")
    profile = unverified_user.profile
    profile.discipline = DisciplineFactory(
        slug="vrijwilliger", name="Vrijwilliger", group="informeel"
    )
    profile.save()
    assert verify_by_domain(unverified_user) is False
    profile.refresh_from_db()
    assert not profile.is_verified


@pytest.mark.django_db
def test_update_profile_changes_own_profile_and_logs_field_names(professional):
    discipline = DisciplineFactory()
    stadsdeel = StadsdeelFactory()
    risico = RisicofactorFactory()
    profile = update_profile(
        professional.profile,
        by=professional,
        display_name="  Fatima  ",
        discipline=discipline,
        organisation="Verloskundigenpraktijk Noord",
        languages="Nederlands, Arabisch",
        stadsdelen=[stadsdeel],
        expertise=[risico],
    )
    profile.refresh_from_db()
    assert profile.display_name == "Fatima"
    assert profile.discipline == discipline
    assert list(profile.stadsdelen.all()) == [stadsdeel]
    assert list(profile.expertise.all()) == [risico]
    entry = ModelLogEntry.objects.get(action="vraagbaak.profile.update")
    assert "display_name" in entry.data["fields"]
    assert "Fatima" not in str(entry.data)


@pytest.mark.django_db
def test_update_profile_of_someone_else_is_forbidden(professional, other_professional):
    with pytest.raises(PermissionDenied):
        update_profile(other_professional.profile, by=professional, display_name="Gekaapt")
    other_professional.profile.refresh_from_db()
    assert other_professional.profile.display_name != "Gekaapt"


@pytest.mark.django_db
def test_export_contains_own_data_only(professional, other_professional):
    own_vraag = VraagFactory(author=professional, title="Mijn eigen vraag")
    own_antwoord = AntwoordFactory(author=professional, body="Mijn eigen antwoord")
    other_vraag = VraagFactory(author=other_professional, title="Vraag van een collega")
    AntwoordFactory(vraag=own_vraag, author=other_professional, body="Antwoord van een collega")

    data = export_user_data(professional)

    assert data["account"]["email"] == professional.email
    assert data["profile"]["display_name"] == professional.profile.display_name
    assert [v["id"] for v in data["vragen"]] == [own_vraag.pk]
    assert [a["id"] for a in data["antwoorden"]] == [own_antwoord.pk]
    text = str(data)
    assert "Mijn eigen vraag" in text and "Mijn eigen antwoord" in text
    assert other_vraag.title not in text
    assert "Antwoord van een collega" not in text
    assert other_professional.email not in text


@pytest.mark.django_db
def test_delete_account_keeps_contributions_without_author(professional, other_professional):
    vraag = VraagFactory(author=professional)
    antwoord = AntwoordFactory(vraag=VraagFactory(author=other_professional), author=professional)
    email, profile_pk = professional.email, professional.profile.pk

    delete_account(professional, by=professional)

    assert not User.objects.filter(email=email).exists()
    assert not Profile.objects.filter(pk=profile_pk).exists()
    assert Vraag.objects.get(pk=vraag.pk).author is None
    assert Antwoord.objects.get(pk=antwoord.pk).author is None
    entry = ModelLogEntry.objects.get(action="vraagbaak.account.delete")
    assert email not in entry.label and email not in str(entry.data)
    assert entry.data == {"vragen_kept": 1, "antwoorden_kept": 1}


@pytest.mark.django_db
def test_delete_account_of_someone_else_is_forbidden(professional, moderator):
    with pytest.raises(PermissionDenied):
        delete_account(professional, by=moderator)
    assert User.objects.filter(pk=professional.pk).exists()
