"""R12: a submitted status version is never overwritten or removed, also not past the model's save().

On PostgreSQL a trigger refuses every UPDATE and DELETE of projects_statusreportversion (QuerySet.update(),
delete(), a cascade, raw SQL); SQLite keeps the rule in StatusReportVersion.save() only. TRUNCATE (the test
runner's flush) is not a row operation and is not refused.
"""

from django.db import migrations

CREATE = """
CREATE FUNCTION projects_status_version_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'R12: a submitted status version is immutable (% refused); submit a correction instead', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER status_version_immutable
    BEFORE UPDATE OR DELETE ON projects_statusreportversion
    FOR EACH ROW EXECUTE FUNCTION projects_status_version_immutable();
"""

DROP = """
DROP TRIGGER IF EXISTS status_version_immutable ON projects_statusreportversion;
DROP FUNCTION IF EXISTS projects_status_version_immutable();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)  # None: the "%" is plpgsql's, not a placeholder


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("projects", "0011_project_risk_flag")]

    operations = [migrations.RunPython(create, drop)]
