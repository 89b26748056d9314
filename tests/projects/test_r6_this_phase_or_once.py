"""R6: each gate requirement says whether its document must be (re)approved in the phase being left or once
for the project's life; an approval from an earlier phase does not satisfy a "this phase" requirement."""

from datetime import timedelta

import pytest

from portfolio.models import AuditEntry
from projects import services
from projects.models import DocumentType, GateRequirement
from projects.rules import GateItemKind, Phase, RequirementScope
from projects.selectors import gate_status
from tests.projects.gates_support import TODAY, approve_required_documents, approved_business_case, make_project

THIS_PHASE = {"business-case", "risikolog", "implementeringsplan", "gevinstrealiseringsplan"}


def _pass_gate(project, actor, *, on):
    approve_required_documents(project, actor, on=on)
    approved_business_case(project, actor)
    services.gate_pass(actor=actor, project=project, decided_on=on + timedelta(days=3), text="Godkendt.")
    project.refresh_from_db()


def _missing_documents(project) -> set[str]:
    return {item.code for item in gate_status(project).missing if item.kind == GateItemKind.DOCUMENT}


def test_r6_seeded_requirements_say_this_phase_or_once(db):
    requirements = list(GateRequirement.objects.select_related("document_type"))
    assert requirements
    for requirement in requirements:
        expected = (
            RequirementScope.THIS_PHASE if requirement.document_type.code in THIS_PHASE else RequirementScope.ONCE
        )
        assert requirement.scope == expected, requirement


def test_r6_a_this_phase_document_needs_an_approval_since_the_previous_gate(sekretariat):
    project = make_project(sekretariat)
    _pass_gate(project, sekretariat, on=TODAY)  # out of Idé
    _pass_gate(project, sekretariat, on=TODAY + timedelta(days=10))  # out of Analyse: risk log and plan approved
    assert project.phase == Phase.ANSKAFFELSE
    assert _missing_documents(project) == {"risikolog", "implementeringsplan"}
    approve_required_documents(project, sekretariat, skip=("implementeringsplan",), on=TODAY + timedelta(days=20))
    assert _missing_documents(project) == {"implementeringsplan"}
    approve_required_documents(project, sekretariat, skip=("risikolog",), on=TODAY + timedelta(days=21))
    assert _missing_documents(project) == set()


def test_r6_a_once_document_approved_in_an_earlier_phase_still_counts(sekretariat):
    project = make_project(sekretariat)
    _pass_gate(project, sekretariat, on=TODAY)  # the architecture analysis was approved in Idé
    assert project.phase == Phase.ANALYSE
    assert "arkitekturanalyse" not in _missing_documents(project)  # once for the project's life
    assert {"risikolog", "implementeringsplan", "business-case", "pid"} <= _missing_documents(project)


def test_r6_the_scope_is_data_the_secretariat_changes(sekretariat):
    project = make_project(sekretariat)
    _pass_gate(project, sekretariat, on=TODAY)
    _pass_gate(project, sekretariat, on=TODAY + timedelta(days=10))
    GateRequirement.objects.filter(phase=Phase.ANSKAFFELSE, document_type__code="risikolog").update(
        scope=RequirementScope.ONCE
    )
    assert _missing_documents(project) == {"implementeringsplan"}


def test_r6_secretariat_edits_the_flag_on_the_requirements_page(demo, client, login):
    login("sekretariat")
    page = client.get("/projekter/gatekrav/").content.decode()
    assert "Godkendes i fasen" in page and "Én gang" in page
    data = {}
    for requirement in GateRequirement.objects.all():
        data.setdefault(f"gate_{requirement.phase}", []).append(str(requirement.document_type_id))
        if requirement.scope == RequirementScope.THIS_PHASE:
            data.setdefault(f"scope_{requirement.phase}", []).append(str(requirement.document_type_id))
    risk_log = DocumentType.objects.get(code="risikolog")
    data["scope_anskaffelse"].remove(str(risk_log.pk))
    response = client.post("/projekter/gatekrav/", data)
    assert response.status_code == 302
    requirement = GateRequirement.objects.get(phase=Phase.ANSKAFFELSE, document_type=risk_log)
    assert requirement.scope == RequirementScope.ONCE
    assert GateRequirement.objects.get(phase=Phase.ANALYSE, document_type=risk_log).scope == RequirementScope.THIS_PHASE
    entry = AuditEntry.objects.filter(action="gate_requirement.scope").latest("pk")
    assert entry.data == {"phase": "anskaffelse", "scope": ["phase", "once"]}


@pytest.mark.parametrize("scope", list(RequirementScope))
def test_r6_the_requirements_page_shows_each_scope(demo, client, login, scope):
    login("direktoer")
    page = client.get("/projekter/gatekrav/").content.decode()
    assert str(scope.label) in page
