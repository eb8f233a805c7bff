from django.apps import AppConfig


class VragenConfig(AppConfig):
    name = "vraagbaak.vragen"
    verbose_name = "Vragen"
