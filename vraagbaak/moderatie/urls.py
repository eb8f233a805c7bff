from django.urls import path

from vraagbaak.moderatie import views

# Not "moderatie": that namespace belongs to the moderation views in the Wagtail admin.
app_name = "meldingen"

urlpatterns = [
    path("nieuw/", views.MeldingCreateView.as_view(), name="create"),
]
