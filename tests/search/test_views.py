"""The search page (/zoeken/), the header search box and the similar-questions blocks.

Data is made with the real actions (ask, approve, answer, record the solution) so the search
backend sees what it sees in production; bulk data for paging comes from the factories.
"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils.html import escape

from tests.factories import (
    DisciplineFactory,
    FaseFactory,
    RisicofactorFactory,
    StadsdeelFactory,
    VraagFactory,
    make_user,
)
from vraagbaak.search.forms import MAX_QUERY_LENGTH
from vraagbaak.vragen import actions
from vraagbaak.vragen.models import ModerationSettings, VraagStatus

pytestmark = pytest.mark.django_db

SEARCH = "/zoeken/"


@pytest.fixture(autouse=True)
def _no_question_limit():
    config = ModerationSettings.load()
    config.daily_question_limit = 0
    config.save()


@pytest.fixture
def terms():
    return {
        "geld": RisicofactorFactory(name="Financiële problemen", slug="financiele-problemen"),
        "zorg": RisicofactorFactory(name="Vermijden van zorg", slug="vermijden-van-zorg"),
        "zwanger": FaseFactory(name="Zwangerschap", slug="zwangerschap"),
        "kraam": FaseFactory(name="Rondom bevalling en kraamperiode", slug="kraamperiode"),
        "noord": StadsdeelFactory(name="Noord", slug="noord"),
        "zuid": StadsdeelFactory(name="Zuid", slug="zuid"),
        "verloskundige": DisciplineFactory(name="Verloskundige", slug="verloskundige"),
        "kraamzorg": DisciplineFactory(name="Kraamverzorgende", slug="kraamverzorgende"),
    }


def ask(moderator, *, title, body, risicofactoren, discipline=None, publish=True, **fields):
    """A question asked through the ask action by a new professional, approved by a moderator."""
    author = make_user(discipline=discipline) if discipline else make_user()
    vraag = actions.create_vraag(
        by=author, title=title, body=body, risicofactoren=risicofactoren, **fields
    )
    if publish:
        actions.approve_vraag(vraag, by=moderator)
    return vraag


def solve(vraag, moderator, *, antwoord, oplossing):
    answerer = make_user()
    actions.create_antwoord(vraag, by=answerer, body=antwoord)
    return actions.record_oplossing(vraag, by=moderator, oplossing=oplossing)


@pytest.fixture
def corpus(moderator, terms):
    """Three published questions in different words, plus one still waiting for a moderator."""
    buurtteam = ask(
        moderator,
        title="Warme overdracht naar het Buurtteam na de kraamweek",
        body="Gezin heeft veel rekeningen open staan. Hoe draag ik goed over aan de "
        "sociale basis in Zuid?",
        risicofactoren=[terms["geld"]],
        fase=terms["kraam"],
        stadsdeel=terms["zuid"],
        discipline=terms["kraamzorg"],
    )
    solve(
        buurtteam,
        moderator,
        antwoord="Bel de wijkcoach en plan een gezamenlijk huisbezoek.",
        oplossing="Een gezamenlijk huisbezoek met de wijkcoach werkte goed.",
    )
    huur = ask(
        moderator,
        title="Zwangere met huurachterstand, ontruiming dreigt",
        body="Cliënte is 32 weken zwanger en heeft drie maanden huurachterstand.",
        risicofactoren=[terms["geld"]],
        fase=terms["zwanger"],
        stadsdeel=terms["noord"],
        discipline=terms["verloskundige"],
    )
    afspraken = ask(
        moderator,
        title="Zwangere komt niet op controles",
        body="Ze is bang dat haar kind wordt weggehaald en mijdt de verloskundige.",
        risicofactoren=[terms["zorg"]],
        fase=terms["zwanger"],
        stadsdeel=terms["noord"],
        discipline=terms["verloskundige"],
    )
    hidden = ask(
        moderator,
        title="Zwangere met huurachterstand in Zuid, nog niet goedgekeurd",
        body="Zwangere met huurachterstand bij de woningcorporatie.",
        risicofactoren=[terms["zorg"]],
        fase=terms["kraam"],
        stadsdeel=terms["zuid"],
        publish=False,
    )
    return {"buurtteam": buurtteam, "huur": huur, "afspraken": afspraken, "hidden": hidden}


def _ids(response):
    return [item.vraag.pk for item in response.context["items"]]


def _facet(response, key):
    groups = {g.key: g for g in response.context["facet_groups"]}
    if key not in groups:
        return {}
    return {v.value: v.count for v in groups[key].values}


def _html(response):
    return response.content.decode()


def _live_region(response):
    region = re.search(
        r'<div id="zoek-status"[^>]*role="status">(.*?)</div>', _html(response), re.S
    )
    return region.group(1).strip()


# --- finding questions ------------------------------------------------------------------


def test_search_finds_buurtteam_question_when_searching_for_wijkteam(professional_client, corpus):
    response = professional_client.get(SEARCH, {"q": "wijkteam"})
    assert response.status_code == 200
    assert _ids(response)[0] == corpus["buurtteam"].pk
    content = _html(response)
    assert corpus["buurtteam"].get_absolute_url() in content
    assert "Ook gezocht op:" in content
    assert "buurtteam" in ", ".join(response.context["results"].expanded_terms)


def test_search_hit_shows_status_snippet_facts_and_answer_count(professional_client, corpus):
    response = professional_client.get(SEARCH, {"q": "huisbezoek"})
    content = _html(response)
    assert _ids(response) == [corpus["buurtteam"].pk]
    hit = re.search(r'<article class="ams-card vb-card vb-hit">.*?</article>', content, re.S)
    card = hit.group(0)
    assert "Opgelost" in card
    assert "<mark>" in card  # the matched word in the snippet
    assert "Financiële problemen" in card
    assert corpus["buurtteam"].fase.name in card and "Zuid" in card
    assert "1 antwoord" in card
    assert "1 vraag gevonden" in content


def test_search_counts_in_words(professional_client, corpus):
    content = _html(professional_client.get(SEARCH, {"q": "zwangere"}))
    assert "2 vragen gevonden" in content


def test_search_never_shows_other_peoples_unpublished_questions(professional_client, corpus):
    response = professional_client.get(SEARCH, {"q": "huurachterstand"})
    assert corpus["hidden"].pk not in _ids(response)
    assert corpus["hidden"].title not in _html(response)
    assert response.context["results"].total == 1
    # Not in the facet counts either: the hidden question is the only one in Zuid here.
    assert _facet(response, "stadsdeel") == {"noord": 1}
    assert "vermijden-van-zorg" not in _facet(response, "risicofactor")


def test_search_shows_own_unpublished_question_to_its_author(client, corpus):
    client.force_login(corpus["hidden"].author)
    response = client.get(SEARCH, {"q": "huurachterstand"})
    assert corpus["hidden"].pk in _ids(response)


def test_search_shows_unpublished_questions_to_moderators(moderator_client, corpus):
    response = moderator_client.get(SEARCH, {"q": "huurachterstand"})
    assert corpus["hidden"].pk in _ids(response)


def test_search_escapes_question_text_but_keeps_highlights(professional_client, moderator):
    risicofactor = RisicofactorFactory()
    vraag = ask(
        moderator,
        title="<b>Schuldhulp</b> voor <script>alert(1)</script> zwangere",
        body="Wie kent schuldhulp in <i>Noord</i>?",
        risicofactoren=[risicofactor],
    )
    content = _html(professional_client.get(SEARCH, {"q": "schuldhulp"}))
    assert vraag.get_absolute_url() in content
    assert "<script>alert(1)</script>" not in content
    assert "<b>" not in content and "<i>Noord" not in content
    assert escape("<script>") in content or "&lt;script" in content


# --- facets -----------------------------------------------------------------------------


def test_facets_show_counts_and_combine(professional_client, corpus):
    response = professional_client.get(SEARCH, {"q": "zwangere"})
    assert set(_ids(response)) == {corpus["huur"].pk, corpus["afspraken"].pk}
    assert _facet(response, "risicofactor") == {"financiele-problemen": 1, "vermijden-van-zorg": 1}
    assert _facet(response, "stadsdeel") == {"noord": 2}
    assert _facet(response, "discipline") == {"verloskundige": 2}
    assert _facet(response, "status") == {"open": 2}

    one = professional_client.get(SEARCH, {"q": "zwangere", "risicofactor": "vermijden-van-zorg"})
    assert _ids(one) == [corpus["afspraken"].pk]
    # The facet's own counts ignore its own selection, the other facets narrow.
    assert _facet(one, "risicofactor") == {"financiele-problemen": 1, "vermijden-van-zorg": 1}
    assert _facet(one, "stadsdeel") == {"noord": 1}

    both = professional_client.get(
        SEARCH,
        {"q": "zwangere", "risicofactor": ["vermijden-van-zorg", "financiele-problemen"]},
    )
    assert set(_ids(both)) == {corpus["huur"].pk, corpus["afspraken"].pk}  # OR within a facet

    none = professional_client.get(
        SEARCH, {"q": "zwangere", "risicofactor": "vermijden-van-zorg", "stadsdeel": "zuid"}
    )
    assert _ids(none) == []  # AND between facets


def test_facets_render_as_checkbox_groups_with_selected_filters_as_chips(
    professional_client, corpus
):
    response = professional_client.get(
        SEARCH, {"q": "zwangere", "risicofactor": "vermijden-van-zorg", "fase": "zwangerschap"}
    )
    content = _html(response)
    assert '<legend class="ams-field-set__legend vb-facet__legend">Risicofactor</legend>' in content
    assert re.search(
        r'<input class="ams-checkbox__input" type="checkbox" form="zoekformulier" '
        r'name="risicofactor" value="vermijden-van-zorg" id="[^"]+" checked>',
        content,
    )
    assert "Discipline van de vraagsteller" in content
    chips = {chip.label: chip.remove_url for chip in response.context["chips"]}
    assert set(chips) == {"Vermijden van zorg", "Zwangerschap"}
    removed = parse_qs(urlsplit(chips["Vermijden van zorg"]).query)
    assert removed == {"q": ["zwangere"], "fase": ["zwangerschap"]}
    assert 'href="/zoeken/?q=zwangere">Filters wissen</a>' in content
    assert "(2 gekozen)" in content


def test_filter_only_search_browses_by_risicofactor(professional_client, corpus):
    response = professional_client.get(SEARCH, {"risicofactor": "financiele-problemen"})
    assert set(_ids(response)) == {corpus["buurtteam"].pk, corpus["huur"].pk}
    assert "Zoeken · " in _html(response)


def test_unknown_filter_values_are_ignored(professional_client, corpus):
    plain = professional_client.get(SEARCH, {"q": "zwangere"})
    response = professional_client.get(
        SEARCH,
        {
            "q": "zwangere",
            "risicofactor": ["bestaat-niet", "<script>"],
            "status": "weg",
            "discipline": "x" * 300,
        },
    )
    assert response.status_code == 200
    assert set(_ids(response)) == set(_ids(plain))
    assert response.context["chips"] == []


def test_htmx_request_fills_the_live_region(professional_client, corpus):
    response = professional_client.get(
        SEARCH, {"q": "zwangere", "stadsdeel": "noord"}, headers={"HX-Request": "true"}
    )
    status = re.search(
        r'<div id="zoek-status"[^>]*role="status">(.*?)</div>', _html(response), re.S
    )
    assert status.group(1).strip() == "2 vragen gevonden"
    plain = professional_client.get(SEARCH, {"q": "zwangere"})
    status = re.search(r'<div id="zoek-status"[^>]*role="status">(.*?)</div>', _html(plain), re.S)
    assert status.group(1).strip() == ""


# --- empty, no results, bad input ----------------------------------------------------------


def test_empty_search_explains_and_offers_risicofactoren(professional_client, terms):
    response = professional_client.get(SEARCH)
    content = _html(response)
    assert response.status_code == 200
    assert "Tips voor zoeken" in content
    assert "Bekijk vragen per risicofactor" in content
    assert 'href="/zoeken/?risicofactor=financiele-problemen"' in content
    assert "<title>Zoeken · " in content


def test_no_results_explains_and_carries_the_words_to_the_ask_form(professional_client, corpus):
    response = professional_client.get(SEARCH, {"q": "paardrijden op zondag", "stadsdeel": "noord"})
    content = _html(response)
    assert response.context["results"].total == 0
    assert "Geen vragen gevonden" in content
    assert "Kijk of de woorden goed gespeld zijn." in content
    assert "Gebruik minder woorden" in content
    # a link that keeps the words but drops the filters
    assert 'href="/zoeken/?q=paardrijden+op+zondag"' in content
    ask_url = response.context["ask_url"]
    assert ask_url == "/vragen/nieuw/?titel=paardrijden+op+zondag"
    assert f'href="{ask_url}">Stel een vraag</a>' in content

    form = professional_client.get(ask_url).context["form"]
    assert form["title"].value() == "paardrijden op zondag"


def test_typo_gets_similar_results_with_a_note(professional_client, corpus):
    response = professional_client.get(SEARCH, {"q": "huurachterstnad"})
    assert response.context["results"].is_fuzzy
    assert corpus["huur"].pk in _ids(response)
    # The database backend corrects the word and says so (tests/search/test_typos.py).
    assert "We zochten op ‘huurachterstand’." in _html(response)


def test_page_title_contains_the_words(professional_client, corpus):
    content = _html(professional_client.get(SEARCH, {"q": "wijkteam"}))
    assert "<title>Zoeken: wijkteam · " in content


def test_very_long_query_is_cut_with_a_message(professional_client, corpus):
    response = professional_client.get(SEARCH, {"q": "huurachterstand " * 40})
    assert response.status_code == 200
    assert len(response.context["params"].text) <= MAX_QUERY_LENGTH
    assert "Je zoekvraag was erg lang." in _html(response)


@pytest.mark.parametrize("pagina", ["abc", "-1", "0", "1.5", "99999999999999999999", ""])
def test_invalid_page_numbers_do_not_break(professional_client, corpus, pagina):
    response = professional_client.get(SEARCH, {"q": "zwangere", "pagina": pagina})
    assert response.status_code == 200
    assert response.context["page"] == 1
    assert len(_ids(response)) == 2


def test_paging_twenty_per_page_with_numbers(professional_client):
    risicofactor = RisicofactorFactory()
    vragen = [
        VraagFactory(title=f"Kraamhulp aanvragen, casus {n}", risicofactoren=[risicofactor])
        for n in range(45)
    ]
    first = professional_client.get(SEARCH, {"q": "kraamhulp"})
    assert first.context["results"].total == 45
    assert len(_ids(first)) == 20
    assert [p.get("number") for p in first.context["pages"]] == [1, 2, 3]
    content = _html(first)
    assert 'aria-current="page"><span class="ams-visually-hidden">Pagina </span>1</a>' in content
    assert first.context["page_prev_url"] is None
    assert first.context["page_next_url"] == "/zoeken/?q=kraamhulp&pagina=2"

    seen = set(_ids(first))
    for page, size in ((2, 20), (3, 5)):
        response = professional_client.get(SEARCH, {"q": "kraamhulp", "pagina": page})
        assert len(_ids(response)) == size
        seen |= set(_ids(response))
    assert seen == {v.pk for v in vragen}

    beyond = professional_client.get(SEARCH, {"q": "kraamhulp", "pagina": "40"})
    assert beyond.status_code == 200
    assert beyond.context["page"] == 3
    assert len(_ids(beyond)) == 5


# --- header search box --------------------------------------------------------------------


def test_header_search_box_on_pages_for_verified_users(professional_client, corpus):
    for url in (reverse("vragen:list"), corpus["huur"].get_absolute_url(), "/profiel/"):
        content = _html(professional_client.get(url))
        form = re.search(r'<form class="ams-search-field vb-header-search"[^>]*>', content)
        assert form, url
        assert 'action="/zoeken/"' in form.group(0) and 'role="search"' in form.group(0)
        assert '<label class="ams-visually-hidden" for="header-zoeken">' in content
        assert 'type="search" id="header-zoeken" name="q"' in content


def test_header_search_box_not_for_unverified_users_or_on_the_search_page(
    unverified_client, professional_client
):
    assert "header-zoeken" not in _html(unverified_client.get("/profiel/"))
    assert "header-zoeken" not in _html(professional_client.get(SEARCH, {"q": "x"}))


def test_search_page_closed_to_unverified_users(unverified_client, client):
    assert unverified_client.get(SEARCH, {"q": "zwanger"}).status_code == 403
    assert client.get(SEARCH).status_code == 302


# --- similar questions ----------------------------------------------------------------------


def test_question_page_shows_similar_questions_solved_first(professional_client, corpus, moderator):
    other = ask(
        moderator,
        title="Huurachterstand bij zwangere, wie helpt met schulden?",
        body="Zwangere met huurachterstand; de verhuurder dreigt met ontruiming.",
        risicofactoren=list(corpus["huur"].risicofactoren.all()),
    )
    response = professional_client.get(corpus["huur"].get_absolute_url())
    content = _html(response)
    hits = response.context["similar_hits"]
    assert "Vergelijkbare vragen" in content
    assert other.pk in [h.vraag_id for h in hits]
    assert corpus["huur"].pk not in [h.vraag_id for h in hits]
    assert corpus["hidden"].pk not in [h.vraag_id for h in hits]
    assert len(hits) <= 5
    solved = [h.is_solved for h in hits]
    assert solved == sorted(solved, reverse=True)
    assert reverse("vragen:detail", args=[other.pk]) in content


def test_ask_form_panel_uses_search_with_other_words(professional_client, corpus):
    response = professional_client.post(reverse("vragen:similar"), {"title": "wijkteam overdracht"})
    assert corpus["buurtteam"] in response.context["similar_vragen"]
    assert corpus["hidden"] not in response.context["similar_vragen"]


def test_ask_form_takes_the_title_from_the_url(professional_client):
    url = reverse("vragen:create")
    form = professional_client.get(url, {"titel": "  schuld   en huur "}).context["form"]
    assert form["title"].value() == "schuld en huur"
    long = professional_client.get(url, {"titel": "a" * 500}).context["form"]
    assert len(long["title"].value()) == 160


def test_status_facet_lists_solved(professional_client, corpus):
    response = professional_client.get(SEARCH, {"q": "overdracht", "status": VraagStatus.SOLVED})
    assert _ids(response) == [corpus["buurtteam"].pk]
    assert _facet(response, "status").get("solved") == 1


def test_htmx_request_without_words_or_filters_loads_the_whole_page(professional_client):
    response = professional_client.get(SEARCH, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response["HX-Redirect"] == SEARCH


def test_search_query_count_does_not_grow_with_the_hits(professional_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for(number):
        for n in range(number):
            vraag = VraagFactory(
                title=f"Kraamhulp in Noord {n}",
                risicofactoren=[RisicofactorFactory(), RisicofactorFactory()],
                stadsdeel=StadsdeelFactory(),
            )
            actions.create_antwoord(vraag, by=make_user(), body="Bel de kraamzorg.")
        professional_client.get(SEARCH, {"q": "kraamhulp"})  # warm caches
        with CaptureQueriesContext(connection) as captured:
            response = professional_client.get(SEARCH, {"q": "kraamhulp"})
        return len(captured), len(_ids(response))

    # At least MIN_AND_HITS (3) hits each time: with fewer, PostgreSQL also searches the
    # answers, one query more by design.
    few, shown_few = queries_for(3)
    many, shown_many = queries_for(10)
    assert (shown_few, shown_many) == (3, 13)
    assert few == many
