from django.urls import path

from vraagbaak.search import views

app_name = "zoeken"

urlpatterns = [
    path("", views.SearchView.as_view(), name="search"),
]
