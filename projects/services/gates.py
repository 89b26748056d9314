"""Writes of phases and gates (R5–R8, R27): steps, gates, gate requirements, management documents
and their approvals, and It-rådets risk assessments."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from governance.rules import route_approval
from portfolio.audit import log_action
from portfolio.hooks import decision_recorders
from portfolio.models import Body, BodyKind
from portfolio.rules import Lifecycle
from portfolio.services import pejlemaerke_transition
from rsi_portal.permissions import can, require
from rsi_portal.services import model_update

from ..models import (
    DOCUMENT_UPLOADS,
    GATE_PHASES,
    AuditAction,
    DocumentApproval,
    DocumentType,
    DocumentVersion,
    GateDecision,
    GateRequirement,
    ManagementDocument,
    PhaseChange,
    Project,
)
from ..rules import (
    CLOSING_DOCUMENT,
    GATE_ROUTE_KIND,
    PORTFOLIO_ENTRY_DOCUMENT,
    DocumentAccess,
    Phase,
    RequirementScope,
    step_belongs_to,
    steps_of,
)
from ..selectors import gate_status


def _body_of_kind(kind: str, project: Project) -> Body:
    if kind == BodyKind.STYREGRUPPE:
        if not project.pejlemaerke.steering_group_id:
            raise ValidationError(_("Pejlemærket har ingen styregruppe."))
        return project.pejlemaerke.steering_group
    return Body.objects.get(kind=kind)


@transaction.atomic
def project_step_set(*, actor, project: Project, step: str, changed_on: date, reason: str) -> PhaseChange:
    """R5: move a project to another step inside its current phase (phase changes go through gate_pass)."""
    require(actor, "projects.change_project", project)
    project = Project.objects.select_for_update().get(pk=project.pk)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Skriv en begrundelse for skiftet.")})
    if not step_belongs_to(project.phase, step):
        raise ValidationError(
            {
                "step": _("Trinnet hører ikke til fasen %(phase)s. Faser skiftes kun ved en gate.")
                % {"phase": Phase(project.phase).label}
            }
        )
    if step == project.step:
        raise ValidationError({"step": _("Projektet er allerede på dette trin.")})
    change = PhaseChange(
        project=project,
        from_phase=project.phase,
        from_step=project.step,
        to_phase=project.phase,
        to_step=step,
        changed_on=changed_on,
        reason=reason.strip(),
        changed_by=actor,
    )
    change.full_clean()
    change.save()
    project.step = step
    project.save(update_fields=["step", "updated_at"])
    log_action(actor=actor, action=AuditAction.STEP_SET, obj=project, data={"step": [change.from_step, step]})
    return change


def _gate_route(project: Project, from_phase: str, budget: Decimal | None):
    """R24/R26 via governance: which body decides the gate out of `from_phase`, and why."""
    kind = GATE_ROUTE_KIND.get(from_phase)
    if kind is None:
        return BodyKind.STYREGRUPPE, str(
            _("Faseskiftet ligger inden for det godkendte projekt, så projektets styregruppe beslutter gaten.")
        )
    route = route_approval(budget or Decimal("0"), kind=kind)
    return route.body, route.reason


@transaction.atomic
def gate_pass(*, actor, project: Project, decided_on: date, text: str) -> GateDecision:
    """R5–R8, R27: pass the project's next gate; refused with the list of what is missing."""
    require(actor, "projects.add_gatedecision", project)
    project = (
        Project.objects.select_for_update(of=("self",)).select_related("pejlemaerke__steering_group").get(pk=project.pk)
    )
    if not (text or "").strip():
        raise ValidationError({"text": _("Skriv beslutningsteksten.")})
    status = gate_status(project)
    if status.to_phase is None:
        raise ValidationError(_("Projektet er i den sidste fase. Der er ingen gate at passere."))
    if status.missing:
        raise ValidationError(
            [_("Gaten kan ikke passeres. Der mangler:")] + [f"{item.label}" for item in status.missing],
            code="gate_missing",
        )
    body_kind, reason = _gate_route(project, project.phase, status.budget)
    body = _body_of_kind(body_kind, project)
    gate = GateDecision(
        project=project,
        from_phase=project.phase,
        to_phase=status.to_phase,
        skipped_phases=",".join(status.skipped),
        body=body,
        route_reason=reason,
        decided_on=decided_on,
        text=text.strip(),
        checklist=[{"kind": i.kind, "label": i.label, "present": i.present} for i in status.items],
        recorded_by=actor,
    )
    gate.full_clean()
    gate.save()
    decisions = [
        record(actor=actor, subject=gate, body=body, text=gate.text, decided_on=decided_on)
        for record in decision_recorders
    ]
    if decisions:
        gate.decision_id = decisions[0].pk
        gate.save(update_fields=["decision_id"])
    first_step = steps_of(status.to_phase)[0]
    change = PhaseChange(
        project=project,
        from_phase=project.phase,
        from_step=project.step,
        to_phase=status.to_phase,
        to_step=first_step,
        skipped_phases=gate.skipped_phases,
        changed_on=decided_on,
        reason=gate.text,
        gate=gate,
        changed_by=actor,
    )
    change.full_clean()
    change.save()
    changes = model_update(instance=project, data={"phase": status.to_phase, "step": first_step})
    log_action(
        actor=actor,
        action=AuditAction.GATE_PASS,
        obj=project,
        data={**changes, "skipped": gate.skipped_phases, "body": body.kind},
    )
    return gate


