"""R6 management documents: versions per project, uploads limited by type and size and checked for what
they claim to be (magic bytes), refused with a clear Danish message; the right party approves."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from portfolio.models import AuditEntry, BodyKind
from projects import services
from projects.models import DocumentType, DocumentVersion, Project
from tests.projects.gates_support import TODAY, docx_bytes, make_project, pdf


@pytest.fixture
def project(sekretariat):
    return make_project(sekretariat)


@pytest.fixture
def risk_log(db):
    return DocumentType.objects.get(code="risikolog")


def test_r6_upload_creates_numbered_versions(project, risk_log, sekretariat):
    first = services.document_upload(actor=sekretariat, project=project, document_type=risk_log, upload=pdf("a.pdf"))
    second = services.document_upload(
        actor=sekretariat,
        project=project,
        document_type=risk_log,
        upload=pdf("b.docx", docx_bytes()),
        note="Opdateret",
    )
    assert (first.number, second.number, second.kind) == (1, 2, "docx")
    assert first.document_id == second.document_id
    assert second.file.read() == docx_bytes()
    assert len(first.sha256) == 64
    assert AuditEntry.objects.filter(action="document.upload", object_id=str(project.pk)).count() == 2


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00" + b"\x00" * 100, "Filtypen ».exe« kan ikke uploades"),
        ("notat.pdf", docx_bytes(), "men indholdet er ikke en PDF-fil (indholdet ligner en .docx-fil)"),
        ("plan.docx", b"%PDF-1.4\n" + b"x" * 50, "men indholdet er ikke en DOCX-fil (indholdet ligner en .pdf-fil)"),
        ("tekst.pdf", b"bare noget tekst", "men indholdet er ikke en PDF-fil."),
        ("tom.pdf", b"", "er tom"),
    ],
)
def test_r6_upload_refused_with_danish_message(project, risk_log, sekretariat, name, content, message):
    with pytest.raises(ValidationError) as error:
        services.document_upload(actor=sekretariat, project=project, document_type=risk_log, upload=pdf(name, content))
    assert message in error.value.messages[0]
    assert not DocumentVersion.objects.filter(document__project=project).exists()


def test_r6_upload_refused_when_too_large(project, risk_log, sekretariat, settings):
    settings.RSI = {**settings.RSI, "DOCUMENT_MAX_BYTES": 1000}
    with pytest.raises(ValidationError) as error:
        services.document_upload(
            actor=sekretariat,
            project=project,
            document_type=risk_log,
            upload=pdf("stor.pdf", b"%PDF-1.4" + b"x" * 1200),
        )
    assert re.search(r"fylder 1,2\sKB\. Den må højst fylde 1000\sbytes\.", error.value.messages[0])


def test_r6_refused_upload_in_the_browser_keeps_the_note(demo, client, login):
    luna = Project.objects.get(pejlemaerke__short_name="LUNA")
    login("projektleder")
    response = client.post(
        f"/projekter/{luna.pk}/dokumenter/",
        {
            "document_type": DocumentType.objects.get(code="risikolog").pk,
            "file": pdf("risikolog.pdf", docx_bytes()),
            "note": "Min bemærkning",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "men indholdet er ikke en PDF-fil" in page and "Min bemærkning" in page
    ok = client.post(
        f"/projekter/{luna.pk}/dokumenter/",
        {"document_type": DocumentType.objects.get(code="risikolog").pk, "file": pdf("risikolog.pdf"), "note": ""},
    )
    assert ok.status_code == 302
    version = DocumentVersion.objects.get(document__project=luna, document__document_type__code="risikolog")
    download = client.get(f"/projekter/dokumentversioner/{version.pk}/fil/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize("username", ["direktoer", "kontakt", "regional", "formand"])
def test_r6_only_project_leader_and_secretariat_upload(demo, client, login, username):
    luna = Project.objects.get(pejlemaerke__short_name="LUNA")
    login(username)
    response = client.post(
        f"/projekter/{luna.pk}/dokumenter/",
        {"document_type": DocumentType.objects.get(code="risikolog").pk, "file": pdf()},
    )
    assert response.status_code == 403


def test_r6_document_approved_by_the_right_party(project, sekretariat):
    analysis = services.document_upload(
        actor=sekretariat,
        project=project,
        document_type=DocumentType.objects.get(code="arkitekturanalyse"),
        upload=pdf(),
    )
    with pytest.raises(ValidationError, match="Arkitekturanalyse godkendes af RITA"):
        services.document_approve(actor=sekretariat, version=analysis, body_kind=BodyKind.RSI_DK, approved_on=TODAY)
    approval = services.document_approve(
        actor=sekretariat, version=analysis, body_kind=BodyKind.RITA, approved_on=TODAY
    )
    assert approval.body.kind == BodyKind.RITA
    with pytest.raises(ValidationError, match="allerede godkendt"):
        services.document_approve(actor=sekretariat, version=analysis, body_kind=BodyKind.RITA, approved_on=TODAY)


def test_r6_approve_in_the_browser_reports_wrong_party(demo, client, login, sekretariat):
    luna = Project.objects.get(pejlemaerke__short_name="LUNA")
    version = services.document_upload(
        actor=sekretariat, project=luna, document_type=DocumentType.objects.get(code="risikolog"), upload=pdf()
    )
    login("direktoer")
    assert (
        client.post(
            f"/projekter/dokumentversioner/{version.pk}/godkend/",
            {"body_kind": "STYREGRUPPE", "approved_on": "2026-05-04"},
        ).status_code
        == 403
    )
    login("sekretariat")
    response = client.post(
        f"/projekter/dokumentversioner/{version.pk}/godkend/",
        {"body_kind": "RITA", "approved_on": "2026-05-04"},
        follow=True,
    )
    assert "Risikolog godkendes af Projektstyregruppe" in response.content.decode()
    assert not version.approvals.exists()


def test_r6_upload_permission_in_service(demo, django_user_model, risk_log):
    luna = Project.objects.get(pejlemaerke__short_name="LUNA")
    with pytest.raises(PermissionDenied):
        services.document_upload(
            actor=django_user_model.objects.get(username="kontakt"), project=luna, document_type=risk_log, upload=pdf()
        )
