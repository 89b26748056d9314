"""Finance permission matrix: leader edits drafts, chair approves, secretariat all, others read, no role 403."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from finance.models import BusinessCase, BusinessCaseVersion, ChangeRequest, ExpenseLine
from projects.models import Project

ROLES = ["sekretariat", "projektleder", "regional", "formand", "direktoer", "kontakt"]
EVERYONE = set(ROLES)


@pytest.fixture
def o(demo):
    luna = Project.objects.get(pejlemaerke__short_name="LUNA")
    labrek = Project.objects.get(pejlemaerke__short_name="LABREK")
    draft = BusinessCaseVersion.objects.get(business_case__project=luna, status="draft")
    approved = BusinessCaseVersion.objects.filter(business_case__project=luna, status="approved").first()
    labrek_v = BusinessCaseVersion.objects.filter(business_case__project=labrek).first()
    staff_line = ExpenseLine.objects.filter(version=approved, kind="staff").first()
    return {
        "luna": luna,
        "labrek": labrek,
        "draft": draft,
        "approved": approved,
        "labrek_v": labrek_v,
        "staff_line": staff_line,
    }


def _pages(o):
    return {
        reverse("finance:case_list"): EVERYONE,
        reverse("finance:case_list") + "?format=xlsx": EVERYONE,
        reverse("finance:case_detail", args=[o["luna"].pk]): EVERYONE,
        reverse("finance:version_detail", args=[o["draft"].pk]): EVERYONE,
        reverse("finance:version_detail", args=[o["approved"].pk]): EVERYONE,
        reverse("finance:version_diff", args=[o["luna"].pk]): EVERYONE,
        reverse("finance:key_list"): EVERYONE,
        reverse("finance:collection_list", args=[2027]): EVERYONE,
        reverse("finance:collection_list", args=[2027]) + "?format=xlsx": EVERYONE,
        reverse("finance:collection_letter", args=[2027, o["luna"].pk, "RSJ"]): EVERYONE,
        reverse("finance:budget_overview"): EVERYONE,
        reverse("finance:budget_overview_year", args=[2027]) + "?format=xlsx": EVERYONE,
        # the project leader edits drafts of their own project only
        reverse("finance:version_edit", args=[o["draft"].pk]): {"sekretariat", "projektleder"},
        reverse("finance:line_add", args=[o["draft"].pk]): {"sekretariat", "projektleder"},
        reverse("finance:version_edit", args=[o["labrek_v"].pk]): {"sekretariat"},
        reverse("finance:change_request_create", args=[o["luna"].pk]): {"sekretariat", "projektleder"},
        reverse("finance:change_request_create", args=[o["labrek"].pk]): {"sekretariat"},
        reverse("finance:staff_actual", args=[o["staff_line"].pk]): {"sekretariat", "projektleder"},
        # the chair records the agreed split; the secretariat keeps the key
        reverse("finance:split_edit", args=[o["luna"].pk]): {"sekretariat", "formand"},
        reverse("finance:split_edit", args=[o["labrek"].pk]): {"sekretariat"},
        reverse("finance:key_edit", args=[2029]): {"sekretariat"},
    }


@pytest.mark.parametrize("role", ROLES)
def test_finance_permission_matrix(o, client, login, role):
    login(role)
    for url, allowed in _pages(o).items():
        status = client.get(url).status_code
        expected = 200 if role in allowed else 403
        assert status == expected, f"{role} on {url}: {status}, expected {expected}"


def test_a_user_without_a_role_gets_403_everywhere(o, client):
    nobody = get_user_model().objects.create_user("udenrolle", password="x")
    client.force_login(nobody)
    for url in _pages(o):
        assert client.get(url).status_code == 403, url


def test_anonymous_is_sent_to_login(o, client):
    response = client.get(reverse("finance:case_list"))
    assert response.status_code in (302, 403)


@pytest.mark.parametrize("role", ["projektleder", "regional", "direktoer", "kontakt"])
def test_only_the_chair_approves_a_version(o, client, login, role):
    login(role)
    response = client.post(reverse("finance:version_decide", args=[o["draft"].pk]), {"decision": "approve"})
    assert response.status_code == 403
    o["draft"].refresh_from_db()
    assert o["draft"].status == "draft"


def test_the_chair_approves_a_version(o, client, login):
    login("formand")
    response = client.post(reverse("finance:version_decide", args=[o["draft"].pk]), {"decision": "approve"})
    assert response.status_code == 302
    o["draft"].refresh_from_db()
    assert o["draft"].status == "approved" and o["draft"].decided_by.username == "formand"


def test_the_chair_cannot_edit_a_draft_and_a_leader_cannot_decide_a_change_request(o, client, login):
    login("formand")
    assert client.post(reverse("finance:line_add", args=[o["draft"].pk]), {}).status_code == 403
    pending = ChangeRequest.objects.get(business_case__project=o["luna"], status="submitted")
    login("projektleder")
    assert (
        client.post(reverse("finance:change_request_decide", args=[pending.pk]), {"decision": "approve"}).status_code
        == 403
    )
    pending.refresh_from_db()
    assert pending.status == "submitted"


def test_read_only_roles_see_no_edit_controls(o, client, login):
    login("direktoer")
    html = client.get(reverse("finance:version_detail", args=[o["draft"].pk])).content.decode()
    assert "Godkend version" not in html and "Tilføj udgiftslinje" not in html
    login("formand")
    html = client.get(reverse("finance:version_detail", args=[o["draft"].pk])).content.decode()
    assert "Godkend version" in html and "Tilføj udgiftslinje" not in html


def test_leader_finds_own_projects_without_a_case_and_creates_one(o, client, login):
    BusinessCase.objects.filter(project=o["luna"]).delete()
    login("projektleder")
    html = client.get(reverse("finance:case_list")).content.decode()
    assert "Dine projekter uden business case" in html and o["luna"].name in html
    assert o["labrek"].name not in html.split("Dine projekter uden business case")[1]
    response = client.post(
        reverse("finance:case_create", args=[o["luna"].pk]),
        {"start_date": "2027-01-01", "end_date": "2027-12-31", "scope": "Nyt omfang"},
    )
    assert response.status_code == 302
    assert BusinessCase.objects.get(project=o["luna"]).versions.get().status == "draft"
    login("direktoer")
    assert "Dine projekter uden business case" not in client.get(reverse("finance:case_list")).content.decode()
