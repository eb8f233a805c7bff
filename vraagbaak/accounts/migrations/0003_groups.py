"""The three roles as groups, with the permissions each needs (BRIEF §1, §2.1).

- Professionals: no model permissions; what they may do follows from a verified profile.
- Moderatoren: the Wagtail admin, moderation of vragen, approving accounts, the
  organisations allowlist.
- Redacteuren: the Wagtail admin, content pages (from the tree root down), images and
  documents, the taxonomies and the urgent-risk banner setting.

Permissions are normally created after `migrate` (post_migrate); on a fresh database
they do not exist yet here, so they are created first.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PROFESSIONALS = "Professionals"
MODERATOREN = "Moderatoren"
REDACTEUREN = "Redacteuren"

MODERATOR_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("vragen", "vraag", "moderate_vraag"),
    ("accounts", "profile", "view_profile"),
    ("accounts", "profile", "change_profile"),
    ("accounts", "profile", "verify_profile"),
    ("accounts", "alloweddomain", "add_alloweddomain"),
    ("accounts", "alloweddomain", "change_alloweddomain"),
    ("accounts", "alloweddomain", "delete_alloweddomain"),
    ("accounts", "alloweddomain", "view_alloweddomain"),
]

TAXONOMY_MODELS = ["risicofactor", "fase", "stadsdeel", "vraagtype", "discipline"]

EDITOR_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("pages", "urgentbanner", "change_urgentbanner"),
    ("pages", "urgentbanner", "view_urgentbanner"),
] + [
    ("taxonomie", model, f"{verb}_{model}")
    for model in TAXONOMY_MODELS
    for verb in ("add", "change", "view")
]

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
EDITOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", ["add_image", "change_image", "choose_image"]),
    ("wagtaildocs", "document", ["add_document", "change_document", "choose_document"]),
]


def _ensure_permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def _permission(apps, app_label, model, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(
        content_type__app_label=app_label, content_type__model=model, codename=codename
    )


def create_groups(apps, schema_editor):
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    Group.objects.get_or_create(name=PROFESSIONALS)

    moderatoren, _ = Group.objects.get_or_create(name=MODERATOREN)
    moderatoren.permissions.add(*[_permission(apps, *p) for p in MODERATOR_PERMISSIONS])

    redacteuren, _ = Group.objects.get_or_create(name=REDACTEUREN)
    redacteuren.permissions.add(*[_permission(apps, *p) for p in EDITOR_PERMISSIONS])

    root_page = Page.objects.filter(depth=1).order_by("path").first()
    if root_page is not None:
        for codename in EDITOR_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=redacteuren,
                page=root_page,
                permission=_permission(apps, "wagtailcore", "page", codename),
            )
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    if root_collection is not None:
        for app_label, model, codenames in EDITOR_COLLECTION_PERMISSIONS:
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=redacteuren,
                    collection=root_collection,
                    permission=_permission(apps, app_label, model, codename),
                )


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[PROFESSIONALS, MODERATOREN, REDACTEUREN]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_profile_verify_permission"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("taxonomie", "0001_initial"),
        ("vragen", "0001_initial"),
        ("pages", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
