"""Thin views for questions and answers (STYLE.md B4): lookup, check, form, one action."""

from __future__ import annotations

from dataclasses import replace

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from vraagbaak.pages.models import UrgentBanner
from vraagbaak.search import service as search_service
from vraagbaak.search.types import Hit
from vraagbaak.taxonomie.models import Risicofactor
from vraagbaak.vragen import actions
from vraagbaak.vragen.forms import (
    MAX_PK,
    AnonymityCheckForm,
    AnonymityPreviewForm,
    AntwoordForm,
    OplossingForm,
    SimilarVragenForm,
    VraagFilterForm,
    VraagForm,
)
from vraagbaak.vragen.models import (
    Antwoord,
    CloseReason,
    Follow,
    InvalidTransition,
    Vraag,
    VraagStatus,
)
from vraagbaak.vragen.pagination import paginate_keyset
from vraagbaak.vragen.permissions import (
    can_answer_vraag,
    can_edit_antwoord,
    can_edit_vraag,
    can_follow_vraag,
    can_mark_helpful,
    can_record_oplossing,
    check_answer_vraag,
    check_ask_vraag,
    check_edit_antwoord,
    check_edit_vraag,
    check_record_oplossing,
    is_moderator,
)


def _page_url(request, **cursor: str | None) -> str | None:
    """This list's URL with its filters kept and the paging cursor replaced."""
    params = request.GET.copy()
    for name in ("na", "voor"):
        params.pop(name, None)
    name, value = next(iter(cursor.items()))
    if not value:
        return None
    params[name] = value
    return f"?{params.urlencode()}"


class VraagListView(TemplateView):
    template_name = "vragen/vraag_list.html"

    def get_context_data(self, **kwargs):
        filter_form = VraagFilterForm(self.request.GET)
        vragen = (
            Vraag.objects.visible_to(self.request.user)
            .published()
            .filtered(**filter_form.filters())
            .for_listing()
        )
        page = paginate_keyset(
            vragen,
            size=settings.VRAAGBAAK_PAGE_SIZE,
            after=self.request.GET.get("na"),
            before=self.request.GET.get("voor"),
        )
        return super().get_context_data(
            filter_form=filter_form,
            page=page,
            vragen=page.items,
            is_filtered=bool(filter_form.filters()),
            page_prev_url=_page_url(self.request, voor=page.previous_cursor),
            page_next_url=_page_url(self.request, na=page.next_cursor),
            **kwargs,
        )


def _urgent_banner(request, risicofactoren) -> UrgentBanner | None:
    if any(r.is_urgent for r in risicofactoren):
        return UrgentBanner.load(request_or_site=request)
    return None


def _is_own(user, obj: Vraag | Antwoord) -> bool:
    return obj.author_id is not None and obj.author_id == user.pk


def _thread_context(
    request,
    vraag: Vraag,
    antwoord_form: AntwoordForm | None = None,
    anonymity: AnonymityCheckForm | None = None,
) -> dict:
    """Helper for the question page (shown again when an answer does not validate)."""
    user = request.user
    antwoorden = list(Antwoord.objects.visible_to(user).filter(vraag=vraag).for_thread(user))
    for antwoord in antwoorden:
        antwoord.vraag = vraag
        antwoord.is_own = _is_own(user, antwoord)
        antwoord.can_edit = can_edit_antwoord(user, antwoord)
        antwoord.can_mark_helpful = can_mark_helpful(user, antwoord)
    can_answer = can_answer_vraag(user, vraag)
    if can_answer and antwoord_form is None:
        antwoord_form = AntwoordForm()
    # The standard message for questions closed as unsuitable or acute: the editable
    # urgent-banner text (112, huisartsenpost, crisisdienst, Veilig Thuis).
    acute_banner, close_note = None, ""
    if vraag.status == VraagStatus.CLOSED:
        close_note = vraag.moderation_note.strip()
        if vraag.close_reason == CloseReason.UNSUITABLE:
            acute_banner = UrgentBanner.load(request_or_site=request)
            if close_note == _(actions.UNSUITABLE_MESSAGE):
                close_note = ""  # the banner says it already
    return {
        "vraag": vraag,
        "antwoorden": antwoorden,
        "antwoord_form": antwoord_form if can_answer else None,
        "anonymity": anonymity,
        "is_own": _is_own(user, vraag),
        "is_moderator": is_moderator(user),
        "acute_banner": acute_banner,
        "close_note": close_note,
        "can_edit": can_edit_vraag(user, vraag),
        "can_follow": can_follow_vraag(user, vraag),
        "can_record_oplossing": can_record_oplossing(user, vraag),
        "is_following": Follow.objects.filter(vraag=vraag, user=user).exists(),
        "urgent_banner": _urgent_banner(request, vraag.risicofactoren.all()),
        "similar_hits": _similar_hits(user, vraag),
    }


SIMILAR_LIMIT = 5


