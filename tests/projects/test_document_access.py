"""Access levels of project management documents, working like R29's: an Offentlig version is read by every
role; Intern and Fortrolig versions only by the project's people (its leaders, its steering group, the members
of the bodies that approve the document) and the secretariat. Others see an Intern version only as a row
without name or link, and do not see a Fortrolig version at all."""

import pytest
from django.contrib.auth import get_user_model

from projects import selectors, services
from projects.models import DocumentType, DocumentVersion, Project
from projects.rules import DocumentAccess
from tests.projects.gates_support import pdf

pytestmark = pytest.mark.django_db

INSIDERS = ["projektleder", "formand", "sekretariat"]
OUTSIDERS = ["kontakt", "regional", "direktoer"]


def _user(username):
    return get_user_model().objects.get(username=username)


@pytest.fixture
def luna(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return Project.objects.get(pejlemaerke__short_name="LUNA")


def _upload(project, access, name, *, code="risikolog", note=""):
    return services.document_upload(
        actor=_user("projektleder"),
        project=project,
        document_type=DocumentType.objects.get(code=code),
        upload=pdf(name),
        note=note,
        access=access,
    )


def _download(client, version):
    return client.get(f"/projekter/dokumentversioner/{version.pk}/fil/")


@pytest.mark.parametrize("username", INSIDERS + OUTSIDERS)
def test_public_document_is_read_by_every_role(client, login, luna, username):
    version = _upload(luna, DocumentAccess.PUBLIC, "offentlig-risikolog.pdf")
    login(username)
    assert _download(client, version).status_code == 200
    assert "offentlig-risikolog.pdf" in client.get(f"/projekter/{luna.pk}/faser/").content.decode()


@pytest.mark.parametrize("access", [DocumentAccess.INTERNAL, DocumentAccess.CONFIDENTIAL])
@pytest.mark.parametrize("username", INSIDERS)
def test_restricted_document_is_read_by_the_projects_people(client, login, luna, access, username):
    version = _upload(luna, access, "begraenset-risikolog.pdf")
    login(username)
    assert _download(client, version).status_code == 200
    assert "begraenset-risikolog.pdf" in client.get(f"/projekter/{luna.pk}/faser/").content.decode()


@pytest.mark.parametrize("username", OUTSIDERS)
def test_internal_document_shows_only_a_row_to_others(client, login, luna, username):
    version = _upload(luna, DocumentAccess.INTERNAL, "intern-risikolog.pdf", note="INTERN-NOTE-3321")
    login(username)
    assert _download(client, version).status_code == 403
    page = client.get(f"/projekter/{luna.pk}/faser/").content.decode()
    assert "intern-risikolog.pdf" not in page and "INTERN-NOTE-3321" not in page
    assert f"/projekter/dokumentversioner/{version.pk}/fil/" not in page
    assert "Internt dokument" in page


@pytest.mark.parametrize("username", OUTSIDERS)
def test_confidential_document_is_not_shown_to_others(client, login, luna, username):
    version = _upload(luna, DocumentAccess.CONFIDENTIAL, "fortrolig-risikolog.pdf")
    login(username)
    assert _download(client, version).status_code == 403
    page = client.get(f"/projekter/{luna.pk}/faser/").content.decode()
    assert "fortrolig-risikolog.pdf" not in page and f"/dokumentversioner/{version.pk}/" not in page
    assert "Internt dokument" not in page  # not even as a row


def test_members_of_the_approving_body_read_its_restricted_documents(client, login, luna):
    """RSI DK approves the projektgrundlag, so its members read an Intern projektgrundlag (not a risk log)."""
    basis = _upload(luna, DocumentAccess.INTERNAL, "pg.pdf", code="projektgrundlag")
    log = _upload(luna, DocumentAccess.INTERNAL, "log.pdf")
    login("direktoer")
    assert _download(client, basis).status_code == 200
    assert _download(client, log).status_code == 403


def test_the_upload_form_offers_the_access_level_and_keeps_it(client, login, luna):
    login("projektleder")
    response = client.post(
        f"/projekter/{luna.pk}/dokumenter/",
        {
            "document_type": DocumentType.objects.get(code="risikolog").pk,
            "file": pdf("log.pdf"),
            "access": DocumentAccess.CONFIDENTIAL,
        },
    )
    assert response.status_code == 302
    version = DocumentVersion.objects.get(document__project=luna, document__document_type__code="risikolog")
    assert version.access == DocumentAccess.CONFIDENTIAL


def test_one_selector_answers_for_page_and_download(luna):
    version = _upload(luna, DocumentAccess.INTERNAL, "log.pdf")
    assert selectors.may_read_document(_user("formand"), version)
    assert not selectors.may_read_document(_user("kontakt"), version)
    rows = selectors.documents_shown(_user("kontakt"), luna)
    shown = [v for row in rows for v in row.versions if v.version.pk == version.pk]
    assert [v.full for v in shown] == [False]
