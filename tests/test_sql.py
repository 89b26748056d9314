"""rsi_portal.sql: plain SQL whose values come back as the ORM gives them, on SQLite as on PostgreSQL."""

from datetime import date

import pytest
from django.db import connection, transaction
from django.utils import timezone

from projects.models import MonthlyRollup
from rsi_portal.sql import for_update, placeholders, typed_rows, update_row
from tests.portfolio.factories import PejlemaerkeFactory

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