def _similar_hits(user, vraag: Vraag) -> list[Hit]:
    """Helper for the question page: up to five questions like this one, solved first.

    The titles lose their <mark>s (stray highlights in a list of titles only distract); they
    stay escaped HTML."""
    hits = search_service.similar(
        f"{vraag.title}\n{vraag.body}", user=user, exclude_id=vraag.pk, limit=SIMILAR_LIMIT
    )
    return [
        replace(hit, title_html=hit.title_html.replace("<mark>", "").replace("</mark>", ""))
        for hit in sorted(hits, key=lambda hit: not hit.is_solved)
    ]


def _get_visible(queryset, request, pk: int):
    """The object with `pk` if `request.user` may see it, else 404 (also for ids too big for
    the database, which would otherwise overflow into a 500)."""
    if pk > MAX_PK:
        raise Http404
    return get_object_or_404(queryset.visible_to(request.user), pk=pk)


def _get_vraag(request, pk: int, queryset=None) -> Vraag:
    return _get_visible(queryset if queryset is not None else Vraag.objects.all(), request, pk)


class VraagDetailView(View):
    def get(self, request, pk: int):
        vraag = _get_vraag(request, pk, Vraag.objects.for_detail())
        return render(request, "vragen/vraag_detail.html", _thread_context(request, vraag))


class AntwoordCreateView(View):
    def post(self, request, pk: int):
        vraag = _get_vraag(request, pk, Vraag.objects.for_detail())
        check_answer_vraag(request.user, vraag)
        form = AntwoordForm(request.POST)
        if not form.is_valid():
            context = _thread_context(request, vraag, antwoord_form=form)
            return render(request, "vragen/vraag_detail.html", context)
        anonymity = AnonymityCheckForm(request.POST, texts=form.anonymity_texts())
        if not anonymity.is_valid():
            context = _thread_context(request, vraag, antwoord_form=form, anonymity=anonymity)
            return render(request, "vragen/vraag_detail.html", context)
        antwoord = actions.create_antwoord(vraag, by=request.user, body=form.cleaned_data["body"])
        _message_antwoord_saved(request, antwoord, _("Je antwoord staat online. Dank je wel!"))
        return redirect(antwoord)


def _message_antwoord_saved(request, antwoord: Antwoord, published_text: str) -> None:
    if antwoord.is_held:
        messages.warning(
            request,
            _(
                "Je antwoord wacht op een moderator, omdat de controle iets vond. "
                "Alleen jij en de moderatoren zien het nu."
            ),
        )
    else:
        messages.success(request, published_text)


def _message_vraag_saved(request, vraag: Vraag, published_text: str, review_text: str) -> None:
    messages.success(
        request, review_text if vraag.status == VraagStatus.IN_REVIEW else published_text
    )


class AnonymityStepMixin:
    """The anonymity check step for form views: nothing is saved while the check finds
    something the author has not confirmed (see AnonymityCheckForm)."""

    def anonymity_step(self, form):
        """A response that shows the check step, or None when the texts may be saved."""
        anonymity = AnonymityCheckForm(self.request.POST, texts=form.anonymity_texts())
        if anonymity.is_valid():
            return None
        return self.render_to_response(self.get_context_data(form=form, anonymity=anonymity))


class VraagFormMixin:
    """Shows the urgent banner again when the form comes back with an urgent risk factor."""

    form_class = VraagForm
    template_name = "vragen/vraag_form.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        form.urgent_banner = _urgent_banner(self.request, form.urgent_risicofactoren())
        return context


class VraagCreateView(AnonymityStepMixin, VraagFormMixin, FormView):
    def dispatch(self, request, *args, **kwargs):
        check_ask_vraag(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        # "Stel een vraag" on the search page carries the search words: /vragen/nieuw/?titel=…
        title = " ".join(self.request.GET.get("titel", "").split())
        return {"title": title[: settings.VRAAGBAAK_QUESTION_TITLE_MAX]} if title else {}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "suggest_similar": True}

    def form_valid(self, form):
        if response := self.anonymity_step(form):
            return response
        try:
            vraag = actions.create_vraag(by=self.request.user, **form.cleaned_data)
        except actions.QuestionLimitReached as error:
            return self.render_to_response(
                self.get_context_data(form=form, limit_message=error.message)
            )
        _message_vraag_saved(
            self.request,
            vraag,
            _("Je vraag staat online. Je krijgt een e-mail bij een antwoord."),
            _(
                "Je vraag is verstuurd. Een moderator bekijkt hem eerst. Daarna staat hij "
                "online. Je krijgt een e-mail bij een antwoord."
            ),
        )
        return redirect(vraag)


class VraagEditView(AnonymityStepMixin, VraagFormMixin, FormView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.vraag = _get_vraag(request, kwargs["pk"])

    def dispatch(self, request, *args, **kwargs):
        check_edit_vraag(request.user, self.vraag)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "vraag": self.vraag}

    def get_context_data(self, **kwargs):
        return super().get_context_data(vraag=self.vraag, **kwargs)

    def form_valid(self, form):
        if response := self.anonymity_step(form):
            return response
        try:
            vraag = actions.edit_vraag(self.vraag, by=self.request.user, **form.cleaned_data)
        except InvalidTransition as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        _message_vraag_saved(
            self.request,
            vraag,
            _("Je wijzigingen zijn opgeslagen."),
            _("Je wijzigingen zijn opgeslagen. Een moderator bekijkt je vraag opnieuw."),
        )
        return redirect(vraag)


