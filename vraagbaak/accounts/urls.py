from django.urls import path

from vraagbaak.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.ProfileView.as_view(), name="profile"),
    path("bewerken/", views.ProfileEditView.as_view(), name="profile_edit"),
    path("mijn-gegevens/", views.ExportView.as_view(), name="export"),
    path("verwijderen/", views.DeleteAccountView.as_view(), name="delete"),
    path("<int:pk>/", views.ColleagueProfileView.as_view(), name="colleague"),
]
