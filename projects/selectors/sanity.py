"""R38: the reported colours held against the numbers, and the stale-status marks, for a month (one query)."""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from finance.selectors import approved_baseline_annotations, approved_baselines
from rsi_portal.formatting import date_long

from ..models import ReportState, StatusReport
from ..rules import STALE_MONTHS, Sanity, is_stale, sanity_of, worst
from ..sanity import millions_text, percent_text


@dataclass
class MonthSanity:
    """One pejlemærke's month: the worst flag of its regions' reports, whether any gave a forecast,
    and the regions whose report has said the same for STALE_MONTHS months or more."""

    flag: Sanity | None = None
    reports: int = 0
    forecasts: int = 0
    stale: list[tuple[int, int]] = field(default_factory=list)  # (region id, months unchanged)

    @property
    def no_forecast(self) -> bool:
        return self.reports > 0 and self.forecasts == 0


def figures_text(flag: Sanity) -> str:
    """R38: the figures behind a flag, e.g. "prognose 12,4 mio. kr. mod 10,8 mio. kr. godkendt, +14,8 %"."""
    parts = []
    if flag.percent is not None:
        parts.append(
            _("prognose %(forecast)s mod %(baseline)s godkendt, %(percent)s")
            % {
                "forecast": millions_text(flag.forecast_cost),
                "baseline": millions_text(flag.baseline_cost),
                "percent": percent_text(flag.percent),
            }
        )
    if flag.expected_end and flag.planned_end and flag.expected_end > flag.planned_end:
        parts.append(
            _("forventet slut %(expected)s mod %(planned)s godkendt")
            % {
                "expected": date_long(flag.expected_end),
                "planned": date_long(flag.planned_end),
            }
        )
    return "; ".join(parts)


def flag_text(flag: Sanity) -> str:
    """R38: "Tallene peger på rød – prognose … godkendt, +14,8 %"."""
    head = _("Tallene peger på rød") if flag.colour == "red" else _("Tallene peger på gul")
    figures = figures_text(flag)
    return f"{head} – {figures}" if figures else head


def stale_text(months: int) -> str:
    """R38: GAO's stale status: "uændret i N måneder"."""
    return _("uændret i %(n)d måneder") % {"n": months}


def month_sanity(month: date, pejlemaerke_ids) -> dict[int, MonthSanity]:
    """R38: {pejlemærke id: MonthSanity} from the month's submitted reports and the approved business cases
    (one query: the baselines are subqueries)."""
    rows = (
        StatusReport.objects.filter(
            period=month, state=ReportState.SUBMITTED, project__pejlemaerke_id__in=list(pejlemaerke_ids)
        )
        .annotate(**approved_baseline_annotations())
        .order_by("project__pejlemaerke_id", "region__sort_order", "project_id")
        .values_list(
            "project__pejlemaerke_id",
            "region_id",
            "colour",
            "forecast_cost",
            "expected_end",
            "unchanged_months",
            "baseline_cost",
            "baseline_end",
        )
    )
    result: dict[int, MonthSanity] = {}
    for pejlemaerke_id, region_id, colour, cost, end, unchanged, baseline_cost, planned_end in rows:
        entry = result.setdefault(pejlemaerke_id, MonthSanity())
        entry.reports += 1
        if cost is not None or end is not None:
            entry.forecasts += 1
            flag = sanity_of(
                colour, baseline_cost=baseline_cost, forecast_cost=cost, planned_end=planned_end, expected_end=end
            )
            entry.flag = worst([entry.flag, flag])
        if is_stale(unchanged):
            entry.stale.append((region_id, unchanged))
    return result


def report_sanity(project_id: int, colour: str | None, forecast_cost, expected_end):
    """R38, for the status form: (the flag the typed numbers raise or None, the approved baseline
    (total, end date) or None when the project has no approved business case). One query."""
    baseline = approved_baselines([project_id]).get(project_id)
    if baseline is None:
        return None, None
    flag = sanity_of(
        colour,
        baseline_cost=baseline[0],
        forecast_cost=forecast_cost,
        planned_end=baseline[1],
        expected_end=expected_end,
    )
    return flag, baseline


__all__ = ["STALE_MONTHS", "MonthSanity", "figures_text", "flag_text", "month_sanity", "report_sanity", "stale_text"]
