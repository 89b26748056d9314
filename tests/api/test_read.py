"""Read endpoints: the same data as the pages, narrowed by the user's rights, in a bounded number of queries."""

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from api.models import TokenScope
from governance.models import Access, AgendaItem, Meeting
from projects.models import ReportState, StatusReport


def _closed_meeting():
    return Meeting.objects.filter(items__access=Access.CLOSED).filter(items__access=Access.CONFIDENTIAL).first()


def test_r29_meeting_items_for_a_non_member(api, demo):
    meeting = _closed_meeting()
    response = api("projektleder", TokenScope.READ).get(f"/api/v1/meetings/{meeting.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert body["member"] is False
    by_number = {item["number"]: item for item in body["items"]}
    closed = AgendaItem.objects.get(meeting=meeting, access=Access.CLOSED)
    confidential = AgendaItem.objects.get(meeting=meeting, access=Access.CONFIDENTIAL)
    assert closed.number not in by_number  # a Lukket item is absent
    shown = by_number[confidential.number]  # a Fortrolig item shows only its number
    assert shown["full"] is False and shown["title"] is None and shown["attachments"] == []
    assert confidential.title not in response.content.decode()
    assert closed.title not in response.content.decode()


def test_r29_meeting_items_for_a_member(api, demo):
    meeting = _closed_meeting()
    body = api("direktoer", TokenScope.READ).get(f"/api/v1/meetings/{meeting.pk}/").json()
    assert body["member"] is True
    titles = {item["title"] for item in body["items"]}
    assert AgendaItem.objects.get(meeting=meeting, access=Access.CLOSED).title in titles
    assert AgendaItem.objects.get(meeting=meeting, access=Access.CONFIDENTIAL).title in titles


def test_r29_meeting_list_does_not_count_closed_items(api, demo):
    meeting = _closed_meeting()
    rows = api("projektleder", TokenScope.READ).get("/api/v1/meetings/", {"page_size": 500}).json()["results"]
    row = next(r for r in rows if r["id"] == meeting.pk)
    assert row["item_count"] == meeting.items.exclude(access=Access.CLOSED).count()


def test_pejlemaerker_with_participation_filter_and_ordering(api, demo):
    client = api("kontakt", TokenScope.READ)
    body = client.get("/api/v1/pejlemaerker/", {"state": "portfolio", "ordering": "-name"}).json()
    names = [row["name"] for row in body["results"]]
    assert names == sorted(names, reverse=True) and body["count"] == len(names) > 0
    assert all(row["state"] == "portfolio" for row in body["results"])
    assert {p["region"] for p in body["results"][0]["participations"]} == {"RH", "RSJ", "RSD", "RM", "RN"}


def test_rollup_matches_the_dashboard_selector(api, demo):
    from projects.selectors import portfolio_status

    report = StatusReport.objects.filter(state=ReportState.SUBMITTED).order_by("-period").first()
    month = report.period
    body = api("direktoer", TokenScope.READ).get("/api/v1/rollup/", {"month": f"{month:%Y-%m}"}).json()
    expected = portfolio_status(month, today=date.today())
    assert [row["pejlemaerke"] for row in body["results"]] == [s.pejlemaerke.pk for s in expected]
    assert [row["colour"] for row in body["results"]] == [s.colour for s in expected]
    assert all(len(row["region_colours"]) == 5 for row in body["results"])


def test_rollup_bad_month_is_a_danish_400(api, demo):
    response = api("direktoer", TokenScope.READ).get("/api/v1/rollup/", {"month": "2026-13"})
    assert response.status_code == 400
    assert response.json()["detail"] == "Rettelserne nedenfor mangler."
    assert "month" in response.json()["errors"]


def test_status_reports_with_versions(api, demo):
    report = StatusReport.objects.filter(state=ReportState.SUBMITTED).first()
    body = api("kontakt", TokenScope.READ).get(f"/api/v1/status-reports/{report.pk}/").json()
    assert body["version"] == report.version == len(body["versions"])
    assert body["colour"] == report.colour


def test_status_drafts_are_not_in_the_api(api, demo):
    draft = StatusReport.objects.filter(state=ReportState.DRAFT).first()
    if draft is not None:
        assert api("sekretariat", TokenScope.READ).get(f"/api/v1/status-reports/{draft.pk}/").status_code == 404


def test_business_case_money_is_a_decimal_string(api, demo):
    client = api("kontakt", TokenScope.READ)
    case_id = client.get("/api/v1/business-cases/").json()["results"][0]["id"]
    body = client.get(f"/api/v1/business-cases/{case_id}/").json()
    version = body["versions"][0]
    assert isinstance(version["buffer"], str) and version["buffer"].count(".") == 1
    assert len(version["buffer"].split(".")[1]) == 2
    assert all(isinstance(line["amount"], str) for line in version["lines"])
    assert isinstance(body["buffer_drawn"], str)


def test_monthly_reports_archive_links_to_files(api, demo):
    body = api("direktoer", TokenScope.READ).get("/api/v1/monthly-reports/").json()
    for row in body["results"]:
        assert row["pdf"].endswith(f"/rapporter/{row['id']}/pdf/")


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/pejlemaerker/",
        "/api/v1/status-reports/",
        "/api/v1/business-cases/",
        "/api/v1/meetings/",
        "/api/v1/rollup/",
        "/api/v1/monthly-reports/",
    ],
)
def test_lists_use_a_constant_number_of_queries(api, demo, url):
    """A page of 2 rows and a page of 500 rows cost the same number of queries (no N+1)."""
    client = api("kontakt", TokenScope.READ)
    client.get(url)  # the token's last-used stamp is written on the first request
    counts = []
    for size in (2, 500):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, {"page_size": size})
        assert response.status_code == 200, url
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 16, (url, counts)


def test_errors_are_json_never_html(demo):
    client = Client()
    for url in ("/api/v1/pejlemaerker/", "/api/v1/pejlemaerker/999999/"):
        response = client.get(url, HTTP_AUTHORIZATION="Bearer rsi_wrong")
        assert response.status_code == 401
        assert response["Content-Type"].startswith("application/json"), url
        assert response.json()["detail"]
