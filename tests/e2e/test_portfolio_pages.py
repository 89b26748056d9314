"""The foundation pages in a real browser, with the axe-core accessibility check."""

import pytest

from .conftest import axe_violations, click_menu, format_violations

pytestmark = pytest.mark.e2e


def test_secretariat_filters_the_list_and_the_pages_pass_axe(page, browser_login):
    browser_login("sekretariat")
    assert page.get_by_role("heading", level=1).inner_text() == "Mit overblik"
    violations = axe_violations(page)
    assert not violations, format_violations(violations)

    click_menu(page, "Pejlemærker")
    page.get_by_label("Type").select_option("monitorering")
    page.get_by_role("button", name="Filtrér").click()
    rows = page.locator("table.data tbody tr")
    assert rows.count() == 3
    assert "Fælles mål for hjemmemonitorering" in page.locator("table.data").inner_text()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)

    page.get_by_role("link", name="Fælles mål for hjemmemonitorering").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Fælles mål for hjemmemonitorering"
    assert "Afventer" in page.locator("#h-part + table, section[aria-labelledby=h-part]").first.inner_text()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)


def test_opt_out_without_explanation_is_refused_in_the_browser(page, browser_login):
    browser_login("sekretariat")
    page.goto("/pejlemaerker/?q=LABREK")
    page.get_by_role("link", name="LABREK – laboratorierekvisition").click()
    page.get_by_role("link", name="Redigér deltagelse").click()
    nordjylland = page.get_by_role("group", name="Region Nordjylland")
    nordjylland.get_by_label("Deltagelse").select_option("afstaar")
    page.get_by_role("button", name="Gem deltagelse").click()
    assert page.get_by_role("alert").is_visible()
    assert "En region kan kun afstå eller afvente med en forklaring" in page.get_by_role("alert").inner_text()
    assert nordjylland.get_by_label("Deltagelse").input_value() == "afstaar"
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
