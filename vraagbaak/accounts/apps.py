from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "vraagbaak.accounts"
    verbose_name = "Accounts"
