"""R16: totals per year, category, region and overall with drift apart; pages with bounded queries."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from finance import selectors, services
from finance.models import BusinessCaseVersion
from portfolio.models import Region

from .conftest import make_case
from .factories import ExpenseLineFactory, region


@pytest.mark.django_db
def test_r16_totals_per_year_category_region_and_drift_apart():
    version = ExpenseLineFactory(amount=D("1000000.00")).version
    ExpenseLineFactory(version=version, scope="regional", region=region("RN"), amount=D("200000.00"))
    leader = version.created_by
    services.line_add(
        actor=leader,
        version=version,
        kind="staff",
        scope="regional",
        region=Region.objects.get(code="RH"),
        year=2028,
        description="Implementering",
        hours=D("675"),
    )
    services.line_add(
        actor=leader,
        version=version,
        kind="external",
        scope="joint",
        year=2028,
        description="Jurist",
        hours=D("100"),
        hourly_rate=D("1400"),
    )
    services.line_add(
        actor=leader,
        version=version,
        kind="operating",
        scope="joint",
        year=2029,
        description="Drift",
        amount=D("999999.99"),
    )
    totals = selectors.version_totals(selectors.version_with_lines(version.pk))
    assert totals.expenses == D("1677500.00")  # 1,000,000 + 200,000 + 337,500 + 140,000
    assert (totals.joint, totals.regional, totals.operating) == (D("1140000.00"), D("537500.00"), D("999999.99"))
    assert totals.by_year[2027]["total"] == D("1200000.00")
    assert totals.by_year[2028] == {
        "joint": D("140000.00"),
        "regional": D("337500.00"),
        "total": D("477500.00"),
        "operating": D("0.00"),
    }
    assert totals.by_year[2029]["operating"] == D("999999.99") and totals.by_year[2029]["total"] == D("0.00")
    assert {r.code: a for r, a in totals.by_region.items()} == {"RH": D("337500.00"), "RN": D("200000.00")}
    assert totals.staff_aarsvaerk == D("0.50")
    assert totals.max_buffer == D("167750.00")


def test_r16_a_regional_line_must_name_its_region(fresh_luna, people, client, login):
    version = make_case(fresh_luna, people["projektleder"])
    login("projektleder")
    response = client.post(
        reverse("finance:line_add", args=[version.pk]),
        {"year": "2027", "kind": "other", "scope": "regional", "description": "Lokalt", "amount": "5000"},
    )
    assert response.status_code == 400
    assert "En regional udgift skal have en region." in response.content.decode()
    assert 'value="Lokalt"' in response.content.decode()
    response = client.post(
        reverse("finance:line_add", args=[version.pk]),
        {"year": "2027", "kind": "staff", "scope": "joint", "description": "PL", "aarsvaerk": "1.5"},
    )
    assert response.status_code == 302
    assert version.lines.get(description="PL").amount == D("1012500.00")


def test_pages_use_a_bounded_number_of_queries(demo, client, login, django_assert_max_num_queries):
    login("sekretariat")
    version = BusinessCaseVersion.objects.filter(business_case__project__pejlemaerke__short_name="LUNA").first()
    urls = [
        reverse("finance:case_list"),
        reverse("finance:case_detail", args=[version.business_case.project_id]),
        reverse("finance:version_detail", args=[version.pk]),
        reverse("finance:budget_overview"),
        reverse("finance:collection_list", args=[2027]),
    ]
    for url in urls:
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200
