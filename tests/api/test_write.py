"""Writes: submit and correct a status report (R9, R12) and a draft business-case version (R23) through the
same services as the forms, with an Idempotency-Key, Danish errors, unknown fields and too-long text refused."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from api.models import TokenScope
from finance.models import BusinessCase, BusinessCaseVersion, VersionStatus
from projects.models import StatusReport, StatusReportVersion
from projects.selectors import reportable_pairs

MONTH = date(2031, 1, 1)  # no demo report exists for it


@pytest.fixture
def pair(demo):
    user = get_user_model().objects.get(username="projektleder")
    project, region = reportable_pairs(user)[0]
    StatusReport.objects.filter(project=project, region=region, period=MONTH).delete()
    return project, region


def _submit(client, project, region, key="key-1", **extra):
    data = {
        "project": project.pk,
        "region": region.code,
        "period": MONTH.isoformat(),
        "colour": "green",
        "overall": "Alt går efter planen.",
    } | extra
    return client.post("/api/v1/status-reports/", data, content_type="application/json", HTTP_IDEMPOTENCY_KEY=key)


def test_r9_submit_through_the_api_makes_version_1(api, pair):
    project, region = pair
    response = _submit(api("projektleder"), project, region)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["version"] == 1 and body["colour"] == "green" and len(body["versions"]) == 1
    assert StatusReport.objects.get(project=project, region=region, period=MONTH).is_submitted


def test_r12_retry_with_the_same_idempotency_key_never_makes_a_second_version(api, pair):
    project, region = pair
    client = api("projektleder")
    first = _submit(client, project, region)
    again = _submit(client, project, region)
    assert again.status_code == 201 and again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    report = StatusReport.objects.get(project=project, region=region, period=MONTH)
    assert StatusReportVersion.objects.filter(report=report).count() == 1
    other = _submit(client, project, region, colour="red", risici="Risiko")
    assert other.status_code == 422  # the same key with another body


def test_r12_second_submit_is_refused_in_danish(api, pair):
    project, region = pair
    client = api("projektleder")
    _submit(client, project, region, key="a")
    response = _submit(client, project, region, key="b")
    assert response.status_code == 400
    assert "kan ikke overskrives" in response.json()["detail"]


def test_r12_correction_is_a_new_version_with_its_reason(api, pair):
    project, region = pair
    client = api("projektleder")
    report_id = _submit(client, project, region).json()["id"]
    url = f"/api/v1/status-reports/{report_id}/corrections/"
    data = {"colour": "yellow", "overall": "Forsinket leverance.", "risici": "Leverandøren", "reason": "Ny viden"}
    response = client.post(url, data, content_type="application/json", HTTP_IDEMPOTENCY_KEY="c1")
    assert response.status_code == 200, response.json()
    assert [v["version"] for v in response.json()["versions"]] == [2, 1]
    assert response.json()["versions"][0]["reason"] == "Ny viden"
    missing = client.post(url, {**data, "reason": ""}, content_type="application/json", HTTP_IDEMPOTENCY_KEY="c2")
    assert missing.status_code == 400
    assert missing.json()["errors"]["reason"] == ["Skriv hvorfor rapporten rettes. En rettelse kræver en begrundelse."]


def test_r9_same_validation_as_the_form(api, pair):
    project, region = pair
    response = _submit(api("projektleder"), project, region, colour="red", risici="")
    assert response.status_code == 400
    assert response.json()["errors"]["risici"] == [
        "En rød eller gul status skal have en beskrivelse af de væsentligste risici."
    ]
    assert not StatusReport.objects.filter(project=project, region=region, period=MONTH).exists()


def test_unknown_field_is_refused(api, pair):
    project, region = pair
    response = _submit(api("projektleder"), project, region, colur="green")
    assert response.status_code == 400
    assert "colur" in response.json()["errors"]
    assert response.json()["errors"]["colur"][0].startswith("Ukendt felt")


def test_too_long_text_is_refused_with_its_limit_not_cut(api, pair):
    project, region = pair
    response = _submit(api("projektleder"), project, region, overall="x" * 2001)
    assert response.status_code == 400
    assert "2000" in response.json()["errors"]["overall"][0]
    assert not StatusReport.objects.filter(project=project, region=region, period=MONTH).exists()


def test_missing_idempotency_key_is_refused(api, pair):
    project, region = pair
    response = _submit(api("projektleder"), project, region, key="")
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["detail"]


def test_r9_someone_elses_project_is_403(api, pair):
    project, region = pair
    response = _submit(api("direktoer"), project, region)
    assert response.status_code == 403
    assert response.json()["detail"] == "Du har ikke adgang til dette."


def test_read_only_token_cannot_submit(api, pair):
    project, region = pair
    response = _submit(api("projektleder", TokenScope.READ), project, region)
    assert response.status_code == 403
    assert not StatusReport.objects.filter(project=project, region=region, period=MONTH).exists()


def test_r23_draft_business_case_version(api, demo):
    case = (
        BusinessCase.objects.filter(project__leader__username="projektleder")
        .exclude(versions__status=VersionStatus.DRAFT)
        .first()
        or BusinessCase.objects.exclude(versions__status=VersionStatus.DRAFT).first()
    )
    client = api("sekretariat")
    url = f"/api/v1/business-cases/{case.pk}/versions/"
    response = client.post(
        url, {"change_reason": "Ny tidsplan"}, content_type="application/json", HTTP_IDEMPOTENCY_KEY="v1"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "draft" and response.json()["change_reason"] == "Ny tidsplan"
    retry = client.post(
        url, {"change_reason": "Ny tidsplan"}, content_type="application/json", HTTP_IDEMPOTENCY_KEY="v1"
    )
    assert retry.status_code == 201
    assert BusinessCaseVersion.objects.filter(business_case=case, status=VersionStatus.DRAFT).count() == 1
    second = client.post(url, {"change_reason": "Igen"}, content_type="application/json", HTTP_IDEMPOTENCY_KEY="v2")
    assert second.status_code == 400
    assert second.json()["detail"] == "Der er allerede en kladde. Færdiggør eller afgør den først."


def test_r23_draft_version_needs_edit_right(api, demo):
    case = BusinessCase.objects.first()
    response = api("direktoer").post(
        f"/api/v1/business-cases/{case.pk}/versions/",
        {"change_reason": "x"},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="v3",
    )
    assert response.status_code == 403
