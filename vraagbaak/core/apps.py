from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "vraagbaak.core"
    verbose_name = "Core"
