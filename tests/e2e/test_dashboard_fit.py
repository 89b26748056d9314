"""The dashboard fits the screen, the phone and the printer: every cell's right edge is measured in Chromium."""

import io

import pytest
from django.urls import reverse

from .conftest import axe_violations, format_violations

pytestmark = pytest.mark.e2e

# The right edges of every cell of the table (and the page's own width), as the browser lays them out.
MEASURE = """() => {
  const cells = [...document.querySelectorAll('#dashboard-table th, #dashboard-table td')];
  const rights = cells.map(c => c.getBoundingClientRect().right);
  return {cells: cells.length, maxRight: Math.max(...rights), pageWidth: document.documentElement.scrollWidth,
          viewport: document.documentElement.clientWidth};
}"""


def _open_dashboard(page, browser_login, width: int, height: int):
    page.set_viewport_size({"width": width, "height": height})
    browser_login("sekretariat")
    page.goto(reverse("portfolio:dashboard"))
    page.wait_for_selector("#dashboard-table")
    return page.evaluate(MEASURE)


def test_dashboard_fits_1366_with_trend_and_flags_visible(page, browser_login):
    m = _open_dashboard(page, browser_login, 1366, 768)
    assert m["cells"] > 100
    assert m["pageWidth"] <= m["viewport"], m
    assert m["maxRight"] <= m["viewport"], m
    # The trend strip and the flags column are on screen, not scrolled away.
    trend = page.locator("#dashboard-table tbody tr").first.locator("svg.trend").bounding_box()
    assert trend["x"] + trend["width"] <= 1366
    header = page.locator("#dashboard-table thead th").last.bounding_box()
    assert header["x"] + header["width"] <= m["viewport"]
    # The region cells are compact: a letter on its colour, the words in the title and for screen readers.
    cell = page.locator("#dashboard-table tbody td.cell-status").first
    assert cell.get_attribute("title").startswith("Region Hovedstaden: ")
    assert len(cell.locator("[aria-hidden=true]").inner_text()) <= 2
    violations = axe_violations(page)
    assert not violations, format_violations(violations)


def test_dashboard_name_column_stays_when_the_table_scrolls(page, browser_login):
    """Narrower than the table: the table scrolls inside its box, the pejlemærke names stay in view."""
    _open_dashboard(page, browser_login, 1000, 768)
    name = page.locator("#dashboard-table tbody th").first
    before = name.bounding_box()["x"]
    page.locator(".table-wrap").evaluate("el => el.scrollLeft = 400")
    assert abs(name.bounding_box()["x"] - before) < 1
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_dashboard_is_one_card_per_pejlemaerke_at_390(page, browser_login):
    m = _open_dashboard(page, browser_login, 390, 844)
    assert m["pageWidth"] <= 390, m
    assert m["maxRight"] <= 390, m
    first = page.locator("#dashboard-table tbody tr").first
    box = first.bounding_box()
    assert box["width"] <= 390
    # A card shows its name, colour with the why, the regions and the trend.
    assert first.locator("td.cell-rollup .status-pill").is_visible()
    assert first.locator("td.cell-rollup .why").is_visible()
    assert first.locator("svg.trend").bounding_box()["x"] + first.locator("svg.trend").bounding_box()["width"] <= 390
    assert first.locator("td.cell-status").count() == 5
    violations = axe_violations(page)
    assert not violations, format_violations(violations)


def test_dashboard_prints_every_column_on_a4_landscape(page, browser_login):
    from pypdf import PdfReader

    # A4 landscape, 297 mm less the 8 mm side margins of the print stylesheet, at 96 px per inch.
    printable = int((297 - 16) / 25.4 * 96)
    page.set_viewport_size({"width": printable, "height": 700})
    browser_login("sekretariat")
    page.emulate_media(media="print")
    page.goto(reverse("portfolio:dashboard"))
    m = page.evaluate(MEASURE)
    assert m["maxRight"] <= printable, m
    assert page.locator(".print-footer").is_visible()

    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", landscape=True, print_background=True)))
    first = pdf.pages[0]
    assert float(first.mediabox.width) > float(first.mediabox.height)  # landscape
    text = first.extract_text()
    for column in ("RH", "RN", "Samlet status", "Udvikling, 12 mdr.", "Dage", "Flag"):
        assert column in text, column
    month = page.locator("h1").inner_text().split("– ")[-1]
    for number, sheet in enumerate(pdf.pages, start=1):
        sheet_text = sheet.extract_text()
        # The header row and the footer (month and print time) on every page.
        assert "Samlet status" in sheet_text, number
        assert f"Porteføljens status for {month} · udskrevet" in sheet_text, number
