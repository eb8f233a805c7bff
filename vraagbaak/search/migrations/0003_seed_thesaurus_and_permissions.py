"""Seed the editable thesaurus from thesaurus.SEED_SYNONYMS merged with the abbreviations,
and let Redacteuren and Moderatoren maintain it in the admin ("Zoeken")."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Redacteuren", "Moderatoren"]
VERBS = ["add", "change", "delete", "view"]


def seed(apps, schema_editor):
    from vraagbaak.search.thesaurus import ABBREVIATIONS, SEED_SYNONYMS, merge_abbreviations

    Synoniemgroep = apps.get_model("search", "Synoniemgroep")
    if not Synoniemgroep.objects.exists():
        Synoniemgroep.objects.bulk_create(
            Synoniemgroep(terms="\n".join(sorted(group)))
            for group in merge_abbreviations(SEED_SYNONYMS, ABBREVIATIONS)
        )

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="search",
        codename__in=[f"{verb}_synoniemgroep" for verb in VERBS],
    )
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_database_search_setup"),
        ("accounts", "0004_moderator_moderation_permissions"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
