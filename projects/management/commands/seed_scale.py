"""Build a large portfolio in bulk for benchmarks: N pejlemærker with M months of status each.

`python manage.py seed_scale --pejlemaerker 300 --months 120` makes about 180,000 status reports
(one per participating region and month) with their first version, using bulk inserts, and their
kept monthly roll-up. Running it again with the same or smaller numbers changes nothing (the "Skala"
pejlemærker are found by name).
"""

import random
import time
from datetime import date, datetime
from datetime import time as clock

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from portfolio.models import Participation, Pejlemaerke, Region
from portfolio.rules import Lifecycle, ParticipationStatus, PejlemaerkeType
from projects.models import Project, ReportState
from projects.rules import Colour, reporting_deadline
from projects.services.rollup import rollup_rebuild
from rsi_portal.dates import add_months, month_start

PREFIX = "Skala-pejlemærke"
TYPES = [PejlemaerkeType.ANSKAFFELSE, PejlemaerkeType.ANALYSE, PejlemaerkeType.MONITORERING]
# Mostly green, some yellow, a little red, and done near the end of some projects.
WEIGHTS = [(Colour.GREEN, 70), (Colour.YELLOW, 20), (Colour.RED, 7), (Colour.DONE, 3)]
BATCH = 5000


def _regions() -> list[Region]:
    regions = list(Region.objects.all())
    if not regions:
        names = [
            ("RH", "Region Hovedstaden"),
            ("RSJ", "Region Sjælland"),
            ("RSD", "Region Syddanmark"),
            ("RM", "Region Midtjylland"),
            ("RN", "Region Nordjylland"),
        ]
        regions = Region.objects.bulk_create([Region(code=c, name=n, sort_order=i) for i, (c, n) in enumerate(names)])
    return regions


@transaction.atomic
def seed_scale(pejlemaerker: int = 300, months: int = 120, *, end: date | None = None, seed: int = 3) -> dict:
    """Create the missing Skala pejlemærker, their projects and `months` months of reports, in bulk."""
    rng = random.Random(seed)
    end = month_start(end or add_months(month_start(timezone.localdate()), -1))
    periods = [add_months(end, -(months - 1 - i)) for i in range(months)]
    regions = _regions()
    author, _ = get_user_model().objects.get_or_create(
        username="skala-seed", defaults={"first_name": "Skala", "last_name": "Data"}
    )
    existing = set(Pejlemaerke.objects.filter(name__startswith=PREFIX).values_list("name", flat=True))
    wanted = [f"{PREFIX} {n:04d}" for n in range(1, pejlemaerker + 1)]
    new = [
        Pejlemaerke(
            name=name,
            short_name=f"S{n:04d}",
            type=TYPES[n % len(TYPES)],
            state=Lifecycle.PORTFOLIO,
            leading_region=regions[n % len(regions)],
        )
        for n, name in enumerate(wanted, start=1)
        if name not in existing
    ]
    created = Pejlemaerke.objects.bulk_create(new, batch_size=BATCH)
    created = list(Pejlemaerke.objects.filter(name__in=[p.name for p in new]))
    participations, projects = [], []
    for p in created:
        for region in regions:
            opt_out = rng.random() < 0.05
            participations.append(
                Participation(
                    pejlemaerke=p,
                    region=region,
                    status=ParticipationStatus.AFVENTER if opt_out else ParticipationStatus.DELTAGER,
                    explanation="Afventer egen platform; når målet inden for tidsrammen." if opt_out else "",
                )
            )
        if p.type == PejlemaerkeType.MONITORERING:
            projects += [Project(pejlemaerke=p, region=r, name=f"{p.name} – {r.code}") for r in regions]
        else:
            projects.append(Project(pejlemaerke=p, name=p.name))
    Participation.objects.bulk_create(participations, batch_size=BATCH)
    Project.objects.bulk_create(projects, batch_size=BATCH)

    participating = {(x.pejlemaerke_id, x.region_id) for x in participations if x.status == "deltager"}
    project_rows = Project.objects.filter(pejlemaerke__in=created).values_list("pk", "pejlemaerke_id", "region_id")
    tz = timezone.get_current_timezone()
    colours, weights = zip(*WEIGHTS, strict=True)
    submitted = {period: datetime.combine(reporting_deadline(period), clock(9, 0), tz) for period in periods}
    now = timezone.now()
    rows = []
    for project_id, pejlemaerke_id, own_region in project_rows:
        for region in regions:
            if (own_region and region.pk != own_region) or (pejlemaerke_id, region.pk) not in participating:
                continue
            for period in periods:
                colour = rng.choices(colours, weights)[0]
                rows.append((project_id, region.pk, period, colour, submitted[period]))
    count = _insert_reports(rows, author, now)
    # Version 1 of every new report (R12), in one INSERT … SELECT on the database side.
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO projects_statusreportversion (report_id, version, colour, overall, tid, oekonomi, "
            "leverancer, risici, affects_tid, affects_oekonomi, affects_leverancer, reason, submitted_by_id, "
            "submitted_at) SELECT r.id, 1, r.colour, r.overall, r.tid, r.oekonomi, r.leverancer, r.risici, "
            "r.affects_tid, r.affects_oekonomi, r.affects_leverancer, '', r.created_by_id, r.submitted_at "
            "FROM projects_statusreport r WHERE r.created_by_id = %s AND NOT EXISTS "
            "(SELECT 1 FROM projects_statusreportversion v WHERE v.report_id = r.id)",
            [author.pk],
        )
    rollup_rebuild(pejlemaerker=[p.pk for p in created])  # the kept roll-up of the reports inserted above
    return {"pejlemaerker": len(created), "projects": len(projects), "reports": count}


