from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0002_decision_item_pack_uuid"),
    ]

    operations = [
        migrations.AddField(
            model_name="agendapack",
            name="started_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
