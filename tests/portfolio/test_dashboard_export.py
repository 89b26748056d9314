"""The dashboard's workbook is presentable: widths, a filled header, an autofilter, frozen panes, the colours as
fills beside their words, and a second sheet with the texts of the red and yellow reports."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ..projects.status_support import hm_project, luna_project, submit, url_month

URL = reverse("portfolio:dashboard")


@pytest.fixture
def month_data(demo):
    """Hjemmemonitorering red (RN), LUNA yellow (RM), the rest green or missing."""
    for code in ("RSJ", "RSD", "RM"):
        submit(hm_project(code), code, "green")
    submit(hm_project("RN"), "RN", "red", risici="Leverandøren", affects_leverancer=True)
    for code in ("RH", "RSJ", "RSD", "RM", "RN"):
        submit(luna_project(), code, "yellow" if code == "RM" else "green", risici="Testmiljøet")


def test_dashboard_xlsx_is_presentable_with_the_red_and_yellow_texts(month_data, client, login):
    login("sekretariat")
    response = client.get(URL, {"month": url_month(), "format": "xlsx"})
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content))
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header[0] == "Pejlemærke" and sheet["A1"].fill.fgColor.rgb.endswith("0B4F8A") and sheet["A1"].font.bold
    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
    assert sheet.column_dimensions["A"].width >= 30
    first = dict(zip(header, [c for c in sheet[2]], strict=True))
    # Colour as a fill and as words: the region cell and the roll-up.
    assert first["RN"].value == "Rød" and first["RN"].fill.fgColor.rgb.endswith("FDE4E5")
    assert first["Samlet status"].value == "Rød" and first["Samlet status"].fill.fgColor.rgb.endswith("FDE4E5")
    assert first["RH"].value == "Deltager ikke" and first["RH"].fill.fill_type is None

    texts = book.worksheets[1]
    assert texts.title == "Røde og gule"
    rows = list(texts.iter_rows(min_row=2, values_only=True))
    # Red first (Hjemmemonitorering RN), then the yellow LUNA report from RM; no green text.
    assert rows[0][:3] == ("Fælles mål for hjemmemonitorering", "RN", "Rød")
    assert "Leverandøren" in rows[0][7]
    assert ("LUNA – administration af praksissektoren", "RM", "Gul") in [r[:3] for r in rows]
    assert all(r[2] in ("Rød", "Gul") for r in rows)
    assert texts.freeze_panes == "B2" and texts.auto_filter.ref
