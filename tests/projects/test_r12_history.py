"""R12: a submitted report is never overwritten; a correction is a new version with who, when and why."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from portfolio.audit import entries_for
from projects import services
from projects.models import StatusReportVersion
from projects.selectors import portfolio_status

from .status_support import MONTH, hm_project, submit, user


def test_r12_correction_creates_a_new_version_with_who_when_and_why(demo):
    report = submit(hm_project("RN"), "RN", "green", actor="regional", overall="Alt vel")
    services.status_report_correct(
        actor=user("sekretariat"),
        report=report,
        reason="Regionen meldte forkert farve",
        colour="red",
        overall="Leverandøren er forsinket",
        risici="Slutdatoen",
    )
    report.refresh_from_db()
    assert (report.version, report.colour, report.overall) == (2, "red", "Leverandøren er forsinket")
    v2, v1 = list(report.versions.all())
    assert (v1.version, v1.colour, v1.overall, v1.reason, v1.submitted_by) == (
        1,
        "green",
        "Alt vel",
        "",
        user("regional"),
    )
    assert (v2.version, v2.colour, v2.reason, v2.submitted_by) == (
        2,
        "red",
        "Regionen meldte forkert farve",
        user("sekretariat"),
    )
    assert v2.submitted_at >= v1.submitted_at
    actions = [e.action for e in entries_for(report)]
    assert actions[:2] == ["status.correct", "status.submit"]


def test_r12_correction_without_reason_is_refused(demo):
    report = submit(hm_project("RN"), "RN", "green", actor="regional")
    with pytest.raises(ValidationError) as error:
        services.status_report_correct(actor=user("regional"), report=report, reason="  ", colour="red", overall="x")
    assert "begrundelse" in str(error.value.message_dict["reason"])
    report.refresh_from_db()
    assert report.version == 1 and report.colour == "green"


def test_r12_database_refuses_a_correction_version_without_reason(demo):
    report = submit(hm_project("RN"), "RN", "green", actor="regional")
    with pytest.raises(IntegrityError), transaction.atomic():
        StatusReportVersion.objects.bulk_create(
            [
                StatusReportVersion(
                    report=report,
                    version=2,
                    colour="red",
                    reason=" ",
                    submitted_by=user("regional"),
                    submitted_at=report.submitted_at,
                )
            ]
        )


def test_r12_versions_are_immutable_and_unique(demo):
    report = submit(hm_project("RN"), "RN", "green", actor="regional")
    version = report.versions.get()
    version.colour = "red"
    with pytest.raises(ValueError, match="immutable"):
        version.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        StatusReportVersion.objects.bulk_create(
            [
                StatusReportVersion(
                    report=report,
                    version=1,
                    colour="red",
                    submitted_by=user("regional"),
                    submitted_at=report.submitted_at,
                )
            ]
        )


def test_r12_draft_cannot_overwrite_a_submitted_report(demo):
    report = submit(hm_project("RN"), "RN", "green", actor="regional")
    with pytest.raises(ValidationError, match="allerede indsendt"):
        services.status_report_save_draft(
            actor=user("regional"), project=report.project, region=report.region, period=MONTH, colour="red"
        )


def test_r12_dashboard_shows_the_latest_version(demo):
    report = submit(hm_project("RN"), "RN", "green", actor="regional")
    services.status_report_correct(
        actor=user("regional"), report=report, reason="Forkert", colour="red", overall="x", risici="y"
    )
    row = next(s for s in portfolio_status(MONTH) if s.pejlemaerke.short_name == "Hjemmemonitorering")
    rn = next(rc for rc in row.region_colours if rc.region.code == "RN")
    assert rn.colour == "red" and row.colour == "red"
    assert "corrected" in row.flag_codes


def test_r12_correction_page_keeps_typed_text_and_history_shows_why(demo, client, login):
    report = submit(hm_project("RN"), "RN", "green", actor="regional")
    login("regional")
    url = reverse("projects:status_report_correct", args=[report.pk])
    response = client.post(url, {"colour": "yellow", "overall": "Min nye tekst", "risici": "Ny risiko"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "En rettelse kræver en begrundelse" in html and "Min nye tekst" in html
    response = client.post(
        url, {"colour": "yellow", "overall": "Min nye tekst", "risici": "Ny risiko", "reason": "Glemt risiko"}
    )
    assert response.status_code == 302
    html = client.get(reverse("projects:status_report_detail", args=[report.pk])).content.decode()
    assert "Version 2" in html and "Version 1" in html and "Glemt risiko" in html and "Rikke Regional" in html


def test_r12_others_cannot_correct(demo, client, login):
    report = submit(hm_project("RN"), "RN", "green", actor="regional")
    login("kontakt")
    url = reverse("projects:status_report_correct", args=[report.pk])
    assert client.post(url, {"colour": "red", "overall": "x", "risici": "y", "reason": "z"}).status_code == 403
    report.refresh_from_db()
    assert report.version == 1
