"""The search page (/zoeken/): a GET form that works without JavaScript; htmx refreshes the
results and facet counts in place when a filter is ticked."""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil
from urllib.parse import urlencode

from django.urls import reverse
from django.views.generic import TemplateView
from django_htmx.http import HttpResponseClientRedirect

from vraagbaak.search import service
from vraagbaak.search.forms import (
    FACET_LABELS,
    MAX_QUERY_LENGTH,
    PAGE_SIZE,
    SearchParams,
    ask_title,
)
from vraagbaak.search.types import FACET_KEYS, FacetValue, Hit, SearchResults
from vraagbaak.taxonomie.models import Risicofactor
from vraagbaak.vragen.models import Vraag


@dataclass
class ResultItem:
    """One hit with the question it points to (loaded for the listing)."""

    hit: Hit
    vraag: Vraag


@dataclass
class FacetGroup:
    key: str
    label: str
    values: list[FacetValue]

    @property
    def selected_count(self) -> int:
        return sum(1 for v in self.values if v.selected)


@dataclass
class Chip:
    """A selected filter, shown as a removable chip."""

    facet_label: str
    label: str
    remove_url: str


#: "Ook gezocht op": at most this many of the terms the query was expanded with.
MAX_EXPANDED_SHOWN = 12


class SearchView(TemplateView):
    template_name = "search/search.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.params = SearchParams(request.GET)

    def get(self, request, *args, **kwargs):
        if getattr(request, "htmx", False) and self.params.is_empty:
            # The last filter was unticked and there are no words: the whole page changes
            # (tips instead of results), so load it instead of swapping parts.
            return HttpResponseClientRedirect(reverse("zoeken:search"))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        params = self.params
        context = super().get_context_data(
            params=params,
            max_query_length=MAX_QUERY_LENGTH,
            announce=bool(getattr(self.request, "htmx", False)),
            **kwargs,
        )
        if params.is_empty:
            context["browse_risicofactoren"] = Risicofactor.objects.active()
            return context
        results, page = _search_page(params, self.request.user)
        urls = _Urls(params)
        return context | {
            "results": results,
            "estimated_total": _rounded(results.estimated_total),
            "expanded_terms": results.expanded_terms[:MAX_EXPANDED_SHOWN],
            "items": _items(results.hits, self.request.user),
            "facet_groups": _facet_groups(results, params),
            "chips": _chips(params, urls),
            "page": page,
            "first_rank": (page - 1) * PAGE_SIZE + 1,
            "pages": _page_links(page, _page_count(results.total), urls),
            "page_prev_url": urls.page(page - 1) if page > 1 else None,
            "page_next_url": urls.page(page + 1) if page < _page_count(results.total) else None,
            "clear_filters_url": urls.without_filters(),
            "ask_url": reverse("vragen:create")
            + (f"?{urlencode({'titel': ask_title(params.text)})}" if params.text else ""),
        }


def _rounded(number: int | None) -> int | None:
    """Helper for SearchView: an estimate to two significant digits (12.345 -> 12.000)."""
    if not number:
        return None
    step = 10 ** max(0, len(str(number)) - 2)
    return round(number / step) * step


def _page_count(total: int) -> int:
    return max(1, ceil(total / PAGE_SIZE))


def _search_page(params: SearchParams, user) -> tuple[SearchResults, int]:
    """Helper for SearchView: the results of the asked page, or of the last page when the
    asked one lies beyond the end."""
    results = service.search(params.query(), user=user)
    last = _page_count(results.total)
    if params.page > last:
        return service.search(params.query(last), user=user), last
    return results, params.page


def _items(hits: list[Hit], user) -> list[ResultItem]:
    """Helper for SearchView: the hits with their questions, in rank order. A hit the user may
    not see (should the backend ever return one) is left out."""
    vragen = Vraag.objects.visible_to(user).for_listing().in_bulk([h.vraag_id for h in hits])
    return [ResultItem(h, vragen[h.vraag_id]) for h in hits if h.vraag_id in vragen]


def _facet_groups(results: SearchResults, params: SearchParams) -> list[FacetGroup]:
    """Helper for SearchView: facets in display order; selected values always stay listed."""
    groups = []
    for key in FACET_KEYS:
        selected = params.selected.get(key, {})
        values = [
            FacetValue(v.value, v.label, v.count, v.value in selected)
            for v in results.facets.get(key, [])
        ]
        listed = {v.value for v in values}
        values += [FacetValue(v, name, 0, True) for v, name in selected.items() if v not in listed]
        # count None: a broad search, not counted; every value stays listed.
        values = [v for v in values if v.count is None or v.count or v.selected]
        if values:
            groups.append(FacetGroup(key, str(FACET_LABELS[key]), values))
    return groups


def _chips(params: SearchParams, urls: _Urls) -> list[Chip]:
    return [
        Chip(str(FACET_LABELS[key]), label, urls.without(key, value))
        for key, values in params.selected.items()
        for value, label in values.items()
    ]


def _page_links(current: int, last: int, urls: _Urls) -> list[dict]:
    """Helper for SearchView: page numbers around the current one, first and last, with gaps."""
    if last <= 1:
        return []
    numbers = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
    links, previous = [], 0
    for number in numbers:
        if number - previous > 1:
            links.append({"gap": True})
        links.append({"number": number, "url": urls.page(number), "current": number == current})
        previous = number
    return links


class _Urls:
    """Helper for SearchView: links that keep the words and filters and change one thing."""

    def __init__(self, params: SearchParams):
        self.base = reverse("zoeken:search")
        self.text = params.text
        self.pairs = [(key, value) for key, values in params.selected.items() for value in values]

    def _url(self, pairs: list[tuple[str, str]], page: int = 1) -> str:
        query = ([("q", self.text)] if self.text else []) + pairs
        if page > 1:
            query.append(("pagina", str(page)))
        return f"{self.base}?{urlencode(query)}" if query else self.base

    def page(self, number: int) -> str:
        return self._url(self.pairs, number)

    def without(self, key: str, value: str) -> str:
        return self._url([p for p in self.pairs if p != (key, value)])

    def without_filters(self) -> str:
        return self._url([])
