from django.urls import path

from vraagbaak.vragen import views

app_name = "vragen"

urlpatterns = [
    path("", views.VraagListView.as_view(), name="list"),
    path("<int:pk>/", views.VraagDetailView.as_view(), name="detail"),
]
