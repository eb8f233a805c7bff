from django.conf import settings
from django.urls import include, path, re_path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from vraagbaak.pages import views as page_views

urlpatterns = [
    path("beheer/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("profiel/", include("vraagbaak.accounts.urls")),
    path("vragen/", include("vraagbaak.vragen.urls")),
    path("meldingen/", include("vraagbaak.moderatie.urls")),
    path("zorgoverleg/", include("vraagbaak.zorgoverleg.urls")),
    path("zoeken/", include("vraagbaak.search.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    re_path(r"^((?:[\w\-]+/)*)$", page_views.serve, name="wagtail_serve"),
]
