"""Demo data for phases, gates, management documents and It-råd risk assessments (R2, R5–R8, R27).

Runs after portfolio.demo and before projects.demo. Idempotent: a project that already has phase
history is left alone; documents and assessments are found by natural key.

The demo imports the history of gates passed before the portal existed as plain records (no
business cases exist yet at this point of loaddemo: finance.demo runs later). Live gates go
through projects.services.gate_pass.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from portfolio.models import Body, BodyKind, Pejlemaerke
from portfolio.rules import Lifecycle
from rsi_portal.dates import add_working_days

from .defaults import DOCUMENT_TYPES, REQUIREMENTS, THIS_PHASE_DOCUMENTS
from .models import (
    DocumentApproval,
    DocumentType,
    DocumentVersion,
    GateDecision,
    GateRequirement,
    ManagementDocument,
    PhaseChange,
    Project,
    RecommendationStatus,
    RiskAssessment,
    RiskRecommendation,
)
from .rules import (
    CLOSING_DOCUMENT,
    PHASE_ORDER,
    PORTFOLIO_ENTRY_DOCUMENT,
    RISK_ASSESSMENT_WORKING_DAYS,
    Phase,
    RequirementScope,
    RiskProfile,
    Step,
    skipped_phases,
    steps_of,
)

# short name -> (phase, step, has acquisition)
PHASES = {
    "Hudkræft": (Phase.IDE, Step.MODNING, False),
    "Pseudonymisering": (Phase.IDE, Step.MODNING, False),
    "MinSundhed": (Phase.IDE, Step.MODNING, False),
    "SUBO": (Phase.ANALYSE, Step.FORANALYSE, False),
    "Sprogteknologi": (Phase.ANALYSE, Step.SPECIFICERING, False),
    "LABREK": (Phase.ANALYSE, Step.SPECIFICERING, True),
    "KI-IT": (Phase.ANSKAFFELSE, Step.UDBUD, True),
    "RIS/PACS": (Phase.ANSKAFFELSE, Step.PLANLAEGNING, True),
    "PPJ": (Phase.ANSKAFFELSE, Step.KRAVSPECIFIKATION, True),
    "LUNA": (Phase.GENNEMFOERELSE, Step.IMPLEMENTERING, True),
    "FUT": (Phase.GENNEMFOERELSE, Step.UDVIKLING_TEST, True),
    "SMR2": (Phase.GENNEMFOERELSE, Step.AFSLUTNING, True),
    "Patologi": (Phase.GENNEMFOERELSE, Step.UDVIKLING_TEST, True),
    "Akutområdet": (Phase.ANALYSE, Step.SPECIFICERING, False),
    "Hjemmemonitorering": (Phase.GENNEMFOERELSE, Step.IMPLEMENTERING, False),
    "Informationssikkerhed": (Phase.REALISERING, Step.GEVINSTREALISERING, False),
    "Datainfrastruktur": (Phase.REALISERING, Step.GEVINSTREALISERING, False),
}
BLOCKED = "LABREK"  # blocked at the Analyse gate with a visible list of what is missing
A_PROFILE = "FUT"  # an A-profile It-råd assessment with its responsum
FIRST_GATE = date(2023, 3, 1)
GATE_SPACING = timedelta(days=200)

# One blank A4 page with a correct cross-reference table, so pypdf (and the upload check) can read it.
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \n"
    b"trailer<</Size 4/Root 1 0 R>>\nstartxref\n164\n%%EOF\n"
)


def ensure_gate_defaults() -> None:
    """R6: the default document types and gate requirements (migration 0005 seeds a frozen copy; a flushed
    test database loses them, so the demo makes sure they exist). Never changes what the secretariat edited."""
    types = {}
    for order, (code, name, approver, first, description) in enumerate(DOCUMENT_TYPES, start=1):
        types[code] = DocumentType.objects.filter(code=code).first()
        if types[code] is None and not DocumentType.objects.filter(name=name).exists():
            types[code] = DocumentType.objects.create(
                code=code,
                name=name,
                approver=approver,
                steering_group_first=first,
                description=description,
                sort_order=order * 10,
            )
    if not GateRequirement.objects.exists():
        for phase, codes in REQUIREMENTS.items():
            for code in codes:
                if types.get(code):
                    scope = RequirementScope.THIS_PHASE if code in THIS_PHASE_DOCUMENTS else RequirementScope.ONCE
                    GateRequirement.objects.get_or_create(
                        phase=phase, document_type=types[code], defaults={"scope": scope}
                    )


def _secretariat():
    return get_user_model().objects.get(username="sekretariat")


def _body(kind: str, project: Project) -> Body:
    if kind == BodyKind.STYREGRUPPE:
        return project.pejlemaerke.steering_group
    return Body.objects.get(kind=kind)


def _version(project: Project, code: str, actor, note: str = "") -> DocumentVersion:
    """The first version of a project's document of type `code` (created once)."""
    document_type = DocumentType.objects.get(code=code)
    document, _created = ManagementDocument.objects.get_or_create(project=project, document_type=document_type)
    version = document.versions.order_by("number").first()
    if version is None:
        version = DocumentVersion(
            document=document,
            number=1,
            original_name=f"{document_type.name} – {project.pejlemaerke.short_name or project.name}.pdf",
            kind="pdf",
            size=len(MINIMAL_PDF),
            sha256="demo",
            note=note,
            uploaded_by=actor,
        )
        version.file.save(f"demo-{project.pk}-{code}-v1.pdf", ContentFile(MINIMAL_PDF), save=False)
        version.save()
    return version


