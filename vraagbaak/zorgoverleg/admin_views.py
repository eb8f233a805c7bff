"""The zorgoverleg in the Wagtail admin (/beheer/zorgoverleg/bijeenkomsten/): the sessions per
room, and one view each to cancel or move a session. The views call the same actions as the
site; the actions check permissions themselves (STYLE.md B1–B4).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from vraagbaak.vragen.forms import MAX_PK
from vraagbaak.vragen.permissions import is_moderator
from vraagbaak.zorgoverleg import actions
from vraagbaak.zorgoverleg.forms import CancelSessionForm, MoveSessionForm
from vraagbaak.zorgoverleg.models import Room, Session, ZorgoverlegSettings
from vraagbaak.zorgoverleg.permissions import can_change_session

NS = "zorgoverleg_admin"


def moderated_rooms(user):
    """The rooms `user` moderates: all for site moderators, else their own."""
    if is_moderator(user):
        return Room.objects.all()
    if not (user.is_authenticated and user.is_verified_professional):
        return Room.objects.none()
    return Room.objects.moderated_by(user)


class RoomModeratorRequiredMixin:
    """Moderators of at least one room; others get 403."""

    def dispatch(self, request, *args, **kwargs):
        if not moderated_rooms(request.user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class SessionIndexView(RoomModeratorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """Upcoming (or past) sessions of the rooms the user moderates, per room."""

    template_name = "zorgoverleg/admin/sessions.html"
    page_title = gettext_lazy("Bijeenkomsten")
    header_icon = "date"
    past_limit = 50

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rooms = list(moderated_rooms(self.request.user))
        room_id = self.request.GET.get("kamer", "")
        show_past = self.request.GET.get("wanneer") == "voorbij"
        sessions = Session.objects.filter(room__in=[r.pk for r in rooms]).for_overview()
        if room_id.isdigit() and len(room_id) < 10:
            sessions = sessions.filter(room_id=int(room_id))
        now = timezone.now()
        sessions = sessions.past(now)[: self.past_limit] if show_past else sessions.upcoming(now)
        items = [
            {
                "session": s,
                "can_change": not s.has_ended(now) and can_change_session(self.request.user, s),
                "cancel_url": reverse(f"{NS}:cancel", args=[s.pk]),
                "move_url": reverse(f"{NS}:move", args=[s.pk]),
                "agenda_url": reverse("zorgoverleg:agenda", args=[s.pk]),
                "site_url": s.get_absolute_url(),
            }
            for s in sessions
        ]
        context.update(
            rooms=rooms,
            room_id=room_id,
            show_past=show_past,
            items=items,
            max_inbrengers=ZorgoverlegSettings.load().max_inbrengers,
        )
        return context


class SessionActionView(WagtailAdminTemplateMixin, FormView):
    """GET shows the form, POST validates and calls one action; back to the sessions list."""

    template_name = "zorgoverleg/admin/session_action.html"
    submit_label = gettext_lazy("Opslaan")
    success_message = ""

    def dispatch(self, request, *args, **kwargs):
        pk = kwargs["pk"]
        if pk > MAX_PK:
            raise PermissionDenied
        self.session = get_object_or_404(
            Session.objects.select_related("room").filter(
                Q(room__in=moderated_rooms(request.user))
            ),
            pk=pk,
        )
        if not can_change_session(request.user, self.session):
            raise PermissionDenied
        if self.session.has_ended():
            messages.error(request, _("Deze bijeenkomst is al voorbij."))
            return redirect(self.back_url())
        return super().dispatch(request, *args, **kwargs)

    def back_url(self) -> str:
        return reverse(f"{NS}:index") + f"?kamer={self.session.room_id}"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": self.back_url(), "label": _("Bijeenkomsten")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_page_subtitle(self):
        return f"{self.session.room.name}: {self.session.when_text}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            session=self.session,
            submit_label=self.submit_label,
            back_url=self.back_url(),
            action_url=self.request.path,
            **kwargs,
        )

    def perform(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.perform(form)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        except actions.ZorgoverlegError as exc:
            messages.error(self.request, exc.message)
            return redirect(self.back_url())
        messages.success(self.request, self.success_message)
        return redirect(self.back_url())


class CancelSessionView(SessionActionView):
    form_class = CancelSessionForm
    page_title = gettext_lazy("Bijeenkomst afzeggen")
    header_icon = "cross"
    submit_label = gettext_lazy("Bijeenkomst afzeggen")
    success_message = gettext_lazy("De bijeenkomst is afgezegd. De deelnemers krijgen een e-mail.")

    def perform(self, form):
        actions.cancel_session(
            self.session, by=self.request.user, reason=form.cleaned_data["reason"]
        )


class MoveSessionView(SessionActionView):
    form_class = MoveSessionForm
    page_title = gettext_lazy("Bijeenkomst verplaatsen")
    header_icon = "date"
    submit_label = gettext_lazy("Bijeenkomst verplaatsen")
    success_message = gettext_lazy(
        "De bijeenkomst is verplaatst. De deelnemers krijgen een e-mail."
    )

    def get_initial(self):
        start = timezone.localtime(self.session.starts_at)
        return {"date": start.date(), "time": start.time().replace(second=0, microsecond=0)}

    def perform(self, form):
        actions.move_session(
            self.session,
            by=self.request.user,
            starts_at=form.cleaned_data["starts_at"],
            reason=form.cleaned_data["reason"],
        )
