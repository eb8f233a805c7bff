"""Profile pages. Unverified accounts may use their own profile pages (not colleagues')."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from vraagbaak.accounts.actions import (
    delete_account,
    ensure_profile,
    export_user_data,
    update_profile,
)
from vraagbaak.accounts.forms import DeleteAccountForm, ProfileForm
from vraagbaak.accounts.models import Profile
from vraagbaak.accounts.permissions import has_mfa, requires_mfa
from vraagbaak.core.access import verification_not_required


@verification_not_required
class ProfileView(TemplateView):
    template_name = "accounts/profile.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        ensure_profile(user)
        profile = (
            Profile.objects.select_related("discipline")
            .prefetch_related("stadsdelen", "expertise")
            .get(user=user)
        )
        return super().get_context_data(
            profile=profile,
            has_mfa=has_mfa(user),
            requires_mfa=requires_mfa(user),
            **kwargs,
        )


@verification_not_required
class ProfileEditView(View):
    template_name = "accounts/profile_form.html"

    def get(self, request):
        form = ProfileForm(profile=ensure_profile(request.user))
        return render(request, self.template_name, {"form": form})

    def post(self, request):
        profile = ensure_profile(request.user)
        form = ProfileForm(request.POST, profile=profile)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form})
        update_profile(profile, by=request.user, **form.cleaned_data)
        messages.success(request, _("Je profiel is opgeslagen."))
        return redirect("accounts:profile")


@verification_not_required
class ExportView(View):
    """Download everything we keep about you as a JSON file (AVG)."""

    def get(self, request):
        data = export_user_data(request.user)
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="vraagbaak-mijn-gegevens.json"'
        response["Cache-Control"] = "no-store"
        return response


@verification_not_required
class DeleteAccountView(View):
    template_name = "accounts/delete_account.html"

    def get(self, request):
        return render(request, self.template_name, {"form": DeleteAccountForm(user=request.user)})

    def post(self, request):
        user = request.user
        form = DeleteAccountForm(request.POST, user=user)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form})
        delete_account(user, by=user)
        logout(request)
        messages.success(
            request,
            _(
                "Je account is verwijderd. Je vragen en antwoorden blijven staan "
                "als ‘verwijderd account’."
            ),
        )
        return redirect("/")


class ColleagueProfileView(TemplateView):
    """A colleague's public profile, for verified professionals (no e-mail address)."""

    template_name = "accounts/profile_detail.html"

    def get_context_data(self, **kwargs):
        profile = get_object_or_404(
            Profile.objects.select_related("discipline").prefetch_related(
                "stadsdelen", "expertise"
            ),
            pk=self.kwargs["pk"],
            user__is_active=True,
        )
        return super().get_context_data(profile=profile, **kwargs)
