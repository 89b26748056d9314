"""R8: a gate passes only if a business-case version was approved since the previous gate (read from finance)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from projects import services
from projects.selectors import gate_status
from tests.projects.gates_support import TODAY, approve_required_documents, approved_business_case, make_project

MESSAGE = "Business case godkendt siden sidste gate"


def test_r8_first_gate_refused_without_any_approved_business_case(sekretariat):
    project = make_project(sekretariat)
    approve_required_documents(project, sekretariat)
    with pytest.raises(ValidationError) as error:
        services.gate_pass(actor=sekretariat, project=project, decided_on=TODAY, text="Idé godkendt")
    assert error.value.messages[1:] == [MESSAGE]


def test_r8_business_case_approved_before_the_last_gate_does_not_count(sekretariat):
    project = make_project(sekretariat)
    approve_required_documents(project, sekretariat)
    approved_business_case(project, sekretariat, decided_at=timezone.now() - timedelta(days=30))
    services.gate_pass(actor=sekretariat, project=project, decided_on=TODAY, text="Idé godkendt")
    project.refresh_from_db()
    approve_required_documents(project, sekretariat)
    assert [i.label for i in gate_status(project).missing] == [MESSAGE]
    with pytest.raises(ValidationError, match=MESSAGE):
        services.gate_pass(actor=sekretariat, project=project, decided_on=TODAY, text="PID godkendt")
    approved_business_case(project, sekretariat)  # revisited after the gate
    assert gate_status(project).missing == []
