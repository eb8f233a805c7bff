"""The Elasticsearch backend's index definition and queries, checked as dicts (no server needed)."""

from elasticsearch.dsl.response import Response

from vraagbaak.search import elastic
from vraagbaak.search.types import SearchQuery

SYNONYMS = [
    "buurtteam, wijkteam, sociaal wijkteam",
    "schuldhulpverlening, schulddienstverlening, schuldhulp",
]
COMPOUNDS = ["schuld", "hulp", "verlening", "huur", "achterstand", "schuldhulp"]


def settings_dict(**kwargs):
    return elastic.index_settings_dict("test-vragen", SYNONYMS, COMPOUNDS, **kwargs)


def search_dict(text="schulden", filters=None, *, user_id=7, is_moderator=False, **kwargs):
    query = SearchQuery(text=text, filters=filters or {}, **kwargs)
    return elastic.build_search(
        query, user_id=user_id, is_moderator=is_moderator, index="test-vragen"
    ).to_dict()


def visibility_clauses(body):
    return body["query"]["bool"].get("filter", [])


# --- Index -------------------------------------------------------------------------------


def test_index_uses_the_given_name_and_the_default_otherwise():
    assert elastic.build_index("test-vragen", SYNONYMS, COMPOUNDS)._name == "test-vragen"
    assert elastic.build_index()._name == "vraagbaak-vragen"
    assert elastic.VraagDocument._index._name == "vraagbaak-vragen"


def test_dutch_index_analyzer_folds_accents_removes_stop_words_decompounds_and_stems():
    analysis = settings_dict()["settings"]["analysis"]
    index_analyzer = analysis["analyzer"]["vraagbaak_dutch"]
    assert index_analyzer["tokenizer"] == "standard"
    assert index_analyzer["filter"] == [
        "lowercase",
        "asciifolding",
        "vraagbaak_dutch_stop",
        "vraagbaak_decompounder",
        "vraagbaak_dutch_stemmer",
    ]
    filters = analysis["filter"]
    assert filters["vraagbaak_dutch_stop"] == {"type": "stop", "stopwords": "_dutch_"}
    assert filters["vraagbaak_dutch_stemmer"] == {"type": "stemmer", "language": "dutch"}


def test_synonyms_are_applied_at_search_time_only_after_accent_folding():
    analyzers = settings_dict()["settings"]["analysis"]["analyzer"]
    assert "vraagbaak_synonyms" not in analyzers["vraagbaak_dutch"]["filter"]
    search_chain = analyzers["vraagbaak_dutch_search"]["filter"]
    assert search_chain[:3] == ["lowercase", "asciifolding", "vraagbaak_synonyms"]
    assert search_chain[-2:] == ["vraagbaak_decompounder", "vraagbaak_dutch_stemmer"]


def test_synonym_filter_holds_the_thesaurus_lines():
    synonyms = settings_dict()["settings"]["analysis"]["filter"]["vraagbaak_synonyms"]
    assert synonyms["type"] == "synonym_graph"
    assert synonyms["synonyms"] == SYNONYMS
    assert synonyms["lenient"] is True


def test_decompounder_holds_the_word_list_lowercased_and_deduplicated():
    body = elastic.index_settings_dict("x", [], ["Schuld", "hulp", "schuld", " ", "huur"])
    decompounder = body["settings"]["analysis"]["filter"]["vraagbaak_decompounder"]
    assert decompounder["type"] == "dictionary_decompounder"
    assert decompounder["word_list"] == ["hulp", "huur", "schuld"]
    assert decompounder["only_longest_match"] is False


def test_empty_thesaurus_and_word_list_leave_those_filters_out():
    analysis = elastic.index_settings_dict("x")["settings"]["analysis"]
    for name in ("vraagbaak_dutch", "vraagbaak_dutch_search"):
        chain = analysis["analyzer"][name]["filter"]
        assert "vraagbaak_synonyms" not in chain
        assert "vraagbaak_decompounder" not in chain
    assert set(analysis["filter"]) == {"vraagbaak_dutch_stop", "vraagbaak_dutch_stemmer"}


def test_synonym_lines_from_groups():
    lines = elastic.synonym_lines([{"wijkteam", "buurtteam"}, {"alleen"}, {"a,b", "c"}])
    assert lines == ["buurtteam, wijkteam", "a b, c"]


def test_mapping_has_text_fields_with_dutch_analysis_and_keyword_facets():
    props = settings_dict()["mappings"]["properties"]
    for field in ("title", "body", "answers", "oplossing"):
        assert props[field] == {
            "type": "text",
            "analyzer": "vraagbaak_dutch",
            "search_analyzer": "vraagbaak_dutch_search",
        }
    for facet in elastic.FACETS:
        assert props[facet] == {"type": "keyword"}
    assert props["is_solved"] == {"type": "boolean"}
    assert props["created_at"] == {"type": "date"}
    assert props["author_id"] == {"type": "integer"}


