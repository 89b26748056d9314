"""The dashboard as a presentable workbook: the table (widths, a filled header, an autofilter, frozen panes, the
colours as cell fills plus their words) and a second sheet with the texts of the red and yellow reports."""

from io import BytesIO

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from projects.rules import Colour, colour_label
from projects.selectors import submitted_reports
from rsi_portal.listing import Column

# (fill, ink) per colour, the same as the page's status cells (WCAG AA ink on its fill).
FILLS = {
    Colour.GREEN: ("E3F2E6", "1E6B34"),
    Colour.YELLOW: ("FFF4C2", "6B5300"),
    Colour.RED: ("FDE4E5", "A3111B"),
    Colour.DONE: ("E6E9EE", "3D4A5C"),
}
HEADER_FILL = PatternFill("solid", fgColor="0B4F8A")
HEADER_FONT = Font(bold=True, color="FFFFFF")
WIDTHS = {"name": 38, "type": 16, "phase": 16, "leading_region": 10, "colour": 14, "missing": 16, "why": 48}
TEXT_FIELDS = (
    ("overall", gettext_lazy("Overordnet status")),
    ("tid", gettext_lazy("Tid")),
    ("oekonomi", gettext_lazy("Økonomi")),
    ("leverancer", gettext_lazy("Leverancer")),
    ("risici", gettext_lazy("Væsentligste risici")),
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _header(sheet, labels) -> None:
    sheet.append([str(label) for label in labels])
    for cell in sheet[1]:
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(vertical="center", wrap_text=True)


def _colour_by_label() -> dict[str, str]:
    return {colour_label(c): c for c in Colour.values}


def dashboard_workbook(month, columns: list[Column], rows, filename: str) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Status %(month)s") % {"month": f"{month:%Y-%m}"}
    _header(sheet, [c.label for c in columns])
    colour_of = _colour_by_label()
    coloured = {i for i, c in enumerate(columns, start=1) if c.key == "colour" or c.key.startswith("region_")}
    for row in rows:
        sheet.append([_plain(c.value(row)) for c in columns])
        for index in coloured:
            cell = sheet.cell(row=sheet.max_row, column=index)
            colour = colour_of.get(str(cell.value or ""))
            if colour in FILLS:
                fill, ink = FILLS[colour]
                cell.fill, cell.font = PatternFill("solid", fgColor=fill), Font(color=ink, bold=True)
        for cell in sheet[sheet.max_row]:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(
            column.key, 8 if column.key.startswith("region_") else 18
        )
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = sheet.dimensions
    _texts_sheet(workbook, month, rows)
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def _texts_sheet(workbook, month, rows) -> None:
    """The texts of the month's red and yellow reports, in the dashboard's order (one query)."""
    sheet = workbook.create_sheet(_("Røde og gule"))
    _header(sheet, [_("Pejlemærke"), _("Region"), _("Status"), *[label for _f, label in TEXT_FIELDS]])
    order = {row.pejlemaerke.pk: (index, row.pejlemaerke.name) for index, row in enumerate(rows)}
    reports = [
        r
        for r in submitted_reports(month)
        if r.colour in (Colour.RED, Colour.YELLOW) and r.project.pejlemaerke_id in order
    ]
    reports.sort(key=lambda r: (order[r.project.pejlemaerke_id][0], r.colour != Colour.RED, r.region.sort_order))
    for report in reports:
        sheet.append(
            [
                order[report.project.pejlemaerke_id][1],
                report.region.code,
                colour_label(report.colour),
                *[getattr(report, field) for field, _label in TEXT_FIELDS],
            ]
        )
        fill, ink = FILLS[report.colour]
        status = sheet.cell(row=sheet.max_row, column=3)
        status.fill, status.font = PatternFill("solid", fgColor=fill), Font(color=ink, bold=True)
        for cell in sheet[sheet.max_row]:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    for letter, width in zip("ABCDEFGH", (38, 8, 10, 50, 40, 40, 40, 50), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = sheet.dimensions


def _plain(value):
    if value is None:
        return ""
    if isinstance(value, int | float | str):
        return value
    return str(value)
