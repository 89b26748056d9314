"""R27: It-rådet's risk assessment belongs to the Analyse phase (required at the gate out of Analyse, not Idé);
the budget counted includes the buffer; a rise above 10 mio. kr. is flagged, and the secretariat told, the day
the business-case version that crosses it is approved."""

from datetime import timedelta
from decimal import Decimal

from django.core import mail
from django.utils import timezone

from finance import services as finance_services
from finance.models import BusinessCaseVersion
from portfolio.models import AuditEntry
from projects import services
from projects.models import Project
from projects.rules import GateItemKind, Phase, risk_assessment_budget
from projects.selectors import gate_status
from tests.projects.gates_support import (
    TODAY,
    approve_required_documents,
    approved_business_case,
    make_project,
    risk_letter,
)


def _risk_item(project):
    return next((i for i in gate_status(project).items if i.kind == GateItemKind.RISK_ASSESSMENT), None)


def _in_phase(project, phase, step):
    Project.objects.filter(pk=project.pk).update(phase=phase, step=step)
    project.refresh_from_db()
    return project


def test_r27_required_at_the_gate_out_of_analyse_not_out_of_ide(sekretariat):
    project = make_project(sekretariat)
    approve_required_documents(project, sekretariat)
    approved_business_case(project, sekretariat, Decimal("12000000.00"))
    assert _risk_item(project) is None  # the Idé gate does not ask for it
    services.gate_pass(actor=sekretariat, project=project, decided_on=TODAY, text="Projektgrundlag godkendt.")
    project.refresh_from_db()
    assert project.phase == Phase.ANALYSE
    item = _risk_item(project)
    assert item is not None and not item.present  # the gate out of Analyse does
    risk_letter(project, sekretariat, Decimal("12000000.00"))
    assert _risk_item(project).present


def test_r27_the_buffer_counts_in_the_budget(sekretariat):
    assert risk_assessment_budget(Decimal("9500000.00"), Decimal("950000.00")) == Decimal("10450000.00")
    project = _in_phase(make_project(sekretariat), Phase.ANALYSE, "foranalyse")
    version = approved_business_case(project, sekretariat, Decimal("9500000.00"))
    assert _risk_item(project) is None
    BusinessCaseVersion.objects.filter(pk=version.pk).update(buffer=Decimal("950000.00"))
    assert gate_status(project).budget == Decimal("10450000.00")
    item = _risk_item(project)
    assert item is not None and not item.present


def _raise_to(project, actor, regional: Decimal):
    """A new version adding regional expenses (the joint frame unchanged), approved by the steering group."""
    case = project.business_case
    draft = finance_services.version_new(actor=actor, business_case=case, change_reason="Flere regionale udgifter.")
    finance_services.line_add(
        actor=actor,
        version=draft,
        kind="other",
        scope="regional",
        region=project.pejlemaerke.leading_region,
        year=2027,
        description="Lokal implementering",
        amount=regional,
    )
    return finance_services.version_approve(actor=actor, version=draft, note="Godkendt af styregruppen.")


def test_r27_a_rise_above_10_mio_is_flagged_and_the_secretariat_told_the_day_it_is_approved(
    sekretariat, eager_tasks, django_capture_on_commit_callbacks
):
    project = _in_phase(make_project(sekretariat, "Testprojekt for stigning"), Phase.GENNEMFOERELSE, "implementering")
    approved_business_case(project, sekretariat, Decimal("8000000.00"), decided_at=timezone.now() - timedelta(days=30))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _raise_to(project, sekretariat, Decimal("1000000.00"))  # 9 mio.: still under the threshold
    project.refresh_from_db()
    assert project.risk_flagged_on is None and not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        _raise_to(project, sekretariat, Decimal("6000000.00"))  # 15 mio.: over it
        assert not mail.outbox  # told only once the approval is committed
    project.refresh_from_db()
    assert project.risk_flagged_on == timezone.localdate()
    assert project.risk_flagged_budget == Decimal("15000000.00")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sekretariat.email in message.to and project.name in message.subject
    assert "15.000.000,00 kr." in message.body
    assert AuditEntry.objects.filter(action="project.risk_flag", object_id=str(project.pk)).exists()
    assert _risk_item(project) is not None and not _risk_item(project).present  # and at the next gate
    with django_capture_on_commit_callbacks(execute=True):
        _raise_to(project, sekretariat, Decimal("1000000.00"))  # rising further is no new crossing
    assert len(mail.outbox) == 1
