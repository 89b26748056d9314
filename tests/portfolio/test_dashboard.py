"""The portfolio dashboard: order, cells, filters, month navigation, Excel export, constant queries."""

import re
from html import unescape
from io import BytesIO
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from projects.management.commands.seed_scale import seed_scale
from projects.selectors import portfolio_status
from rsi_portal.fingerprint import forget_all

from ..projects.status_support import MONTH, hm_project, luna_project, submit, url_month

URL = reverse("portfolio:dashboard")


def rows_of(html: str) -> list[str]:
    """The pejlemærke names of the dashboard rows, in order."""
    body = html[html.index("<tbody>") :]
    return [m for m in re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', body)]


@pytest.fixture
def month_data(demo):
    """MONTH: Hjemmemonitorering red (RN), LUNA yellow, the rest missing."""
    for code in ("RSJ", "RSD", "RM"):
        submit(hm_project(code), code, "green")
    submit(hm_project("RN"), "RN", "red", risici="Leverandøren", affects_leverancer=True)
    for code in ("RH", "RSJ", "RSD", "RM", "RN"):
        submit(luna_project(), code, "yellow" if code == "RM" else "green")


def test_dashboard_red_first_with_region_cells_why_and_trend(month_data, client, login):
    login("direktoer")
    response = client.get(URL, {"month": url_month()})
    html = response.content.decode()
    assert response.status_code == 200
    names = rows_of(html)
    assert names[:2] == ["Fælles mål for hjemmemonitorering", "LUNA – administration af praksissektoren"]
    first_row = html[html.index("<tbody>") : html.index("</tr>", html.index("<tbody>"))]
    # Colour is never the only signal: names in the cells, "Deltager ikke" for the opted-out region.
    assert "Deltager ikke" in first_row and first_row.count(">Grøn<") == 3 and ">Rød<" in first_row
    assert "Rød: Region Nordjylland (leverancer)" in first_row
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="trend" role="img"' in first_row
    assert "Rød: til RSI DK&#x27;s dagsorden" in first_row or "Rød: til RSI DK's dagsorden" in first_row
    # Everyone else has not reported: shown as missing, never green.
    assert "Mangler indberetning" in html


def test_dashboard_filters_type_colour_region_phase(month_data, client, login):
    login("sekretariat")
    html = client.get(URL, {"month": url_month(), "type": "monitorering"}).content.decode()
    assert set(rows_of(html)) == {
        "Fælles mål for hjemmemonitorering",
        "Fælles mål for informationssikkerhed",
        "Fælles mål for digital understøttelse af akutområdet",
    }
    assert rows_of(client.get(URL, {"month": url_month(), "colour": "yellow"}).content.decode()) == [
        "LUNA – administration af praksissektoren"
    ]
    missing = rows_of(client.get(URL, {"month": url_month(), "colour": "missing"}).content.decode())
    assert "LUNA – administration af praksissektoren" not in missing and len(missing) >= 5
    # Region RH does not take part in Hjemmemonitorering: filtering on RH leaves it out.
    rh = rows_of(client.get(URL, {"month": url_month(), "region": "RH"}).content.decode())
    assert "Fælles mål for hjemmemonitorering" not in rh and "LUNA – administration af praksissektoren" in rh
    phases = {s.phase for s in portfolio_status(MONTH)}
    some_phase = sorted(phases)[0]
    expected = {s.pejlemaerke.name for s in portfolio_status(MONTH) if s.phase == some_phase}
    assert set(rows_of(client.get(URL, {"month": url_month(), "phase": some_phase}).content.decode())) == expected
    empty = client.get(URL, {"month": url_month(), "colour": "done"}).content.decode()
    assert "Ingen pejlemærker passer til filtrene." in empty


def test_dashboard_month_navigation(month_data, client, login):
    login("sekretariat")
    html = client.get(URL, {"month": url_month()}).content.decode()
    assert "?month=2031-02" in html and "?month=2031-04" in html
    assert "marts 2031" in html
    html = client.get(URL, {"month": "2031-04"}).content.decode()
    assert "Fælles mål for hjemmemonitorering" in html and "Rød: Region Nordjylland" not in html


def test_dashboard_month_links_keep_the_filters_url_encoded(month_data, client, login):
    login("sekretariat")
    html = client.get(URL, {"month": url_month(), "type": "monitorering", "q": "R&D #æøå"}).content.decode()
    links = {rel: unescape(href) for href, rel in re.findall(r'href="([^"]*)" rel="(prev|next)"', html)}
    previous, following = (QueryDict(urlsplit(links[rel]).query) for rel in ("prev", "next"))
    assert (previous["month"], following["month"]) == ("2031-02", "2031-04")
    for query in (previous, following):
        assert query["type"] == "monitorering" and query["q"] == "R&D #æøå" and "format" not in query


def test_dashboard_excel_export_is_exactly_what_is_shown_with_filters(month_data, client, login):
    login("sekretariat")
    query = {"month": url_month(), "type": "monitorering"}
    shown = rows_of(client.get(URL, query).content.decode())
    response = client.get(URL, {**query, "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert header[:4] == ("Pejlemærke", "Type", "Fase", "Projektledende region")
    assert header[4:9] == ("RH", "RSJ", "RSD", "RM", "RN")
    assert [r[0] for r in body] == shown
    first = dict(zip(header, body[0], strict=True))
    assert first["RH"] == "Deltager ikke" and first["RN"] == "Rød" and first["Samlet status"] == "Rød"
    assert first["Hvorfor"] == "Rød: Region Nordjylland (leverancer)"
    assert first["Udvikling (12 mdr.)"].split()[-1] == "R"


def test_dashboard_query_count_is_constant_in_pejlemaerker_and_months(demo, client, login):
    login("sekretariat")

    def count() -> tuple[int, int, int, int]:
        forget_all()  # the page built anew, then the page kept by its fingerprint
        with CaptureQueriesContext(connection) as page:
            response = client.get(URL, {"month": url_month()})
        assert response.status_code == 200
        with CaptureQueriesContext(connection) as kept:
            assert client.get(URL, {"month": url_month()}).status_code == 200
        with CaptureQueriesContext(connection) as selector:
            rows = portfolio_status(MONTH)
        return len(page.captured_queries), len(kept.captured_queries), len(selector.captured_queries), len(rows)

    seed_scale(3, 2, end=MONTH)
    client.get(URL, {"month": url_month()})  # the session's first request also writes the session
    small_page, small_kept, small_selector, small_rows = count()
    seed_scale(40, 14, end=MONTH)  # adds 37 more pejlemærker with 14 months of reports each
    big_page, big_kept, big_selector, big_rows = count()
    assert big_rows == small_rows + 37
    assert big_selector == small_selector <= 8
    assert big_page == small_page
    assert big_kept == small_kept < small_page


def test_dashboard_drill_down_shows_region_reports_and_history_link(month_data, client, login):
    from portfolio.models import Pejlemaerke

    login("kontakt")
    hm = Pejlemaerke.objects.get(short_name="Hjemmemonitorering")
    response = client.get(reverse("projects:status_pejlemaerke_month", args=[hm.pk, url_month()]))
    html = response.content.decode()
    assert response.status_code == 200
    for name in ("Region Sjælland", "Region Syddanmark", "Region Midtjylland", "Region Nordjylland"):
        assert name in html
    assert "Leverandøren" in html and "Historik" in html and "Deltager ikke" in html
