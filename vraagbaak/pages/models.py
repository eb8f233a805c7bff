"""Editorial content: the public front, standard pages and a theme page per risk factor."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

from vraagbaak.taxonomie.models import Risicofactor


class HomePage(Page):
    """Visitors see what the Vraagbaak is and how to join; professionals their dashboard."""

    intro = RichTextField(_("introductie voor bezoekers"), blank=True)
    how_to_join = RichTextField(_("zo doe je mee"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("how_to_join")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["pages.StandardPage"]
    max_count = 1
    is_public_page = True

    class Meta:
        verbose_name = _("startpagina")
        verbose_name_plural = _("startpagina's")

    def get_template(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and user.is_verified_professional:
            return "pages/dashboard.html"
        return "pages/home_page.html"

    def get_context(self, request, *args, **kwargs):
        from vraagbaak.pages.dashboard import dashboard_context

        context = super().get_context(request, *args, **kwargs)
        context.update(dashboard_context(request.user))
        return context


class StandardPage(Page):
    """House rules, privacy statement, posting guidance, about."""

    intro = models.TextField(_("inleiding"), blank=True)
    body = RichTextField(_("tekst"))
    public = models.BooleanField(
        _("openbaar"),
        default=True,
        help_text=_(
            "Aan: ook zichtbaar voor bezoekers zonder account. "
            "Uit: alleen voor geverifieerde professionals."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("public"),
    ]
    subpage_types = ["pages.StandardPage", "pages.ThemePage"]

    class Meta:
        verbose_name = _("standaardpagina")
        verbose_name_plural = _("standaardpagina's")

    @property
    def is_public_page(self) -> bool:
        return self.public

    def get_context(self, request, *args, **kwargs):
        """`child_pages`: the live subpages, e.g. the theme pages under "Thema's"."""
        context = super().get_context(request, *args, **kwargs)
        context["child_pages"] = self.get_children().live().specific()
        return context


class ThemePage(Page):
    """Guidance, escalation numbers and links for one risk factor."""

    risicofactor = models.OneToOneField(
        Risicofactor,
        verbose_name=_("risicofactor"),
        on_delete=models.PROTECT,
        related_name="theme_page",
    )
    intro = models.TextField(_("inleiding"), blank=True)
    body = RichTextField(_("tekst"), blank=True)
    escalation = RichTextField(_("bij acute zorgen"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("risicofactor"),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("escalation"),
    ]
    parent_page_types = ["pages.StandardPage"]
    subpage_types: list[str] = []
    is_public_page = False

    class Meta:
        verbose_name = _("themapagina")
        verbose_name_plural = _("themapagina's")

    def get_context(self, request, *args, **kwargs):
        from vraagbaak.vragen.models import Vraag

        context = super().get_context(request, *args, **kwargs)
        context["recent_vragen"] = (
            Vraag.objects.visible_to(request.user)
            .published()
            .filter(risicofactoren=self.risicofactor)
            .for_listing()[:5]
        )
        return context


@register_setting(icon="warning")
class UrgentBanner(BaseGenericSetting):
    """The fixed text shown when an urgent risk factor is chosen (BRIEF §2.2)."""

    title = models.CharField(_("kop"), max_length=120, default="Niet voor acute situaties")
    text = RichTextField(
        _("tekst"),
        default=(
            "<p>De Vraagbaak is niet bedoeld voor acute situaties. Is er direct gevaar? Bel "
            "<b>112</b>. Bij medische zorgen: bel de huisarts of de huisartsenpost; bij een "
            "psychiatrische crisis de crisisdienst.</p><p>Maak je je zorgen over de veiligheid "
            "van ouder of kind? Volg de meldcode en bel <b>Veilig Thuis: 0800-2000</b> "
            "(gratis, dag en nacht) voor advies of een melding.</p>"
        ),
    )

    panels = [FieldPanel("title"), FieldPanel("text")]

    class Meta:
        verbose_name = _("melding bij urgente risicofactoren")
        verbose_name_plural = _("meldingen bij urgente risicofactoren")
