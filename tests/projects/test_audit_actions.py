"""The projects app's audit trail: typed actions with Danish labels, updates record {field: [old, new]}."""

from portfolio.audit import entries_for
from projects import services
from projects.models import AuditAction
from rsi_portal.registry import audit_action_label

from .factories import ProjectFactory, StatusReportFactory, UserFactory


def test_every_projects_audit_action_is_registered_with_its_danish_label():
    for action in AuditAction:
        assert audit_action_label(action.value) == str(action.label)
    assert audit_action_label("status.submit") == "Statusrapport indsendt"


def test_project_update_records_old_and_new_values_and_nothing_when_unchanged(db):
    project = ProjectFactory(description="Før")
    actor = UserFactory(sekretariat=True)
    services.project_update(actor=actor, project=project, name=project.name, description="Efter")
    (entry,) = entries_for(project).filter(action=AuditAction.PROJECT_UPDATE)
    assert entry.data == {"description": ["Før", "Efter"]}
    services.project_update(actor=actor, project=project, description="Efter")
    assert entries_for(project).filter(action=AuditAction.PROJECT_UPDATE).count() == 1


def test_r12_a_correction_records_what_changed_old_and_new(db):
    report = StatusReportFactory(colour="green", overall="Alt vel")
    services.status_report_correct(
        actor=UserFactory(sekretariat=True),
        report=report,
        reason="Forkert farve",
        colour="red",
        overall="Alt vel",
        risici="Slutdatoen",
    )
    (entry,) = entries_for(report).filter(action=AuditAction.STATUS_CORRECT)
    assert entry.data == {
        "version": 2,
        "reason": "Forkert farve",
        "colour": ["green", "red"],
        "risici": ["", "Slutdatoen"],
    }
