"""In the browser: a buffer above 10 % is refused with the cap and nothing typed is lost; overview pages pass axe."""

import pytest

from finance.models import BusinessCaseVersion
from finance.rules import max_buffer
from rsi_portal.formatting import format_kr

from .conftest import axe_violations, format_violations

pytestmark = pytest.mark.e2e


def test_buffer_above_cap_is_refused_in_the_browser_and_overviews_pass_axe(page, browser_login):
    draft = BusinessCaseVersion.objects.get(business_case__project__pejlemaerke__short_name="LUNA", status="draft")
    cap = format_kr(max_buffer(draft.expense_total))
    browser_login("projektleder")
    page.goto(f"/oekonomi/version/{draft.pk}/")
    page.get_by_role("link", name="Redigér tid, omfang og buffer").click()
    page.get_by_label("Omfang og leverancer").fill("Nyt omfang, som ikke må gå tabt")
    page.get_by_label("Buffer").fill("9999999")
    page.get_by_role("button", name="Gem").click()
    alert = page.get_by_role("alert")
    assert f"højst {cap} kr." in alert.inner_text()
    assert page.get_by_label("Buffer").input_value() == "9999999"
    assert page.get_by_label("Omfang og leverancer").input_value() == "Nyt omfang, som ikke må gå tabt"
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
    assert BusinessCaseVersion.objects.get(pk=draft.pk).buffer == draft.buffer

    browser_login("direktoer")
    page.goto("/oekonomi/budgetoverblik/2027/")
    assert page.get_by_role("heading", level=1).inner_text() == "Budgetoverblik 2027"
    assert "mangler en business case godkendt siden" in page.get_by_role("status").first.inner_text()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
    page.goto("/oekonomi/opkraevning/2027/")
    assert "Betales senest 1. december 2027" in page.locator("main").inner_text()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
