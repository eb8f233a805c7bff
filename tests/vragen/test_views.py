import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    AntwoordFactory,
    RisicofactorFactory,
    StadsdeelFactory,
    VraagFactory,
    make_user,
)
from vraagbaak.vragen import actions
from vraagbaak.vragen.models import Antwoord, Follow, Helpful, Vraag, VraagStatus

pytestmark = pytest.mark.django_db

# Session, user, profile, 2x permissions, questions, risicofactoren, vraagtypes,
# 4 filter selects (risicofactor, fase, stadsdeel, vraagtype).
LIST_QUERIES = 12
# Session, user, profile, 2x permissions, question, risicofactoren, vraagtypes, tags,
# answers (with authors, counts and own marks), follow; "vergelijkbare vragen" (search.similar,
# rendered from its hits): thesaurus freshness check, on SQLite how common the words are
# (PostgreSQL keeps its statistics for minutes), the search, the hits' texts and (only when
# a hit's own text shows no matching word, so at most) their answers.
DETAIL_QUERIES = 15


def _ids(response):
    return [v.pk for v in response.context["vragen"]]


# list


def test_list_shows_published_questions_but_not_others_in_review(professional_client):
    open_vraag = VraagFactory()
    solved = VraagFactory(solved=True)
    hidden = VraagFactory(in_review=True)
    response = professional_client.get(reverse("vragen:list"))
    assert response.status_code == 200
    assert set(_ids(response)) == {open_vraag.pk, solved.pk}
    assert hidden.title not in response.content.decode()


def test_list_is_closed_to_unverified_users(unverified_client):
    VraagFactory()
    response = unverified_client.get(reverse("vragen:list"))
    assert response.status_code == 403
    assert "vragen" not in (response.context or {})


@pytest.mark.parametrize("count", [3, 20])
def test_list_query_count_is_constant(professional_client, django_assert_num_queries, count):
    for _ in range(count):
        vraag = VraagFactory(
            risicofactoren=[RisicofactorFactory(), RisicofactorFactory()],
            stadsdeel=StadsdeelFactory(),
        )
        AntwoordFactory(vraag=vraag)
    with django_assert_num_queries(LIST_QUERIES):
        response = professional_client.get(reverse("vragen:list"))
    assert len(response.context["vragen"]) == count


def test_list_keyset_pagination_returns_every_question_exactly_once(professional_client, settings):
    settings.VRAAGBAAK_PAGE_SIZE = 5
    same_moment = timezone.now() - dt.timedelta(hours=1)
    vragen = [VraagFactory(last_activity_at=same_moment) for _ in range(6)]
    vragen += [
        VraagFactory(last_activity_at=same_moment - dt.timedelta(minutes=i)) for i in range(1, 8)
    ]
    expected = [
        v.pk for v in sorted(vragen, key=lambda v: (v.last_activity_at, v.pk), reverse=True)
    ]

    pages, url = [], reverse("vragen:list")
    while url:
        response = professional_client.get(url)
        pages.append(_ids(response))
        next_url = response.context["page_next_url"]
        url = reverse("vragen:list") + next_url if next_url else None
    seen = [pk for page in pages for pk in page]
    assert seen == expected
    assert [len(p) for p in pages] == [5, 5, 3]

    # and back again with "vorige"
    prev = response.context["page_prev_url"]
    response = professional_client.get(reverse("vragen:list") + prev)
    assert _ids(response) == pages[1]
    response = professional_client.get(reverse("vragen:list") + response.context["page_prev_url"])
    assert _ids(response) == pages[0]
    assert response.context["page_prev_url"] is None


def test_list_paging_links_keep_the_filters(professional_client, settings):
    settings.VRAAGBAAK_PAGE_SIZE = 2
    risicofactor = RisicofactorFactory(slug="schulden")
    for _ in range(3):
        VraagFactory(risicofactoren=[risicofactor])
    VraagFactory()
    response = professional_client.get(reverse("vragen:list"), {"risicofactor": "schulden"})
    next_url = response.context["page_next_url"]
    assert "risicofactor=schulden" in next_url
    response = professional_client.get(reverse("vragen:list") + next_url)
    assert len(_ids(response)) == 1
    assert 'rel="prev"' in response.content.decode()


