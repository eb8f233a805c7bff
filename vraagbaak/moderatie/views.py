"""Site-side moderation views: professionals report a question or answer (meldingen).

The moderators' own views live in the Wagtail admin (admin_views.py).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from vraagbaak.moderatie.actions import report_content
from vraagbaak.moderatie.forms import MeldingForm
from vraagbaak.moderatie.permissions import check_report_content
from vraagbaak.vragen.models import Antwoord, Vraag

MAX_PK = 2**63 - 1


def _pk(value: str | None) -> int | None:
    if value and value.isdigit() and 0 < int(value) <= MAX_PK:
        return int(value)
    return None


class MeldingCreateView(FormView):
    """/meldingen/nieuw/?vraag=<pk> or ?antwoord=<pk>. 404 for what the user cannot see."""

    form_class = MeldingForm
    template_name = "moderatie/melding_form.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        vraag_pk, antwoord_pk = _pk(request.GET.get("vraag")), _pk(request.GET.get("antwoord"))
        if vraag_pk and not antwoord_pk:
            self.target = get_object_or_404(Vraag.objects.visible_to(request.user), pk=vraag_pk)
            self.vraag = self.target
        elif antwoord_pk and not vraag_pk:
            self.target = get_object_or_404(
                Antwoord.objects.visible_to(request.user).select_related("vraag"), pk=antwoord_pk
            )
            self.vraag = self.target.vraag
        else:
            raise Http404

    def dispatch(self, request, *args, **kwargs):
        check_report_content(request.user, self.target)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        is_vraag = isinstance(self.target, Vraag)
        return super().get_context_data(
            target=self.target, vraag=self.vraag, is_vraag=is_vraag, **kwargs
        )

    def form_valid(self, form):
        report_content(
            self.target,
            by=self.request.user,
            reason=form.cleaned_data["reason"],
            explanation=form.cleaned_data["explanation"],
        )
        messages.success(self.request, _("Bedankt. Een moderator kijkt ernaar."))
        # Enough meldingen hide the question until a moderator looked: then back to the list.
        if Vraag.objects.visible_to(self.request.user).filter(pk=self.vraag.pk).exists():
            return redirect(self.vraag)
        return redirect("vragen:list")
