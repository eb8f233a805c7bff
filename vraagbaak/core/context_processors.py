from django.conf import settings


def vraagbaak(request):
    user = getattr(request, "user", None)
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "user_is_verified": bool(user and user.is_authenticated and user.is_verified_professional),
    }
