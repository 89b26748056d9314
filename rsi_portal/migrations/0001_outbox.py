from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="OutboxJob",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(max_length=200, verbose_name="opgave")),
                ("arguments", models.JSONField(default=dict, verbose_name="argumenter")),
                ("key", models.CharField(blank=True, max_length=200, verbose_name="nøgle")),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("pending", "Venter på køen"),
                            ("sent", "Sendt til køen"),
                            ("running", "Udføres"),
                            ("done", "Udført"),
                            ("failed", "Fejlet"),
                        ],
                        default="pending",
                        max_length=8,
                        verbose_name="tilstand",
                    ),
                ),
                ("attempts", models.PositiveIntegerField(default=0, verbose_name="forsøg")),
                ("last_error", models.TextField(blank=True, verbose_name="seneste fejl")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="oprettet")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="opdateret")),
            ],
            options={
                "verbose_name": "baggrundsopgave",
                "verbose_name_plural": "baggrundsopgaver",
                "ordering": ["-created_at", "-pk"],
                "indexes": [
                    models.Index(fields=["state", "updated_at"], name="outbox_state_updated"),
                    models.Index(fields=["key", "state"], name="outbox_key_state"),
                ],
            },
        ),
    ]
