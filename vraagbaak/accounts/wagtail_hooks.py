"""Admin for moderators: the organisations allowlist and the queue of accounts to approve."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet

from vraagbaak.accounts.actions import verify_profile
from vraagbaak.accounts.models import AllowedDomain, Profile
from vraagbaak.accounts.permissions import can_verify_profile


@hooks.register("register_log_actions")
def register_accounts_log_actions(actions):
    actions.register_action(
        "vraagbaak.profile.verify",
        gettext_lazy("Account goedkeuren"),
        gettext_lazy("Account goedgekeurd"),
    )
    actions.register_action(
        "vraagbaak.profile.update",
        gettext_lazy("Profiel aanpassen"),
        gettext_lazy("Profiel aangepast"),
    )
    actions.register_action(
        "vraagbaak.account.delete",
        gettext_lazy("Account verwijderen"),
        gettext_lazy("Account verwijderd"),
    )


class AllowedDomainViewSet(ModelViewSet):
    model = AllowedDomain
    icon = "globe"
    menu_label = gettext_lazy("Organisaties (e-maildomeinen)")
    add_to_admin_menu = True
    menu_order = 310
    form_fields = ["domain", "organisation"]
    list_display = [
        "domain",
        "organisation",
        DateColumn("created_at", label=gettext_lazy("Toegevoegd")),
    ]
    search_fields = ["domain", "organisation"]
    copy_view_enabled = False


class ApproveColumn(Column):
    """A POST button per row that approves the account."""

    cell_template_name = "accounts/admin/approve_cell.html"

    def __init__(self, name, *, approve_url_name, **kwargs):
        super().__init__(name, **kwargs)
        self.approve_url_name = approve_url_name

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context["csrf_token"] = get_token(request) if request else ""
        context["approve_url"] = reverse(self.approve_url_name, args=(instance.pk,))
        return context


class VerificationQueueIndexView(generic.IndexView):
    """Accounts waiting for a moderator, oldest first."""

    model = Profile
    any_permission_required = ["verify"]
    page_title = gettext_lazy("Nieuwe accounts")
    paginate_by = 50
    default_ordering = "created_at"
    approve_url_name = None

    def get_base_queryset(self):
        return (
            Profile.objects.filter(
                verification=Profile.Verification.UNVERIFIED, user__is_active=True
            )
            .select_related("user", "discipline")
            .order_by("created_at", "pk")
        )

    @property
    def columns(self):
        return [
            DateColumn("created_at", label=_("Wacht sinds"), sort_key="created_at"),
            Column("display_name", label=_("Naam")),
            Column("discipline", label=_("Discipline")),
            Column("organisation", label=_("Organisatie")),
            Column("email", label=_("E-mailadres"), accessor="user.email"),
            ApproveColumn("approve", label=_("Actie"), approve_url_name=self.approve_url_name),
        ]


class ApproveProfileView(View):
    """POST: a moderator approves one account (calls verify_profile)."""

    index_url_name = None

    def post(self, request, pk):
        profile = get_object_or_404(Profile.objects.select_related("user"), pk=pk)
        if not can_verify_profile(request.user, profile):
            raise PermissionDenied
        if profile.is_verified:
            messages.info(request, _("Dit account was al goedgekeurd."))
        else:
            verify_profile(profile, by=request.user)
            messages.success(
                request,
                _("Account van %(name)s is goedgekeurd. Er is een e-mail gestuurd.")
                % {"name": profile.display_name or _("(nog geen naam)")},
            )
        return redirect(self.index_url_name)


class VerifierMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("accounts.verify_profile")


class VerificationQueueViewSet(ViewSet):
    name = "accounts_verificatie"
    url_prefix = "nieuwe-accounts"
    icon = "user"
    menu_label = gettext_lazy("Nieuwe accounts")
    menu_order = 300
    add_to_admin_menu = True

    @property
    def menu_item_class(self):
        return VerifierMenuItem

    def get_urlpatterns(self):
        index = VerificationQueueIndexView.as_view(
            index_url_name=self.get_url_name("index"),
            index_results_url_name=self.get_url_name("index_results"),
            approve_url_name=self.get_url_name("approve"),
            header_icon=self.icon,
        )
        results = VerificationQueueIndexView.as_view(
            index_url_name=self.get_url_name("index"),
            index_results_url_name=self.get_url_name("index_results"),
            approve_url_name=self.get_url_name("approve"),
            results_only=True,
        )
        approve = ApproveProfileView.as_view(index_url_name=self.get_url_name("index"))
        return [
            path("", index, name="index"),
            path("results/", results, name="index_results"),
            path("<int:pk>/goedkeuren/", approve, name="approve"),
        ]


@hooks.register("register_admin_viewset")
def register_accounts_viewsets():
    return [AllowedDomainViewSet("toegestane_domeinen"), VerificationQueueViewSet()]
