from django.apps import AppConfig


class ModeratieConfig(AppConfig):
    name = "vraagbaak.moderatie"
    verbose_name = "Moderatie"
