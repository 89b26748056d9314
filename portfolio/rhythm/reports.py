"""Rendering of the monthly portfolio report: PDF (WeasyPrint) and xlsx (openpyxl). Read only."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from projects.rules import Colour, colour_label, colour_needs_risk_text
from projects.svg import trend_image
from rsi_portal.pdf import render_pdf

XLSX_FILLS = {Colour.GREEN: "E3F2E6", Colour.YELLOW: "FFF4C2", Colour.RED: "FDE4E5", Colour.DONE: "E6E9EE"}


def colour_name(colour: str | None) -> str:
    """R9: the colour's Danish name, "Ingen status" without one (the report's cells and changes)."""
    return colour_label(colour, missing=False)


def render_report_pdf(data: dict, *, version: int = 1) -> bytes:
    """The month's report as PDF, with the same trend drawings as the dashboard (embedded as images)."""
    counts = data["counts"]
    summary = [(colour_label(c), counts[c]) for c in Colour.values] + [(colour_name(None), counts["missing"])]
    rows = [
        {
            "status": status,
            "trend": trend_image(status.trend),
            "reports": reports,
            "colour_name": colour_name(status.colour),
            # R9: for red and yellow the report shows time, money, deliverables and risks (`000_*` §3.2)
            "in_full": colour_needs_risk_text(status.colour),
        }
        for status, reports in data["rows"]
    ]
    return render_pdf(
        "pdf/monthly_report.html",
        {**data, "rows": rows, "version": version, "summary_counts": summary, "goal_rows": _goal_rows(data, rows)},
    )


def _goal_rows(data: dict, rows: list[dict]) -> list[dict] | None:
    """R40 on request: the status rows under each strategy goal, with the goal's colour counts."""
    if not data.get("goal_groups"):
        return None
    by_pejlemaerke = {row["status"].pejlemaerke.pk: row for row in rows}
    groups = []
    for group in data["goal_groups"]:
        members = [by_pejlemaerke[status.pejlemaerke.pk] for status in group.items]
        colours = [row["status"].colour for row in members]
        counts = [(colour_label(c), colours.count(c)) for c in Colour.values if colours.count(c)]
        groups.append({"group": group, "rows": members, "counts": counts})
    return groups


def render_report_xlsx(data: dict) -> bytes:
    """A snapshot: roll-ups, the regions' colours and texts, late reports, changes since last month."""
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    workbook = Workbook()

    def fill(cell, colour):
        if colour in XLSX_FILLS:
            cell.fill = PatternFill("solid", fgColor=XLSX_FILLS[colour])

    def header(sheet, titles):
        sheet.append(titles)
        for cell in sheet[1]:
            cell.font = bold
        sheet.freeze_panes = "A2"

    overview = workbook.active
    overview.title = _("Overblik")
    regions = [rc.region for rc in data["statuses"][0].region_colours] if data["statuses"] else []
    header(
        overview,
        [
            _("Pejlemærke"),
            _("Status"),
            _("Sidste måned"),
            *[r.code for r in regions],
            _("Mangler"),
            _("Hvorfor"),
            _("Tallene"),  # R38: beside the colour, never changing it
        ],
    )
    for status in data["statuses"]:
        row = [
            status.pejlemaerke.name,
            colour_name(status.colour),
            colour_name(status.previous_colour),
            *[colour_name(rc.colour) if rc.participating else _("Deltager ikke") for rc in status.region_colours],
            ", ".join(status.missing_regions),
            status.why,
            "; ".join(f.label for f in status.sanity_flags),
        ]
        overview.append(row)
        cells = overview[overview.max_row]
        fill(cells[1], status.colour)
        fill(cells[2], status.previous_colour)
        for index, rc in enumerate(status.region_colours):
            fill(cells[3 + index], rc.colour if rc.participating else None)

    if data.get("goal_groups"):  # R40 on request: a pejlemærke supporting two goals is listed under each
        by_goal = workbook.create_sheet(_("Pr. strategisk mål"))
        header(by_goal, [_("Strategisk mål"), _("Pejlemærke"), _("Status"), _("Sidste måned"), _("Hvorfor")])
        for group in data["goal_groups"]:
            for status in group.items:
                by_goal.append(
                    [
                        group.title,
                        status.pejlemaerke.name,
                        colour_name(status.colour),
                        colour_name(status.previous_colour),
                        status.why,
                    ]
                )
                fill(by_goal.cell(row=by_goal.max_row, column=3), status.colour)
                fill(by_goal.cell(row=by_goal.max_row, column=4), status.previous_colour)

    texts = workbook.create_sheet(_("Regionernes tekster"))
    header(
        texts,
        [
            _("Pejlemærke"),
            _("Projekt"),
            _("Region"),
            _("Status"),
            _("Overordnet"),
            _("Tid"),
            _("Økonomi"),
            _("Leverancer"),
            _("Væsentligste risici"),
            _("Version"),
        ],
    )
    for status, reports in data["rows"]:
        for report in reports:
            texts.append(
                [
                    status.pejlemaerke.name,
                    report.project.name,
                    report.region.code,
                    colour_name(report.colour),
                    report.overall,
                    report.tid,
                    report.oekonomi,
                    report.leverancer,
                    report.risici,
                    report.version,
                ]
            )
            fill(texts.cell(row=texts.max_row, column=4), report.colour)
    for row in texts.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = wrap

    late = workbook.create_sheet(_("Forsinkede"))
    header(late, [_("Pejlemærke"), _("Projekt"), _("Region"), _("Ansvarlig"), _("Frist"), _("Kladde findes")])
    for missing in data["late"]:
        late.append(
            [
                missing.project.pejlemaerke.name,
                missing.project.name,
                missing.region.code,
                ", ".join(u.get_full_name() or u.username for u in missing.responsible_users),
                missing.deadline,
                _("ja") if missing.has_draft else _("nej"),
            ]
        )
        late.cell(row=late.max_row, column=5).number_format = "DD.MM.YYYY"

    changes = workbook.create_sheet(_("Ændringer"))
    header(changes, [_("Ændring"), _("Pejlemærke"), _("Sidste måned"), _("Denne måned")])
    for label, statuses in ((_("Blevet rød"), data["turned_red"]), (_("Forbedret"), data["recovered"])):
        for status in statuses:
            changes.append(
                [label, status.pejlemaerke.name, colour_name(status.previous_colour), colour_name(status.colour)]
            )
            fill(changes.cell(row=changes.max_row, column=3), status.previous_colour)
            fill(changes.cell(row=changes.max_row, column=4), status.colour)
    for pejlemaerke in data.get("closed", ()):
        changes.append([pejlemaerke.lifecycle_label, pejlemaerke.name, "", ""])

    for sheet in workbook.worksheets:
        for column in sheet.columns:
            width = max((len(str(c.value or "")) for c in column), default=8)
            sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 60)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
