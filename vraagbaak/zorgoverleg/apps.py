from django.apps import AppConfig


class ZorgoverlegConfig(AppConfig):
    name = "vraagbaak.zorgoverleg"
    verbose_name = "Zorgoverleg"
