"""GATES in a real browser: a blocked project's checklist with its missing items, the refused gate,
a refused upload, and the axe-core accessibility check (R5–R8, R27)."""

import pytest

from .conftest import axe_violations, click_menu, format_violations

pytestmark = pytest.mark.e2e


def test_r6_blocked_project_checklist_shows_missing_items(page, browser_login, tmp_path):
    browser_login("sekretariat")
    page.goto("/pejlemaerker/?q=LABREK")
    row = page.locator("table.data tbody tr").first
    assert "Analyse" in row.inner_text()  # the phase column (R5)
    page.get_by_role("link", name="LABREK – laboratorierekvisition").click()
    page.get_by_role("link", name="Analyse – LABREK – laboratorierekvisition").click()
    assert page.get_by_role("heading", level=2, name="Næste gate: Analyse → Anskaffelse").is_visible()
    assert "Gaten er blokeret" in page.locator("#gate-summary").inner_text()
    checklist = page.locator("table.gate-checklist")
    pid_row = checklist.locator("tr", has_text="Projektinitieringsdokument (PID)")
    assert "Mangler" in pid_row.inner_text()
    assert "På plads" in checklist.locator("tr", has_text="RITAs review").inner_text()
    assert "Projektinitieringsdokument (PID)" in page.locator("ul.missing-items").inner_text()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)

    # The service refuses the gate and says why; the typed decision stays in the form.
    page.get_by_label("Beslutning").fill("RSI DK godkender PID'en")
    page.get_by_role("button", name="Passér gaten").click()
    alert = page.get_by_role("alert")
    assert "Gaten kan ikke passeres. Der mangler:" in alert.inner_text()
    assert page.get_by_label("Beslutning").input_value() == "RSI DK godkender PID'en"

    # A file that is not what it claims to be is refused with a clear message.
    fake = tmp_path / "risikolog.pdf"
    fake.write_bytes(b"Dette er ikke en PDF")
    page.get_by_label("Dokumenttype").select_option(label="Risikolog")
    page.get_by_label("Fil:", exact=True).set_input_files(str(fake))
    page.get_by_role("button", name="Upload", exact=True).click()
    assert "men indholdet er ikke en PDF-fil" in page.get_by_role("alert").first.inner_text()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)


def test_r27_director_reads_the_a_profile_assessment(page, browser_login):
    browser_login("direktoer")
    click_menu(page, "Risikovurderinger")
    page.get_by_label("Risikoprofil").select_option("A")
    page.get_by_role("button", name="Filtrér").click()
    page.get_by_role("link", name="FUT – fælles udbud af telemedicin").click()
    assert "A – meget høj risiko" in page.locator("dl.facts").inner_text()
    assert page.get_by_role("heading", name="Projektets responsum").is_visible()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
