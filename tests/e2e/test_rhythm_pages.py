"""The rhythm pages in a real browser (archive, årshjul, director mail), with the axe-core check."""

import re

import pytest

from .conftest import axe_violations, format_violations

pytestmark = pytest.mark.e2e


def test_secretariat_reads_the_archive_calendar_and_prepares_the_director_mail(page, browser_login):
    browser_login("sekretariat")
    page.goto("/rapporter/")
    assert page.get_by_role("heading", level=1).inner_text() == "Porteføljerapporter"
    assert page.locator("table.data tbody tr").count() >= 1  # the demo's last complete month
    violations = axe_violations(page)
    assert not violations, format_violations(violations)

    page.goto("/aarshjul/")
    assert page.get_by_role("heading", level=2, name="Februar").is_visible()
    assert "Strategiseminar" in page.locator("section[aria-labelledby=month-2]").inner_text()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)

    page.goto("/direktoerkredsmail/")
    page.get_by_label("Overskrift").fill("Nyt fra RITA")
    page.get_by_role("button", name="Tilføj punkt").click()
    assert page.get_by_role("heading", level=2, name="Tilføj punkt til næste mail").is_visible()
    assert "Teksten" not in page.content() and page.locator("p.error").count() == 1  # the text is missing
    assert page.get_by_label("Overskrift").input_value() == "Nyt fra RITA"  # kept
    page.get_by_label("Tekst").fill("Arkitekturprincipperne er opdateret.")
    page.get_by_role("button", name="Tilføj punkt").click()
    assert "Punktet er tilføjet" in page.content() and "Nyt fra RITA" in page.content()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
    page.locator("table.data tbody a").first.click()  # an issue, not a sortable column header
    page.wait_for_url(re.compile(r"/direktoerkredsmail/[^/?]+/$"))
    assert "Forhåndsvisning" in page.content()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
