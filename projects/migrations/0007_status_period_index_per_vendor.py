"""The dashboard's month-window index: covering on PostgreSQL, plain elsewhere (no W040 on SQLite).

The SQL differs per vendor, so the database side is RunPython; the state side declares the plain
(period, state) index that StatusReport.Meta.indexes names, so Django's migration state knows it.
"""

from django.db import migrations, models

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
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(create, drop)],
            state_operations=[
                migrations.AddIndex(
                    model_name="statusreport",
                    index=models.Index(fields=["period", "state"], name=NAME),
                )
            ],
        ),
    ]
