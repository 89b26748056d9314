"""R2: RSI DK's approval of the projektgrundlag moves a pejlemærke into the portfolio; the afslutningsrapport
closes it, approved first by the steering group and then by RSI DK (the reverse order is refused)."""

import pytest
from django.core.exceptions import ValidationError

from portfolio.models import BodyKind, Pejlemaerke
from portfolio.rules import Lifecycle
from portfolio.services import pejlemaerke_transition
from projects import services
from projects.models import DocumentType
from projects.rules import lifecycle_document_problems
from tests.projects.gates_support import TODAY, make_project, pdf


def _upload(project, code, actor):
    return services.document_upload(
        actor=actor, project=project, document_type=DocumentType.objects.get(code=code), upload=pdf()
    )


@pytest.fixture
def pipeline(sekretariat):
    project = make_project(sekretariat)
    pejlemaerke_transition(
        actor=sekretariat, pejlemaerke=project.pejlemaerke, to_state=Lifecycle.PIPELINE, reason="PMO5"
    )
    return project


def test_r2_rule_names_what_is_missing():
    assert lifecycle_document_problems("portfolio", projektgrundlag_approved_by_rsi_dk=False, closing_approvals=[]) == [
        "Projektgrundlaget er ikke godkendt af RSI DK."
    ]
    assert lifecycle_document_problems("portfolio", projektgrundlag_approved_by_rsi_dk=True, closing_approvals=[]) == []
    for order in ([], ["STYREGRUPPE"], ["RSI_DK"], ["RSI_DK", "STYREGRUPPE"]):
        assert lifecycle_document_problems("closed", projektgrundlag_approved_by_rsi_dk=True, closing_approvals=order)
    assert not lifecycle_document_problems(
        "closed", projektgrundlag_approved_by_rsi_dk=True, closing_approvals=["STYREGRUPPE", "RSI_DK"]
    )
    assert not lifecycle_document_problems("paused", projektgrundlag_approved_by_rsi_dk=False, closing_approvals=[])


def test_r2_portfolio_refused_without_projektgrundlag(pipeline, sekretariat):
    with pytest.raises(ValidationError, match="Projektgrundlaget er ikke godkendt af RSI DK"):
        pejlemaerke_transition(
            actor=sekretariat, pejlemaerke=pipeline.pejlemaerke, to_state=Lifecycle.PORTFOLIO, reason="Ind"
        )


def test_r2_rsi_dk_approval_of_projektgrundlag_moves_into_portfolio(pipeline, sekretariat):
    version = _upload(pipeline, "projektgrundlag", sekretariat)
    services.document_approve(actor=sekretariat, version=version, body_kind=BodyKind.RSI_DK, approved_on=TODAY)
    pejlemaerke = Pejlemaerke.objects.get(pk=pipeline.pejlemaerke_id)
    assert pejlemaerke.state == Lifecycle.PORTFOLIO
    assert pejlemaerke.transitions.first().reason == "Projektgrundlaget er godkendt af RSI DK."


def test_r2_projektgrundlag_is_approved_by_rsi_dk_only(pipeline, sekretariat):
    version = _upload(pipeline, "projektgrundlag", sekretariat)
    with pytest.raises(ValidationError, match="godkendes af RSI"):
        services.document_approve(actor=sekretariat, version=version, body_kind=BodyKind.STYREGRUPPE, approved_on=TODAY)


def _in_portfolio(project, actor):
    version = _upload(project, "projektgrundlag", actor)
    services.document_approve(actor=actor, version=version, body_kind=BodyKind.RSI_DK, approved_on=TODAY)


