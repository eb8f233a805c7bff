from django.db import migrations, models


def backfill_published_at(apps, schema_editor):
    """Answers that are not held were published when they were created."""
    Antwoord = apps.get_model("vragen", "Antwoord")
    Antwoord.objects.filter(is_held=False, published_at__isnull=True).update(
        published_at=models.F("created_at")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("vragen", "0003_moderationsettings_antwoord_anonymity_findings_and_more"),
    ]

    operations = [
        migrations.AddField(
            model_name="antwoord",
            name="published_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="gepubliceerd op"),
        ),
        migrations.RunPython(backfill_published_at, migrations.RunPython.noop),
    ]
