"""R11: what goes on RSI DK's agenda from the monthly status: red roll-ups, moves from green to
yellow, and the persistently yellow pejlemærker the secretariat may add."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from portfolio.models import Pejlemaerke
from rsi_portal.dates import month_start

from ..models import ReportState, StatusReport
from ..rules import Colour, colour_label, on_agenda, streak_is_persistent
from .status import portfolio_status


@dataclass
class AgendaCandidate:
    pejlemaerke: Pejlemaerke
    colour: str
    previous_colour: str | None
    reason: str
    why: str
    region_reports: list[StatusReport]

    @property
    def colour_label(self) -> str:
        return colour_label(self.colour)


def agenda_candidates(month: date) -> list[AgendaCandidate]:
    """R11: the pejlemærker for the next RSI DK agenda: red roll-ups and moves from green to yellow."""
    statuses = [s for s in portfolio_status(month) if on_agenda(s.previous_colour, s.colour)]
    reports = {}
    for report in (
        StatusReport.objects.filter(
            state=ReportState.SUBMITTED,
            period=month_start(month),
            project__pejlemaerke__in=[s.pejlemaerke.pk for s in statuses],
        )
        .select_related("project", "region", "created_by")
        .order_by("region__sort_order", "project__name")
    ):
        reports.setdefault(report.project.pejlemaerke_id, []).append(report)
    red_reason = _("Rød status: RSI DK beslutter korrigerende handlinger.")
    yellow_reason = _(
        "Skiftet fra grøn til gul: it-direktøren i den region, der er ansvarlig for styregruppen, "
        "redegør for status og de korrigerende handlinger."
    )
    return [
        AgendaCandidate(
            pejlemaerke=s.pejlemaerke,
            colour=s.colour,
            previous_colour=s.previous_colour,
            reason=red_reason if s.colour == Colour.RED else yellow_reason,
            why=s.why,
            region_reports=reports.get(s.pejlemaerke.pk, []),
        )
        for s in statuses
    ]


def persistent_yellow(month: date, months: int | None = None) -> list[Pejlemaerke]:
    """R11: the pejlemærker whose roll-up has been yellow for N consecutive months up to `month`."""
    return [s.pejlemaerke for s in portfolio_status(month) if streak_is_persistent(s.yellow_months, months)]
