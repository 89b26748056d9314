"""The projects app's schema as migrations leave it: Django's migration state and the database agree."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from projects.models import StatusReport

WINDOW_INDEX = "status_period_window_idx"


def test_the_dashboard_window_index_is_in_the_migration_state_and_in_the_database(db):
    state = MigrationExecutor(connection).loader.project_state(("projects", "0007_status_period_index_per_vendor"))
    indexes = {index.name: index for index in state.models["projects", "statusreport"].options["indexes"]}
    assert indexes[WINDOW_INDEX].fields == ["period", "state"]
    assert WINDOW_INDEX in {index.name for index in StatusReport._meta.indexes}
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, StatusReport._meta.db_table)
    assert constraints[WINDOW_INDEX]["index"] and constraints[WINDOW_INDEX]["columns"][:2] == ["period", "state"]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [WINDOW_INDEX])
            assert "INCLUDE" in cursor.fetchone()[0]