def test_list_filters_combine(professional_client):
    schulden, geweld = RisicofactorFactory(slug="schulden"), RisicofactorFactory(slug="geweld")
    west, oost = StadsdeelFactory(slug="west"), StadsdeelFactory(slug="oost")
    match = VraagFactory(risicofactoren=[schulden, geweld], stadsdeel=west)
    VraagFactory(risicofactoren=[schulden], stadsdeel=oost)
    VraagFactory(risicofactoren=[geweld], stadsdeel=west)
    VraagFactory(risicofactoren=[schulden], stadsdeel=west, solved=True)
    response = professional_client.get(
        reverse("vragen:list"), {"risicofactor": "schulden", "stadsdeel": "west", "status": "open"}
    )
    assert _ids(response) == [match.pk]


def test_list_ignores_invalid_filters_and_cursors(professional_client):
    vragen = [VraagFactory() for _ in range(2)]
    for params in (
        {"risicofactor": "bestaat-niet"},
        {"status": "in_review"},
        {"fase": "<script>"},
        {"na": "kapot"},
        {"voor": "bm9n|ZQ"},
        {"na": "MjAyNi0xMS0yM3w5OTk5OTk5OTk5OTk5OTk5OTk5OQ"},
    ):
        response = professional_client.get(reverse("vragen:list"), params)
        assert response.status_code == 200, params
        assert set(_ids(response)) == {v.pk for v in vragen}, params


# detail


@pytest.mark.parametrize("count", [3, 20])
def test_detail_query_count_is_constant(
    professional_client, professional, django_assert_max_num_queries, count
):
    vraag = VraagFactory(risicofactoren=[RisicofactorFactory(), RisicofactorFactory()])
    vraag.tags.set(["schulden", "huur"])
    for _ in range(count):
        antwoord = AntwoordFactory(vraag=vraag)
        Helpful.objects.create(antwoord=antwoord, user=professional)
        VraagFactory(solved=True)  # similar questions: the block costs the same for any number
    professional_client.get(vraag.get_absolute_url())  # loads the thesaurus into its cache once
    with django_assert_max_num_queries(DETAIL_QUERIES):
        response = professional_client.get(vraag.get_absolute_url())
    assert len(response.context["antwoorden"]) == count
    assert len(response.context["similar_hits"]) == min(count, 5)


def test_detail_shows_answers_with_author_profile(professional_client):
    author = make_user(display_name="Sanne", organisation="Buurtteam West")
    vraag = VraagFactory()
    AntwoordFactory(vraag=vraag, author=author)
    AntwoordFactory(vraag=vraag, author=None)
    content = professional_client.get(vraag.get_absolute_url()).content.decode()
    assert "Sanne" in content
    assert "Buurtteam West" in content
    assert author.profile.discipline.name in content
    assert "verwijderd account" in content


def test_detail_of_someone_elses_question_in_review_is_404(professional_client):
    vraag = VraagFactory(in_review=True)
    assert professional_client.get(vraag.get_absolute_url()).status_code == 404


def test_detail_of_own_question_in_review_is_visible(professional_client, professional):
    vraag = VraagFactory(in_review=True, author=professional)
    assert professional_client.get(vraag.get_absolute_url()).status_code == 200


def test_detail_does_not_render_hostile_markdown(professional_client, professional):
    vraag = actions.create_vraag(
        by=professional,
        title="<script>alert(1)</script>",
        risicofactoren=[RisicofactorFactory()],
        body='<script>alert(1)</script> <img src=x onerror="alert(2)"> [klik](javascript:alert(3))',
    )
    content = professional_client.get(vraag.get_absolute_url()).content.decode()
    assert "<script>alert" not in content
    assert "<img src=x" not in content and '<img src="x"' not in content
    assert 'href="javascript' not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content  # shown as text, harmless


def test_detail_shows_oplossing_at_the_top_of_a_solved_question(professional_client):
    vraag = VraagFactory(solved=True)
    AntwoordFactory(vraag=vraag, body="Een antwoord")
    content = professional_client.get(vraag.get_absolute_url()).content.decode()
    assert "Opgelost" in content
    assert content.index("Het Buurtteam heeft de regie genomen.") < content.index("Een antwoord")
    assert reverse("vragen:answer", args=[vraag.pk]) not in content


def test_detail_shows_urgent_banner_for_urgent_risicofactor(professional_client):
    vraag = VraagFactory(risicofactoren=[RisicofactorFactory(is_urgent=True)])
    content = professional_client.get(vraag.get_absolute_url()).content.decode()
    assert "Niet voor acute situaties" in content
    assert "0800-2000" in content

    calm = VraagFactory()
    assert (
        "Niet voor acute situaties"
        not in professional_client.get(calm.get_absolute_url()).content.decode()
    )


# ask and edit


