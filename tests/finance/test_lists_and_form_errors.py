"""Finance's lists keep their filter in every link, and a refused action re-renders its page with what was typed."""

import csv
import io
from decimal import Decimal as D
from html import unescape
from urllib.parse import parse_qs

import pytest
from django.urls import reverse

from finance import services
from finance.models import BusinessCaseVersion

from .factories import BlockGrantKeyFactory, BusinessCaseVersionFactory, ExpenseLineFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db

TRICKY = "R&D #1 æøå"


def _export_query(html: str) -> dict:
    start = html.index('href="?', html.index("Eksportér")) + len('href="?')
    return parse_qs(unescape(html[start : html.index('"', start)]))


def test_the_case_list_export_link_keeps_a_search_with_ampersand_hash_and_danish_letters(client):
    project = ProjectFactory(name=f"Projekt {TRICKY}")
    ExpenseLineFactory(version__business_case__project=project)
    client.force_login(UserFactory())
    response = client.get(reverse("finance:case_list"), {"q": TRICKY, "sort": "-project"})
    html = response.content.decode()
    assert response.status_code == 200 and project.name in unescape(html)
    query = _export_query(html)
    assert query["q"] == [TRICKY] and query["sort"] == ["-project"] and query["format"] == ["xlsx"]
    exported = client.get(reverse("finance:case_list"), {"q": TRICKY, "format": "csv"})
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig")), delimiter=";"))
    assert [row[1] for row in rows[1:]] == [project.name]


def test_the_key_list_sorts_and_exports_from_one_column_declaration(client):
    BlockGrantKeyFactory(year=2042, share_rh=D("30"), share_rn=D("10"))
    BlockGrantKeyFactory(year=2043)
    client.force_login(UserFactory())
    html = client.get(reverse("finance:key_list"), {"sort": "year"}).content.decode()
    assert html.index(">2042<") < html.index(">2043<")
    assert _export_query(html)["sort"] == ["year"]
    exported = client.get(reverse("finance:key_list"), {"sort": "-year", "format": "csv"})
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig")), delimiter=";"))
    years = [row[0] for row in rows[1:]]
    assert years.index("2043") < years.index("2042")
    assert rows[1 + years.index("2042")][1:6] == ["30.0000", "20.0000", "20.0000", "20.0000", "10.0000"]


def test_a_refused_decision_re_renders_the_version_page_with_the_note_kept(client):
    version = BusinessCaseVersionFactory()  # no lines: cannot be approved
    client.force_login(UserFactory())
    response = client.post(
        reverse("finance:version_decide", args=[version.pk]), {"decision": "approve", "note": "Mit notat"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "En version uden udgiftslinjer kan ikke godkendes." in html and "Mit notat" in html
    assert BusinessCaseVersion.objects.get(pk=version.pk).status == "draft"
    response = client.post(reverse("finance:version_decide", args=[version.pk]), {"decision": "reject"})
    assert response.status_code == 400 and "Skriv hvorfor versionen afvises." in response.content.decode()


def test_a_refused_new_version_re_renders_the_case_page_with_the_reason_kept(client):
    draft = ExpenseLineFactory().version
    client.force_login(UserFactory())
    project_pk = draft.business_case.project_id
    response = client.post(reverse("finance:version_new", args=[project_pk]), {"change_reason": "Ny tidsplan"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Der er allerede en kladde." in html and "Ny tidsplan" in html
    services.version_approve(actor=UserFactory(), version=draft)
    response = client.post(reverse("finance:version_new", args=[project_pk]), {"change_reason": "Ny tidsplan"})
    assert response.status_code == 302
    assert BusinessCaseVersion.objects.filter(business_case=draft.business_case, number=2).exists()
