"""The chair approves a business-case version in the browser; the project leader cannot (R23 + permissions)."""

import pytest

from finance.models import BusinessCaseVersion

from .conftest import axe_violations, click_menu, format_violations

pytestmark = pytest.mark.e2e


def _draft():
    return BusinessCaseVersion.objects.get(business_case__project__pejlemaerke__short_name="LUNA", status="draft")


def test_project_leader_cannot_approve_in_the_browser(page, browser_login):
    draft = _draft()
    browser_login("projektleder")
    page.goto(f"/oekonomi/version/{draft.pk}/")
    assert page.get_by_role("heading", level=1).inner_text().endswith(f"version {draft.number}")
    assert page.get_by_role("button", name="Godkend version").count() == 0
    assert page.get_by_role("link", name="Tilføj udgiftslinje").is_visible()  # the leader edits the draft
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    response = page.request.post(
        f"/oekonomi/version/{draft.pk}/afgoer/",
        form={"decision": "approve", "csrfmiddlewaretoken": token},
        headers={"X-CSRFToken": token, "Referer": page.url},
    )
    assert response.status == 403
    assert _draft().status == "draft"


def test_chair_approves_a_version_in_the_browser(page, browser_login):
    draft = _draft()
    browser_login("formand")
    click_menu(page, "Økonomi")
    page.get_by_role("link", name="LUNA – administration af praksissektoren").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Business case")
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
    page.get_by_role("link", name=f"v{draft.number}", exact=True).click()
    assert page.get_by_role("button", name="Godkend version").is_visible()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
    page.get_by_label("Bemærkning (påkrævet ved afvisning)").fill("Godkendt på mødet i dag.")
    page.get_by_role("button", name="Godkend version").click()
    assert f"Version {draft.number} er godkendt" in page.get_by_role("status").first.inner_text()
    assert page.get_by_role("button", name="Godkend version").count() == 0
    approved = BusinessCaseVersion.objects.get(pk=draft.pk)
    assert approved.status == "approved" and approved.decided_by.username == "formand"
    assert approved.decision_note == "Godkendt på mødet i dag."