def _approve(version: DocumentVersion, kinds, actor, day: date) -> None:
    project = version.document.project
    for offset, kind in enumerate(kinds):
        DocumentApproval.objects.get_or_create(
            version=version,
            body_kind=kind,
            defaults={
                "body": _body(kind, project),
                "approved_on": day + timedelta(days=14 * offset),
                "recorded_by": actor,
            },
        )


def _main_project(pejlemaerke: Pejlemaerke) -> Project:
    return pejlemaerke.projects.order_by("region__sort_order", "pk").select_related("pejlemaerke").first()


def prepare_lifecycle_documents(*, actor, pejlemaerke: Pejlemaerke, to_state: str) -> None:
    """R2 for the demo: the approvals the lifecycle move needs (called by portfolio.demo before it moves)."""
    ensure_gate_defaults()
    project = _main_project(pejlemaerke)
    if to_state == Lifecycle.PORTFOLIO:
        _approve(_version(project, PORTFOLIO_ENTRY_DOCUMENT, actor), [BodyKind.RSI_DK], actor, FIRST_GATE)
    elif to_state == Lifecycle.CLOSED:
        closing = _version(project, CLOSING_DOCUMENT, actor, note="Demo: afslutningsrapport.")
        _approve(closing, [BodyKind.STYREGRUPPE, BodyKind.RSI_DK], actor, date(2025, 6, 2))


def _import_history(project: Project, phase: str, step: str, actor) -> None:
    """Past gates up to `phase`, as dated history (R5), with the skip of Anskaffelse recorded."""
    current, day = Phase.IDE, FIRST_GATE
    path = [p for p in PHASE_ORDER[: PHASE_ORDER.index(phase) + 1]]
    if not project.has_acquisition:
        path = [p for p in path if p != Phase.ANSKAFFELSE]
    current_step = Step.MODNING
    for target in path[1:]:
        body_kind = BodyKind.STYREGRUPPE if current == Phase.ANSKAFFELSE else BodyKind.RSI_DK
        skipped = ",".join(skipped_phases(current, target))
        gate = GateDecision.objects.create(
            project=project,
            from_phase=current,
            to_phase=target,
            skipped_phases=skipped,
            body=_body(body_kind, project),
            route_reason="Demo: gate passeret før portalen blev taget i brug.",
            decided_on=day,
            text=f"{Phase(target).label} igangsættes.",
            recorded_by=actor,
        )
        PhaseChange.objects.create(
            project=project,
            from_phase=current,
            from_step=current_step,
            to_phase=target,
            to_step=steps_of(target)[0],
            skipped_phases=skipped,
            changed_on=day,
            reason=gate.text,
            gate=gate,
            changed_by=actor,
        )
        current, current_step, day = target, steps_of(target)[0], day + GATE_SPACING
    if step != current_step:
        PhaseChange.objects.create(
            project=project,
            from_phase=current,
            from_step=current_step,
            to_phase=current,
            to_step=step,
            changed_on=day - GATE_SPACING / 2,
            reason="Næste trin i fasen.",
            changed_by=actor,
        )
    project.phase, project.step = phase, step
    project.save(update_fields=["phase", "step", "has_acquisition", "updated_at"])


