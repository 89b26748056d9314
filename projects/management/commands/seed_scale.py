"""Build a large portfolio in bulk for benchmarks: N pejlemærker with M months of status each.

`python manage.py seed_scale --pejlemaerker 300 --months 120` makes about 180,000 status reports
(one per participating region and month) with their first version, using bulk inserts. Running it
again with the same or smaller numbers changes nothing (the "Skala" pejlemærker are found by name).
"""

import random
import time
from datetime import date, datetime
from datetime import time as clock

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from portfolio.models import Participation, Pejlemaerke, Region
from portfolio.rules import Lifecycle, ParticipationStatus, PejlemaerkeType
from projects.models import Project, ReportState, StatusReport, StatusReportVersion
from projects.rules import Colour, reporting_deadline
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
    reports = []
    for project_id, pejlemaerke_id, own_region in project_rows:
        for region in regions:
            if (own_region and region.pk != own_region) or (pejlemaerke_id, region.pk) not in participating:
                continue
            for period in periods:
                at = submitted[period]
                reports.append(
                    StatusReport(
                        project_id=project_id,
                        region=region,
                        period=period,
                        state=ReportState.SUBMITTED,
                        colour=rng.choices(colours, weights)[0],
                        overall="Forløber som planlagt; se tid, økonomi og leverancer.",
                        risici="Leverandørafhængighed.",
                        version=1,
                        created_by=author,
                        submitted_at=at,
                        first_submitted_at=at,
                    )
                )
    count = 0
    for start in range(0, len(reports), BATCH):
        chunk = StatusReport.objects.bulk_create(reports[start : start + BATCH])
        if any(r.pk is None for r in chunk):
            raise RuntimeError("bulk_create did not return primary keys")
        StatusReportVersion.objects.bulk_create(
            [
                StatusReportVersion(
                    report_id=r.pk,
                    version=1,
                    colour=r.colour,
                    overall=r.overall,
                    risici=r.risici,
                    submitted_by=author,
                    submitted_at=r.submitted_at,
                )
                for r in chunk
            ]
        )
        count += len(chunk)
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
