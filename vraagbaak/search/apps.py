from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "vraagbaak.search"
    label = "search"
    verbose_name = "Zoeken"

    def ready(self):
        # Index upkeep is infrastructure (like Wagtail's own search signal handlers), not
        # domain logic: see vraagbaak.search.signals.
        from vraagbaak.search import checks, signals  # noqa: F401 (checks registers itself)

        signals.connect()
