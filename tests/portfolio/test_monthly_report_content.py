"""The monthly portfolio report PDF (R9, R10): Danish colour names and letters from the one colour source,
the regions in their fixed order in every table, and for every red and yellow pejlemærke the status on time,
money, deliverables and risks (`000_*` §3.2)."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from portfolio.models import Region
from portfolio.rhythm.reports import render_report_pdf, render_report_xlsx
from portfolio.rhythm.selectors import monthly_report_data
from portfolio.rules import REGION_CODES, PejlemaerkeType
from rsi_portal.pdf import pdf_text
from tests.projects.factories import MONTH, PejlemaerkeFactory, ProjectFactory, StatusReportFactory

COLOURS = {"RH": "green", "RSJ": "yellow", "RSD": "red", "RM": "green"}  # RN has not reported


@pytest.fixture
def monitoring(demo):
    """A monitoring pejlemærke whose regional projects sort by name in another order than the regions."""
    regions = [Region.objects.get(code=code) for code in REGION_CODES]
    pejlemaerke = PejlemaerkeFactory(
        name="Fælles mål for rapporttest", type=PejlemaerkeType.MONITORERING, regions=regions
    )
    for region in regions:
        project = ProjectFactory(pejlemaerke=pejlemaerke, region=region)
        if region.code in COLOURS:
            StatusReportFactory(
                project=project,
                region=region,
                colour=COLOURS[region.code],
                overall=f"Overordnet status {region.code}.",
                tid=f"Tidsplan {region.code} skrider.",
                oekonomi=f"Budget {region.code} holder.",
                leverancer=f"Leverance {region.code} forsinket.",
                risici=f"Risiko {region.code}: leverandøren.",
            )
    return pejlemaerke


def _positions(text: str, template: str, codes) -> list[int]:
    return [text.index(template.format(code)) for code in codes]


def test_r9_monthly_report_shows_time_money_deliverables_and_risks_for_red_and_yellow(monitoring):
    data = monthly_report_data(MONTH)
    text = " ".join(pdf_text(render_report_pdf(data)).split())
    for code in ("RSJ", "RSD"):  # the yellow and the red region
        for template in (
            "Tidsplan {} skrider.",
            "Budget {} holder.",
            "Leverance {} forsinket.",
            "Risiko {}: leverandøren.",
        ):
            assert template.format(code) in text
    for heading in ("Tid", "Økonomi", "Leverancer", "Væsentligste risici"):
        assert heading in text


def test_r10_monthly_report_keeps_the_regions_fixed_order_in_every_table(monitoring):
    data = monthly_report_data(MONTH)
    reported = [r.region.code for r in data["region_reports"][monitoring.pk]]
    assert reported == ["RH", "RSJ", "RSD", "RM"]
    (status,) = [s for s in data["statuses"] if s.pejlemaerke == monitoring]
    assert [rc.region.code for rc in status.region_colours] == list(REGION_CODES)
    text = " ".join(pdf_text(render_report_pdf(data)).split())
    overall = _positions(text, "Overordnet status {}.", reported)
    assert overall == sorted(overall)
    row = text[text.index(monitoring.name) :]
    assert "RH: G, RSJ: Gu, RSD: R, RM: G, RN: –" in row  # the letters of the one colour source, in region order
    workbook = load_workbook(BytesIO(render_report_xlsx(data)))
    texts = [r for r in workbook["Regionernes tekster"].iter_rows(values_only=True) if r[0] == monitoring.name]
    assert [r[2] for r in texts] == reported
