"""Moderatoren manage the zorgoverleg rooms and the schedule in the admin (issue 5).

Permissions are normally created after `migrate` (post_migrate); on a fresh database
they do not exist yet here, so they are created first (as in accounts 0003_groups).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATOREN = "Moderatoren"

MODERATOR_PERMISSIONS = [
    ("zorgoverleg", "room", "add_room"),
    ("zorgoverleg", "room", "change_room"),
    ("zorgoverleg", "room", "view_room"),
    ("zorgoverleg", "session", "view_session"),
    ("zorgoverleg", "zorgoverlegsettings", "change_zorgoverlegsettings"),
    ("zorgoverleg", "zorgoverlegsettings", "view_zorgoverlegsettings"),
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
        ("zorgoverleg", "0002_signup_review_reason_room_moderators"),
        ("accounts", "0004_moderator_moderation_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
