from django.urls import path

from vraagbaak.zorgoverleg import calendar_views, followup_views, views

app_name = "zorgoverleg"

hulpvraag = views.HulpvraagActionView.as_view()

urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("<int:pk>/", views.SessionDetailView.as_view(), name="session"),
    path("<int:pk>/aanmelden/", views.SignupView.as_view(), name="signup"),
    path("<int:pk>/afmelden/", views.CancelSignupView.as_view(), name="cancel"),
    path("<int:pk>/agenda/", views.AgendaView.as_view(), name="agenda"),
    path(
        "hulpvraag/<int:pk>/goedkeuren/",
        hulpvraag,
        {"action": "approve"},
        name="hulpvraag_approve",
    ),
    path("hulpvraag/<int:pk>/afwijzen/", hulpvraag, {"action": "reject"}, name="hulpvraag_reject"),
    path("hulpvraag/<int:pk>/omhoog/", hulpvraag, {"action": "up"}, name="hulpvraag_up"),
    path("hulpvraag/<int:pk>/omlaag/", hulpvraag, {"action": "down"}, name="hulpvraag_down"),
    # Calendar and follow-up (Z2).
    path("<int:pk>/agenda.ics", calendar_views.SessionIcsView.as_view(), name="session_ics"),
    path("feed/<str:token>.ics", calendar_views.feed_view, name="feed"),
    path("agenda-link/", calendar_views.FeedManageView.as_view(), name="feed_manage"),
    path("<int:pk>/aanwezigheid/", followup_views.AttendanceView.as_view(), name="attendance"),
    path("<int:pk>/verslag/", followup_views.VerslagView.as_view(), name="verslag"),
    path(
        "hulpvraag/<int:pk>/naar-vraag/",
        followup_views.HulpvraagToVraagView.as_view(),
        name="hulpvraag_to_vraag",
    ),
]