class Command(BaseCommand):
    help = "Opret en stor portefølje til ydelsesmålinger (bulk): pejlemærker med månedsstatus."

    def add_arguments(self, parser):
        parser.add_argument("--pejlemaerker", type=int, default=300)
        parser.add_argument("--months", type=int, default=120)
        parser.add_argument("--seed", type=int, default=3)

    def handle(self, *args, **options):
        started = time.perf_counter()
        result = seed_scale(options["pejlemaerker"], options["months"], seed=options["seed"])
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"Oprettet {result['pejlemaerker']} pejlemærker, {result['projects']} projekter og "
            f"{result['reports']} statusrapporter på {elapsed:.1f} s."
        )


REPORT_COLUMNS = (
    "project_id, region_id, period, state, colour, overall, tid, oekonomi, leverancer, risici, affects_tid, "
    "affects_oekonomi, affects_leverancer, version, created_by_id, created_at, updated_at, submitted_at, "
    "first_submitted_at"
)
OVERALL = "Forløber som planlagt; se tid, økonomi og leverancer."
RISKS = "Leverandørafhængighed."


def _insert_reports(rows, author, now) -> int:
    """Insert submitted reports: COPY on PostgreSQL, else executemany in batches (far faster than bulk_create)."""
    if connection.vendor == "postgresql":
        sql = f"COPY projects_statusreport ({REPORT_COLUMNS}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for project_id, region_id, period, colour, at in rows:
                copy.write_row(
                    (project_id, region_id, period, ReportState.SUBMITTED, colour, OVERALL, "", "", "", RISKS)
                    + (False, False, False, 1, author.pk, now, now, at, at)
                )
        return len(rows)
    ops = connection.ops
    stamp = ops.adapt_datetimefield_value(now)
    sql = f"INSERT INTO projects_statusreport ({REPORT_COLUMNS}) VALUES ({', '.join(['%s'] * 19)})"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(
                sql,
                [
                    (project_id, region_id, ops.adapt_datefield_value(period), ReportState.SUBMITTED, colour)
                    + (OVERALL, "", "", "", RISKS, False, False, False, 1, author.pk, stamp, stamp)
                    + (ops.adapt_datetimefield_value(at), ops.adapt_datetimefield_value(at))
                    for project_id, region_id, period, colour, at in rows[start : start + BATCH]
                ],
            )
    return len(rows)
