"""The kept monthly roll-up (R10, R11): `rollup_refresh`, the one function that maintains it, called in the
same transaction by every write that can change it; `rollup_rebuild` and `rollup_check` for operators.

A month's row is computed from the raw reports by the pure R10 rule (`rules.rollup`) over the
pejlemærke's reporting pairs (R9: each participating region of each project); the flags' inputs
(last month's colour, the yellow streak, R11) are chained month by month.
"""

import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from functools import lru_cache
from typing import NamedTuple

from django.db import connection, transaction
from django.db.models import JSONField, Max, Q
from django.utils import timezone

from portfolio.models import Participation, Pejlemaerke, Region
from portfolio.rules import ParticipationStatus
from rsi_portal.dates import add_months, month_start
from rsi_portal.sql import for_update, insert, placeholders, typed_rows, update_row

from ..models import TREND_MONTHS, MonthlyRollup, Project, ReportState, StatusReport
from ..rules import Colour, reporting_pairs, rollup, yellow_streak

DIMENSIONS = ("affects_tid", "affects_oekonomi", "affects_leverancer")
# The report columns a roll-up reads, in the order of the `_Report` tuple below.
REPORT_COLUMNS = ("colour", "version", "submitted_at", *DIMENSIONS, "risici")
# The stored fields a computation gives (and the check compares).
FIELDS = (
    "colour",
    "region_colours",
    "missing_regions",
    "why",
    "previous_colour",
    "yellow_streak",
    "trend",
    "corrected",
    "month_submitted_at",
    "last_submitted_at",
    "source_version",
)
CHUNK = 100  # pejlemærker per rebuild transaction
FEW_ROWS = 4  # up to this many new or changed rows are written one plain INSERT or UPDATE each


class _Report(NamedTuple):
    colour: str
    version: int
    submitted_at: datetime
    affects_tid: bool
    affects_oekonomi: bool
    affects_leverancer: bool
    risici: str


class _Facts(NamedTuple):
    """What a pejlemærke's roll-up depends on besides its reports."""

    pairs: list[tuple[int, int]]  # the reporting pairs, in project then region order (R9)
    regions: list[int]  # the participating regions, in region order


# A submit refreshes one pejlemærke's month: its reads are plain SQL (rsi_portal.sql), since building them
# with the ORM costs several times what the database spends on them. The facts are one read: the
# participating regions in region order, then the projects in id order.
_FACTS_SQL = (
    "SELECT 0, pa.pejlemaerke_id, pa.region_id, NULL, r.sort_order, r.code"
    " FROM {participation} pa JOIN {region} r ON r.id = pa.region_id"
    " WHERE pa.status = %s AND pa.pejlemaerke_id IN ({ids})"
    " UNION ALL SELECT 1, pejlemaerke_id, region_id, id, id, '' FROM {project} WHERE pejlemaerke_id IN ({ids})"
    " ORDER BY 1, 5, 6"
)


def _facts_of(pejlemaerke_ids: list[int]) -> dict[int, _Facts]:
    """Each pejlemærke's reporting pairs from its projects and its participating regions (one query)."""
    if not pejlemaerke_ids:
        return {}
    sql = _FACTS_SQL.format(
        participation=Participation._meta.db_table,
        region=Region._meta.db_table,
        project=Project._meta.db_table,
        ids=placeholders(pejlemaerke_ids),
    )
    participating: dict[int, list[int]] = defaultdict(list)  # in region order
    projects: dict[int, list[tuple[int, int | None]]] = defaultdict(list)
    for is_project, pejlemaerke_id, region_id, project_id, _order, _code in typed_rows(
        sql, [ParticipationStatus.DELTAGER, *pejlemaerke_ids, *pejlemaerke_ids], [None] * 6
    ):
        if is_project:
            projects[pejlemaerke_id].append((project_id, region_id))
        else:
            participating[pejlemaerke_id].append(region_id)
    return {pk: _Facts(reporting_pairs(projects[pk], participating[pk]), participating[pk]) for pk in pejlemaerke_ids}


_REPORTS_SQL = (
    "SELECT p.pejlemaerke_id, s.project_id, s.region_id, s.period, {columns}"
    " FROM {report} s JOIN {project} p ON p.id = s.project_id"
    " WHERE s.state = %s AND p.pejlemaerke_id IN ({ids}){months}{since}"
)


