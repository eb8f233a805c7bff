from django.apps import AppConfig


class TaxonomieConfig(AppConfig):
    name = "vraagbaak.taxonomie"
    verbose_name = "Taxonomie"