@transaction.atomic
def gate_requirements_set(*, actor, phase: str, document_types, this_phase=()) -> list[GateRequirement]:
    """R6: set which document types the gate out of `phase` needs, and which of them must be approved in
    that phase (`this_phase`; the others count once for the project). The secretariat owns the phase model."""
    require(actor, "projects.change_gaterequirement")
    if phase not in dict(GATE_PHASES):
        raise ValidationError({"phase": _("Fasen har ingen gate.")})
    wanted = {t.pk: t for t in document_types}
    in_phase = {t.pk for t in this_phase}
    current = GateRequirement.objects.filter(phase=phase).select_related("document_type")
    existing = {r.document_type_id: r for r in current}
    for type_id, requirement in existing.items():
        if type_id not in wanted:
            requirement.delete()
            log_action(
                actor=actor,
                action=AuditAction.GATE_REQUIREMENT_REMOVE,
                obj=requirement.document_type,
                data={"phase": phase},
            )
    for type_id, document_type in wanted.items():
        scope = RequirementScope.THIS_PHASE if type_id in in_phase else RequirementScope.ONCE
        if type_id not in existing:
            requirement = GateRequirement(phase=phase, document_type=document_type, scope=scope)
            requirement.full_clean()
            requirement.save()
            log_action(
                actor=actor,
                action=AuditAction.GATE_REQUIREMENT_ADD,
                obj=document_type,
                data={"phase": phase, "scope": [None, scope]},
            )
        elif changes := model_update(instance=existing[type_id], data={"scope": scope}):
            log_action(
                actor=actor,
                action=AuditAction.GATE_REQUIREMENT_SCOPE,
                obj=document_type,
                data={"phase": phase, **changes},
            )
    return list(GateRequirement.objects.filter(phase=phase).select_related("document_type"))


@transaction.atomic
def document_type_save(*, actor, document_type: DocumentType | None = None, **fields) -> DocumentType:
    """R6: create or change a kind of management document."""
    require(actor, "projects.change_documenttype")
    if document_type is None:
        document_type = DocumentType(**fields)
        document_type.full_clean()
        document_type.save()
        changes = {}
    else:
        changes = model_update(instance=document_type, data=fields)
        if not changes:
            return document_type
    log_action(
        actor=actor,
        action=AuditAction.DOCUMENT_TYPE_SAVE,
        obj=document_type,
        data={"code": document_type.code, **changes},
    )
    return document_type