def _reports_of(pejlemaerke_ids: list[int], *, months=None, since=None):
    """{pejlemærke: {month: {(project, region): _Report}}} of the submitted reports (one query)."""
    sql = _REPORTS_SQL.format(
        columns=", ".join(f"s.{name}" for name in REPORT_COLUMNS),
        report=StatusReport._meta.db_table,
        project=Project._meta.db_table,
        ids=placeholders(pejlemaerke_ids),
        months=f" AND s.period IN ({placeholders(months)})" if months is not None else "",
        since=" AND s.period >= %s" if since is not None else "",
    )
    params = [ReportState.SUBMITTED, *pejlemaerke_ids, *(months or ()), *([since] if since is not None else [])]
    fields = [None, None, None, *(StatusReport._meta.get_field(name) for name in ("period", *REPORT_COLUMNS))]
    by_month: dict[int, dict[date, dict]] = defaultdict(lambda: defaultdict(dict))
    for pejlemaerke_id, project_id, region_id, period, *values in typed_rows(sql, params, fields):
        by_month[pejlemaerke_id][period][(project_id, region_id)] = _Report(*values)
    return by_month


@lru_cache(maxsize=4096)
def _rolled(colours: tuple[str | None, ...]) -> str:
    """R10 of these colours as stored: the plain value, "" for none (the combinations are few)."""
    colour = rollup(colours)
    return str(colour) if colour else ""


def month_values(facts: _Facts, reports: dict[tuple[int, int], _Report]) -> dict | None:
    """R10 for one month: the stored fields except the chained ones; None when no pair has reported.

    reports: the month's submitted reports by (project, region).
    """
    values: dict[int, list[str | None]] = {}
    cells: dict[int, list[_Report]] = {}
    for project_id, region_id in facts.pairs:
        report = reports.get((project_id, region_id))
        values.setdefault(region_id, []).append(report.colour if report else None)
        if report:
            cells.setdefault(region_id, []).append(report)
    counted = [report for rows in cells.values() for report in rows]
    if not counted:
        return None
    colour = _rolled(tuple(v for region_values in values.values() for v in region_values))
    why = []
    if colour in (Colour.RED, Colour.YELLOW):
        for region_id, rows in cells.items():
            hits = [r for r in rows if r.colour == colour]
            if hits:
                lines = (hits[0].risici or "").strip().splitlines()
                dimensions = [name for name in DIMENSIONS if any(getattr(r, name) for r in hits)]
                why.append([region_id, dimensions, lines[0][:80] if lines else ""])
    return {
        "colour": colour,
        # Every participating region; one without a reporting project has no colour and is not missing.
        "region_colours": [[r, _rolled(tuple(values.get(r, ())))] for r in facts.regions],
        "missing_regions": [r for r in facts.regions if None in values.get(r, ())],
        "why": why,
        "corrected": any(r.version > 1 for r in counted),
        "month_submitted_at": max(r.submitted_at for r in counted),
        "source_version": sum(r.version for r in counted),
    }


def _chain(rows: dict[date, dict], *, seed: tuple[date, dict] | None = None) -> None:
    """What each row takes from the months before it, oldest first: last month's colour and the yellow
    streak (R11), the trend strip's colours and the newest submission up to the month.

    A month without a row has no colour. seed: (month, values) of the stored row the chain starts
    after (a rebuild from a month on); without one it starts at the first row.
    """
    if not rows:
        return
    months = sorted(rows)
    trend = [""] * TREND_MONTHS  # the colours of the last TREND_MONTHS months ("" = no status)
    run: list[str] = []  # the trailing yellow run and the month before it: all the streak looks at
    last = None
    month = months[0]
    if seed is not None:
        seed_month, values = seed
        trend, last = list(values["trend"]), values["last_submitted_at"]
        run = [Colour.YELLOW] * values["yellow_streak"] or [values["colour"]]
        month = add_months(seed_month, 1)
    while month <= months[-1]:
        row = rows.get(month)
        colour = row["colour"] if row else ""
        trend = [*trend, colour][-TREND_MONTHS:]
        if row:
            row["previous_colour"] = trend[-2]
            row["yellow_streak"] = yellow_streak([*run, colour])
            row["trend"] = trend
            month_last = row["month_submitted_at"]
            last = max(last, month_last) if last and month_last else (last or month_last)
            row["last_submitted_at"] = last
        run = [*run, colour] if colour == Colour.YELLOW else [colour]
        month = add_months(month, 1)


def _compute(facts: _Facts, reports_by_month, months) -> dict[date, dict]:
    return {
        month: values
        for month in months
        if (values := month_values(facts, reports_by_month.get(month, {}))) is not None
    }


def _stored(row: MonthlyRollup) -> dict:
    return {name: getattr(row, name) for name in FIELDS}


class _Stored(NamedTuple):
    pk: int
    values: dict  # FIELDS


