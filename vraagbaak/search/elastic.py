"""Elasticsearch backend: index definition and query builders.

Built with ``elasticsearch.dsl`` from the official ``elasticsearch`` (>= 9) client. This
module only *describes* the index and the queries; it never talks to a server by itself,
so the mapping and the queries can be tested as dicts without Elasticsearch.

Analysis
--------
Two custom analyzers share one chain of filters:

* ``vraagbaak_dutch`` (index time): standard tokenizer -> lowercase -> asciifolding
  (``financiële`` -> ``financiele``) -> Dutch stop words -> dictionary decompounder
  (``schuldhulpverlening`` also yields ``schuld``, ``hulp``, ``verlening``) -> Dutch stemmer.
* ``vraagbaak_dutch_search`` (search time): the same chain with a ``synonym_graph``
  filter right after asciifolding. Synonyms live only at search time, so editing the
  thesaurus needs no reindex (only an index close/open or a rebuild to reload the
  settings). The synonym rules are parsed by the filters *before* the synonym filter
  (tokenizer, lowercase, asciifolding), so thesaurus lines may contain accents and
  capitals. The decompounder runs at search time too, so ``huurachterstand`` finds
  ``huur achterstand`` and the other way round.

Facet counts
------------
Facet filters go into ``post_filter``, not into the query. The query holds only the
text match and the visibility filter. Each facet's aggregation is wrapped in a
``filter`` aggregation holding the filters of all *other* facets. So the counts of a
facet show what you would get when you add one of its values to the current selection
(values within a facet are OR-ed, facets are AND-ed), and the values of a facet you
already filter on do not disappear. This is what ``FacetedSearch`` does as well; we
build it by hand to keep the visibility filter, the solved boost and highlighting in
one place.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from elasticsearch import dsl

from vraagbaak.search.types import FACET_KEYS, FacetValue, Hit, SearchQuery, SearchResults

DEFAULT_INDEX_NAME = "vraagbaak-vragen"

# The facets, in the order the page shows them. Keys match SearchQuery.filters.
FACETS: tuple[str, ...] = FACET_KEYS

# Statuses every verified professional may see (vraagbaak.vragen.models.PUBLISHED_STATUSES).
PUBLISHED_STATUSES: tuple[str, ...] = ("open", "solved", "closed")

# Fields the text query searches, with their boosts.
SEARCH_FIELDS: tuple[str, ...] = ("title^3", "oplossing^2", "body", "answers")

# How much a solved thread gains over an unsolved one of similar relevance.
SOLVED_WEIGHT = 1.5

# Max number of values per facet aggregation.
FACET_SIZE = 50

HIGHLIGHT_TAGS = {"pre_tags": ["<mark>"], "post_tags": ["</mark>"]}
SNIPPET_FIELDS: tuple[str, ...] = ("oplossing", "body", "answers")
SNIPPET_LENGTH = 200

INDEX_ANALYZER = "vraagbaak_dutch"
SEARCH_ANALYZER = "vraagbaak_dutch_search"


def _text(**kwargs: Any) -> dsl.Text:
    return dsl.Text(analyzer=INDEX_ANALYZER, search_analyzer=SEARCH_ANALYZER, **kwargs)


class VraagDocument(dsl.Document):
    """One question thread: the question, its published answers and its solution.

    The document id is the Vraag's primary key. Only what search needs is stored; answers
    that are hidden or held by a moderator must not be put in ``answers``.
    """

    title = _text()
    body = _text()
    answers = _text(multi=True)
    oplossing = _text()

    risicofactor = dsl.Keyword(multi=True)
    fase = dsl.Keyword(multi=True)
    stadsdeel = dsl.Keyword(multi=True)
    vraagtype = dsl.Keyword(multi=True)
    status = dsl.Keyword()
    discipline = dsl.Keyword(multi=True)

    is_solved = dsl.Boolean()
    #: Closed as a duplicate: left out of similar questions.
    is_duplicate = dsl.Boolean()
    created_at = dsl.Date()
    # Visibility: non-moderators see published statuses plus their own questions.
    author_id = dsl.Integer()

    class Index:
        name = DEFAULT_INDEX_NAME


# --- Analysis -------------------------------------------------------------------------


def dutch_filters(synonyms: Sequence[str], compound_words: Sequence[str]) -> dict[str, Any]:
    """The token filters of both analyzers, keyed by name."""
    return {
        "vraagbaak_dutch_stop": dsl.token_filter(
            "vraagbaak_dutch_stop", "stop", stopwords="_dutch_"
        ),
        "vraagbaak_decompounder": dsl.token_filter(
            "vraagbaak_decompounder",
            "dictionary_decompounder",
            word_list=sorted({w.strip().lower() for w in compound_words if w.strip()}),
            min_subword_size=3,
            only_longest_match=False,
        ),
        "vraagbaak_dutch_stemmer": dsl.token_filter(
            "vraagbaak_dutch_stemmer", "stemmer", language="dutch"
        ),
        "vraagbaak_synonyms": dsl.token_filter(
            "vraagbaak_synonyms",
            "synonym_graph",
            synonyms=[line.strip() for line in synonyms if line.strip()],
            # A bad thesaurus line is skipped instead of failing the whole index.
            lenient=True,
        ),
    }


def build_analyzers(synonyms: Sequence[str], compound_words: Sequence[str]) -> tuple[Any, Any]:
    """(index analyzer, search analyzer). ``synonyms`` are lines like ``"a, b, c"``.

    Elasticsearch rejects an empty decompounder word list, so the decompounder (and the
    synonym filter) are left out of the chain when their list is empty.
    """
    f = dutch_filters(synonyms, compound_words)
    has_compounds = bool(f["vraagbaak_decompounder"].word_list)
    has_synonyms = bool(f["vraagbaak_synonyms"].synonyms)
    tail = [f["vraagbaak_dutch_stop"]]
    if has_compounds:
        tail.append(f["vraagbaak_decompounder"])
    tail.append(f["vraagbaak_dutch_stemmer"])
    head = ["lowercase", "asciifolding"]
    index_analyzer = dsl.analyzer(INDEX_ANALYZER, tokenizer="standard", filter=head + tail)
    search_filters = head + ([f["vraagbaak_synonyms"]] if has_synonyms else []) + tail
    search_analyzer = dsl.analyzer(SEARCH_ANALYZER, tokenizer="standard", filter=search_filters)
    return index_analyzer, search_analyzer


def synonym_lines(groups: Iterable[Iterable[str]]) -> list[str]:
    """Turn synonym groups (e.g. thesaurus.SEED_SYNONYMS) into ``"a, b, c"`` lines."""
    lines = []
    for group in groups:
        terms = sorted({t.strip().replace(",", " ") for t in group if t and t.strip()})
        if len(terms) > 1:
            lines.append(", ".join(terms))
    return lines


def build_index(
    name: str = DEFAULT_INDEX_NAME,
    synonyms: Sequence[str] = (),
    compound_words: Sequence[str] = (),
) -> dsl.Index:
    """The index with its settings, analysis and the VraagDocument mapping."""
    index = dsl.Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0)
    index_analyzer, search_analyzer = build_analyzers(synonyms, compound_words)
    index.analyzer(index_analyzer)
    index.analyzer(search_analyzer)
    index.document(VraagDocument)
    return index


def index_settings_dict(
    name: str = DEFAULT_INDEX_NAME,
    synonyms: Sequence[str] = (),
    compound_words: Sequence[str] = (),
) -> dict[str, Any]:
    """Settings and mappings as the body of a create-index request."""
    return build_index(name, synonyms, compound_words).to_dict()


# --- Queries ----------------------------------------------------------------------------


def visibility_filter(*, user_id: int | None, is_moderator: bool) -> dsl.query.Query | None:
    """What a user may see: moderators everything; others published or their own."""
    if is_moderator:
        return None
    published = dsl.Q("terms", status=list(PUBLISHED_STATUSES))
    if user_id is None:
        return published
    return dsl.Q(
        "bool", should=[published, dsl.Q("term", author_id=user_id)], minimum_should_match=1
    )


def facet_filter(facet: str, values: Sequence[str]) -> dsl.query.Query:
    """Values within one facet are OR-ed."""
    return dsl.Q("terms", **{facet: list(values)})


def _facet_filters(filters: Mapping[str, Sequence[str]]) -> dict[str, dsl.query.Query]:
    return {facet: facet_filter(facet, filters[facet]) for facet in FACETS if filters.get(facet)}


def text_query(text: str, *, fuzzy: bool = False, analyzer: str | None = None) -> dsl.query.Query:
    """Text match over title, solution, body and answers; match_all for an empty text.

    ``fuzzy`` is the typo fallback: the caller retries with it when nothing was found.
    ``analyzer`` overrides the search analyzer: :data:`INDEX_ANALYZER` searches without
    the thesaurus (``expand=False``, for the relevance "before" figures).
    """
    text = (text or "").strip()
    if not text:
        return dsl.Q("match_all")
    kwargs: dict[str, Any] = {
        "query": text,
        "fields": list(SEARCH_FIELDS),
        "type": "best_fields",
        "tie_breaker": 0.3,
    }
    if fuzzy:
        kwargs.update(fuzziness="AUTO", prefix_length=1)
    if analyzer:
        kwargs["analyzer"] = analyzer
    return dsl.Q("multi_match", **kwargs)


def solved_boost(query: dsl.query.Query) -> dsl.query.Query:
    """Multiply the score of solved threads: they rank above unsolved ones of similar relevance."""
    return dsl.Q(
        "function_score",
        query=query,
        functions=[
            dsl.function.SF({"filter": dsl.Q("term", is_solved=True), "weight": SOLVED_WEIGHT})
        ],
        score_mode="multiply",
        boost_mode="multiply",
    )


def build_search(
    query: SearchQuery,
    *,
    user_id: int | None,
    is_moderator: bool,
    index: str = DEFAULT_INDEX_NAME,
    fuzzy: bool = False,
    analyzer: str | None = None,
    using: Any = "default",
) -> dsl.Search:
    """The search for the results page: text, visibility, facets, highlighting, paging."""
    main = solved_boost(text_query(query.text, fuzzy=fuzzy, analyzer=analyzer))
    visible = visibility_filter(user_id=user_id, is_moderator=is_moderator)
    bool_query = dsl.Q("bool", must=[main], filter=[visible] if visible is not None else [])

    s = dsl.Search(using=using, index=index).query(bool_query)

    selected = _facet_filters(query.filters)
    if selected:
        s = s.post_filter(dsl.Q("bool", filter=list(selected.values())))

    for facet in FACETS:
        others = [f for name, f in selected.items() if name != facet]
        agg = s.aggs.bucket(
            f"_filter_{facet}",
            "filter",
            filter=dsl.Q("bool", filter=others) if others else dsl.Q("match_all"),
        )
        agg.bucket(facet, "terms", field=facet, size=FACET_SIZE)

    s = s.highlight_options(encoder="html", **HIGHLIGHT_TAGS)
    s = s.highlight("title", number_of_fragments=0)
    s = s.highlight(
        "body", "oplossing", "answers", fragment_size=SNIPPET_LENGTH, number_of_fragments=1
    )
    s = s.source(["title", "body", "oplossing", "is_solved", "status"])
    s = s.extra(track_total_hits=True)
    return s[query.offset : query.offset + query.page_size]


def build_similar(
    text: str,
    *,
    user_id: int | None,
    is_moderator: bool,
    exclude_id: int | None = None,
    index: str = DEFAULT_INDEX_NAME,
    size: int = 5,
    using: Any = "default",
) -> dsl.Search:
    """Similar questions (ask form panel, "vergelijkbare vragen" block): more_like_this on
    text, without ``exclude_id`` and without questions closed as duplicates."""
    mlt = dsl.Q(
        "more_like_this",
        fields=["title", "body", "oplossing"],
        like=text,
        min_term_freq=1,
        min_doc_freq=1,
        max_query_terms=25,
        minimum_should_match="20%",
    )
    filters = []
    visible = visibility_filter(user_id=user_id, is_moderator=is_moderator)
    if visible is not None:
        filters.append(visible)
    must_not = [dsl.Q("ids", values=[str(exclude_id)])] if exclude_id is not None else []
    must_not.append(dsl.Q("term", is_duplicate=True))
    q = dsl.Q("bool", must=[solved_boost(mlt)], filter=filters, must_not=must_not)
    s = dsl.Search(using=using, index=index).query(q)
    s = s.highlight_options(encoder="html", **HIGHLIGHT_TAGS).highlight(
        "title", number_of_fragments=0
    )
    s = s.source(["title", "body", "oplossing", "is_solved", "status"])
    return s[:size]


# --- Results ----------------------------------------------------------------------------


def _escape(text: str) -> str:
    return html.escape(text or "", quote=False)


def _plain_snippet(text: str) -> str:
    text = " ".join((text or "").split())
    if len(text) > SNIPPET_LENGTH:
        text = text[:SNIPPET_LENGTH].rsplit(" ", 1)[0] + " …"
    return _escape(text)


def _hit(raw: Mapping[str, Any]) -> Hit:
    source = raw.get("_source") or {}
    highlight = raw.get("highlight") or {}
    title_html = (
        highlight["title"][0] if highlight.get("title") else _escape(source.get("title", ""))
    )
    snippet_html = ""
    for field in SNIPPET_FIELDS:
        if highlight.get(field):
            snippet_html = highlight[field][0]
            break
    else:
        snippet_html = _plain_snippet(source.get("oplossing") or source.get("body") or "")
    return Hit(
        vraag_id=int(raw["_id"]),
        score=float(raw.get("_score") or 0.0),
        title_html=title_html,
        snippet_html=snippet_html,
        is_solved=bool(source.get("is_solved")),
    )


def to_results(
    response: Any,
    query: SearchQuery | None = None,
    *,
    labels: Mapping[str, Mapping[str, str]] | None = None,
    expanded_terms: Sequence[str] = (),
) -> SearchResults:
    """Turn a search response (dsl Response or the raw dict) into SearchResults.

    ``labels`` maps facet -> value -> display label (e.g. slug -> name); without it the
    value itself is the label. Selected values from ``query`` are always listed, also
    when their count is 0, so the user can switch them off.
    """
    raw = response.to_dict() if hasattr(response, "to_dict") else dict(response)
    hits_part = raw.get("hits") or {}
    total = hits_part.get("total") or 0
    if isinstance(total, Mapping):
        total = total.get("value", 0)
    hits = [_hit(h) for h in hits_part.get("hits") or []]

    filters = query.filters if query is not None else {}
    labels = labels or {}
    aggs = raw.get("aggregations") or {}
    facets: dict[str, list[FacetValue]] = {}
    for facet in FACETS:
        wrapper = aggs.get(f"_filter_{facet}") or {}
        buckets = (wrapper.get(facet) or {}).get("buckets") or []
        chosen = set(filters.get(facet) or ())
        facet_labels = labels.get(facet) or {}
        values = [
            FacetValue(
                value=str(b["key"]),
                label=facet_labels.get(str(b["key"]), str(b["key"])),
                count=int(b["doc_count"]),
                selected=str(b["key"]) in chosen,
            )
            for b in buckets
        ]
        seen = {v.value for v in values}
        for missing in sorted(chosen - seen):
            values.append(
                FacetValue(
                    value=missing, label=facet_labels.get(missing, missing), count=0, selected=True
                )
            )
        facets[facet] = values
    return SearchResults(
        hits=hits, total=int(total), facets=facets, expanded_terms=list(expanded_terms)
    )


def document_for(vraag_data: Mapping[str, Any], index: str = DEFAULT_INDEX_NAME) -> VraagDocument:
    """A VraagDocument from plain data (id, title, body, answers, ... as in the mapping)."""
    data = dict(vraag_data)
    doc_id = data.pop("id")
    status = data.get("status")
    data.setdefault("is_solved", status == "solved")
    doc = VraagDocument(meta={"id": doc_id, "index": index}, **data)
    return doc
