"""The room moderator's pages for during and after a session (thin views, STYLE.md B4).

403 for anyone who does not moderate the room, 404 for a session they cannot see. Before
the start (or for a cancelled session) the pages send the moderator back with a message.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from vraagbaak.vragen.forms import MAX_PK, AnonymityCheckForm
from vraagbaak.zorgoverleg import followup
from vraagbaak.zorgoverleg.actions import ZorgoverlegError
from vraagbaak.zorgoverleg.followup_forms import AttendanceForm, HulpvraagVraagForm, VerslagForm
from vraagbaak.zorgoverleg.models import Session, Signup


def _visible_session(request, pk: int) -> Session:
    if pk > MAX_PK:
        raise Http404
    return get_object_or_404(Session.objects.visible_to(request.user).select_related("room"), pk=pk)


class _FollowUpView(FormView):
    """Shared: the session, the moderator check, and 'not yet' before the start."""

    def get_session(self, **kwargs) -> Session:
        return _visible_session(self.request, kwargs["pk"])

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.session = self.get_session(**kwargs)

    def dispatch(self, request, *args, **kwargs):
        followup.check_follow_up(request.user, self.session)
        if not followup.can_follow_up(request.user, self.session):
            if self.session.is_cancelled:
                messages.error(request, _("Deze bijeenkomst is afgezegd."))
            else:
                messages.info(request, _("Dit kan pas vanaf het begin van de bijeenkomst."))
            return redirect(self.session)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(session=self.session, room=self.session.room, **kwargs)

    def anonymity_step(self, form):
        """A response showing the anonymity check step, or None when the text may be saved."""
        anonymity = AnonymityCheckForm(self.request.POST, texts=form.anonymity_texts())
        if anonymity.is_valid():
            return None
        return self.render_to_response(self.get_context_data(form=form, anonymity=anonymity))

    def action_failed(self, form, error):
        if isinstance(error, ValidationError):
            form.add_error(None, error)
        else:
            form.add_error(None, error.message)
        return self.form_invalid(form)


class AttendanceView(_FollowUpView):
    template_name = "zorgoverleg/followup/attendance.html"
    form_class = AttendanceForm

    def get_form_kwargs(self):
        signups = (
            self.session.signups.active()
            .select_related("user__profile")
            .order_by("role", "position", "created_at", "id")
        )
        return {**super().get_form_kwargs(), "signups": signups}

    def form_valid(self, form):
        try:
            followup.mark_attendance(self.session, by=self.request.user, attended=form.attended())
        except ZorgoverlegError as error:
            return self.action_failed(form, error)
        messages.success(self.request, _("De aanwezigheid is opgeslagen."))
        return redirect(self.session)


class VerslagView(_FollowUpView):
    template_name = "zorgoverleg/followup/verslag_form.html"
    form_class = VerslagForm

    def get_initial(self):
        return {"verslag": self.session.verslag}

    def form_valid(self, form):
        if response := self.anonymity_step(form):
            return response
        try:
            followup.record_verslag(
                self.session, by=self.request.user, verslag=form.cleaned_data["verslag"]
            )
        except (ZorgoverlegError, ValidationError) as error:
            return self.action_failed(form, error)
        messages.success(self.request, _("Het verslag is opgeslagen."))
        return redirect(self.session.get_absolute_url() + "#verslag")


class HulpvraagToVraagView(_FollowUpView):
    template_name = "zorgoverleg/followup/hulpvraag_vraag_form.html"
    form_class = HulpvraagVraagForm

    def get_session(self, **kwargs) -> Session:
        if kwargs["pk"] > MAX_PK:
            raise Http404
        self.signup = get_object_or_404(
            Signup.objects.select_related("session__room", "user__profile", "vraag"),
            pk=kwargs["pk"],
            session__in=Session.objects.visible_to(self.request.user),
        )
        return self.signup.session

    def dispatch(self, request, *args, **kwargs):
        followup.check_publish_hulpvraag(request.user, self.signup)
        if self.signup.vraag_id is not None:
            messages.info(request, _("Van deze hulpvraag is al een vraag gemaakt."))
            return redirect(self.signup.vraag)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {
            "body": self.signup.hulpvraag,
            "risicofactoren": list(self.session.room.risicofactoren.filter(is_active=True)),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(signup=self.signup, **kwargs)

    def form_valid(self, form):
        if response := self.anonymity_step(form):
            return response
        data = form.cleaned_data
        try:
            vraag = followup.publish_hulpvraag_as_vraag(
                self.signup,
                by=self.request.user,
                title=data["title"],
                body=data["body"],
                risicofactoren=data["risicofactoren"],
                oplossing=data["oplossing"],
                fase=data.get("fase"),
                stadsdeel=data.get("stadsdeel"),
                vraagtypes=data.get("vraagtypes") or [],
                tags=data.get("tags") or [],
            )
        except (ZorgoverlegError, ValidationError) as error:
            return self.action_failed(form, error)
        messages.success(
            self.request,
            _("De vraag staat online met de oplossing. Collega’s kunnen hem nu vinden."),
        )
        return redirect(vraag)