def _write(pejlemaerke_id: int, stored: dict[date, _Stored], fresh: dict[date, dict]) -> int:
    """Make the stored rows equal `fresh` (create, update, delete); returns the rows written."""
    create, update = [], []
    for month, values in fresh.items():
        row = stored.get(month)
        if row is None:
            create.append(MonthlyRollup(pejlemaerke_id=pejlemaerke_id, month=month, **values))
        elif row.values != values:
            update.append((row.pk, values))
    gone = [row.pk for month, row in stored.items() if month not in fresh]
    if gone:
        MonthlyRollup.objects.filter(pk__in=gone).delete()
    # A submit adds or changes a row or two: a plain statement each costs a fraction of what building
    # bulk_create's or bulk_update's (a CASE per field) does.
    if len(create) > FEW_ROWS:
        MonthlyRollup.objects.bulk_create(create)
    else:
        for row in create:
            insert(row)
    now = timezone.now()
    if len(update) > FEW_ROWS:
        changed = [MonthlyRollup(pk=pk, refreshed_at=now, **values) for pk, values in update]
        MonthlyRollup.objects.bulk_update(changed, [*FIELDS, "refreshed_at"])
    else:
        for pk, values in update:
            update_row(MonthlyRollup, pk, {**values, "refreshed_at": now})
    return len(create) + len(update) + len(gone)


_LOCK_SQL = "SELECT id FROM {pejlemaerke} WHERE id IN ({ids}) ORDER BY id {lock}"


def _lock_pejlemaerker(pejlemaerke_ids: list[int]) -> None:
    """Serialise roll-up maintenance per pejlemærke: its row is the lock, since a month that has no
    roll-up row yet has nothing to lock (NO KEY: inserts referring to the pejlemærke go on)."""
    lock = for_update(no_key=True)
    if lock:
        sql = _LOCK_SQL.format(pejlemaerke=Pejlemaerke._meta.db_table, ids=placeholders(pejlemaerke_ids), lock=lock)
        typed_rows(sql, pejlemaerke_ids, [None])


_STORED_SQL = "SELECT id, month, {columns} FROM {rollup} WHERE pejlemaerke_id = %s{where}{order} {lock}"


def _stored_rows(pejlemaerke_id: int, where: str = "", params=(), order: str = "") -> dict[date, _Stored]:
    """The pejlemærke's stored rows (those `where` picks), locked."""
    sql = _STORED_SQL.format(
        columns=", ".join(FIELDS),
        rollup=MonthlyRollup._meta.db_table,
        where=where,
        order=order,
        lock=for_update(),
    )
    fields = [None, *(MonthlyRollup._meta.get_field(name) for name in ("month", *FIELDS))]
    return {
        month: _Stored(pk, dict(zip(FIELDS, values, strict=True)))
        for pk, month, *values in typed_rows(sql, [pejlemaerke_id, *params], fields)
    }


def _stored_from(pejlemaerke_id: int, first: date | None) -> tuple[dict[date, _Stored], tuple | None]:
    """The stored rows from `first` on (all without it), locked, and the seed the chain goes on from: the
    last row before `first`. Months before `first` keep their rows. Mostly the seed is last month's row,
    read in the same query; after a month without reports it takes one more."""
    if first is None:
        return _stored_rows(pejlemaerke_id), None
    last_month = add_months(first, -1)
    stored = _stored_rows(pejlemaerke_id, " AND month >= %s", [last_month])
    seed_month, seed = last_month, stored.pop(last_month, None)
    if seed is None:
        before = _stored_rows(pejlemaerke_id, " AND month < %s", [first], order=" ORDER BY month DESC LIMIT 1")
        seed_month, seed = next(iter(before.items()), (None, None))
    return stored, (seed_month, seed.values) if seed is not None else None


def rollup_refresh(*, pejlemaerke, months: Iterable[date] | None = None) -> int:
    """Bring one pejlemærke's kept roll-up up to date, in the caller's transaction.

    months: the months whose reports changed (a submit or correction); None = every month (the
    participation, the projects or the lifecycle changed). The later months' R11 inputs follow.
    Returns the number of rows written.
    """
    pejlemaerke_id = getattr(pejlemaerke, "pk", pejlemaerke)
    with transaction.atomic(savepoint=False):  # the caller's transaction; one of its own when called alone
        _lock_pejlemaerker([pejlemaerke_id])
        wanted = None if months is None else sorted({month_start(m) for m in months})
        stored, seed = _stored_from(pejlemaerke_id, wanted[0] if wanted else None)
        reports = _reports_of([pejlemaerke_id], months=wanted).get(pejlemaerke_id, {})
        targets = set(stored) | set(reports) if wanted is None else set(wanted)
        # Copies: the chain below changes them, and _write compares them with what is stored.
        fresh = {month: dict(row.values) for month, row in stored.items() if month not in targets}
        fresh.update(_compute(_facts_of([pejlemaerke_id])[pejlemaerke_id], reports, targets))
        _chain(fresh, seed=seed)
        return _write(pejlemaerke_id, stored, fresh)


