"""The API's permission matrix is the pages' matrix: for each role, every read and write answers
"allowed" through the API exactly when the page it mirrors does (one parametrized test over both)."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from api.models import TokenScope
from api.tokens import token_create
from finance.models import BusinessCase
from governance.models import Meeting
from portfolio.models import Pejlemaerke
from portfolio.models.rhythm import MonthlyReport
from projects.models import Project, ReportState, StatusReport
from projects.selectors import reporting_regions

ROLES = ["sekretariat", "projektleder", "regional", "formand", "direktoer", "kontakt", "udenrolle"]
MONTH = date(2031, 2, 1)


@pytest.fixture
def o(demo):
    get_user_model().objects.get_or_create(username="udenrolle", defaults={"email": "uden@example.dk"})
    luna = Pejlemaerke.objects.get(short_name="LUNA")
    luna_project = luna.projects.get()
    labrek_project = Project.objects.get(pejlemaerke__short_name="LABREK")
    region = reporting_regions(luna_project)[0]
    return {
        "luna": luna,
        "luna_project": luna_project,
        "labrek_project": labrek_project,
        "region": region,
        "report": StatusReport.objects.filter(state=ReportState.SUBMITTED).first(),
        "case": BusinessCase.objects.get(project=luna_project),
        "labrek_case": BusinessCase.objects.get(project=labrek_project),
        "meeting": Meeting.objects.first(),
        "monthly": MonthlyReport.objects.first(),
    }


def _reads(o):
    """(page URL, API URL) pairs that read the same thing."""
    pairs = [
        (reverse("portfolio:pejlemaerke_list"), "/api/v1/pejlemaerker/"),
        (reverse("portfolio:pejlemaerke_detail", args=[o["luna"].pk]), f"/api/v1/pejlemaerker/{o['luna'].pk}/"),
        (reverse("portfolio:dashboard"), "/api/v1/rollup/"),
        (reverse("projects:status_report_detail", args=[o["report"].pk]), f"/api/v1/status-reports/{o['report'].pk}/"),
        (reverse("finance:case_list"), "/api/v1/business-cases/"),
        (reverse("finance:case_detail", args=[o["luna_project"].pk]), f"/api/v1/business-cases/{o['case'].pk}/"),
        (reverse("governance:meeting_list"), "/api/v1/meetings/"),
        (reverse("governance:meeting_detail", args=[o["meeting"].pk]), f"/api/v1/meetings/{o['meeting'].pk}/"),
        (reverse("portfolio:report_archive"), "/api/v1/monthly-reports/"),
    ]
    if o["monthly"] is not None:
        pairs.append(
            (reverse("portfolio:report_detail", args=[o["monthly"].pk]), f"/api/v1/monthly-reports/{o['monthly'].pk}/")
        )
    return pairs


def _status_body(o, project):
    return {
        "project": project.pk,
        "region": o["region"].code if project == o["luna_project"] else reporting_regions(project)[0].code,
        "period": MONTH.isoformat(),
        "colour": "green",
        "overall": "Efter planen.",
    }


def _writes(o):
    """(page URL, method, API URL, API body): the API may write exactly when the page may."""
    rows = []
    for project in (o["luna_project"], o["labrek_project"]):
        region = o["region"] if project == o["luna_project"] else reporting_regions(project)[0]
        page = reverse("projects:status_report_edit", args=[project.pk, region.code, MONTH])
        rows.append((page, "get", "/api/v1/status-reports/", _status_body(o, project)))
    for case in (o["case"], o["labrek_case"]):
        page = reverse("finance:version_new", args=[case.project_id])
        rows.append((page, "post", f"/api/v1/business-cases/{case.pk}/versions/", {"change_reason": "Matrix"}))
    return rows


def _api_client(username):
    user = get_user_model().objects.get(username=username)
    return Client(
        HTTP_AUTHORIZATION=f"Bearer {token_create(actor=user, name='m', scope=TokenScope.READ_WRITE, days=1)[1]}"
    )


@pytest.mark.parametrize("role", ROLES)
def test_api_permission_matrix_equals_the_pages(o, client, role):
    user = get_user_model().objects.get(username=role)
    client.force_login(user)
    api = _api_client(role)
    mismatches = []
    for page, api_url in _reads(o):
        page_ok = client.get(page).status_code == 200
        api_status = api.get(api_url).status_code
        if page_ok != (api_status == 200):
            mismatches.append(f"read {page} -> page {'allowed' if page_ok else 'denied'}, {api_url} -> {api_status}")
    for n, (page, method, api_url, body) in enumerate(_writes(o)):
        page_status = getattr(client, method)(page).status_code
        page_ok = page_status != 403
        api_status = api.post(api_url, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY=f"m-{n}").status_code
        assert api_status < 500, (api_url, api_status)
        if page_ok != (api_status != 403):
            mismatches.append(f"write {page} -> {page_status}, {api_url} -> {api_status}")
    assert not mismatches, "\n".join(mismatches)


@pytest.mark.parametrize("role", ["sekretariat", "projektleder", "direktoer"])
def test_read_only_token_writes_nothing_whatever_the_role(o, role):
    user = get_user_model().objects.get(username=role)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token_create(actor=user, name='r', scope=TokenScope.READ, days=1)[1]}")
    for n, (_page, _method, api_url, body) in enumerate(_writes(o)):
        response = api.post(api_url, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY=f"r-{n}")
        assert response.status_code == 403, api_url
    assert not StatusReport.objects.filter(period=MONTH).exists()
