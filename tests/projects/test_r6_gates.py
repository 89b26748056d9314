"""R6: a gate passes only when its required management documents are approved; the requirements are data
the secretariat edits in the portal; a passed gate records the decision and the deciding body."""

from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError

from governance.models import Decision
from portfolio.models import AuditEntry, BodyKind
from projects import services
from projects.models import DocumentType, GateDecision, GateRequirement, Project
from projects.rules import GateItemKind, Phase, RequirementScope, gate_checklist, gate_missing
from projects.selectors import gate_status
from tests.projects.gates_support import TODAY, approve_required_documents, approved_business_case, make_project, pdf

# Measured: 32 with 0 and with 4 extra documents (session, user, guardian, document-access and frame checks,
# and the menu's check whether the reader may open the escalation log).
GATE_PAGE_MAX_QUERIES = 32


@pytest.fixture
def project(sekretariat):
    return make_project(sekretariat)


def test_r6_checklist_rule_lists_every_required_document():
    items = gate_checklist(
        from_phase=Phase.ANSKAFFELSE,
        required_documents=[
            ("risikolog", "Risikolog", RequirementScope.THIS_PHASE),
            ("implementeringsplan", "Implementeringsplan", RequirementScope.ONCE),
            ("gevinstrealiseringsplan", "Gevinstrealiseringsplan", RequirementScope.THIS_PHASE),
        ],
        approved_documents={"risikolog", "implementeringsplan", "gevinstrealiseringsplan"},
        approved_this_phase={"risikolog"},
        rita_reviewed=False,
        business_case_approved_since_last_gate=True,
        budget=Decimal("1000000.00"),
        assessed_budgets=[],
    )
    assert [(i.kind, i.label, i.present) for i in items] == [
        (GateItemKind.DOCUMENT, "Risikolog", True),
        (GateItemKind.DOCUMENT, "Implementeringsplan", True),  # once: an earlier approval counts
        (GateItemKind.DOCUMENT, "Gevinstrealiseringsplan", False),  # this phase: an earlier one does not
        (GateItemKind.BUSINESS_CASE, "Business case godkendt siden sidste gate", True),
    ]  # no RITA item out of Anskaffelse (R7), no risk item at 1 mio. (R27)
    assert [i.label for i in gate_missing(items)] == ["Gevinstrealiseringsplan"]
    assert "skal godkendes igen" in items[2].detail


def test_r6_seeded_default_requirements(db):
    codes = set(DocumentType.objects.values_list("code", flat=True))
    assert {
        "kommissorium",
        "projektgrundlag",
        "pid",
        "business-case",
        "arkitekturanalyse",
        "risikolog",
        "implementeringsplan",
        "gevinstrealiseringsplan",
        "afslutningsrapport",
    } <= codes
    assert GateRequirement.objects.filter(phase=Phase.IDE, document_type__code="projektgrundlag").exists()
    assert GateRequirement.objects.filter(phase=Phase.GENNEMFOERELSE, document_type__code="afslutningsrapport").exists()


def test_r6_gate_refused_for_a_missing_document(project, sekretariat):
    approve_required_documents(project, sekretariat, skip=("projektgrundlag",))
    approved_business_case(project, sekretariat)
    with pytest.raises(ValidationError) as error:
        services.gate_pass(actor=sekretariat, project=project, decided_on=TODAY, text="Idé godkendt")
    assert error.value.messages == ["Gaten kan ikke passeres. Der mangler:", "Projektgrundlag"]
    project.refresh_from_db()
    assert project.phase == Phase.IDE
    assert not GateDecision.objects.filter(project=project).exists()


def test_r6_uploaded_but_unapproved_document_is_missing(project, sekretariat):
    approve_required_documents(project, sekretariat, skip=("kommissorium",))
    approved_business_case(project, sekretariat)
    services.document_upload(
        actor=sekretariat,
        project=project,
        document_type=DocumentType.objects.get(code="kommissorium"),
        upload=pdf(),
    )
    missing = [i.label for i in gate_status(project).missing]
    assert missing == ["Kommissorium (én side)"]


def test_r6_passed_gate_records_decision_and_body(project, sekretariat):
    approve_required_documents(project, sekretariat)
    approved_business_case(project, sekretariat)
    gate = services.gate_pass(actor=sekretariat, project=project, decided_on=TODAY, text="Projektgrundlag godkendt.")
    project.refresh_from_db()
    assert (project.phase, project.step) == (Phase.ANALYSE, "foranalyse")
    assert gate.body.kind == BodyKind.RSI_DK  # starting a pejlemærke: governance routes to RSI DK (R24)
    assert "RSI DK" in gate.route_reason
    decision = Decision.objects.get(pk=gate.decision_id)
    assert decision.content_type == ContentType.objects.get_for_model(GateDecision)
    assert (decision.object_id, decision.body, decision.outcome) == (gate.pk, gate.body, "approved")
    assert all(item["present"] for item in gate.checklist)
    assert AuditEntry.objects.filter(action="project.gate_pass", object_id=str(project.pk)).exists()