def _fresh_chunk(pejlemaerke_ids: list[int], since: date | None) -> dict[int, dict[date, dict]]:
    """Every row of these pejlemærker from `since` (or all), computed from the raw reports."""
    facts = _facts_of(pejlemaerke_ids)
    reports = _reports_of(pejlemaerke_ids, since=since)
    seeds = _seeds(pejlemaerke_ids, since) if since is not None else {}
    fresh = {}
    for pk in pejlemaerke_ids:
        rows = _compute(facts[pk], reports.get(pk, {}), reports.get(pk, {}).keys())
        _chain(rows, seed=seeds.get(pk))
        fresh[pk] = rows
    return fresh


def _seeds(pejlemaerke_ids: list[int], since: date) -> dict[int, tuple[date, dict]]:
    """Each pejlemærke's latest stored row before `since`: where a rebuild from `since` chains on (2 queries)."""
    latest = (
        MonthlyRollup.objects.filter(pejlemaerke_id__in=pejlemaerke_ids, month__lt=since)
        .values("pejlemaerke_id")
        .annotate(latest=Max("month"))
        .values_list("pejlemaerke_id", "latest")
        .order_by()
    )
    wanted = Q(pk__in=[])
    for pk, month in latest:
        wanted |= Q(pejlemaerke_id=pk, month=month)
    return {row.pejlemaerke_id: (row.month, _stored(row)) for row in MonthlyRollup.objects.filter(wanted)}


def _chunks(pejlemaerker: list[int] | None) -> Iterable[list[int]]:
    queryset = Pejlemaerke.objects.order_by("pk")
    if pejlemaerker is not None:
        queryset = queryset.filter(pk__in=pejlemaerker)
    ids = list(queryset.values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def rollup_rebuild(*, since: date | None = None, pejlemaerker: Iterable[int] | None = None) -> int:
    """Recompute the kept roll-up from the raw reports (every month, or from `since`); returns the rows
    stored. One transaction per chunk of pejlemærker, each locked as rollup_refresh locks it."""
    since = month_start(since) if since else None
    written = 0
    for chunk in _chunks(None if pejlemaerker is None else list(pejlemaerker)):
        with transaction.atomic():
            _lock_pejlemaerker(chunk)
            fresh = _fresh_chunk(chunk, since)
            stale = MonthlyRollup.objects.filter(pejlemaerke_id__in=chunk)
            if since is not None:
                stale = stale.filter(month__gte=since)
            stale.delete()
            # Month by month: the dashboard reads a window of months, so its rows lie together on disk.
            rows = [(pk, month, values) for pk, by_month in fresh.items() for month, values in by_month.items()]
            written += _insert(sorted(rows, key=lambda row: (row[1], row[0])))
    return written


JSON_FIELDS = frozenset(f.name for f in MonthlyRollup._meta.fields if isinstance(f, JSONField))


def _insert(rows: list[tuple[int, date, dict]]) -> int:
    """Store new rows: COPY on PostgreSQL (a rebuild writes ~36,000 at 300 × 120), else bulk_create."""
    if connection.vendor != "postgresql":
        MonthlyRollup.objects.bulk_create(
            [MonthlyRollup(pejlemaerke_id=pk, month=month, **values) for pk, month, values in rows], batch_size=2000
        )
        return len(rows)
    now = timezone.now()
    columns = ", ".join(("pejlemaerke_id", "month", *FIELDS, "refreshed_at"))
    sql = f"COPY projects_monthlyrollup ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for pk, month, values in rows:
            copy.write_row(
                (
                    pk,
                    month,
                    *(json.dumps(values[name]) if name in JSON_FIELDS else values[name] for name in FIELDS),
                    now,
                )
            )
    return len(rows)


def rollup_check(*, since: date | None = None, pejlemaerker: Iterable[int] | None = None) -> list[str]:
    """The differences between the stored roll-up and a fresh computation from the raw reports ([] = none)."""
    since = month_start(since) if since else None
    problems = []
    for chunk in _chunks(None if pejlemaerker is None else list(pejlemaerker)):
        fresh = _fresh_chunk(chunk, since)
        rows = MonthlyRollup.objects.filter(pejlemaerke_id__in=chunk)
        if since is not None:
            rows = rows.filter(month__gte=since)
        stored: dict[tuple[int, date], dict] = {(row.pejlemaerke_id, row.month): _stored(row) for row in rows}
        for pk, by_month in fresh.items():
            for month, values in by_month.items():
                kept = stored.pop((pk, month), None)
                if kept is None:
                    problems.append(f"pejlemærke {pk}, {month:%Y-%m}: no stored row")
                elif kept != values:
                    changed = ", ".join(
                        f"{name} {kept[name]!r} ≠ {values[name]!r}" for name in FIELDS if kept[name] != values[name]
                    )
                    problems.append(f"pejlemærke {pk}, {month:%Y-%m}: {changed}")
        problems += [f"pejlemærke {pk}, {month:%Y-%m}: stored row without reports" for pk, month in stored]
    return problems
