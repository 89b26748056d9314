"""Server-side SVG drawings of status, the same markup in pages and PDFs (no JavaScript)."""

import base64
from datetime import date
from functools import lru_cache

from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from rsi_portal.formatting import month_short

from .rules import Colour, colour_label, colour_letter

# (fill, ink) per colour; the ink meets 4.5:1 on the fill, and a letter is always drawn too.
PALETTE = {
    Colour.GREEN: ("#e3f2e6", "#1e6b34"),
    Colour.YELLOW: ("#fff4c2", "#6b5300"),
    Colour.RED: ("#fde4e5", "#a3111b"),
    Colour.DONE: ("#e6e9ee", "#3d4a5c"),
    None: ("#ffffff", "#4a5360"),
}
CELL, GAP = 22, 2


@lru_cache(maxsize=8192)
def _cell(index: int, month: date, colour: str | None, language: str) -> tuple[str, str]:
    """One month's cell and its description, in `language` (cached: a dashboard draws thousands)."""
    key = colour or None
    fill, ink = PALETTE.get(key, PALETTE[None])
    label = colour_label(colour, missing=False)
    month_label = month_short(month)
    x = index * (CELL + GAP)
    dash = ' stroke-dasharray="3 2"' if key is None else ""
    letter = colour_letter(key)
    markup = (
        f"<g><title>{escape(month_label)}: {escape(label)}</title>"
        f'<rect x="{x + 0.5}" y="0.5" width="{CELL - 1}" height="{CELL - 1}" rx="3" fill="{fill}" '
        f'stroke="{ink}"{dash}/>'
        f'<text x="{x + CELL / 2}" y="{CELL / 2 + 4}" text-anchor="middle" font-size="11" '
        f'font-family="Arial, sans-serif" font-weight="700" fill="{ink}">{escape(letter)}</text></g>'
    )
    return markup, f"{month_label}: {label}"


@lru_cache(maxsize=16)
def _summary_format(language: str) -> str:
    return _("Udvikling de seneste %(n)d måneder: %(months)s")


def _strip(trend: list[tuple[date, str | None]]) -> tuple[str, str]:
    return _drawn_strip(tuple((month, colour or None) for month, colour in trend), translation.get_language() or "da")


@lru_cache(maxsize=4096)
def _drawn_strip(trend: tuple[tuple[date, str | None], ...], language: str) -> tuple[str, str]:
    """The strip's markup and summary (cached: a dashboard draws one per pejlemærke, the same on every request)."""
    width = len(trend) * (CELL + GAP) - GAP if trend else CELL
    cells = [_cell(index, month, colour, language) for index, (month, colour) in enumerate(trend)]
    summary = _summary_format(language) % {"n": len(trend), "months": "; ".join(c[1] for c in cells)}
    markup = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="trend" role="img" width="{width}" height="{CELL}" '
        f'viewBox="0 0 {width} {CELL}" aria-label="{escape(summary)}">{"".join(c[0] for c in cells)}</svg>'
    )
    return markup, summary


def trend_svg(trend: list[tuple[date, str | None]]) -> str:
    """A strip of one cell per month (oldest first): the colour, its letter and a tooltip with the name."""
    return _strip(trend)[0]


def trend_image(trend: list[tuple[date, str | None]]) -> str:
    """The same strip as trend_svg(), embedded as an SVG image for PDFs: WeasyPrint draws an image
    several times faster than inline SVG and draws identical ones once (a 300-row report)."""
    markup, summary = _strip(trend)
    data = base64.b64encode(markup.encode()).decode()
    return f'<img class="trend" src="data:image/svg+xml;base64,{data}" alt="{escape(summary)}">'
