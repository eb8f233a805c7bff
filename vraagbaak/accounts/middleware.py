"""Closed by default for accounts that are not verified yet."""

from django.conf import settings
from django.shortcuts import render

# allauth's account pages must work for unverified users (sign out, e-mail, MFA);
# Wagtail's admin under /beheer/ checks its own permission (`wagtailadmin.access_admin`).
SELF_GUARDED_MODULES = ("allauth.",)
SELF_GUARDED_PATHS = ("/beheer/",)


class VerifiedProfessionalMiddleware:
    """Answer 403 with an explanation when an unverified account opens a closed view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(view_func, "login_required", True):
            return None
        if not getattr(view_func, "verification_required", True):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified_professional:
            return None
        module = getattr(view_func, "__module__", "") or ""
        if module.startswith(SELF_GUARDED_MODULES) or request.path_info.startswith(SELF_GUARDED_PATHS):
            return None
        return render(
            request,
            "accounts/unverified.html",
            {"support_email": settings.DEFAULT_FROM_EMAIL},
            status=403,
        )
