"""The dashboard's rows: labels once per request, and the table rows as HTML built in Python.

With hundreds of pejlemærker the template engine's per-row lookups cost more than the
selector's queries; this renders the same markup (escaped) in a fraction of the time.
"""

from html import escape as html_escape

from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from projects.rules import Colour, colour_label, colour_letter
from projects.svg import trend_svg

from ..rules import PejlemaerkeType


def escape(value) -> str:
    """HTML-escaped text, as Django's escape() gives it, without its lazy-string wrapper (called ~20,000
    times per dashboard)."""
    return html_escape(str(value), quote=True)


def prepare(rows) -> None:
    """Give each PejlemaerkeStatus row what the table shows: its label, type, region cells and trend.

    Every label is translated once per request: gettext per cell is what makes a big table slow.
    """
    colour_names = {colour: colour_label(colour) for colour in Colour.values}
    type_names = {value: str(label) for value, label in PejlemaerkeType.choices}
    not_participating, missing, not_reported = _("Deltager ikke"), _("Mangler"), colour_label(None)
    letters = {colour: colour_letter(colour) for colour in Colour.values}
    for row in rows:
        row.trend_drawing = mark_safe(trend_svg(row.trend))
        row.label = colour_names.get(row.colour) or not_reported
        row.type_label = type_names.get(row.pejlemaerke.type, row.pejlemaerke.type)
        # (region, css class, words, letter): the cell shows the letter, its title and hidden text the words.
        row.cells = [
            (rc.region, "none", not_participating, "–")
            if not rc.participating
            else (rc.region, rc.colour, colour_names[rc.colour], letters[rc.colour])
            if rc.colour
            else (rc.region, "missing", missing, "?")
            for rc in row.region_colours
        ]


def rows_html(rows, month_param: str) -> str:
    """The <tr> elements of the dashboard table, for rows given their labels by prepare()."""
    # reverse() once, then substitute the pk: the URL pattern is the same for every row.
    template_url = reverse("projects:status_pejlemaerke_month", args=[0, month_param])
    prefix, suffix = template_url.split("/0/", 1)
    region_names = {region.pk: escape(region.name) for row in rows[:1] for region, *_rest in row.cells}
    region_codes = {region.pk: escape(region.code) for row in rows[:1] for region, *_rest in row.cells}
    days_label = escape(_("Dage siden seneste rapport:"))
    no_forecast = escape(_("ingen prognose"))
    out = []
    for row in rows:
        p = row.pejlemaerke
        colour = row.colour or "missing"
        days = "–" if row.days_since_last_report is None else str(row.days_since_last_report)
        drill = f"{prefix}/{p.pk}/{suffix}"
        # A compact cell: colour and letter, the words in its title and for screen readers; a reported
        # region links to its report on the drill-down page.
        cells = "".join(
            f'<td class="cell-status colour-{css}" data-region="{region_codes[region.pk]}" '
            f'title="{region_names[region.pk]}: {escape(text)}">'
            + (f'<a href="{drill}#region-{region_codes[region.pk]}">' if css not in ("none", "missing") else "<span>")
            + f'<span aria-hidden="true">{escape(letter)}</span>'
            f'<span class="visually-hidden">{region_names[region.pk]}: </span>'
            f'<span class="visually-hidden">{escape(text)}</span>'
            + ("</a>" if css not in ("none", "missing") else "</span>")
            + "</td>"
            for region, css, text, letter in row.cells
        )
        flags = (
            '<ul class="flags">'
            + "".join(f'<li class="flag flag-{f.code}">{escape(f.label)}</li>' for f in row.flags)
            + "</ul>"
            if row.flags
            else ""
        )
        if row.sanity.no_forecast:  # R38: the leader may leave the forecast empty; the row says so
            flags += f'<p class="no-forecast">{no_forecast}</p>'
        out.append(
            f'<tr class="row-{colour}">'
            f'<th scope="row"><a href="{drill}">{escape(p.name)}</a></th>'
            f'<td class="cell-type">{escape(row.type_label)}</td>'
            f'<td class="cell-phase">{escape(row.phase_label or "–")}</td>'
            f'<td class="cell-lead"><abbr title="{escape(p.leading_region.name)}">'
            f"{escape(p.leading_region.code)}</abbr></td>"
            f"{cells}"
            f'<td class="cell-rollup"><span class="status-pill colour-{colour}">{escape(row.label)}</span>'
            f'<p class="why">{escape(row.why)}</p></td>'
            f'<td class="cell-trend">{row.trend_drawing}</td>'
            f'<td class="cell-days num" data-label="{days_label}">{days}</td>'
            f'<td class="cell-flags">{flags}</td>'
            "</tr>"
        )
    return mark_safe("\n".join(out))
