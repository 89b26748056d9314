"""R9: the monthly report per project, region and month; who may report; the form."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from projects import services
from projects.models import ReportState, StatusReport, StatusReportVersion

from .factories import ProjectFactory, StatusReportFactory, UserFactory
from .status_support import MONTH, PREVIOUS, hm_project, luna_project, region, submit, url_month, user


def form_url(project, code, period=MONTH):
    return reverse("projects:status_report_edit", args=[project.pk, code, url_month(period)])


def test_r9_one_report_per_project_region_month_is_enforced_by_the_database(db):
    draft = StatusReportFactory(draft=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        StatusReport.objects.create(
            project=draft.project, region=draft.region, period=draft.period, created_by=UserFactory()
        )


def test_r9_period_is_the_first_day_of_a_month_in_the_database(db):
    project = ProjectFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        StatusReportFactory(draft=True, project=project, period=date(2031, 3, 2))
    StatusReportFactory(draft=True, project=project, period=date(2031, 3, 1))


def test_r9_a_submitted_report_needs_a_colour_in_the_database(db):
    project = ProjectFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        StatusReportFactory(project=project, colour="")
    assert StatusReportFactory(project=project, colour="green").state == ReportState.SUBMITTED


def test_r9_second_submit_of_the_same_month_is_refused_cleanly(demo, client, login):
    project = hm_project("RN")
    submit(project, "RN", "green", actor="regional")
    with pytest.raises(ValidationError, match="allerede indsendt"):
        submit(project, "RN", "red", actor="regional")
    report = StatusReport.objects.get(project=project, region__code="RN", period=MONTH)
    assert report.colour == "green" and report.version == 1
    assert StatusReportVersion.objects.filter(report=report).count() == 1
    # Through the browser form, a second submit redirects to the submitted report instead of overwriting it.
    login("regional")
    response = client.post(
        form_url(project, "RN"), {"action": "submit", "colour": "red", "overall": "Ny", "risici": "Ny risiko"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("projects:status_report_detail", args=[report.pk])
    report.refresh_from_db()
    assert report.colour == "green"


def test_r9_red_or_yellow_needs_a_risk_text_green_does_not(db):
    project, actor = ProjectFactory(), UserFactory(sekretariat=True)
    where = {"project": project, "region": project.pejlemaerke.leading_region, "period": MONTH}
    for colour in ("red", "yellow"):
        with pytest.raises(ValidationError) as error:
            services.status_report_submit(actor=actor, **where, colour=colour, overall="Status.", risici="  ")
        assert "væsentligste risici" in str(error.value.message_dict["risici"])
    report = services.status_report_submit(actor=actor, **where, colour="green", overall="Status.", risici="")
    assert report.is_submitted and report.colour == "green"


def test_r9_regional_project_leader_reports_for_their_own_region_only(demo):
    regional = user("regional")
    assert services.can_report_status(regional, hm_project("RN"), region("RN"))
    assert not services.can_report_status(regional, hm_project("RSJ"), region("RSJ"))
    assert not services.can_report_status(regional, luna_project(), region("RN"))
    with pytest.raises(PermissionDenied):
        submit(hm_project("RSJ"), "RSJ", "green", actor="regional")


def test_r9_joint_project_leader_reports_for_any_participating_region_of_their_project(demo):
    projektleder = user("projektleder")
    for code in ("RH", "RSJ", "RSD", "RM", "RN"):
        assert services.can_report_status(projektleder, luna_project(), region(code))
    submit(luna_project(), "RSD", "yellow", actor="projektleder")
    assert not services.can_report_status(projektleder, hm_project("RN"), region("RN"))


@pytest.mark.parametrize("role", ["formand", "direktoer", "kontakt", "projektleder"])
def test_r9_nobody_else_can_report_403(demo, client, login, role):
    project = hm_project("RN")
    login(role)
    assert client.get(form_url(project, "RN")).status_code == 403
    response = client.post(form_url(project, "RN"), {"action": "submit", "colour": "green", "overall": "Kapret"})
    assert response.status_code == 403
    assert not StatusReport.objects.filter(project=project, period=MONTH).exists()


def test_r9_opted_out_region_cannot_be_reported(demo, client, login):
    # Region Hovedstaden "afventer" on Hjemmemonitorering (følg eller forklar, R3).
    project, rh = hm_project("RH"), region("RH")
    assert not services.can_report_status(user("sekretariat"), project, rh)
    with pytest.raises(PermissionDenied):
        submit(project, "RH", "green")
    login("sekretariat")
    assert client.get(form_url(project, "RH")).status_code == 403


def test_r9_form_shows_the_colour_definitions_and_copies_last_months_text_only_on_request(demo, client, login):
    project = hm_project("RN")
    submit(project, "RN", "yellow", period=PREVIOUS, actor="regional", overall="Test forsinket", risici="Leverandør")
    login("regional")
    response = client.get(form_url(project, "RN"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "har væsentlige udfordringer, som kan udfordre deadline, budget eller leverancer" in html.lower()
    assert "Forløber planmæssigt" in html
    assert "Test forsinket" not in html and "Kopiér sidste måneds tekst" in html
    html = client.get(form_url(project, "RN") + "?kopier=1").content.decode()
    assert "Test forsinket" in html and "Leverandør" in html
    assert 'value="yellow" id="id_colour_1" checked' not in html  # the colour is chosen anew each month


def test_r9_draft_then_submit_and_nothing_typed_is_lost_on_error(demo, client, login):
    project = hm_project("RN")
    login("regional")
    url = form_url(project, "RN")
    response = client.post(url, {"action": "draft", "colour": "red", "overall": "Halvfærdig tekst"})
    assert response.status_code == 302
    draft = StatusReport.objects.get(project=project, region__code="RN", period=MONTH)
    assert draft.state == ReportState.DRAFT and draft.version == 0 and not draft.versions.exists()
    # Submitting a red report without risks is refused in Danish and keeps every field typed.
    response = client.post(
        url, {"action": "submit", "colour": "red", "overall": "Halvfærdig tekst", "tid": "To uger bagud"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "En rød eller gul status skal have en beskrivelse af de væsentligste risici." in html
    assert "Halvfærdig tekst" in html and "To uger bagud" in html
    assert 'value="red" id="id_colour_2" checked' in html
    response = client.post(
        url,
        {
            "action": "submit",
            "colour": "red",
            "overall": "Halvfærdig tekst",
            "risici": "Leverandøren",
            "affects_tid": "on",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == ReportState.SUBMITTED and draft.version == 1 and draft.affects_tid
    assert draft.versions.get().submitted_by == user("regional")
