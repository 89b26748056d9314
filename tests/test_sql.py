"""rsi_portal.sql: plain SQL whose values come back as the ORM gives them, on SQLite as on PostgreSQL."""

from datetime import date

import pytest
from django.db import connection, transaction
from django.db.models.signals import post_save
from django.utils import timezone

from portfolio.models import AuditEntry, Pejlemaerke
from projects.models import MonthlyRollup, Project, StatusReport
from rsi_portal.sql import columns, for_update, insert, instances, placeholders, typed_rows, update_row
from tests.portfolio.factories import PejlemaerkeFactory, UserFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_typed_rows_gives_dates_times_json_and_booleans_as_the_orm_does():
    pejlemaerke = PejlemaerkeFactory()
    MonthlyRollup.objects.create(
        pejlemaerke=pejlemaerke,
        month=date(2031, 2, 1),
        colour="yellow",
        region_colours=[[1, "yellow"]],
        missing_regions=[2],
        why=[[1, ["affects_tid"], "Leverandøren er forsinket"]],
        trend=["", "yellow"],
        corrected=True,
    )
    names = ("month", "region_colours", "why", "trend", "corrected", "refreshed_at", "yellow_streak")
    expected = list(MonthlyRollup.objects.values_list(*names).get(pejlemaerke=pejlemaerke))
    fields = [MonthlyRollup._meta.get_field(name) for name in names]
    sql = f"SELECT {', '.join(names)} FROM {MonthlyRollup._meta.db_table} WHERE pejlemaerke_id = %s"

    assert typed_rows(sql, [pejlemaerke.pk], fields) == [expected]
    month, region_colours, _why, _trend, corrected, refreshed_at, _streak = expected
    assert (month, region_colours, corrected) == (date(2031, 2, 1), [[1, "yellow"]], True)
    assert refreshed_at.tzinfo is not None


def test_typed_rows_leaves_a_column_without_a_field_as_the_driver_gives_it():
    assert typed_rows("SELECT 7, 'tekst'", [], [None, None]) == [[7, "tekst"]]


def test_placeholders_refuses_an_empty_in_list():
    assert placeholders([4, 5, 6]) == "%s, %s, %s"
    with pytest.raises(ValueError):
        placeholders([])


def test_for_update_is_the_databases_own_lock_clause():
    if connection.features.has_select_for_update:
        assert for_update() == "FOR UPDATE"
        assert for_update(no_key=True) == "FOR NO KEY UPDATE"
        pejlemaerke = PejlemaerkeFactory()
        with transaction.atomic():  # the clause is valid SQL where it is used
            sql = f"SELECT id FROM portfolio_pejlemaerke WHERE id = %s {for_update(no_key=True)}"
            assert typed_rows(sql, [pejlemaerke.pk], [None]) == [[pejlemaerke.pk]]
    else:
        assert for_update() == for_update(no_key=True) == ""


def test_update_row_stores_each_value_as_the_orm_would():
    pejlemaerke = PejlemaerkeFactory()
    row = MonthlyRollup.objects.create(pejlemaerke=pejlemaerke, month=date(2031, 3, 1), colour="green")
    when = timezone.now()
    values = {"colour": "red", "why": [[1, ["affects_tid"], "Ø & <b>"]], "corrected": True, "last_submitted_at": when}
    update_row(MonthlyRollup, row.pk, values)
    row.refresh_from_db()
    assert (row.colour, row.why, row.corrected, row.last_submitted_at) == ("red", values["why"], True, when)
    assert MonthlyRollup.objects.filter(pejlemaerke=pejlemaerke).count() == 1


def _values(instance) -> dict:
    return {field.attname: getattr(instance, field.attname) for field in type(instance)._meta.concrete_fields}


def test_instances_are_the_objects_a_queryset_gives_one_per_model_and_none_for_an_outer_joins_missing_row():
    project = ProjectFactory(name="Fælles EPJ – Ø")
    lone = PejlemaerkeFactory()
    sql = (
        f"SELECT {columns(Pejlemaerke, 'j')}, {columns(Project, 'p')} FROM portfolio_pejlemaerke j"
        " LEFT JOIN projects_project p ON p.pejlemaerke_id = j.id AND p.id = %s WHERE j.id IN (%s, %s)"
    )
    rows = instances(sql, [project.pk, project.pejlemaerke_id, lone.pk], Pejlemaerke, Project)

    expected_project = Project.objects.get(pk=project.pk)
    [(pejlemaerke, found), (alone, nothing)] = sorted(rows, key=lambda row: row[0].pk != project.pejlemaerke_id)
    assert _values(found) == _values(expected_project)
    assert _values(pejlemaerke) == _values(Pejlemaerke.objects.get(pk=project.pejlemaerke_id))
    assert (alone.pk, nothing) == (lone.pk, None)
    assert not found._state.adding and found._state.db == "default"
    found.name = "Omdøbt"
    found.save()  # an instance read so saves as an update of its row
    assert Project.objects.filter(name="Omdøbt").count() == 1


def test_insert_stores_the_row_the_orm_would_store_with_its_new_key_and_automatic_times():
    actor = UserFactory()
    before = timezone.now()
    entry = insert(
        AuditEntry(
            actor=actor, action="status.submit", object_type="x", object_id="1", object_repr="Ø", data={"a": [1]}
        )
    )
    assert entry.pk is not None and not entry._state.adding
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert _values(stored) == _values(entry)
    assert stored.at >= before and stored.data == {"a": [1]}


def test_insert_refuses_a_stored_instance():
    entry = insert(AuditEntry(action="a", object_type="x", object_id="1", object_repr="x"))
    with pytest.raises(ValueError):
        insert(entry)
    assert AuditEntry.objects.filter(object_type="x").count() == 1


def test_insert_saves_the_orm_way_when_the_model_has_a_save_receiver():
    project = ProjectFactory()
    heard = []

    def receiver(sender, instance, created, **kwargs):
        heard.append((instance.pk, created))

    post_save.connect(receiver, sender=StatusReport)
    try:
        report = insert(
            StatusReport(
                project=project,
                region=project.pejlemaerke.leading_region,
                period=date(2031, 1, 1),
                created_by=UserFactory(),
            )
        )
    finally:
        post_save.disconnect(receiver, sender=StatusReport)
    assert heard == [(report.pk, True)]
    assert StatusReport.objects.get(pk=report.pk).period == date(2031, 1, 1)
