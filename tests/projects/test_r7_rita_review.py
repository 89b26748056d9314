"""R7: leaving Idé and leaving Analyse requires RITA's review of the architecture analysis in that phase."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from projects import services
from projects.models import GateRequirement, Project
from projects.rules import Phase, requires_rita_review
from projects.selectors import gate_status
from tests.projects.gates_support import TODAY, approve_required_documents, approved_business_case, make_project


def test_r7_rita_review_required_out_of_ide_and_analyse_only():
    assert [p for p in Phase.values if requires_rita_review(p)] == [Phase.IDE, Phase.ANALYSE]


def test_r7_gate_refused_without_rita_review(sekretariat):
    project = make_project(sekretariat)
    # The secretariat has dropped the architecture analysis from the Idé gate's documents (R6 data),
    # but R7 still demands RITA's review.
    GateRequirement.objects.filter(phase=Phase.IDE, document_type__code="arkitekturanalyse").delete()
    approve_required_documents(project, sekretariat)
    approved_business_case(project, sekretariat)
    with pytest.raises(ValidationError) as error:
        services.gate_pass(actor=sekretariat, project=project, decided_on=TODAY, text="Idé godkendt")
    assert error.value.messages[1:] == ["RITAs review af arkitekturanalysen"]


def test_r7_review_from_an_earlier_phase_does_not_count(sekretariat):
    project = make_project(sekretariat)
    approve_required_documents(project, sekretariat, on=TODAY - timedelta(days=90))
    approved_business_case(project, sekretariat)
    services.gate_pass(actor=sekretariat, project=project, decided_on=TODAY, text="Videre til Analyse")
    project.refresh_from_db()
    # Everything else for the Analyse gate, but RITA's review is still the one from Idé.
    approve_required_documents(project, sekretariat, skip=("arkitekturanalyse",))
    approved_business_case(project, sekretariat)
    assert [i.label for i in gate_status(project).missing] == ["RITAs review af arkitekturanalysen"]


def test_r7_no_rita_item_out_of_anskaffelse(sekretariat):
    project = make_project(sekretariat)
    Project.objects.filter(pk=project.pk).update(phase=Phase.ANSKAFFELSE, step="udbud")
    project.refresh_from_db()
    assert "rita" not in [i.kind for i in gate_status(project).items]