class AntwoordEditView(AnonymityStepMixin, FormView):
    form_class = AntwoordForm
    template_name = "vragen/antwoord_form.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.antwoord = _get_visible(
            Antwoord.objects.select_related("vraag"), request, kwargs["pk"]
        )

    def dispatch(self, request, *args, **kwargs):
        check_edit_antwoord(request.user, self.antwoord)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"body": self.antwoord.body}

    def get_context_data(self, **kwargs):
        return super().get_context_data(antwoord=self.antwoord, vraag=self.antwoord.vraag, **kwargs)

    def form_valid(self, form):
        if response := self.anonymity_step(form):
            return response
        antwoord = actions.edit_antwoord(
            self.antwoord, by=self.request.user, body=form.cleaned_data["body"]
        )
        _message_antwoord_saved(self.request, antwoord, _("Je wijzigingen zijn opgeslagen."))
        return redirect(antwoord)


class OplossingView(FormView):
    form_class = OplossingForm
    template_name = "vragen/oplossing_form.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.vraag = _get_vraag(request, kwargs["pk"])

    def dispatch(self, request, *args, **kwargs):
        check_record_oplossing(request.user, self.vraag)
        if not self.vraag.is_open:
            messages.error(request, _("Deze vraag is niet meer open."))
            return redirect(self.vraag)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(vraag=self.vraag, **kwargs)

    def form_valid(self, form):
        try:
            actions.record_oplossing(
                self.vraag, by=self.request.user, oplossing=form.cleaned_data["oplossing"]
            )
        except InvalidTransition as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("De oplossing is vastgelegd. Dank je wel!"))
        return redirect(self.vraag)


class HelpfulView(View):
    """Toggle *dit hielp*: swaps the button for htmx, redirects back without JavaScript."""

    def post(self, request, pk: int):
        visible = Antwoord.objects.visible_to(request.user)
        antwoord = _get_visible(Antwoord.objects.select_related("vraag"), request, pk)
        if request.POST.get("hielp") == "0":
            actions.unmark_helpful(antwoord, by=request.user)
        else:
            actions.mark_helpful(antwoord, by=request.user)
        if not request.htmx:
            return redirect(antwoord)
        antwoord = visible.for_thread(request.user).get(pk=pk)
        antwoord.can_mark_helpful = can_mark_helpful(request.user, antwoord)
        return render(request, "vragen/includes/helpful_button.html", {"antwoord": antwoord})


class FollowView(View):
    """Follow or stop following; swaps the button for htmx, redirects back without JavaScript."""

    def post(self, request, pk: int):
        vraag = _get_vraag(request, pk)
        following = request.POST.get("volgen") != "0"
        if following:
            actions.follow_vraag(vraag, by=request.user)
            messages_text = _("Je volgt deze vraag. Je krijgt een e-mail bij een nieuw antwoord.")
        else:
            actions.unfollow_vraag(vraag, by=request.user)
            messages_text = _("Je volgt deze vraag niet meer.")
        if not request.htmx:
            messages.success(request, messages_text)
            return redirect(vraag)
        context = {"vraag": vraag, "is_following": following, "can_follow": True}
        return render(request, "vragen/includes/follow_button.html", context)


class UrgentBannerView(View):
    """htmx: the urgent banner when one of the ticked risk factors is urgent, else nothing."""

    def get(self, request):
        pks = [pk for pk in request.GET.getlist("risicofactoren") if pk.isdigit() and len(pk) < 10][
            :50
        ]
        urgent = bool(pks) and Risicofactor.objects.filter(pk__in=pks, is_urgent=True).exists()
        banner = UrgentBanner.load(request_or_site=request) if urgent else None
        return render(request, "vragen/includes/urgent_banner.html", {"urgent_banner": banner})


class AnonymityCheckView(View):
    """htmx: check the typed texts before submitting; the marked text goes into a live region.

    POST, so case text never ends up in a URL. Nothing is stored.
    """

    def post(self, request):
        texts = AnonymityPreviewForm(request.POST).texts()
        anonymity = AnonymityCheckForm(texts=texts)
        return render(request, "vragen/includes/anonymity_result.html", {"anonymity": anonymity})


class SimilarVragenView(View):
    """htmx: published questions like the title being typed, solved ones first (wildgroei).

    POST, so the title never ends up in a URL or access log.
    """

    def post(self, request):
        query, user = SimilarVragenForm(request.POST).query(), request.user
        hits = search_service.similar(query, user=user, limit=SIMILAR_LIMIT) if query else []
        hits = sorted(hits, key=lambda hit: not hit.is_solved)
        vragen = Vraag.objects.visible_to(user).published().in_bulk([h.vraag_id for h in hits])
        similar = [vragen[h.vraag_id] for h in hits if h.vraag_id in vragen]
        return render(request, "vragen/includes/similar_vragen.html", {"similar_vragen": similar})