def _blocked(project: Project, actor) -> None:
    """LABREK at the Analyse gate: some documents approved, others missing or awaiting approval."""
    _approve(_version(project, "business-case", actor), [BodyKind.STYREGRUPPE], actor, date(2025, 9, 1))
    _approve(_version(project, "arkitekturanalyse", actor), [BodyKind.RITA], actor, date(2025, 9, 15))
    _version(project, "pid", actor, note="Til godkendelse i RSI DK.")


def _risk_assessment(project: Project, actor) -> None:
    if project.risk_assessments.exists():
        return
    requested = date(2025, 3, 3)
    assessment = RiskAssessment.objects.create(
        project=project,
        budget_at_request=Decimal("48500000.00"),
        requested_on=requested,
        window_ends_on=add_working_days(requested, RISK_ASSESSMENT_WORKING_DAYS),
        letter_received_on=date(2025, 3, 14),
        risk_profile=RiskProfile.A,
        new_technology=True,
        many_stakeholders=True,
        large_organisation=True,
        business_risk=True,
        security_risk=False,
        external_dependencies=True,
        letter_text=(
            "It-rådet vurderer, at programmet har en meget høj risiko (profil A). Programmet omfatter en ny "
            "fælles infrastruktur for telemedicin i fem regioner og 98 kommuner, mange leverandører og en "
            "tæt kobling til den fællesoffentlige infrastruktur."
        ),
        responsum_text=(
            "Programmet tager It-rådets anbefalinger til efterretning. Gevinstrealiseringen forankres i "
            "linjeorganisationen, og leverandørstyringen styrkes med en fælles kontraktstyringsfunktion."
        ),
        responsum_on=date(2025, 4, 1),
        shared_with_rsi_dk_on=date(2025, 4, 1),
        created_by=actor,
    )
    recommendations = [
        ("Styrk den fælles leverandørstyring med en dedikeret kontraktstyringsfunktion.", RecommendationStatus.DONE),
        ("Etablér en samlet tidsplan for de kommunale og regionale udrulninger.", RecommendationStatus.IN_PROGRESS),
        ("Forankr gevinstrealiseringen i linjeorganisationen i hver region.", RecommendationStatus.IN_PROGRESS),
        ("Gennemfør en uafhængig review før den første udrulning.", RecommendationStatus.OPEN),
    ]
    for number, (text, status) in enumerate(recommendations, start=1):
        RiskRecommendation.objects.create(assessment=assessment, number=number, text=text, status=status)


def load(stdout) -> None:
    ensure_gate_defaults()
    actor = _secretariat()
    moved = 0
    for short, (phase, step, has_acquisition) in PHASES.items():
        for project in Project.objects.filter(pejlemaerke__short_name=short).select_related(
            "pejlemaerke__steering_group"
        ):
            if project.phase_changes.exists() or (project.phase, project.step, project.has_acquisition) == (
                phase,
                step,
                has_acquisition,
            ):
                continue
            project.has_acquisition = has_acquisition
            _import_history(project, phase, step, actor)
            moved += 1
    blocked = _main_project(Pejlemaerke.objects.get(short_name=BLOCKED))
    _blocked(blocked, actor)
    _risk_assessment(_main_project(Pejlemaerke.objects.get(short_name=A_PROFILE)), actor)
    stdout.write(f"Faser og gates: {moved} projekter placeret i faser; {BLOCKED} står ved en gate med mangler.")
