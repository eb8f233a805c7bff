from wagtail.views import serve as wagtail_serve

from vraagbaak.core.access import public


@public
def serve(request, path=""):
    """Wagtail's page serving; each page decides itself who may see it (see wagtail_hooks)."""
    return wagtail_serve(request, path)
