"""Moderatoren may edit the moderation settings and handle meldingen (issue 3).

Permissions are normally created after `migrate` (post_migrate); on a fresh database
they do not exist yet here, so they are created first (as in 0003_groups).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATOREN = "Moderatoren"

MODERATOR_PERMISSIONS = [
    ("vragen", "moderationsettings", "change_moderationsettings"),
    ("moderatie", "melding", "view_melding"),
    ("moderatie", "melding", "change_melding"),
]


def _ensure_permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def _permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(
            content_type__app_label=app_label, content_type__model=model, codename=codename
        )
        for app_label, model, codename in MODERATOR_PERMISSIONS
    ]


def grant(apps, schema_editor):
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    moderatoren, _ = Group.objects.get_or_create(name=MODERATOREN)
    moderatoren.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    moderatoren = Group.objects.filter(name=MODERATOREN).first()
    if moderatoren is not None:
        moderatoren.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_groups"),
        ("vragen", "0003_moderationsettings_antwoord_anonymity_findings_and_more"),
        ("moderatie", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