def test_document_for_sets_id_index_and_solved_flag():
    doc = elastic.document_for(
        {
            "id": 12,
            "title": "T",
            "body": "B",
            "answers": ["a1"],
            "status": "solved",
            "author_id": 3,
        },
        index="test-vragen",
    )
    assert doc.meta.id == 12
    assert doc.meta.index == "test-vragen"
    assert doc.to_dict()["is_solved"] is True
    assert doc.to_dict()["answers"] == ["a1"]


# --- Search ------------------------------------------------------------------------------


def test_text_is_matched_over_title_solution_body_and_answers():
    main = search_dict()["query"]["bool"]["must"][0]["function_score"]["query"]
    assert main["multi_match"]["query"] == "schulden"
    assert main["multi_match"]["fields"] == ["title^3", "oplossing^2", "body", "answers"]
    assert "fuzziness" not in main["multi_match"]


def test_fuzzy_fallback_adds_fuzziness():
    query = SearchQuery(text="schuldn", filters={})
    body = elastic.build_search(query, user_id=1, is_moderator=False, fuzzy=True).to_dict()
    main = body["query"]["bool"]["must"][0]["function_score"]["query"]["multi_match"]
    assert main["fuzziness"] == "AUTO"


def test_empty_text_matches_everything_visible():
    main = search_dict(text="  ")["query"]["bool"]["must"][0]["function_score"]["query"]
    assert main == {"match_all": {}}


def test_solved_threads_get_a_score_boost():
    function_score = search_dict()["query"]["bool"]["must"][0]["function_score"]
    assert function_score["functions"] == [
        {"filter": {"term": {"is_solved": True}}, "weight": elastic.SOLVED_WEIGHT}
    ]
    assert elastic.SOLVED_WEIGHT > 1
    assert function_score["boost_mode"] == "multiply"


def test_non_moderators_only_see_published_questions_or_their_own():
    [visibility] = visibility_clauses(search_dict(user_id=7))
    assert visibility == {
        "bool": {
            "should": [
                {"terms": {"status": ["open", "solved", "closed"]}},
                {"term": {"author_id": 7}},
            ],
            "minimum_should_match": 1,
        }
    }


def test_published_statuses_match_the_vraag_model():
    from vraagbaak.vragen.models import PUBLISHED_STATUSES

    assert set(elastic.PUBLISHED_STATUSES) == {str(s) for s in PUBLISHED_STATUSES}


def test_moderators_see_everything():
    assert visibility_clauses(search_dict(is_moderator=True)) == []


def test_facet_filters_go_into_post_filter_values_ored_facets_anded():
    body = search_dict(
        filters={"fase": ["zwanger", "kraam"], "stadsdeel": ["west"], "unknown": ["x"]}
    )
    assert body["post_filter"] == {
        "bool": {
            "filter": [
                {"terms": {"fase": ["zwanger", "kraam"]}},
                {"terms": {"stadsdeel": ["west"]}},
            ]
        }
    }
    # The main query is not narrowed by the facets, only by visibility.
    assert "fase" not in str(body["query"])


def test_no_post_filter_without_selected_facets():
    assert "post_filter" not in search_dict(filters={"fase": []})


def test_every_facet_has_an_aggregation_filtered_by_the_other_facets_only():
    aggs = search_dict(filters={"fase": ["zwanger"], "stadsdeel": ["west"]})["aggs"]
    assert set(aggs) == {f"_filter_{facet}" for facet in elastic.FACETS}
    for facet in elastic.FACETS:
        assert aggs[f"_filter_{facet}"]["aggs"][facet] == {
            "terms": {"field": facet, "size": elastic.FACET_SIZE}
        }
    assert aggs["_filter_fase"]["filter"] == {
        "bool": {"filter": [{"terms": {"stadsdeel": ["west"]}}]}
    }
    assert aggs["_filter_stadsdeel"]["filter"] == {
        "bool": {"filter": [{"terms": {"fase": ["zwanger"]}}]}
    }
    assert aggs["_filter_risicofactor"]["filter"]["bool"]["filter"] == [
        {"terms": {"fase": ["zwanger"]}},
        {"terms": {"stadsdeel": ["west"]}},
    ]


def test_aggregations_without_selection_count_everything():
    aggs = search_dict()["aggs"]
    assert aggs["_filter_status"]["filter"] == {"match_all": {}}


