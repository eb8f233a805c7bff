"""Admin for the controlled vocabularies: one menu group "Taxonomie", edited by editors.

Terms are switched off (`is_active`) rather than deleted, so old questions keep them.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from vraagbaak.taxonomie.models import Discipline, Fase, Risicofactor, Stadsdeel, Vraagtype

TERM_FIELDS = ["name", "slug", "sort_order", "is_active"]


class TermViewSet(ModelViewSet):
    list_display = ["name", "slug", "sort_order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]
    copy_view_enabled = False
    form_fields = TERM_FIELDS


class RisicofactorViewSet(TermViewSet):
    model = Risicofactor
    icon = "warning"
    form_fields = ["name", "slug", "description", "is_urgent", "sort_order", "is_active"]
    list_display = ["name", "is_urgent", "sort_order", "is_active"]
    list_filter = ["is_urgent", "is_active"]


class FaseViewSet(TermViewSet):
    model = Fase
    icon = "time"


class StadsdeelViewSet(TermViewSet):
    model = Stadsdeel
    icon = "site"


class VraagtypeViewSet(TermViewSet):
    model = Vraagtype
    icon = "help"
    form_fields = ["name", "slug", "description", "sort_order", "is_active"]


class DisciplineViewSet(TermViewSet):
    model = Discipline
    icon = "group"
    form_fields = ["name", "slug", "group", "sort_order", "is_active"]
    list_display = ["name", "group", "sort_order", "is_active"]
    list_filter = ["group", "is_active"]


class TaxonomieViewSetGroup(ModelViewSetGroup):
    menu_label = _("Taxonomie")
    menu_icon = "tag"
    menu_order = 320
    items = (
        RisicofactorViewSet,
        FaseViewSet,
        StadsdeelViewSet,
        VraagtypeViewSet,
        DisciplineViewSet,
    )


@hooks.register("register_admin_viewset")
def register_taxonomie_viewsets():
    return TaxonomieViewSetGroup()
