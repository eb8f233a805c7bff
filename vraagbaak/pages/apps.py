from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "vraagbaak.pages"
    verbose_name = "Pagina's"