def test_r2_closing_steering_group_first_then_rsi_dk(pipeline, sekretariat):
    _in_portfolio(pipeline, sekretariat)
    report = _upload(pipeline, "afslutningsrapport", sekretariat)
    with pytest.raises(ValidationError, match="først godkendes af styregruppen og derefter af RSI DK"):
        services.document_approve(actor=sekretariat, version=report, body_kind=BodyKind.RSI_DK, approved_on=TODAY)
    assert not report.approvals.exists()
    services.document_approve(actor=sekretariat, version=report, body_kind=BodyKind.STYREGRUPPE, approved_on=TODAY)
    assert Pejlemaerke.objects.get(pk=pipeline.pejlemaerke_id).state == Lifecycle.PORTFOLIO  # one step is not enough
    with pytest.raises(ValidationError, match="Afslutningsrapporten er ikke godkendt"):
        pejlemaerke_transition(
            actor=sekretariat, pejlemaerke=pipeline.pejlemaerke, to_state=Lifecycle.CLOSED, reason="Luk"
        )
    services.document_approve(actor=sekretariat, version=report, body_kind=BodyKind.RSI_DK, approved_on=TODAY)
    assert Pejlemaerke.objects.get(pk=pipeline.pejlemaerke_id).state == Lifecycle.CLOSED


def test_r2_chair_approves_for_the_steering_group_only(demo, django_user_model, sekretariat):
    from django.core.exceptions import PermissionDenied

    from projects.models import Project

    luna = Project.objects.get(pejlemaerke__short_name="LUNA")
    report = _upload(luna, "afslutningsrapport", sekretariat)
    formand = django_user_model.objects.get(username="formand")
    with pytest.raises(PermissionDenied):
        services.document_approve(actor=formand, version=report, body_kind=BodyKind.RSI_DK, approved_on=TODAY)
    approval = services.document_approve(
        actor=formand, version=report, body_kind=BodyKind.STYREGRUPPE, approved_on=TODAY
    )
    assert approval.body == luna.pejlemaerke.steering_group
    direktoer = django_user_model.objects.get(username="direktoer")
    with pytest.raises(PermissionDenied):
        services.document_approve(actor=direktoer, version=report, body_kind=BodyKind.STYREGRUPPE, approved_on=TODAY)


def test_demo_lifecycle_backed_by_documents(demo):
    closed = Pejlemaerke.objects.get(short_name="Patologi")
    kinds = list(
        closed.projects.get()
        .documents.get(document_type__code="afslutningsrapport")
        .versions.get()
        .approvals.order_by("approved_on")
        .values_list("body_kind", flat=True)
    )
    assert kinds == ["STYREGRUPPE", "RSI_DK"]


def test_r2_closing_stops_reporting_and_reminders(demo, sekretariat):
    from datetime import date

    from projects.models import Project
    from projects.selectors import missing_reports

    month = date(2031, 1, 1)  # no report exists yet for this month
    luna = Project.objects.get(pejlemaerke__short_name="LUNA")
    assert any(m.project == luna for m in missing_reports(month))
    report = _upload(luna, "afslutningsrapport", sekretariat)
    services.document_approve(actor=sekretariat, version=report, body_kind=BodyKind.STYREGRUPPE, approved_on=TODAY)
    services.document_approve(actor=sekretariat, version=report, body_kind=BodyKind.RSI_DK, approved_on=TODAY)
    assert Pejlemaerke.objects.get(pk=luna.pejlemaerke_id).state == Lifecycle.CLOSED
    assert not any(m.project == luna for m in missing_reports(month))  # reminders read missing_reports


def test_r2_chair_is_offered_only_the_steering_group_approval(demo, client, login, sekretariat):
    from projects.models import Project

    luna = Project.objects.get(pejlemaerke__short_name="LUNA")
    _upload(luna, "afslutningsrapport", sekretariat)
    login("formand")
    page = client.get(f"/projekter/{luna.pk}/faser/").content.decode()
    assert '<option value="STYREGRUPPE">' in page and '<option value="RSI_DK">' not in page
    login("sekretariat")
    page = client.get(f"/projekter/{luna.pk}/faser/").content.decode()
    assert '<option value="RSI_DK">' in page
