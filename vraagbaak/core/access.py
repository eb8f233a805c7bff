"""Markers for who may reach a view. Everything is closed unless marked.

`LoginRequiredMiddleware` closes every view to visitors unless it is marked with
Django's `login_not_required`; `VerifiedProfessionalMiddleware` closes every view
to unverified accounts unless it is marked with `verification_not_required`.
"""

from django.contrib.auth.decorators import login_not_required

__all__ = ["login_not_required", "verification_not_required", "public"]


def verification_not_required(view_func):
    """Open a view to signed-in accounts that are not verified yet (profile, help)."""
    view_func.verification_required = False
    return view_func


def public(view_func):
    """Open a view to everyone, visitors included."""
    return verification_not_required(login_not_required(view_func))
