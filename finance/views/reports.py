"""The year's collection with its letters (R21) and the budget overview (R22)."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from portfolio.models import Region
from rsi_portal.listing import EXPORT_FORMATS, export_response
from rsi_portal.permissions import require

from .. import rules, selectors
from ..exports import COLLECTION_COLUMNS, budget_overview_columns
from ..pdf import collection_letter_pdf
from ..permissions import VIEW


def collection_list(request, year: int):
    require(request.user, VIEW)
    collections = selectors.collections_for_year(year)
    fmt = request.GET.get("format")
    if fmt in EXPORT_FORMATS:
        return export_response(fmt, f"opkraevning-{year}", COLLECTION_COLUMNS, collections)
    return render(
        request,
        "finance/collection_list.html",
        {
            "year": year,
            "collections": collections,
            "deadline": rules.collection_deadline(year),
            "years": selectors.collection_years(),
            "total": sum((c.amount for c in collections), selectors.ZERO),
        },
    )


def collection_letter(request, year: int, project_pk: int, region_code: str):
    require(request.user, VIEW)
    collection = selectors.collection_for(year, project_pk, region_code)
    if collection is None:
        raise Http404(_("Ingen opkrævning for denne region og dette år."))
    response = HttpResponse(collection_letter_pdf(collection), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="opkraevning-{year}-{project_pk}-{region_code}.pdf"'
    return response


def budget_overview(request, year: int | None = None):
    require(request.user, VIEW)
    today = timezone.localdate()
    year = year or rules.budget_overview_year(today)
    rows = selectors.budget_overview(year, today=today)
    regions = list(Region.objects.all())
    fmt = request.GET.get("format")
    if fmt in EXPORT_FORMATS:
        return export_response(fmt, f"budgetoverblik-{year}", budget_overview_columns(regions), rows)
    return render(
        request,
        "finance/budget_overview.html",
        {
            "year": year,
            "rows": rows,
            "regions": regions,
            "totals": selectors.overview_totals(rows, regions),
            "today": today,
            "flagged": [r for r in rows if r.flagged],
            "since": today.replace(month=1, day=1),
        },
    )
