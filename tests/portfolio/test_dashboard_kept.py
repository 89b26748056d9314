"""The dashboard keeps the table it built while nothing it is built from has changed (PostgreSQL's row
versions as the fingerprint), and builds it again after every kind of write, also within one transaction."""

from decimal import Decimal
from html import unescape

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from finance.models import BusinessCaseVersion
from portfolio import services as portfolio_services
from portfolio.models import Pejlemaerke, StrategyGoal
from projects import services
from projects.models import Project, StatusReport
from tests.conftest import require_component

from ..projects.status_support import MONTH, hm_project, luna_project, pejlemaerke, region, submit, url_month, user
from .test_dashboard import rows_of

pytestmark = pytest.mark.django_db
URL = reverse("portfolio:dashboard")


@pytest.fixture(autouse=True)
def postgresql():
    require_component("PostgreSQL", connection.vendor == "postgresql", "set DATABASE_URL=postgres://…")


def _get(client, query=""):
    """(the page, whether the table was built for it): a build reads the month's roll-up rows."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{URL}?month={url_month()}{query}")
    assert response.status_code == 200
    built = any('"projects_monthlyrollup"."why"' in q["sql"] for q in queries.captured_queries)
    return response.content.decode(), built


def _names(html: str) -> list[str]:
    return [unescape(name) for name in rows_of(html)] if "<tbody>" in html else []


def _luna() -> str:
    return pejlemaerke("LUNA").name


@pytest.fixture
def warm(demo, client, login):
    login("sekretariat")
    submit(hm_project("RN"), "RN", "red", risici="Leverandøren er forsinket")
    submit(luna_project(), "RM", "yellow")

    def again(query=""):
        _html, built = _get(client, query)
        assert built  # the first look after a write builds
        html, built = _get(client, query)
        assert not built  # the second is the kept table
        return html

    return again


def test_kept_table_is_the_same_page_without_reading_the_rollup(warm, client):
    first = warm()
    second, built = _get(client)
    assert not built and second.count("<tr class=") == first.count("<tr class=")
    assert "Leverandøren er forsinket" in second


def test_a_status_submit_and_a_correction_rebuild_the_table(warm, client):
    warm()
    submit(hm_project("RM"), "RM", "red", risici="Ny rød risiko i RM")
    html, built = _get(client)
    assert built and "Ny rød risiko i RM" in html
    report = StatusReport.objects.get(project=hm_project("RM"), period=MONTH)
    services.status_report_correct(
        actor=user("sekretariat"),
        report=report,
        reason="Tastefejl",
        colour="red",
        overall="Rettet.",
        risici="Rettet risiko i RM",
    )
    html, built = _get(client)
    assert built and "Rettet risiko i RM" in html and "Ny rød risiko i RM" not in html


def test_a_rename_through_the_service_rebuilds_the_table(warm, client):
    warm()
    portfolio_services.pejlemaerke_update(
        actor=user("sekretariat"), pejlemaerke=pejlemaerke("Hjemmemonitorering"), name="Hjemmemonitorering, nyt navn"
    )
    html, built = _get(client)
    assert built and "Hjemmemonitorering, nyt navn" in html


def test_two_writes_in_one_transaction_rebuild_the_table_each_time(warm, client):
    """Both row versions carry the same transaction id (no savepoint between them): the row's place tells."""
    warm()
    for name in ("Hjemmemonitorering, første navn", "Hjemmemonitorering, andet navn"):
        Pejlemaerke.objects.filter(short_name="Hjemmemonitorering").update(name=name)
        html, built = _get(client)
        assert built and name in html


def test_participation_project_phase_and_region_changes_rebuild_the_table(warm, client):
    warm()
    portfolio_services.participation_set(
        actor=user("sekretariat"),
        pejlemaerke=pejlemaerke("LUNA"),
        region=region("RN"),
        status="afstaar",
        explanation="Region Nordjylland har egen løsning",
    )
    assert _get(client)[1]
    assert not _get(client)[1]
    Project.objects.filter(pk=luna_project().pk).update(phase=F("phase"))  # a new row version, same values
    assert _get(client)[1]
    region_rn = region("RN")
    region_rn.name = "Region Nordjylland (omdøbt)"
    region_rn.save()
    html, built = _get(client)
    assert built and "Region Nordjylland (omdøbt)" in html


def test_the_numbers_and_the_goal_filter_rebuild_the_table(warm, client):
    """R38's inputs (the month's forecasts, the approved business cases) and R40's goal membership."""
    warm()
    StatusReport.objects.filter(project=hm_project("RN"), period=MONTH).update(forecast_cost=Decimal("99000000"))
    assert _get(client)[1]
    assert not _get(client)[1]
    BusinessCaseVersion.objects.filter(pk__in=BusinessCaseVersion.objects.values("pk")[:1]).update(
        end_date="2040-01-01"
    )
    assert _get(client)[1]
    goal = StrategyGoal.objects.create(title="Mål under test", period_start=2030, period_end=2032)
    query = f"&goal={goal.pk}"
    html, built = _get(client, query)
    assert built and _luna() not in _names(html)
    assert not _get(client, query)[1]
    goal.pejlemaerker.add(pejlemaerke("LUNA"))
    html, built = _get(client, query)
    assert built and _luna() in _names(html)


def test_other_filters_keep_a_table_of_their_own(warm, client):
    warm()
    html, built = _get(client, "&colour=red")
    assert built and _luna() not in _names(html)
    assert not _get(client, "&colour=red")[1]
    html, built = _get(client)
    assert not built and _luna() in _names(html)
