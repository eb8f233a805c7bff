"""The editable thesaurus: seed, validation, the admin under "Zoeken" and its effect."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.exceptions import ValidationError
from django.test import Client

from tests.factories import VraagFactory, make_user
from vraagbaak.search.models import Synoniemgroep
from vraagbaak.search.service import search
from vraagbaak.search.synonyms import current_thesaurus
from vraagbaak.search.thesaurus import ABBREVIATIONS, SEED_SYNONYMS, normalize
from vraagbaak.search.types import SearchQuery

pytestmark = pytest.mark.django_db


def staff_client(email, group):
    user = make_user(email=email, groups=[group])
    TOTP.activate(user, generate_totp_secret())
    client = Client()
    client.force_login(user)
    return client


def test_seed_holds_the_thesaurus_and_the_abbreviations():
    thesaurus = current_thesaurus()
    assert len(thesaurus.groups) >= len(SEED_SYNONYMS)
    assert "wijkteam" in thesaurus.lookup["buurtteam"]
    assert "schulddienstverlening" in thesaurus.lookup["schuldhulpverlening"]
    assert "kraamhulp" in thesaurus.lookup["kraamverzorgende"]
    assert "vermijden van zorg" in thesaurus.lookup["zorgmijders"]
    for short in ("lvb", "okt", "jgz", "ggz", "mdo", "pgb"):
        assert normalize(ABBREVIATIONS[short]) in thesaurus.lookup[short]


def test_a_group_needs_two_different_terms():
    for terms in ("wijkteam", "Wijkteam, wijkteam", " , "):
        with pytest.raises(ValidationError) as error:
            Synoniemgroep(terms=terms).full_clean()
        assert error.value.message_dict["terms"] == [
            "Een synoniemgroep heeft minstens twee verschillende woorden nodig."
        ]


def test_terms_may_be_comma_or_line_separated_and_are_stored_one_per_line():
    group = Synoniemgroep(terms="babyuitzet, Babyspullen\nkraampakket")
    group.full_clean()
    assert group.terms == "babyuitzet\nBabyspullen\nkraampakket"
    assert str(group) == "babyuitzet, Babyspullen, kraampakket"


def test_changes_and_deletions_take_effect_at_once(professional):
    vraag = VraagFactory(title="Een speelotheek in de buurt", body="Waar is die?")
    assert search(SearchQuery("speelgoedbank"), user=professional).total == 0
    group = Synoniemgroep.objects.create(terms="speelotheek\nspeelgoedbank")
    hits = search(SearchQuery("speelgoedbank"), user=professional).hits
    assert [h.vraag_id for h in hits] == [vraag.pk]
    group.delete()
    assert search(SearchQuery("speelgoedbank"), user=professional).total == 0


def test_editors_and_moderators_maintain_the_thesaurus_in_the_admin(professional):
    for email, group in (("r@zorg.test", "Redacteuren"), ("m@zorg.test", "Moderatoren")):
        client = staff_client(email, group)
        index = client.get("/beheer/synoniemgroep/")
        assert index.status_code == 200
        assert "Synoniemen" in index.content.decode()
        menu = client.get("/beheer/").content.decode()
        assert "Zoeken" in menu

    client = staff_client("r2@zorg.test", "Redacteuren")
    bad = client.post("/beheer/synoniemgroep/new/", {"terms": "alleen-dit", "is_active": "on"})
    assert bad.status_code == 200
    assert "minstens twee verschillende woorden" in bad.content.decode()
    assert not Synoniemgroep.objects.filter(terms__contains="alleen-dit").exists()

    good = client.post(
        "/beheer/synoniemgroep/new/",
        {"terms": "peuterspeelzaal-plus, voorschool", "is_active": "on", "note": "VVE"},
    )
    assert good.status_code == 302
    VraagFactory(title="Plek op de voorschool", body="Is er een wachtlijst?")
    results = search(SearchQuery("peuterspeelzaal-plus"), user=professional)
    assert results.total == 1


def test_professionals_cannot_reach_the_thesaurus_admin(professional_client):
    response = professional_client.get("/beheer/synoniemgroep/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")  # Wagtail: no admin access
