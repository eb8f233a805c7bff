"""Closed by default for accounts that are not verified yet; MFA for moderators and editors."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from vraagbaak.accounts.permissions import has_mfa, requires_mfa

# allauth's account pages must work for unverified users (sign out, e-mail, MFA);
# Wagtail's admin under /beheer/ checks its own permission (`wagtailadmin.access_admin`).
SELF_GUARDED_MODULES = ("allauth.",)
SELF_GUARDED_PATHS = ("/beheer/",)

# Pages that need a second factor for moderators and editors (besides views marked
# with `moderator_only = True`).
MFA_GUARDED_PATHS = ("/beheer/",)


def view_attr(view_func, name: str, default):
    """An access marker on a view function, or on the class of a class-based view."""
    if hasattr(view_func, name):
        return getattr(view_func, name)
    view_class = getattr(view_func, "view_class", None)
    return getattr(view_class, name, default)


class VerifiedProfessionalMiddleware:
    """Answer 403 with an explanation when an unverified account opens a closed view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not view_attr(view_func, "login_required", True):
            return None
        if not view_attr(view_func, "verification_required", True):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified_professional:
            return None
        module = getattr(view_func, "__module__", "") or ""
        if module.startswith(SELF_GUARDED_MODULES):
            return None
        if request.path_info.startswith(SELF_GUARDED_PATHS):
            return None
        return render(
            request,
            "accounts/unverified.html",
            {"support_email": settings.DEFAULT_FROM_EMAIL},
            status=403,
        )


class MFARequiredMiddleware:
    """Send moderators, editors and staff without a second factor to the MFA setup page.

    Applies to the Wagtail admin and to views marked `moderator_only = True`. The
    allauth pages (where MFA is set up) stay reachable. Nothing is cached across requests.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated:
            return None
        module = getattr(view_func, "__module__", "") or ""
        if module.startswith(SELF_GUARDED_MODULES):
            return None
        guarded = request.path_info.startswith(MFA_GUARDED_PATHS) or view_attr(
            view_func, "moderator_only", False
        )
        if not guarded or not requires_mfa(user) or has_mfa(user):
            return None
        messages.warning(
            request,
            _(
                "Als moderator of redacteur log je in met twee stappen. Stel eerst een "
                "authenticator-app of een passkey in. Daarna kun je verder."
            ),
        )
        return redirect("mfa_index")
