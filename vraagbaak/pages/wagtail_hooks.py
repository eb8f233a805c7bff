from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from wagtail import hooks


@hooks.register("before_serve_page")
def close_non_public_pages(page, request, serve_args, serve_kwargs):
    """Pages are closed to visitors and unverified accounts unless marked public."""
    if getattr(page.specific, "is_public_page", False):
        return None
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not user.is_verified_professional:
        return render(request, "accounts/unverified.html", status=403)
    return None
