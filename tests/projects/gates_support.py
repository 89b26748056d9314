"""Test data for the phase-and-gate tests (R5–R8, R27): real services wherever they exist."""

import io
import zipfile
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from portfolio.models import BodyKind, Region
from portfolio.rules import PejlemaerkeType
from portfolio.services import pejlemaerke_create
from projects import services
from projects.demo_gates import MINIMAL_PDF
from projects.models import DocumentType, GateRequirement

TODAY = date(2026, 5, 4)


def pdf(name: str = "dokument.pdf", content: bytes = MINIMAL_PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def make_project(actor, name: str = "Testprojekt for gates", *, has_acquisition: bool = True):
    pejlemaerke = pejlemaerke_create(
        actor=actor,
        name=name,
        short_name=name[:40],
        type=PejlemaerkeType.ANSKAFFELSE,
        leading_region=Region.objects.get(code="RM"),
    )
    project = pejlemaerke.projects.get()
    project.has_acquisition = has_acquisition
    project.save(update_fields=["has_acquisition"])
    return project


def upload_and_approve(project, code: str, actor, *, on: date = TODAY):
    """Upload a version of the document and have every body of its chain approve it, in order."""
    document_type = DocumentType.objects.get(code=code)
    version = services.document_upload(actor=actor, project=project, document_type=document_type, upload=pdf())
    for offset, kind in enumerate(document_type.approval_chain):
        services.document_approve(actor=actor, version=version, body_kind=kind, approved_on=on + timedelta(days=offset))
    return version


def approve_required_documents(project, actor, *, skip: tuple[str, ...] = (), on: date = TODAY) -> None:
    """R6 and R7: every document the gate out of the current phase needs, approved (RITA reviews the analysis)."""
    codes = GateRequirement.objects.filter(phase=project.phase).values_list("document_type__code", flat=True)
    for code in codes:
        if code not in skip:
            upload_and_approve(project, code, actor, on=on)


def approved_business_case(project, actor, total: Decimal = Decimal("5000000.00"), *, decided_at=None):
    """An approved business-case version with one expense line of `total` kr. (finance's models)."""
    from finance.models import BusinessCase, BusinessCaseVersion, ExpenseLine
    from finance.rules import LineKind, Scope, VersionStatus

    case, _created = BusinessCase.objects.get_or_create(project=project)
    number = case.versions.count() + 1
    version = BusinessCaseVersion.objects.create(
        business_case=case,
        number=number,
        start_date=date(2026, 1, 1),
        end_date=date(2028, 12, 31),
        scope="Demo",
        created_by=actor,
        status=VersionStatus.APPROVED,
        expense_total=total,
        decided_by=actor,
        decided_at=decided_at or timezone.now(),
    )
    ExpenseLine.objects.create(
        version=version, kind=LineKind.OTHER, scope=Scope.JOINT, year=2026, description="Anskaffelse", amount=total
    )
    return version


def risk_letter(project, actor, budget: Decimal, *, profile: str = "C"):
    assessment = services.risk_assessment_request(actor=actor, project=project, requested_on=TODAY, budget=budget)
    return services.risk_letter_record(
        actor=actor,
        assessment=assessment,
        received_on=TODAY + timedelta(days=10),
        risk_profile=profile,
        letter_text="Anbefalingsbrev.",
        recommendations=["Styrk styringen."],
    )


def ready_for_gate(project, actor, *, budget: Decimal = Decimal("5000000.00")) -> None:
    approve_required_documents(project, actor)
    approved_business_case(project, actor, budget)


RSI_DK = BodyKind.RSI_DK
