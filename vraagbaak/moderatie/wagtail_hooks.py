"""The moderators' working surface in the Wagtail admin: queues, actions, audit-log names.

The views live in `admin_views.py` and call the same actions as the site (STYLE.md B3).
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.admin.viewsets.base import ViewSet

from vraagbaak.moderatie import admin_views as views
from vraagbaak.moderatie.models import Melding
from vraagbaak.vragen.models import Antwoord, Vraag
from vraagbaak.vragen.permissions import is_moderator


@hooks.register("register_log_actions")
def register_moderatie_log_actions(actions):
    actions.register_action("vraagbaak.melding.create", _("Bijdrage melden"), _("Bijdrage gemeld"))
    actions.register_action(
        "vraagbaak.melding.dismiss", _("Meldingen afsluiten"), _("Meldingen afgesloten")
    )
    actions.register_action(
        "vraagbaak.vraag.request_oplossing",
        _("Om de oplossing vragen"),
        _("Om de oplossing gevraagd"),
    )


class ModeratieViewSet(ViewSet):
    """URLs under /beheer/moderatie/, names in the "moderatie" namespace."""

    name = "moderatie"
    url_prefix = "moderatie"
    icon = "tasks"

    def get_urlpatterns(self):
        vraag, antwoord = "vraag/<int:pk>", "antwoord/<int:pk>"
        return [
            path("", views.NewVragenQueueView.as_view(), name="vragen"),
            path("antwoorden/", views.HeldAntwoordenQueueView.as_view(), name="antwoorden"),
            path("meldingen/", views.MeldingenQueueView.as_view(), name="meldingen"),
            path(
                "wacht-op-oplossing/",
                views.WaitingForOplossingQueueView.as_view(),
                name="wacht_op_oplossing",
            ),
            path(f"{vraag}/", views.VraagDetailView.as_view(), name="vraag"),
            path(f"{vraag}/goedkeuren/", views.ApproveVraagView.as_view(), name="vraag_approve"),
            path(f"{vraag}/aanpassen/", views.RedactVraagView.as_view(), name="vraag_redact"),
            path(f"{vraag}/afwijzen/", views.RejectVraagView.as_view(), name="vraag_reject"),
            path(f"{vraag}/sluiten/", views.CloseVraagView.as_view(), name="vraag_close"),
            path(f"{vraag}/oplossing/", views.SolveVraagView.as_view(), name="vraag_solve"),
            path(f"{vraag}/heropenen/", views.ReopenVraagView.as_view(), name="vraag_reopen"),
            path(
                f"{vraag}/vraag-om-oplossing/",
                views.RequestOplossingView.as_view(),
                name="vraag_request_oplossing",
            ),
            path(
                f"{vraag}/meldingen-afsluiten/",
                views.DismissMeldingenView.as_view(),
                name="vraag_dismiss",
            ),
            path(
                f"{antwoord}/goedkeuren/",
                views.ApproveAntwoordView.as_view(),
                name="antwoord_approve",
            ),
            path(
                f"{antwoord}/aanpassen/", views.RedactAntwoordView.as_view(), name="antwoord_redact"
            ),
            path(f"{antwoord}/verbergen/", views.HideAntwoordView.as_view(), name="antwoord_hide"),
            path(
                f"{antwoord}/terugzetten/",
                views.RestoreAntwoordView.as_view(),
                name="antwoord_restore",
            ),
            path(
                f"{antwoord}/meldingen-afsluiten/",
                views.DismissAntwoordMeldingenView.as_view(),
                name="antwoord_dismiss",
            ),
        ]


@hooks.register("register_admin_viewset")
def register_moderatie_viewset():
    return ModeratieViewSet()


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_moderator(request.user)


class QueueMenuItem(ModeratorMenuItem):
    """A queue in the menu, with the number of waiting items in its label."""

    def __init__(self, label, url_name, count, **kwargs):
        super().__init__(label, "", **kwargs)
        self.url_name, self.count = url_name, count

    def render_component(self, request):
        n = self.count()
        label = f"{self.label} ({n})" if n else self.label
        return LinkMenuItemComponent(
            self.name, label, reverse(self.url_name), icon_name=self.icon_name, attrs=self.attrs
        )


class SettingsMenuItem(ModeratorMenuItem):
    def __init__(self, label, **kwargs):
        super().__init__(label, "", **kwargs)

    def is_shown(self, request):
        return request.user.has_perm("vragen.change_moderationsettings")

    def render_component(self, request):
        self.url = reverse("wagtailsettings:edit", args=("vragen", "moderationsettings"))
        return super().render_component(request)


def _count_meldingen_targets():
    return Melding.objects.open().order_by().values("vraag_id", "antwoord_id").distinct().count()


@hooks.register("register_admin_menu_item")
def register_moderatie_menu():
    menu = Menu(
        items=[
            QueueMenuItem(
                _("Nieuwe vragen"),
                "moderatie:vragen",
                lambda: Vraag.objects.in_review_queue().count(),
                name="moderatie-vragen",
                icon_name="help",
                order=100,
            ),
            QueueMenuItem(
                _("Vastgehouden antwoorden"),
                "moderatie:antwoorden",
                lambda: Antwoord.objects.held_queue().count(),
                name="moderatie-antwoorden",
                icon_name="comment",
                order=200,
            ),
            QueueMenuItem(
                _("Meldingen"),
                "moderatie:meldingen",
                _count_meldingen_targets,
                name="moderatie-meldingen",
                icon_name="warning",
                order=300,
            ),
            QueueMenuItem(
                _("Wacht op oplossing"),
                "moderatie:wacht_op_oplossing",
                lambda: Vraag.objects.waiting_for_oplossing().count(),
                name="moderatie-wacht-op-oplossing",
                icon_name="time",
                order=400,
            ),
            SettingsMenuItem(
                _("Moderatie-instellingen"),
                name="moderatie-instellingen",
                icon_name="cog",
                order=500,
            ),
        ]
    )
    return SubmenuMenuItem(_("Moderatie"), menu, name="moderatie", icon_name="tasks", order=200)