def test_r6_anskaffelse_gate_is_decided_by_the_steering_group(project, sekretariat):
    Project.objects.filter(pk=project.pk).update(phase=Phase.ANSKAFFELSE, step="udbud")
    project.refresh_from_db()
    approve_required_documents(project, sekretariat)
    approved_business_case(project, sekretariat)
    gate = services.gate_pass(actor=sekretariat, project=project, decided_on=TODAY, text="Kontrakt underskrevet.")
    assert gate.body == project.pejlemaerke.steering_group


def test_r6_only_the_secretariat_passes_a_gate(demo, django_user_model):
    luna = Project.objects.get(pejlemaerke__short_name="LUNA")
    for username in ("projektleder", "formand", "direktoer", "kontakt", "regional"):
        with pytest.raises(PermissionDenied):
            services.gate_pass(
                actor=django_user_model.objects.get(username=username), project=luna, decided_on=TODAY, text="x"
            )


def test_r6_requirements_are_edited_in_the_portal(demo, client, login):
    login("sekretariat")
    page = client.get("/projekter/gatekrav/")
    assert page.status_code == 200 and "Redigér gatekrav" in page.content.decode()
    risk_log = DocumentType.objects.get(code="risikolog")
    data = {f"gate_{phase}": [] for phase in ("ide", "analyse", "anskaffelse", "gennemfoerelse")}
    for requirement in GateRequirement.objects.all():
        data[f"gate_{requirement.phase}"].append(str(requirement.document_type_id))
    data["gate_ide"].append(str(risk_log.pk))
    response = client.post("/projekter/gatekrav/", data)
    assert response.status_code == 302
    assert GateRequirement.objects.filter(phase=Phase.IDE, document_type=risk_log).exists()
    assert GateRequirement.history.filter(phase=Phase.IDE, document_type=risk_log, history_type="+").exists()
    assert AuditEntry.objects.filter(action="gate_requirement.add").exists()


def test_r6_secretariat_adds_a_document_type_in_the_portal(demo, client, login):
    login("sekretariat")
    response = client.post(
        "/projekter/gatekrav/dokumenttype/",
        {"name": "Databehandleraftale", "code": "dba", "approver": "STYREGRUPPE", "sort_order": 95},
    )
    assert response.status_code == 302
    assert DocumentType.objects.filter(code="dba", approver="STYREGRUPPE").exists()


@pytest.mark.parametrize("username", ["projektleder", "formand", "direktoer", "kontakt", "regional"])
def test_r6_requirements_page_read_only_for_other_roles(demo, client, login, username):
    login(username)
    page = client.get("/projekter/gatekrav/")
    assert page.status_code == 200 and "Redigér gatekrav" not in page.content.decode()
    assert client.post("/projekter/gatekrav/", {"gate_ide": []}).status_code == 403
    assert client.post("/projekter/gatekrav/dokumenttype/", {"name": "x"}).status_code == 403


@pytest.mark.parametrize("extra_documents", [0, 4])
def test_r6_blocked_demo_project_shows_missing_items(
    demo, client, login, sekretariat, django_assert_max_num_queries, extra_documents
):
    labrek = Project.objects.get(pejlemaerke__short_name="LABREK")
    for code in ["risikolog", "implementeringsplan", "kommissorium", "gevinstrealiseringsplan"][:extra_documents]:
        services.document_upload(
            actor=sekretariat, project=labrek, document_type=DocumentType.objects.get(code=code), upload=pdf()
        )
    login("direktoer")
    with django_assert_max_num_queries(GATE_PAGE_MAX_QUERIES):  # constant: does not grow with the documents
        response = client.get(f"/projekter/{labrek.pk}/faser/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Gaten er blokeret" in page
    assert "Projektinitieringsdokument (PID)" in page and "Mangler" in page


def test_r6_gate_page_refusal_keeps_the_typed_decision(demo, client, login):
    labrek = Project.objects.get(pejlemaerke__short_name="LABREK")
    login("sekretariat")
    response = client.post(
        f"/projekter/{labrek.pk}/faser/gate/", {"decided_on": "2026-05-04", "text": "Min beslutningstekst"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Min beslutningstekst" in page and "Gaten kan ikke passeres" in page
    labrek.refresh_from_db()
    assert labrek.phase == Phase.ANALYSE


@pytest.mark.parametrize("username", ["sekretariat", "projektleder", "formand", "direktoer", "kontakt", "regional"])
def test_r6_every_role_reads_the_gate_page(demo, client, login, username):
    luna = Project.objects.get(pejlemaerke__short_name="LUNA")
    login(username)
    assert client.get(f"/projekter/{luna.pk}/faser/").status_code == 200


def test_r6_gate_page_denied_without_a_role(demo, client, django_user_model):
    outsider = django_user_model.objects.create_user("udenfor", password="x")
    client.force_login(outsider)
    luna = Project.objects.get(pejlemaerke__short_name="LUNA")
    assert client.get(f"/projekter/{luna.pk}/faser/").status_code == 403
    client.logout()
    assert client.get(f"/projekter/{luna.pk}/faser/").status_code in (302, 403)