@transaction.atomic
def document_upload(
    *, actor, project: Project, document_type: DocumentType, upload, note: str = "", access: str = DocumentAccess.PUBLIC
) -> DocumentVersion:
    """Upload a new version of a project's management document (type, size and content checked), readable
    by everyone (Offentlig) or only by the project's people (Intern, Fortrolig)."""
    require(actor, "projects.change_project", project)
    checked = DOCUMENT_UPLOADS.check(upload)
    document, _created = ManagementDocument.objects.get_or_create(project=project, document_type=document_type)
    document = ManagementDocument.objects.select_for_update().get(pk=document.pk)
    number = (document.versions.aggregate(m=Max("number"))["m"] or 0) + 1
    version = DocumentVersion(
        document=document,
        number=number,
        original_name=checked.original_name,
        kind=checked.kind,
        size=checked.size,
        sha256=checked.sha256,
        note=(note or "").strip(),
        access=access,
        uploaded_by=actor,
    )
    version.file.save(f"{project.pk}-{document_type.code}-v{number}.{checked.kind}", upload, save=False)
    version.full_clean()
    version.save()
    log_action(
        actor=actor,
        action=AuditAction.DOCUMENT_UPLOAD,
        obj=project,
        data={"document": document_type.code, "version": number, "file": checked.original_name, "access": access},
    )
    return version


def _may_approve(actor, body_kind: str, project: Project) -> bool:
    if can(actor, "projects.add_documentapproval"):
        return True
    return body_kind == BodyKind.STYREGRUPPE and can(actor, "portfolio.chair_pejlemaerke", project.pejlemaerke)


@transaction.atomic
def document_approve(*, actor, version: DocumentVersion, body_kind: str, approved_on: date, note: str = ""):
    """A body approves a document version: only the party its type names, in order (R2: steering group first).

    RSI DK's approval of the projektgrundlag moves the pejlemærke into the portfolio, and its approval
    of the afslutningsrapport closes it (R2).
    """
    version = DocumentVersion.objects.select_related(
        "document__document_type", "document__project__pejlemaerke__steering_group"
    ).get(pk=version.pk)
    project = version.document.project
    document_type = version.document.document_type
    if not _may_approve(actor, body_kind, project):
        raise PermissionDenied
    chain = document_type.approval_chain
    if body_kind not in chain:
        raise ValidationError(
            {
                "body_kind": _("%(type)s godkendes af %(who)s.")
                % {"type": document_type.name, "who": " og ".join(str(BodyKind(k).label) for k in chain)}
            }
        )
    done = set(version.approvals.values_list("body_kind", flat=True))
    if body_kind in done:
        raise ValidationError({"body_kind": _("Versionen er allerede godkendt af dette forum.")})
    earlier = chain[: chain.index(body_kind)]
    if any(kind not in done for kind in earlier):
        raise ValidationError(
            {
                "body_kind": _("%(type)s skal først godkendes af styregruppen og derefter af RSI DK.")
                % {"type": document_type.name}
            }
        )
    approval = DocumentApproval(
        version=version,
        body_kind=body_kind,
        body=_body_of_kind(body_kind, project),
        approved_on=approved_on,
        note=(note or "").strip(),
        recorded_by=actor,
    )
    approval.full_clean()
    approval.save()
    log_action(
        actor=actor,
        action=AuditAction.DOCUMENT_APPROVE,
        obj=project,
        data={"document": document_type.code, "version": version.number, "body": body_kind},
    )
    _lifecycle_follow(actor, project, document_type.code, body_kind)
    return approval


def _lifecycle_follow(actor, project: Project, code: str, body_kind: str) -> None:
    """R2: RSI DK's approvals of the projektgrundlag and the afslutningsrapport move the pejlemærke."""
    if body_kind != BodyKind.RSI_DK or not can(actor, "portfolio.change_pejlemaerke", project.pejlemaerke):
        return
    pejlemaerke = project.pejlemaerke
    if code == PORTFOLIO_ENTRY_DOCUMENT and pejlemaerke.state == Lifecycle.PIPELINE:
        pejlemaerke_transition(
            actor=actor,
            pejlemaerke=pejlemaerke,
            to_state=Lifecycle.PORTFOLIO,
            reason=str(_("Projektgrundlaget er godkendt af RSI DK.")),
        )
    elif code == CLOSING_DOCUMENT and pejlemaerke.state in (Lifecycle.PORTFOLIO, Lifecycle.PAUSED):
        pejlemaerke_transition(
            actor=actor,
            pejlemaerke=pejlemaerke,
            to_state=Lifecycle.CLOSED,
            reason=str(_("Afslutningsrapporten er godkendt af styregruppen og derefter af RSI DK.")),
        )
