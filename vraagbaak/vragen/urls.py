from django.urls import path

from vraagbaak.vragen import views

app_name = "vragen"

urlpatterns = [
    path("", views.VraagListView.as_view(), name="list"),
    path("nieuw/", views.VraagCreateView.as_view(), name="create"),
    path("urgente-melding/", views.UrgentBannerView.as_view(), name="urgent_banner"),
    path("controle/", views.AnonymityCheckView.as_view(), name="anonymity_check"),
    path("vergelijkbaar/", views.SimilarVragenView.as_view(), name="similar"),
    path("<int:pk>/", views.VraagDetailView.as_view(), name="detail"),
    path("<int:pk>/bewerken/", views.VraagEditView.as_view(), name="edit"),
    path("<int:pk>/antwoorden/", views.AntwoordCreateView.as_view(), name="answer"),
    path("<int:pk>/volgen/", views.FollowView.as_view(), name="follow"),
    path("<int:pk>/oplossing/", views.OplossingView.as_view(), name="solve"),
    path("antwoorden/<int:pk>/bewerken/", views.AntwoordEditView.as_view(), name="antwoord_edit"),
    path("antwoorden/<int:pk>/dit-hielp/", views.HelpfulView.as_view(), name="helpful"),
]
