"""The zorgoverleg in the Wagtail admin: rooms, sessions, the schedule, audit-log names.

Menu "Zorgoverleg": Overlegkamers (a ModelViewSet; Moderatoren may add and change rooms,
not delete them: a room is switched off instead), Bijeenkomsten (cancel or move one session,
see admin_views.py) and Rooster en herinneringen (the ZorgoverlegSettings generic setting).
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet

from vraagbaak.zorgoverleg import admin_views
from vraagbaak.zorgoverleg.models import Room


@hooks.register("register_log_actions")
def register_zorgoverleg_log_actions(actions):
    register = actions.register_action
    register(
        "vraagbaak.zorgoverleg.session.plan", _("Bijeenkomst plannen"), _("Bijeenkomst gepland")
    )
    register(
        "vraagbaak.zorgoverleg.session.replan",
        _("Bijeenkomst aan het rooster aanpassen"),
        _("Bijeenkomst aan het rooster aangepast"),
    )
    register(
        "vraagbaak.zorgoverleg.session.unplan",
        _("Bijeenkomst van het rooster halen"),
        _("Bijeenkomst van het rooster gehaald"),
    )
    register(
        "vraagbaak.zorgoverleg.session.cancel",
        _("Bijeenkomst afzeggen"),
        _("Bijeenkomst afgezegd"),
    )
    register(
        "vraagbaak.zorgoverleg.session.move",
        _("Bijeenkomst verplaatsen"),
        _("Bijeenkomst verplaatst"),
    )
    register("vraagbaak.zorgoverleg.signup", _("Aanmelden"), _("Aangemeld"))
    register(
        "vraagbaak.zorgoverleg.signup.change", _("Aanmelding aanpassen"), _("Aanmelding aangepast")
    )
    register("vraagbaak.zorgoverleg.signup.cancel", _("Afmelden"), _("Afgemeld"))
    register(
        "vraagbaak.zorgoverleg.hulpvraag.approve",
        _("Hulpvraag op de agenda zetten"),
        _("Hulpvraag op de agenda gezet"),
    )
    register(
        "vraagbaak.zorgoverleg.hulpvraag.reject",
        _("Hulpvraag afwijzen"),
        _("Hulpvraag afgewezen"),
    )
    register(
        "vraagbaak.zorgoverleg.hulpvraag.move",
        _("Volgorde van de agenda aanpassen"),
        _("Volgorde van de agenda aangepast"),
    )


class RoomViewSet(ModelViewSet):
    model = Room
    name = "zorgoverleg_rooms"
    url_prefix = "zorgoverleg/kamers"
    icon = "group"
    menu_label = _("Overlegkamers")
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["name", "is_active", "sort_order"]
    list_filter = ["is_active"]
    search_fields = ["name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("risicofactoren"),
        FieldPanel("moderators"),
        FieldPanel("meeting_url"),
        FieldPanel("is_active"),
        FieldPanel("sort_order"),
    ]


class SessionAdminViewSet(ViewSet):
    """URLs under /beheer/zorgoverleg/bijeenkomsten/, names in "zorgoverleg_admin"."""

    name = admin_views.NS
    url_prefix = "zorgoverleg/bijeenkomsten"
    icon = "date"

    def get_urlpatterns(self):
        return [
            path("", admin_views.SessionIndexView.as_view(), name="index"),
            path("<int:pk>/afzeggen/", admin_views.CancelSessionView.as_view(), name="cancel"),
            path("<int:pk>/verplaatsen/", admin_views.MoveSessionView.as_view(), name="move"),
        ]


room_viewset = RoomViewSet()


@hooks.register("register_admin_viewset")
def register_zorgoverleg_viewsets():
    return [room_viewset, SessionAdminViewSet()]


class LinkItem(MenuItem):
    """A menu item whose URL is reversed when the menu is drawn, shown if `show(user)`."""

    def __init__(self, label, url_name, show, *, args=(), **kwargs):
        super().__init__(label, "", **kwargs)
        self.url_name, self.url_args, self.show = url_name, args, show

    def is_shown(self, request):
        return self.show(request.user)

    def render_component(self, request):
        self.url = reverse(self.url_name, args=self.url_args)
        return super().render_component(request)


@hooks.register("register_admin_menu_item")
def register_zorgoverleg_menu():
    menu = Menu(
        items=[
            LinkItem(
                _("Overlegkamers"),
                room_viewset.get_url_name("index"),
                lambda user: user.has_perm("zorgoverleg.change_room"),
                name="zorgoverleg-kamers",
                icon_name="group",
                order=100,
            ),
            LinkItem(
                _("Bijeenkomsten"),
                f"{admin_views.NS}:index",
                lambda user: admin_views.moderated_rooms(user).exists(),
                name="zorgoverleg-bijeenkomsten",
                icon_name="date",
                order=200,
            ),
            LinkItem(
                _("Rooster en herinneringen"),
                "wagtailsettings:edit",
                lambda user: user.has_perm("zorgoverleg.change_zorgoverlegsettings"),
                args=("zorgoverleg", "zorgoverlegsettings"),
                name="zorgoverleg-instellingen",
                icon_name="cog",
                order=300,
            ),
        ]
    )
    return SubmenuMenuItem(_("Zorgoverleg"), menu, name="zorgoverleg", icon_name="date", order=250)


# --- Z2: follow-up, calendar feed, attendance report ----------------------------------------


@hooks.register("register_log_actions")
def register_zorgoverleg_followup_log_actions(actions):
    register = actions.register_action
    register(
        "vraagbaak.zorgoverleg.attendance",
        _("Aanwezigheid bijhouden"),
        _("Aanwezigheid bijgehouden"),
    )
    register("vraagbaak.zorgoverleg.verslag", _("Verslag schrijven"), _("Verslag geschreven"))
    register(
        "vraagbaak.zorgoverleg.hulpvraag.to_vraag",
        _("Hulpvraag als vraag plaatsen"),
        _("Hulpvraag als vraag geplaatst"),
    )
    register("vraagbaak.zorgoverleg.feed.create", _("Agenda-link maken"), _("Agenda-link gemaakt"))
    register(
        "vraagbaak.zorgoverleg.feed.renew",
        _("Nieuwe agenda-link maken"),
        _("Agenda-link vernieuwd"),
    )
    register(
        "vraagbaak.zorgoverleg.feed.delete", _("Agenda-link stoppen"), _("Agenda-link gestopt")
    )


@hooks.register("register_admin_urls")
def register_zorgoverleg_report_urls():
    from vraagbaak.zorgoverleg.reports import AttendanceReportView

    return [
        path(
            "rapporten/zorgoverleg-aanwezigheid/",
            AttendanceReportView.as_view(),
            name="zorgoverleg_attendance_report",
        ),
        path(
            "rapporten/zorgoverleg-aanwezigheid/resultaten/",
            AttendanceReportView.as_view(results_only=True),
            name="zorgoverleg_attendance_report_results",
        ),
    ]


class _ModeratorReportItem(MenuItem):
    def is_shown(self, request):
        from vraagbaak.vragen.permissions import is_moderator

        return is_moderator(request.user)


@hooks.register("register_reports_menu_item")
def register_zorgoverleg_report_menu_item():
    return _ModeratorReportItem(
        _("Zorgoverleg: aanwezigheid"),
        reverse("zorgoverleg_attendance_report"),
        name="zorgoverleg-aanwezigheid",
        icon_name="date",
        order=1500,
    )
