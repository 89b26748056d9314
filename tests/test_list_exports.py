"""Every list page's export links keep the filter, URL-encoded: a q with &, # and æøå survives."""

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.http import QueryDict
from django.urls import reverse

TEXT = "R&D #æøå"
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

# URL name -> the list's text filter parameter. Lists without a text filter still carry q to
# the export link (the link keeps the whole query string), which is what is checked here.
EXPORT_LISTS = {
    "portfolio:pejlemaerke_list": "q",
    "portfolio:dashboard": "q",
    "portfolio:reminder_list": "q",
    "portfolio:report_archive": "q",
    "portfolio:director_mail_list": "q",
    "projects:risk_list": "q",
    "finance:case_list": "q",
    "finance:key_list": "q",
    "governance:meeting_list": "q",
    "governance:matter_list": "q",
    "governance:joint_system_list": "q",
    "governance:escalation_list": "q",
}
# Fixed workbooks of one year, not filtered lists: their link is a plain ?format=xlsx.
FIXED_EXPORTS = {
    "finance:budget_overview": {},
    "finance:collection_list": {"year": 2026},
    "portfolio:pipeline": {},
}


class _ExportLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") or ""
        if tag == "a" and QueryDict(urlsplit(href).query).get("format") in ("csv", "xlsx"):
            self.hrefs.append(href)


def export_hrefs(html: str) -> list[str]:
    parser = _ExportLinks()
    parser.feed(html)
    return parser.hrefs


def test_export_link_parser_unescapes_the_href():
    html = '<a href="?q=R%26D+%23%C3%A6%C3%B8%C3%A5&amp;format=xlsx">Excel</a><a href="?page=2">2</a>'
    (href,) = export_hrefs(html)
    assert QueryDict(urlsplit(href).query)["q"] == TEXT
    # What a hand-built "&".join gave: the filter is cut at the ampersand.
    assert QueryDict(urlsplit("?q=R&D #æøå&format=xlsx").query)["q"] != TEXT


@pytest.mark.parametrize("url_name", sorted(EXPORT_LISTS))
def test_export_links_keep_the_text_filter(url_name, client, login, demo):
    login("sekretariat")
    param = EXPORT_LISTS[url_name]
    response = client.get(reverse(url_name), {param: TEXT})
    assert response.status_code == 200
    hrefs = export_hrefs(response.content.decode())
    formats = set()
    for href in hrefs:
        query = QueryDict(urlsplit(href).query)
        assert query.get(param) == TEXT, href
        formats.add(query["format"])
        download = client.get(reverse(url_name) + href if href.startswith("?") else href)
        assert download.status_code == 200, href
        assert download["Content-Disposition"].startswith("attachment"), href
    assert formats == {"csv", "xlsx"}, hrefs


def _rendered_templates(client, url_name, params) -> set[str]:
    kwargs = {"year": params["year"]} if "year" in params else {}
    response = client.get(reverse(url_name, kwargs=kwargs))
    assert response.status_code == 200, url_name
    return {t.name for t in response.templates if t.name}


def test_every_export_link_is_covered(client, login, demo):
    """A template that gains an export link must be added to EXPORT_LISTS (or FIXED_EXPORTS)."""
    login("sekretariat")
    with_export = {
        str(p.relative_to(TEMPLATES))
        for p in TEMPLATES.rglob("*.html")
        if "format=xlsx" in p.read_text(encoding="utf-8") or "format=csv" in p.read_text(encoding="utf-8")
    }
    covered = set()
    for url_name in EXPORT_LISTS:
        covered |= _rendered_templates(client, url_name, {})
    for url_name, params in FIXED_EXPORTS.items():
        covered |= _rendered_templates(client, url_name, params)
    assert with_export <= covered, sorted(with_export - covered)


def test_xlsx_export_keeps_money_and_dates_as_formatted_numbers():
    """Excel sums and sorts what it reads as numbers and dates: kroner keep two decimals, dates read Danish."""
    from datetime import date
    from decimal import Decimal
    from io import BytesIO

    from openpyxl import load_workbook

    from rsi_portal.listing import Column, export_response

    columns = [
        Column("name", "Navn", lambda r: r[0]),
        Column("amount", "Beløb (kr.)", lambda r: r[1]),
        Column("due", "Betales senest", lambda r: r[2]),
    ]
    response = export_response("xlsx", "test", columns, [("Region H", Decimal("1234567.5"), date(2026, 3, 1))])
    name, amount, due = load_workbook(BytesIO(response.content)).active[2]
    assert (amount.value, amount.number_format) == (1234567.5, "#,##0.00")
    assert (due.value.date(), due.number_format) == (date(2026, 3, 1), "DD.MM.YYYY")
    assert name.number_format == "General"
