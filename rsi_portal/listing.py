"""Filter, sort, paginate and export for every list page, so each list behaves the same way.

A list declares its columns once; the same declaration drives the table header
(sort links with aria-sort), the ORDER BY and the CSV/xlsx export. The view filters
(through its form and selector) and hands the queryset to `list_page()`, which does the rest.
Every query string is built with QueryDict.urlencode(), so a filter such as q=R&D survives.
"""

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

from django.core.paginator import Page, Paginator
from django.http import HttpResponse, QueryDict
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

# Query parameters that describe the view, not the filter: dropped from links that set them anew.
VIEW_PARAMS = frozenset({"sort", "page", "format"})
EXPORT_FORMATS = ("csv", "xlsx")


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


def query_string(params, *, drop=VIEW_PARAMS, **overrides) -> str:
    """`params` (a QueryDict or dict) as an encoded query string, without `drop` and empty values,
    with `overrides` set (an override of None removes the key)."""
    items = params.lists() if isinstance(params, QueryDict) else ((k, [v]) for k, v in dict(params).items())
    query = QueryDict(mutable=True)
    for key, values in items:
        kept = [v for v in values if v not in ("", None)]
        if key not in drop and key not in overrides and kept:
            query.setlist(key, [str(v) for v in kept])
    for key, value in overrides.items():
        if value not in ("", None):
            query[key] = str(value)
    return query.urlencode()


def header_cells(columns: list[Column], current_sort: str, query) -> list[dict]:
    """Header data for templates/includes/sortable_header.html."""
    cells = []
    for column in columns:
        cell = {"label": column.label, "sortable": bool(column.order_by), "aria_sort": None, "url": None}
        if column.order_by:
            active = current_sort.lstrip("-") == column.key
            descending = current_sort.startswith("-")
            if active:
                cell["aria_sort"] = "descending" if descending else "ascending"
            next_sort = ("" if active and descending else "-") + column.key if active else column.key
            cell["url"] = "?" + query_string(query, sort=next_sort)
        cells.append(cell)
    return cells


def _plain(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if timezone.is_aware(value) else value
    if isinstance(value, (date, Decimal, int, float)) or value is None:
        return value
    return str(value)


# Excel shows these with the reader's own separators (1.234,50 in Danish).
XLSX_MONEY_FORMAT = "#,##0.00"
XLSX_DATE_FORMAT = "DD.MM.YYYY"


def _xlsx_format(value, default: str) -> str:
    """Money (Decimal in kroner) with two decimals and thousands separators; dates as Danish dates."""
    if isinstance(value, Decimal):
        return XLSX_MONEY_FORMAT
    if isinstance(value, date) and not isinstance(value, datetime):
        return XLSX_DATE_FORMAT
    return default


def export_response(fmt: str, filename: str, columns: list[Column], rows: Iterable[object]) -> HttpResponse:
    """The rows as CSV (semicolon, as Danish Excel expects) or xlsx."""
    if fmt == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = filename[:31]
        sheet.append([str(c.label) for c in columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_plain(c.value(row)) for c in columns])
            for cell in sheet[sheet.max_row]:
                cell.number_format = _xlsx_format(cell.value, cell.number_format)
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


@dataclass
class ListPage:
    """What a list template needs: the rows of this page, the sortable header and the links."""

    rows: list
    headers: list[dict]
    sort: str
    export_query: str
    page: Page | None
    count: int

    def context(self) -> dict:
        return {
            "rows": self.rows,
            "headers": self.headers,
            "export_query": self.export_query,
            "page_obj": self.page,
            "page_query": self.export_query,
            "count": self.count,
        }


def list_page(
    request,
    queryset,
    *,
    columns: list[Column],
    default_sort: str,
    export_name: str,
    per_page: int | None = None,
) -> ListPage | HttpResponse:
    """Sort, then either export every row (?format=csv|xlsx) or return one page of rows.

    The export link keeps the filter and the sort; an unknown page number shows the last page.
    """
    queryset, current_sort = sort_queryset(queryset, request, columns, default_sort)
    fmt = request.GET.get("format")
    if fmt in EXPORT_FORMATS:
        return export_response(fmt, export_name, columns, queryset)
    page = None
    if per_page:
        page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
        rows = list(page.object_list)
        count = page.paginator.count
    else:
        rows = list(queryset)
        count = len(rows)
    export_query = query_string(request.GET, drop={"page", "format"})
    return ListPage(
        rows=rows,
        headers=header_cells(columns, current_sort, request.GET),
        sort=current_sort,
        export_query=export_query,
        page=page,
        count=count,
    )