def test_highlighting_marks_title_body_and_solution_html_escaped():
    highlight = search_dict()["highlight"]
    assert highlight["pre_tags"] == ["<mark>"]
    assert highlight["post_tags"] == ["</mark>"]
    assert highlight["encoder"] == "html"
    assert highlight["fields"]["title"] == {"number_of_fragments": 0}
    for field in ("body", "oplossing"):
        assert highlight["fields"][field]["number_of_fragments"] == 1


def test_paging_follows_the_query():
    body = search_dict(page_size=10, offset=30)
    assert (body["from"], body["size"]) == (30, 10)
    assert body["track_total_hits"] is True


def test_similar_uses_more_like_this_excludes_the_question_and_respects_visibility():
    body = elastic.build_similar(
        "Moeder met huurachterstand",
        user_id=7,
        is_moderator=False,
        exclude_id=12,
        index="test-vragen",
        size=3,
    ).to_dict()
    bool_query = body["query"]["bool"]
    mlt = bool_query["must"][0]["function_score"]["query"]["more_like_this"]
    assert mlt["like"] == "Moeder met huurachterstand"
    assert mlt["fields"] == ["title", "body", "oplossing"]
    assert bool_query["must_not"] == [
        {"ids": {"values": ["12"]}},
        {"term": {"is_duplicate": True}},
    ]
    assert bool_query["filter"][0]["bool"]["should"][1] == {"term": {"author_id": 7}}
    assert body["size"] == 3


def test_similar_for_moderators_without_exclusion():
    body = elastic.build_similar("tekst", user_id=1, is_moderator=True).to_dict()
    assert body["query"]["bool"].get("filter", []) == []
    assert body["query"]["bool"]["must_not"] == [{"term": {"is_duplicate": True}}]


# --- Results -----------------------------------------------------------------------------


RAW_RESPONSE = {
    "took": 3,
    "timed_out": False,
    "hits": {
        "total": {"value": 2, "relation": "eq"},
        "max_score": 2.0,
        "hits": [
            {
                "_index": "test-vragen",
                "_id": "12",
                "_score": 2.0,
                "_source": {"title": "Schulden & huur", "body": "Lang verhaal", "is_solved": True},
                "highlight": {
                    "title": ["<mark>Schulden</mark> &amp; huur"],
                    "oplossing": ["Via de <mark>schuldhulp</mark>."],
                },
            },
            {
                "_index": "test-vragen",
                "_id": "13",
                "_score": 1.0,
                "_source": {"title": "<b>Vraag</b>", "body": "woord " * 100, "is_solved": False},
            },
        ],
    },
    "aggregations": {
        "_filter_fase": {
            "doc_count": 2,
            "fase": {
                "buckets": [{"key": "zwanger", "doc_count": 2}, {"key": "kraam", "doc_count": 1}]
            },
        },
        "_filter_stadsdeel": {"doc_count": 0, "fase": {}, "stadsdeel": {"buckets": []}},
    },
}


def test_to_results_builds_hits_with_highlight_or_escaped_text():
    results = elastic.to_results(RAW_RESPONSE)
    assert results.total == 2
    first, second = results.hits
    assert (first.vraag_id, first.score, first.is_solved) == (12, 2.0, True)
    assert first.title_html == "<mark>Schulden</mark> &amp; huur"
    assert first.snippet_html == "Via de <mark>schuldhulp</mark>."
    assert second.title_html == "&lt;b&gt;Vraag&lt;/b&gt;"
    assert second.snippet_html.endswith("…")
    assert len(second.snippet_html) <= elastic.SNIPPET_LENGTH + 2
    assert second.is_solved is False


def test_to_results_facets_with_labels_selection_and_zero_count_selected_values():
    query = SearchQuery(text="schulden", filters={"fase": ["zwanger"], "stadsdeel": ["west"]})
    results = elastic.to_results(RAW_RESPONSE, query, labels={"fase": {"zwanger": "Zwangerschap"}})
    fase = results.facets["fase"]
    assert [(v.value, v.label, v.count, v.selected) for v in fase] == [
        ("zwanger", "Zwangerschap", 2, True),
        ("kraam", "kraam", 1, False),
    ]
    assert [(v.value, v.count, v.selected) for v in results.facets["stadsdeel"]] == [
        ("west", 0, True)
    ]
    assert set(results.facets) == set(elastic.FACETS)
    assert results.facets["status"] == []


def test_to_results_accepts_a_dsl_response():
    response = Response(
        elastic.build_search(SearchQuery("x", {}), user_id=1, is_moderator=False), RAW_RESPONSE
    )
    results = elastic.to_results(response, expanded_terms=["schuldhulp"])
    assert [h.vraag_id for h in results.hits] == [12, 13]
    assert results.expanded_terms == ["schuldhulp"]
