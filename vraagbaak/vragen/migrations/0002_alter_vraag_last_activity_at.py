import django.utils.timezone
from django.db import migrations, models
from django.db.models.functions import Coalesce


def fill_last_activity_at(apps, schema_editor):
    Vraag = apps.get_model("vragen", "Vraag")
    Vraag.objects.filter(last_activity_at__isnull=True).update(
        last_activity_at=Coalesce("published_at", "created_at")
    )


class Migration(migrations.Migration):

    dependencies = [
        ('vragen', '0001_initial'),
    ]

    operations = [
        migrations.RunPython(fill_last_activity_at, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='vraag',
            name='last_activity_at',
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='laatste activiteit'),
        ),
    ]
