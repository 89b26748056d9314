"""The columns of finance's lists and reports: one declaration drives the page table and its CSV/xlsx export."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rsi_portal.listing import Column

from .selectors import counting_version, draft_version


def _counting(attribute: str):
    """A column value read from the case's counting version ("" without one)."""

    def value(case):
        version = counting_version(case)
        return getattr(version, attribute) if version else ""

    return value


def _approved_on(case):
    version = counting_version(case)
    return timezone.localdate(version.decided_at) if version else ""


CASE_COLUMNS = [
    Column("pejlemaerke", _("Pejlemærke"), lambda c: c.project.pejlemaerke.name, "project__pejlemaerke__name"),
    Column("project", _("Projekt"), lambda c: c.project.name, "project__name"),
    Column("version", _("Gældende version"), _counting("number")),
    Column("approved", _("Godkendt"), _approved_on),
    Column("total", _("Samlede udgifter (kr.)"), _counting("expense_total")),
    Column("buffer", _("Buffer (kr.)"), _counting("buffer")),
    Column("draft", _("Kladde"), lambda c: _("ja") if draft_version(c) else _("nej")),
]


def key_columns(regions) -> list[Column]:
    """R20: a year's key, one share column per region."""

    def share(code):
        return lambda key: key.shares()[code]

    return [
        Column("year", _("År"), lambda k: k.year, "year"),
        *[Column(r.code.lower(), f"{r.code} (%)", share(r.code), f"share_{r.code.lower()}") for r in regions],
        Column("source", _("Kilde"), lambda k: k.source, "source"),
        Column("updated", _("Ændret"), lambda k: k.updated_at, "updated_at"),
        Column("updated_by", _("Ændret af"), lambda k: k.updated_by.get_full_name()),
    ]


def basis_label(basis: str) -> str:
    return _("Aftalt fordeling") if basis == "agreed" else _("Bloktilskudsnøgle")


COLLECTION_COLUMNS = [
    Column("pejlemaerke", _("Pejlemærke"), lambda c: c.pejlemaerke.name),
    Column("project", _("Projekt"), lambda c: c.project.name),
    Column("leading_region", _("Projektledende region (opkræver)"), lambda c: c.leading_region.name),
    Column("paying_region", _("Betalende region"), lambda c: c.paying_region.name),
    Column("basis", _("Fordeling"), lambda c: basis_label(c.basis)),
    Column("share", _("Andel (%)"), lambda c: c.share),
    Column("joint", _("Fællesregionale udgifter (kr.)"), lambda c: c.joint_expenses),
    Column("drawings", _("Godkendte buffertræk (kr.)"), lambda c: c.buffer_drawings),
    Column("amount", _("Beløb (kr.)"), lambda c: c.amount),
    Column("due", _("Betales senest"), lambda c: c.due),
    Column("version", _("Business case-version"), lambda c: c.version.number),
]


def budget_overview_columns(regions) -> list[Column]:
    """R22: every pejlemærke's approved figures for the year, joint vs regional and by region."""

    def joint_share(code):
        return lambda row: row.joint_by_region[code]

    def regional(code):
        return lambda row: row.by_region[code]

    return [
        Column("pejlemaerke", _("Pejlemærke"), lambda r: r.pejlemaerke.name),
        Column("joint", _("Fællesregionalt (kr.)"), lambda r: r.joint),
        Column("regional", _("Regionalt (kr.)"), lambda r: r.regional),
        Column("total", _("I alt (kr.)"), lambda r: r.total),
        *[
            Column(f"joint_{r.code}", _("%(code)s fællesregional andel (kr.)") % {"code": r.code}, joint_share(r.code))
            for r in regions
        ],
        *[
            Column(f"regional_{r.code}", _("%(code)s regionale udgifter (kr.)") % {"code": r.code}, regional(r.code))
            for r in regions
        ],
        Column("operating", _("Drift (kr.)"), lambda r: r.operating),
        Column(
            "last_approved",
            _("Senest godkendt"),
            lambda r: timezone.localdate(r.last_approved) if r.last_approved else None,
        ),
        Column("flagged", _("Ikke godkendt siden 1. januar"), lambda r: _("ja") if r.flagged else _("nej")),
    ]
