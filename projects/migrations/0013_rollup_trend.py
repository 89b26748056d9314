"""The kept monthly roll-up (R10, R11) holds its trend and the newest submission up to each month;
it is (re)computed here from the reports already stored."""

from django.db import migrations, models


def fill(apps, schema_editor):
    """Compute the roll-up of the existing reports; a new database has none and skips this.

    The rebuild uses the current models: on a database that holds reports and skips several
    releases at once, run `manage.py rollup_rebuild` after migrating instead.
    """
    if not apps.get_model("projects", "StatusReport").objects.using(schema_editor.connection.alias).exists():
        return
    from projects.services.rollup import rollup_rebuild  # the service of the current code, see above

    rollup_rebuild()


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0012_status_version_immutable"),
    ]

    operations = [
        migrations.AddField(
            model_name="monthlyrollup",
            name="month_submitted_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="senest indsendt i måneden"),
        ),
        migrations.AddField(
            model_name="monthlyrollup",
            name="trend",
            field=models.JSONField(default=list, verbose_name="udvikling"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