def _vraag_data(**overrides):
    data = {
        "title": "Zoek schuldhulp voor zwangere cliënte",
        "body": "Cliënte is 30 weken zwanger en heeft schulden.",
        "risicofactoren": [RisicofactorFactory().pk],
        "tags": "schulden, huur",
    }
    return {**data, **overrides}


def test_create_page_links_to_posting_guidance(professional_client):
    content = professional_client.get(reverse("vragen:create")).content.decode()
    assert 'href="/schrijfwijzer/"' in content
    assert "Markdown" in content
    assert reverse("vragen:urgent_banner") in content


def test_create_posts_question_and_redirects_to_it(professional_client, professional):
    response = professional_client.post(reverse("vragen:create"), _vraag_data())
    vraag = Vraag.objects.get()
    assert response.status_code == 302
    assert response["Location"] == vraag.get_absolute_url()
    assert vraag.author == professional and vraag.status == VraagStatus.IN_REVIEW
    assert sorted(t.name for t in vraag.tags.all()) == ["huur", "schulden"]


def test_create_with_errors_keeps_what_was_typed(professional_client):
    response = professional_client.post(
        reverse("vragen:create"),
        _vraag_data(title="", body="Mijn lange verhaal", risicofactoren=[]),
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Mijn lange verhaal" in content
    assert "Vul een titel in." in content
    assert "Kies minstens één risicofactor." in content
    assert not Vraag.objects.exists()


def test_create_with_errors_shows_urgent_banner_for_urgent_risicofactor(professional_client):
    urgent = RisicofactorFactory(is_urgent=True)
    response = professional_client.post(
        reverse("vragen:create"), _vraag_data(title="", risicofactoren=[urgent.pk])
    )
    assert "Niet voor acute situaties" in response.content.decode()


def test_urgent_banner_fragment(professional_client):
    urgent, calm = RisicofactorFactory(is_urgent=True), RisicofactorFactory()
    url = reverse("vragen:urgent_banner")
    shown = professional_client.get(
        url, {"risicofactoren": [calm.pk, urgent.pk]}, HTTP_HX_REQUEST="true"
    )
    assert "Niet voor acute situaties" in shown.content.decode()
    for params in (
        {"risicofactoren": [calm.pk]},
        {},
        {"risicofactoren": ["x", "99999999999999999999"]},
    ):
        response = professional_client.get(url, params)
        assert response.status_code == 200
        assert "Niet voor acute situaties" not in response.content.decode()


def test_edit_someone_elses_question_is_forbidden(other_professional_client, professional):
    vraag = VraagFactory(author=professional)
    url = reverse("vragen:edit", args=[vraag.pk])
    assert other_professional_client.get(url).status_code == 403
    assert other_professional_client.post(url, _vraag_data(title="Gekaapt")).status_code == 403
    vraag.refresh_from_db()
    assert vraag.title != "Gekaapt"


def test_edit_own_question(professional_client, professional):
    vraag = VraagFactory(author=professional)
    url = reverse("vragen:edit", args=[vraag.pk])
    assert vraag.title in professional_client.get(url).content.decode()
    response = professional_client.post(url, _vraag_data(title="Betere titel voor mijn vraag"))
    assert response.status_code == 302
    vraag.refresh_from_db()
    assert vraag.title == "Betere titel voor mijn vraag"


def test_edit_someone_elses_question_in_review_is_404(other_professional_client):
    vraag = VraagFactory(in_review=True)
    assert other_professional_client.get(reverse("vragen:edit", args=[vraag.pk])).status_code == 404


# answers


def test_answer_is_posted_and_asker_is_mailed(
    other_professional_client, professional, mailoutbox, django_capture_on_commit_callbacks
):
    vraag = VraagFactory(author=professional)
    with django_capture_on_commit_callbacks(execute=True):
        response = other_professional_client.post(
            reverse("vragen:answer", args=[vraag.pk]), {"body": "Bel het Buurtteam."}
        )
    antwoord = Antwoord.objects.get()
    assert response.status_code == 302
    assert response["Location"] == antwoord.get_absolute_url()
    assert [m.to for m in mailoutbox] == [[professional.email]]


def test_answer_with_errors_shows_the_question_again(other_professional_client):
    vraag = VraagFactory()
    response = other_professional_client.post(
        reverse("vragen:answer", args=[vraag.pk]), {"body": " "}
    )
    assert response.status_code == 200
    assert "Schrijf eerst je antwoord." in response.content.decode()
    assert not Antwoord.objects.exists()


def test_answer_on_solved_question_is_forbidden(other_professional_client):
    vraag = VraagFactory(solved=True)
    response = other_professional_client.post(
        reverse("vragen:answer", args=[vraag.pk]), {"body": "Te laat"}
    )
    assert response.status_code == 403
    assert not Antwoord.objects.exists()


def test_answer_on_invisible_question_is_404(other_professional_client):
    vraag = VraagFactory(in_review=True)
    response = other_professional_client.post(
        reverse("vragen:answer", args=[vraag.pk]), {"body": "Hoi"}
    )
    assert response.status_code == 404


def test_edit_someone_elses_answer_is_forbidden(professional_client, other_professional):
    antwoord = AntwoordFactory(author=other_professional)
    url = reverse("vragen:antwoord_edit", args=[antwoord.pk])
    assert professional_client.get(url).status_code == 403
    assert professional_client.post(url, {"body": "Gekaapt"}).status_code == 403


def test_edit_own_answer(other_professional_client, other_professional):
    antwoord = AntwoordFactory(author=other_professional)
    url = reverse("vragen:antwoord_edit", args=[antwoord.pk])
    assert other_professional_client.get(url).status_code == 200
    response = other_professional_client.post(url, {"body": "Nieuwe tekst"})
    assert response.status_code == 302
    antwoord.refresh_from_db()
    assert antwoord.body == "Nieuwe tekst"


# dit hielp and follow


def test_helpful_without_javascript_redirects_back(professional_client, professional):
    antwoord = AntwoordFactory()
    url = reverse("vragen:helpful", args=[antwoord.pk])
    response = professional_client.post(url, {"hielp": "1"})
    assert response.status_code == 302
    assert response["Location"] == antwoord.get_absolute_url()
    assert Helpful.objects.filter(antwoord=antwoord, user=professional).exists()
    professional_client.post(url, {"hielp": "0"})
    assert not Helpful.objects.exists()


def test_helpful_with_htmx_returns_the_new_button(professional_client):
    antwoord = AntwoordFactory()
    response = professional_client.post(
        reverse("vragen:helpful", args=[antwoord.pk]), {"hielp": "1"}, HTTP_HX_REQUEST="true"
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert 'aria-pressed="true"' in content
    assert "Jij vond dit nuttig." in content
    assert "<html" not in content


def test_helpful_on_own_answer_is_forbidden(other_professional_client, other_professional):
    antwoord = AntwoordFactory(author=other_professional)
    response = other_professional_client.post(reverse("vragen:helpful", args=[antwoord.pk]))
    assert response.status_code == 403


def test_follow_toggle_with_and_without_htmx(professional_client, professional):
    vraag = VraagFactory()
    url = reverse("vragen:follow", args=[vraag.pk])
    response = professional_client.post(url, {"volgen": "1"}, HTTP_HX_REQUEST="true")
    assert "Niet meer volgen" in response.content.decode()
    assert Follow.objects.filter(vraag=vraag, user=professional).exists()
    response = professional_client.post(url, {"volgen": "0"})
    assert response.status_code == 302
    assert not Follow.objects.filter(vraag=vraag, user=professional).exists()


def test_follow_invisible_question_is_404(professional_client):
    vraag = VraagFactory(in_review=True)
    response = professional_client.post(reverse("vragen:follow", args=[vraag.pk]), {"volgen": "1"})
    assert response.status_code == 404


# oplossing


def test_asker_records_oplossing(professional_client, professional):
    vraag = VraagFactory(author=professional)
    url = reverse("vragen:solve", args=[vraag.pk])
    assert professional_client.get(url).status_code == 200
    response = professional_client.post(url, {"oplossing": "Schuldhulp is gestart."})
    assert response.status_code == 302
    vraag.refresh_from_db()
    assert vraag.status == VraagStatus.SOLVED
    assert (
        "Schuldhulp is gestart."
        in professional_client.get(vraag.get_absolute_url()).content.decode()
    )


def test_record_oplossing_by_other_professional_is_forbidden(other_professional_client):
    vraag = VraagFactory()
    url = reverse("vragen:solve", args=[vraag.pk])
    assert other_professional_client.get(url).status_code == 403
    assert other_professional_client.post(url, {"oplossing": "Niet jouw vraag"}).status_code == 403


def test_huge_or_bad_ids_in_urls_are_404(professional_client):
    for url in (
        "/vragen/99999999999999999999/",
        "/vragen/123456789012345678/",
        "/vragen/antwoorden/99999999999999999999/bewerken/",
        "/vragen/-1/",
    ):
        assert professional_client.get(url).status_code == 404, url
