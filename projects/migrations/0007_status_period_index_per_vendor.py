"""The dashboard's month-window index: covering on PostgreSQL, plain elsewhere (no W040 on SQLite)."""

from django.db import migrations

NAME = "status_period_window_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX {NAME} ON projects_statusreport (period, state) "
            "INCLUDE (project_id, region_id, colour, submitted_at)"
        )
    else:
        schema_editor.execute(f"CREATE INDEX {NAME} ON projects_statusreport (period, state)")


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("projects", "0006_status_covering_index")]

    operations = [
        migrations.RemoveIndex(model_name="statusreport", name="status_period_cover_idx"),
        migrations.RunPython(create, drop),
    ]
