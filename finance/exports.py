"""xlsx exports of the year's collections (R21) and the budget overview (R22); read only."""

from io import BytesIO

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MONEY_FORMAT = "#,##0.00"


def _response(workbook, filename: str) -> HttpResponse:
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def _sheet(workbook, title: str, header: list[str]):
    from openpyxl.styles import Font

    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    return sheet


def collections_workbook(year: int, collections):
    """R21: one row per project and paying region for the year."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = _sheet(
        workbook,
        _("Opkrævning %(year)s") % {"year": year},
        [
            _("Pejlemærke"),
            _("Projekt"),
            _("Projektledende region (opkræver)"),
            _("Betalende region"),
            _("Fordeling"),
            _("Andel (%)"),
            _("Fællesregionale udgifter (kr.)"),
            _("Godkendte buffertræk (kr.)"),
            _("Beløb (kr.)"),
            _("Betales senest"),
            _("Business case-version"),
        ],
    )
    for c in collections:
        sheet.append(
            [
                c.pejlemaerke.name,
                c.project.name,
                c.leading_region.name,
                c.paying_region.name,
                _("Aftalt fordeling") if c.basis == "agreed" else _("Bloktilskudsnøgle"),
                c.share,
                c.joint_expenses,
                c.buffer_drawings,
                c.amount,
                c.due,
                c.version.number,
            ]
        )
    for column in "GHI":
        for cell in sheet[column][1:]:
            cell.number_format = MONEY_FORMAT
    for cell in sheet["J"][1:]:
        cell.number_format = "DD-MM-YYYY"
    return workbook


def collections_xlsx(year: int, collections) -> HttpResponse:
    return _response(collections_workbook(year, collections), f"opkraevning-{year}")


def budget_overview_workbook(year: int, rows, regions=None):
    """R22: every pejlemærke's approved figures for the year, joint vs regional and by region."""
    from openpyxl import Workbook

    from portfolio.models import Region

    regions = regions or list(Region.objects.all())
    workbook = Workbook()
    header = [_("Pejlemærke"), _("Fællesregionalt (kr.)"), _("Regionalt (kr.)"), _("I alt (kr.)")]
    header += [_("%(code)s fællesregional andel (kr.)") % {"code": r.code} for r in regions]
    header += [_("%(code)s regionale udgifter (kr.)") % {"code": r.code} for r in regions]
    header += [_("Drift (kr.)"), _("Senest godkendt"), _("Ikke godkendt siden 1. januar")]
    sheet = _sheet(workbook, _("Budgetoverblik %(year)s") % {"year": year}, header)
    for row in rows:
        sheet.append(
            [row.pejlemaerke.name, row.joint, row.regional, row.total]
            + [row.joint_by_region[r.code] for r in regions]
            + [row.by_region[r.code] for r in regions]
            + [
                row.operating,
                timezone.localdate(row.last_approved) if row.last_approved else None,
                _("ja") if row.flagged else _("nej"),
            ]
        )
    for column in sheet.iter_cols(min_col=2, max_col=len(header) - 2, min_row=2):
        for cell in column:
            cell.number_format = MONEY_FORMAT
    return workbook


def budget_overview_xlsx(year: int, rows) -> HttpResponse:
    return _response(budget_overview_workbook(year, rows), f"budgetoverblik-{year}")
