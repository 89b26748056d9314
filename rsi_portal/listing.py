"""Sorting and export for every list page, so each list behaves the same way.

A list declares its columns once; the same declaration drives the table header
(sort links with aria-sort), the ORDER BY and the CSV/xlsx export.
"""

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

from django.http import HttpResponse
from django.utils import timezone


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    value: Callable[[object], object]
    order_by: str | None = None  # ORM expression; None = not sortable


def sort_queryset(queryset, request, columns: list[Column], default: str):
    """Apply ?sort=key or ?sort=-key when the key is a sortable column; returns (queryset, sort)."""
    requested = request.GET.get("sort", default)
    key = requested.lstrip("-")
    by_key = {c.key: c for c in columns if c.order_by}
    if key not in by_key:
        requested, key = default, default.lstrip("-")
    descending = requested.startswith("-")
    field = by_key[key].order_by
    return queryset.order_by(("-" if descending else "") + field, "pk"), requested


def header_cells(columns: list[Column], current_sort: str, query: dict) -> list[dict]:
    """Header data for templates/includes/sortable_header.html."""
    from urllib.parse import urlencode

    cells = []
    for column in columns:
        cell = {"label": column.label, "sortable": bool(column.order_by), "aria_sort": None, "url": None}
        if column.order_by:
            active = current_sort.lstrip("-") == column.key
            descending = current_sort.startswith("-")
            if active:
                cell["aria_sort"] = "descending" if descending else "ascending"
            next_sort = ("" if active and descending else "-") + column.key if active else column.key
            params = {k: v for k, v in query.items() if k not in {"sort", "page", "format"} and v}
            params["sort"] = next_sort
            cell["url"] = "?" + urlencode(params)
        cells.append(cell)
    return cells


def _plain(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if timezone.is_aware(value) else value
    if isinstance(value, (date, Decimal, int, float)) or value is None:
        return value
    return str(value)


def export_response(fmt: str, filename: str, columns: list[Column], rows: Iterable[object]) -> HttpResponse:
    """The rows as CSV (semicolon, as Danish Excel expects) or xlsx."""
    if fmt == "xlsx":
        from openpyxl import Workbook
        from openpyxl.styles import Font

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = filename[:31]
        sheet.append([str(c.label) for c in columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_plain(c.value(row)) for c in columns])
        sheet.freeze_panes = "A2"
        buffer = BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")  # BOM so Excel reads UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow([str(c.label) for c in columns])
    for row in rows:
        writer.writerow([_plain(c.value(row)) for c in columns])
    return response
