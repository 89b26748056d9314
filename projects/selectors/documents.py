"""Who reads a project's management documents: the access level of each version (Offentlig, Intern,
Fortrolig), on the pattern of R29. `may_read_document` answers for the download; `documents_shown`
gives the gate page what one reader may see, with the reader's bodies read once."""

from dataclasses import dataclass, field
from functools import cached_property

from portfolio.models import Body, BodyKind
from rsi_portal.permissions import can, is_sekretariat, restrict

from ..models import DocumentType, DocumentVersion, ManagementDocument, Project
from ..rules import DocumentAccess, document_shown

MEMBER_PERMISSION = "portfolio.member_of_body"


class DocumentReader:
    """One user's view of one project's documents."""

    def __init__(self, user, project: Project):
        self.user = user
        self.project = project

    @cached_property
    def body_ids(self) -> frozenset[int] | None:
        """The bodies the user is a member of; None means every body (the secretariat)."""
        user = self.user
        if is_sekretariat(user):
            return None
        if not (user and user.is_authenticated and user.is_active):
            return frozenset()
        return frozenset(restrict(Body.objects.all(), user, MEMBER_PERMISSION).values_list("pk", flat=True))

    def in_body(self, body_id: int | None) -> bool:
        return self.body_ids is None or (body_id is not None and body_id in self.body_ids)

    @cached_property
    def is_project_person(self) -> bool:
        """Its leaders and regional leaders, and the members of its pejlemærke's steering group."""
        user, project = self.user, self.project
        return (
            can(user, "projects.change_project", project)
            or can(user, "projects.report_status", project)
            or self.in_body(project.pejlemaerke.steering_group_id)
        )

    @cached_property
    def approving_bodies(self) -> dict[str, int]:
        """The one body of each approving kind other than the steering group (RITA, RSI DK)."""
        return dict(Body.objects.exclude(kind=BodyKind.STYREGRUPPE).values_list("kind", "pk"))

    def insider(self, document_type: DocumentType) -> bool:
        """The project's people, the members of the bodies that approve this type and the secretariat."""
        return self.is_project_person or any(
            self.in_body(self.approving_bodies.get(kind)) for kind in document_type.approval_chain
        )

    def shown(self, version: DocumentVersion, document_type: DocumentType) -> str:
        """full, row or nothing (rules.document_shown); who the user is matters only for a restricted version,
        so a page of Offentlig versions costs no query here."""
        restricted = version.access != DocumentAccess.PUBLIC
        return document_shown(version.access, insider=restricted and self.insider(document_type))


def may_read_document(user, version: DocumentVersion) -> bool:
    """May `user` see this version's name and note and download its file?"""
    document = version.document
    if not can(user, "projects.view_project", document.project):
        return False
    return DocumentReader(user, document.project).shown(version, document.document_type) == "full"


@dataclass
class ShownVersion:
    version: DocumentVersion
    full: bool


@dataclass
class ShownDocument:
    document: ManagementDocument
    versions: list[ShownVersion] = field(default_factory=list)


def documents_shown(user, project: Project) -> list[ShownDocument]:
    """The project's documents with the versions `user` may see (others' Fortrolig versions left out);
    `project` comes from gates.project_gates_page(), which has read them."""
    reader = DocumentReader(user, project)
    rows = []
    for document in project.documents.all():
        shown = [(version, reader.shown(version, document.document_type)) for version in document.versions.all()]
        versions = [ShownVersion(version, how == "full") for version, how in shown if how != "nothing"]
        if versions:
            rows.append(ShownDocument(document, versions))
    return rows
