"""R12: a submitted status version is never overwritten, also not past the model: on PostgreSQL a trigger
refuses UPDATE and DELETE of a version, whatever path the SQL takes (QuerySet.update(), delete())."""

import pytest
from django.db import IntegrityError, connection, transaction

from projects.models import StatusReportVersion

from .factories import StatusReportFactory


@pytest.fixture
def postgresql(db):
    if connection.vendor != "postgresql":
        pytest.skip("the trigger is PostgreSQL's; SQLite keeps R12 in the model only (run with DATABASE_URL)")


def test_r12_the_database_refuses_to_update_a_version(postgresql):
    report = StatusReportFactory(overall="Som indsendt.")
    versions = StatusReportVersion.objects.filter(report=report)
    with pytest.raises(IntegrityError, match="R12"), transaction.atomic():
        versions.update(overall="Rettet i smug.")
    assert versions.get().overall == "Som indsendt."


def test_r12_the_database_refuses_to_delete_a_version(postgresql):
    report = StatusReportFactory()
    versions = StatusReportVersion.objects.filter(report=report)
    with pytest.raises(IntegrityError, match="R12"), transaction.atomic():
        versions.delete()
    with pytest.raises(IntegrityError, match="R12"), transaction.atomic():
        report.delete()  # the cascade deletes the versions too: refused as well
    assert versions.count() == 1


def test_r12_new_versions_are_still_added(postgresql):
    report = StatusReportFactory()
    StatusReportVersion.objects.create(
        report=report,
        version=2,
        colour="red",
        overall="Rettet.",
        risici="Ny risiko.",
        reason="RH rettede farven.",
        submitted_by=report.created_by,
        submitted_at=report.submitted_at,
    )
    assert report.versions.count() == 2
