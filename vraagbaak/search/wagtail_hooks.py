"""Admin: the domain thesaurus under "Zoeken", for Redacteuren and Moderatoren.

A change takes effect on the next search (synonyms.current_thesaurus); with
Elasticsearch the index settings are updated by a task (es_backend.update_synonyms).
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from vraagbaak.search.models import Synoniemgroep


class SynoniemgroepViewSet(ModelViewSet):
    model = Synoniemgroep
    icon = "list-ul"
    menu_label = _("Synoniemen")
    form_fields = ["terms", "is_active", "note"]
    list_display = ["__str__", "is_active", "note", "updated_at"]
    list_filter = ["is_active"]
    search_fields = ["terms", "note"]
    copy_view_enabled = False
    add_to_admin_menu = False


class ZoekenViewSetGroup(ModelViewSetGroup):
    menu_label = _("Zoeken")
    menu_icon = "search"
    menu_order = 330
    items = (SynoniemgroepViewSet,)


@hooks.register("register_admin_viewset")
def register_zoeken_viewsets():
    return ZoekenViewSetGroup()
