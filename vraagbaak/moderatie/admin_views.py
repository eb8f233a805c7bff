"""The moderators' working surface in the Wagtail admin (/beheer/moderatie/).

Queues (reads through QuerySet methods) and one view per moderator action. Every action
view calls exactly one action from `vragen.actions` or `moderatie.actions`; the actions
check permissions themselves (STYLE.md B1–B4). Buttons come from
`available_moderation_actions(user, vraag)`, so buttons and rules cannot drift apart.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from vraagbaak.anonymity import check_text
from vraagbaak.anonymity.highlight import highlight_findings
from vraagbaak.moderatie import admin_forms
from vraagbaak.moderatie.actions import dismiss_meldingen, request_oplossing
from vraagbaak.moderatie.models import Melding
from vraagbaak.moderatie.permissions import can_request_oplossing
from vraagbaak.vragen.actions import (
    approve_antwoord,
    approve_vraag,
    available_antwoord_moderation_actions,
    available_moderation_actions,
    close_vraag,
    hide_antwoord,
    record_oplossing,
    redact_antwoord,
    redact_vraag,
    reject_vraag,
    reopen_vraag,
    restore_antwoord,
)
from vraagbaak.vragen.models import Antwoord, CloseReason, InvalidTransition, Vraag
from vraagbaak.vragen.permissions import is_moderator

# URL names inside the "moderatie" admin namespace (see wagtail_hooks.ModeratieViewSet).
NS = "moderatie"


def url(name: str, *args) -> str:
    return reverse(f"{NS}:{name}", args=args)


# --- Presentation helpers (no business rules) ------------------------------------------


def age(moment) -> str:
    """'3 uur geleden' (one unit, Dutch through Django's own translations)."""
    if moment is None:
        return ""
    now = timezone.now()
    if (now - moment).total_seconds() < 60:
        return _("zojuist")
    return _("%(age)s geleden") % {"age": timesince(moment, now, depth=1)}


def vraag_findings(vraag: Vraag) -> tuple[list, list]:
    """Findings in title and body: the stored ones, or a check now when none were stored."""
    if not vraag.anonymity_findings:
        return check_text(vraag.title), check_text(vraag.body)
    return vraag.findings_for("title"), vraag.findings_for("body")


def body_findings(body: str, stored: list) -> list:
    """Findings of an answer: stored ones, or a check now when none were stored."""
    if not stored:
        return check_text(body)
    return [f for f in stored if f.get("field", "body") == "body"]


def vraag_item(vraag: Vraag, user) -> dict:
    """Everything a queue shows about one question, with buttons from the rules."""
    title_findings, body_findings_ = vraag_findings(vraag)
    profile = getattr(vraag.author, "profile", None) if vraag.author_id else None
    return {
        "vraag": vraag,
        "age": age(vraag.created_at),
        "risicofactoren": list(vraag.risicofactoren.all()),
        "discipline": getattr(profile, "discipline", None),
        "title_html": highlight_findings(vraag.title, title_findings),
        "body_html": highlight_findings(vraag.body, body_findings_),
        "finding_count": len(title_findings) + len(body_findings_),
        "actions": vraag_buttons(vraag, available_moderation_actions(user, vraag)),
        "detail_url": url("vraag", vraag.pk),
    }


def antwoord_item(antwoord: Antwoord, user) -> dict:
    findings = body_findings(antwoord.body, antwoord.anonymity_findings)
    profile = getattr(antwoord.author, "profile", None) if antwoord.author_id else None
    return {
        "antwoord": antwoord,
        "age": age(antwoord.created_at),
        "author_label": _("Schrijver"),
        "discipline": getattr(profile, "discipline", None),
        "body_html": highlight_findings(antwoord.body, findings),
        "finding_count": len(findings),
        "actions": antwoord_buttons(
            antwoord, available_antwoord_moderation_actions(user, antwoord)
        ),
        "detail_url": url("vraag", antwoord.vraag_id) + f"#antwoord-{antwoord.pk}",
    }


# name -> (url name, label, needs a form first, style)
VRAAG_BUTTONS = {
    "approve": ("vraag_approve", gettext_lazy("Goedkeuren"), False, "primary"),
    "redact": ("vraag_redact", gettext_lazy("Aanpassen"), True, "secondary"),
    "reject": ("vraag_reject", gettext_lazy("Afwijzen"), True, "warning"),
    "close": ("vraag_close", gettext_lazy("Sluiten"), True, "secondary"),
    "solve": ("vraag_solve", gettext_lazy("Oplossing vastleggen"), True, "secondary"),
    "reopen": ("vraag_reopen", gettext_lazy("Heropenen"), False, "secondary"),
}


def _buttons(table: dict, pk: int, names) -> list[dict]:
    """Buttons for the action `names` (from available_*_moderation_actions) of one item."""
    return [
        {
            "name": name,
            "url": url(table[name][0], pk),
            "label": table[name][1],
            "needs_form": table[name][2],
            "style": table[name][3],
        }
        for name in names
        if name in table
    ]


def vraag_buttons(vraag: Vraag, names) -> list[dict]:
    return _buttons(VRAAG_BUTTONS, vraag.pk, names)


ANTWOORD_BUTTONS = {
    "approve": ("antwoord_approve", gettext_lazy("Goedkeuren"), False, "primary"),
    "redact": ("antwoord_redact", gettext_lazy("Aanpassen"), True, "secondary"),
    "hide": ("antwoord_hide", gettext_lazy("Verbergen"), True, "warning"),
    "restore": ("antwoord_restore", gettext_lazy("Weer tonen"), False, "secondary"),
}


def antwoord_buttons(antwoord: Antwoord, names) -> list[dict]:
    return _buttons(ANTWOORD_BUTTONS, antwoord.pk, names)


# --- Base views ----------------------------------------------------------------------


class ModeratorRequiredMixin:
    """Only moderators (verified, with vragen.moderate_vraag); others get 403."""

    def dispatch(self, request, *args, **kwargs):
        if not is_moderator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def stale_message(request, exc: InvalidTransition) -> None:
    messages.error(
        request,
        _("Dat kan niet meer: %(reason)s Misschien was een andere moderator je voor.")
        % {"reason": exc.message},
    )


class QueueView(ModeratorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "moderatie/admin/queue.html"
    item_template = "moderatie/admin/includes/vraag_item.html"
    empty_text = ""
    intro = ""
    paginate_by = 25

    def get_queryset(self):
        raise NotImplementedError

    def make_item(self, obj) -> dict:
        return vraag_item(obj, self.request.user)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(self.get_queryset(), self.paginate_by).get_page(self.request.GET.get("p"))
        context.update(
            page_obj=page,
            items=[self.make_item(obj) for obj in page],
            item_template=self.item_template,
            empty_text=self.empty_text,
            intro=self.intro,
            next_url=self.request.get_full_path(),
        )
        return context


class ActionMixin:
    """Shared by action views: the object, where to go back to, and stale-state handling."""

    model = Vraag
    success_message = ""

    def get_object(self):
        if self.model is Antwoord:
            qs = Antwoord.objects.select_related("vraag", "author")
        else:
            qs = Vraag.objects.select_related("author")
        return get_object_or_404(qs, pk=self.kwargs["pk"])

    def dispatch(self, request, *args, **kwargs):
        if not is_moderator(request.user):
            raise PermissionDenied
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_back_url(self):
        return get_valid_next_url_from_request(self.request) or self.default_back_url()

    def default_back_url(self):
        if self.model is Antwoord:
            return url("antwoorden") if self.object.is_held else url("vraag", self.object.vraag_id)
        return url("vragen")

    def run(self, call):
        """Call one action; a stale state or a refused transition goes back with a message."""
        try:
            call()
        except InvalidTransition as exc:
            stale_message(self.request, exc)
            return redirect(self.get_back_url())
        messages.success(self.request, self.success_message)
        return redirect(self.get_back_url())


class PostActionView(ActionMixin, View):
    """POST only: one click, one action."""

    http_method_names = ["post"]

    def perform(self):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        return self.run(self.perform)


class FormActionView(ActionMixin, WagtailAdminTemplateMixin, FormView):
    """GET shows the form, POST validates and calls one action."""

    template_name = "moderatie/admin/action_form.html"
    action_name = ""  # name in available_moderation_actions (questions only)
    submit_label = gettext_lazy("Opslaan")

    def get(self, request, *args, **kwargs):
        if self.model is Vraag and self.action_name:
            if self.action_name not in available_moderation_actions(request.user, self.object):
                messages.error(
                    request,
                    _(
                        "Dat kan niet meer bij deze vraag. "
                        "Misschien was een andere moderator je voor."
                    ),
                )
                return redirect(self.get_back_url())
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": self.default_back_url(), "label": _("Moderatie")},
            {"url": "", "label": self.get_page_title()},
        ]

    def perform(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            return self.run(lambda: self.perform(form))
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        if self.model is Antwoord:
            item = antwoord_item(obj, self.request.user)
        else:
            item = vraag_item(obj, self.request.user)
        context.update(
            item=item,
            object=obj,
            action_url=self.request.path,
            submit_label=self.submit_label,
            back_url=self.get_back_url(),
            next_url=get_valid_next_url_from_request(self.request),
        )
        return context


# --- Queues -----------------------------------------------------------------------------


class NewVragenQueueView(QueueView):
    page_title = gettext_lazy("Nieuwe vragen")
    header_icon = "help"
    empty_text = gettext_lazy("Er wachten geen nieuwe vragen.")
    intro = gettext_lazy(
        "Vragen met een urgente risicofactor staan bovenaan, daarna de oudste. "
        "Gemarkeerde tekst kan een gezin herkenbaar maken."
    )

    def get_queryset(self):
        return (
            Vraag.objects.in_review_queue()
            .select_related("author__profile__discipline")
            .prefetch_related("risicofactoren")
        )


class HeldAntwoordenQueueView(QueueView):
    page_title = gettext_lazy("Vastgehouden antwoorden")
    header_icon = "comment"
    item_template = "moderatie/admin/includes/antwoord_item.html"
    empty_text = gettext_lazy("Er wachten geen antwoorden.")
    intro = gettext_lazy(
        "De anonimiteitscheck vond iets in deze antwoorden. Ze zijn pas zichtbaar na "
        "goedkeuring. De oudste staan bovenaan."
    )

    def get_queryset(self):
        return Antwoord.objects.held_queue().select_related("vraag", "author__profile__discipline")

    def make_item(self, obj):
        return antwoord_item(obj, self.request.user)


class WaitingForOplossingQueueView(QueueView):
    page_title = gettext_lazy("Wacht op oplossing")
    header_icon = "time"
    item_template = "moderatie/admin/includes/waiting_item.html"
    empty_text = gettext_lazy("Er wachten geen vragen op een oplossing.")
    intro = gettext_lazy(
        "De vraagsteller kreeg al twee herinneringen en heeft nog geen oplossing vastgelegd. "
        "Vraag het persoonlijk, of sluit de vraag als verlopen."
    )

    def get_queryset(self):
        return (
            Vraag.objects.waiting_for_oplossing()
            .select_related("author__profile__discipline")
            .prefetch_related("risicofactoren")
        )

    def make_item(self, obj):
        item = vraag_item(obj, self.request.user)
        item["first_answer_age"] = age(obj.first_answer_at)
        item["requested_age"] = age(obj.oplossing_requested_at)
        item["can_close"] = any(a["name"] == "close" for a in item["actions"])
        item["request_url"] = url("vraag_request_oplossing", obj.pk)
        item["close_url"] = url("vraag_close", obj.pk)
        return item


class MeldingenQueueView(QueueView):
    """Open meldingen grouped per reported question or answer, most reported first."""

    page_title = gettext_lazy("Meldingen")
    header_icon = "warning"
    item_template = "moderatie/admin/includes/melding_item.html"
    empty_text = gettext_lazy("Er zijn geen open meldingen.")
    intro = gettext_lazy(
        "Professionals meldden deze vragen en antwoorden. Pas aan, verberg of sluit wat niet "
        "klopt. Is er niets aan de hand? Sluit dan de meldingen af."
    )

    def get_queryset(self):
        meldingen = (
            Melding.objects.open()
            .select_related(
                "vraag__author__profile__discipline",
                "antwoord__vraag",
                "antwoord__author__profile__discipline",
            )
            .prefetch_related("vraag__risicofactoren")
            .order_by("created_at", "id")
        )
        groups: dict[tuple, list[Melding]] = {}
        for melding in meldingen:
            groups.setdefault((melding.vraag_id, melding.antwoord_id), []).append(melding)
        return sorted(groups.values(), key=lambda g: (-len(g), g[0].created_at))

    def make_item(self, group):
        first = group[0]
        if first.antwoord_id:
            item = antwoord_item(first.antwoord, self.request.user)
            item["dismiss_url"] = url("antwoord_dismiss", first.antwoord_id)
        else:
            item = vraag_item(first.vraag, self.request.user)
            item["dismiss_url"] = url("vraag_dismiss", first.vraag_id)
        item["meldingen"] = [
            {
                "reason": m.get_reason_display(),
                "explanation": m.explanation,
                "age": age(m.created_at),
            }
            for m in group
        ]
        item["count"] = len(group)
        item["first_melding_age"] = age(first.created_at)
        return item


class VraagDetailView(WagtailAdminTemplateMixin, TemplateView):
    """One question with its answers and every action a moderator may take now."""

    template_name = "moderatie/admin/vraag_detail.html"
    header_icon = "help"

    def dispatch(self, request, *args, **kwargs):
        if not is_moderator(request.user):
            raise PermissionDenied
        self.object = get_object_or_404(
            Vraag.objects.select_related("author__profile__discipline", "duplicate_of"),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        antwoorden = self.object.antwoorden.select_related("author__profile__discipline")
        context.update(
            item=vraag_item(self.object, self.request.user),
            antwoorden=[
                antwoord_item(a, self.request.user) for a in antwoorden.order_by("created_at", "id")
            ],
            next_url=self.request.get_full_path(),
            site_url=self.object.get_absolute_url(),
        )
        return context


# --- Question actions -------------------------------------------------------------------


class ApproveVraagView(PostActionView):
    success_message = gettext_lazy("De vraag is goedgekeurd en gepubliceerd.")

    def perform(self):
        approve_vraag(self.object, by=self.request.user)


class ReopenVraagView(PostActionView):
    success_message = gettext_lazy("De vraag is weer open.")

    def default_back_url(self):
        return url("vraag", self.object.pk)

    def perform(self):
        reopen_vraag(self.object, by=self.request.user)


class RedactVraagView(FormActionView):
    form_class = admin_forms.RedactVraagForm
    action_name = "redact"
    page_title = gettext_lazy("Vraag aanpassen")
    header_icon = "edit"
    submit_label = gettext_lazy("Aanpassing opslaan")
    success_message = gettext_lazy("De vraag is aangepast. De vraagsteller krijgt een e-mail.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["can_approve"] = "approve" in self._available()
        return kwargs

    def _available(self):

        return available_moderation_actions(self.request.user, self.object)

    def get_initial(self):
        return {"title": self.object.title, "body": self.object.body, "approve": True}

    def perform(self, form):
        data = form.cleaned_data
        redact_vraag(
            self.object,
            by=self.request.user,
            title=data["title"],
            body=data["body"],
            note=data["note"],
            approve=data.get("approve", False),
        )


class RejectVraagView(FormActionView):
    form_class = admin_forms.RejectVraagForm
    action_name = "reject"
    page_title = gettext_lazy("Vraag afwijzen")
    header_icon = "cross"
    submit_label = gettext_lazy("Afwijzen")
    success_message = gettext_lazy("De vraag is afgewezen. De vraagsteller krijgt een e-mail.")

    def perform(self, form):
        reject_vraag(self.object, by=self.request.user, reason=form.cleaned_data["reason"])


class CloseVraagView(FormActionView):
    form_class = admin_forms.CloseVraagForm
    action_name = "close"
    page_title = gettext_lazy("Vraag sluiten")
    header_icon = "lock"
    submit_label = gettext_lazy("Sluiten")
    success_message = gettext_lazy("De vraag is gesloten.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "vraag": self.object}

    def get_initial(self):
        return {"reason": self.request.GET.get("reden", "")}

    def perform(self, form):
        data = form.cleaned_data
        close_vraag(
            self.object,
            by=self.request.user,
            reason=CloseReason(data["reason"]),
            note=data["note"],
            duplicate_of=data["duplicate_of"],
        )


class SolveVraagView(FormActionView):
    form_class = admin_forms.SolveVraagForm
    action_name = "solve"
    page_title = gettext_lazy("Oplossing vastleggen")
    header_icon = "success"
    submit_label = gettext_lazy("Oplossing vastleggen")
    success_message = gettext_lazy("De oplossing is vastgelegd. De vraag is opgelost.")

    def get_initial(self):
        return {"oplossing": self.object.oplossing}

    def perform(self, form):
        record_oplossing(
            self.object, by=self.request.user, oplossing=form.cleaned_data["oplossing"]
        )


class RequestOplossingView(PostActionView):
    success_message = gettext_lazy(
        "De vraagsteller krijgt een e-mail met de vraag om de oplossing."
    )

    def default_back_url(self):
        return url("wacht_op_oplossing")

    def post(self, request, *args, **kwargs):
        if not can_request_oplossing(request.user, self.object):  # closed or solved meanwhile
            messages.error(
                request, _("Deze vraag is niet meer open. Vragen om de oplossing kan niet meer.")
            )
            return redirect(self.get_back_url())
        return super().post(request, *args, **kwargs)

    def perform(self):
        request_oplossing(self.object, by=self.request.user)


class DismissMeldingenView(PostActionView):
    success_message = gettext_lazy("De meldingen zijn afgesloten.")

    def default_back_url(self):
        return url("meldingen")

    def perform(self):
        dismiss_meldingen(self.object, by=self.request.user)


class DismissAntwoordMeldingenView(DismissMeldingenView):
    model = Antwoord


# --- Answer actions ---------------------------------------------------------------------


class ApproveAntwoordView(PostActionView):
    model = Antwoord
    success_message = gettext_lazy("Het antwoord is goedgekeurd en gepubliceerd.")

    def perform(self):
        approve_antwoord(self.object, by=self.request.user)


class RestoreAntwoordView(PostActionView):
    model = Antwoord
    success_message = gettext_lazy("Het antwoord is weer zichtbaar.")

    def perform(self):
        restore_antwoord(self.object, by=self.request.user)


class HideAntwoordView(FormActionView):
    model = Antwoord
    form_class = admin_forms.HideAntwoordForm
    page_title = gettext_lazy("Antwoord verbergen")
    header_icon = "no-view"
    submit_label = gettext_lazy("Verbergen")
    success_message = gettext_lazy("Het antwoord is verborgen.")

    def perform(self, form):
        hide_antwoord(self.object, by=self.request.user, reason=form.cleaned_data["reason"])


class RedactAntwoordView(FormActionView):
    model = Antwoord
    form_class = admin_forms.RedactAntwoordForm
    page_title = gettext_lazy("Antwoord aanpassen")
    header_icon = "edit"
    submit_label = gettext_lazy("Aanpassing opslaan")
    success_message = gettext_lazy(
        "Het antwoord is aangepast en gepubliceerd. De schrijver krijgt een e-mail."
    )

    def get_initial(self):
        return {"body": self.object.body}

    def perform(self, form):
        data = form.cleaned_data
        redact_antwoord(self.object, by=self.request.user, body=data["body"], note=data["note"])
