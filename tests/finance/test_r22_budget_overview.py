"""R22: the coming year's budget overview from approved business cases, flagging stale ones."""

from datetime import date, datetime
from decimal import Decimal as D
from io import BytesIO

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from finance import selectors, services
from finance.models import BusinessCaseVersion
from finance.rules import approval_is_current, budget_overview_year

from .conftest import make_case
from .factories import body_decides


def test_r22_overview_is_for_the_coming_year_and_1_january_is_the_boundary():
    assert budget_overview_year(date(2026, 4, 30)) == 2027
    assert approval_is_current(date(2026, 1, 1), date(2026, 4, 30))
    assert not approval_is_current(date(2025, 12, 31), date(2026, 4, 30))
    assert not approval_is_current(None, date(2026, 4, 30))


def _row(rows, short):
    return next(r for r in rows if r.pejlemaerke.short_name == short)


def test_r22_figures_split_joint_regional_and_by_region(fresh_luna, people, luna):
    version = make_case(fresh_luna, people["projektleder"], joint=D("1000000.00"), regional=D("250000.00"))
    body_decides(services.version_approve(actor=people["formand"], version=version))  # the first financing, R23
    row = _row(selectors.budget_overview(2027), "LUNA")
    assert (row.joint, row.regional, row.total) == (D("1000000.00"), D("250000.00"), D("1250000.00"))
    assert row.by_region["RN"] == D("250000.00") and row.by_region["RH"] == D("0.00")
    assert sum(row.joint_by_region.values()) == D("1000000.00")
    assert not row.flagged


def test_r22_flags_a_case_approved_before_1_january(fresh_luna, people):
    version = services.version_approve(actor=people["formand"], version=make_case(fresh_luna, people["projektleder"]))
    body_decides(version)  # the first financing goes to RSI DK (R23)
    today = timezone.localdate()
    BusinessCaseVersion.objects.filter(pk=version.pk).update(
        decided_at=timezone.make_aware(datetime(today.year - 1, 12, 31, 23, 30))
    )
    assert _row(selectors.budget_overview(2027, today=today), "LUNA").flagged
    BusinessCaseVersion.objects.filter(pk=version.pk).update(
        decided_at=timezone.make_aware(datetime(today.year, 1, 1, 0, 30))
    )
    assert not _row(selectors.budget_overview(2027, today=today), "LUNA").flagged


def test_r22_flags_a_pejlemaerke_without_an_approved_case(fresh_luna, people):
    make_case(fresh_luna, people["projektleder"])  # a draft only
    row = _row(selectors.budget_overview(2027), "LUNA")
    assert row.flagged and not row.has_case


def test_r22_page_and_xlsx(demo, client, login, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        rows = selectors.budget_overview(2027)
    login("direktoer")
    html = client.get(reverse("finance:budget_overview_year", args=[2027])).content.decode()
    assert "Budgetoverblik 2027" in html and "mangler en business case godkendt siden" in html
    response = client.get(reverse("finance:budget_overview_year", args=[2027]) + "?format=xlsx")
    sheet = load_workbook(BytesIO(response.content)).active
    data = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(data) == {r.pejlemaerke.name for r in rows}
    for row in rows:
        assert D(str(data[row.pejlemaerke.name][1])) == row.joint
        assert data[row.pejlemaerke.name][-1] == ("ja" if row.flagged else "nej")
