"""Demo data for monthly status: 18 months of plausible history for every reporting pejlemærke (R9–R13).

Runs after portfolio.demo and projects.demo_gates. Idempotent: existing (project, region, month)
reports are left alone, so a second run changes nothing. The history ends with last month; the
regional project leader of Region Nordjylland on "Fælles mål for hjemmemonitorering" has not yet
reported last month (it is on their start page, and the browser test submits it).
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.utils import timezone

from portfolio.models import Participation, Pejlemaerke
from rsi_portal.dates import add_months, month_start

from .models import STATUS_TEXT_FIELDS, Project, RegionalProjectLeader, ReportState, StatusReport, StatusReportVersion
from .rules import Colour, months_unchanged, reporting_deadline
from .selectors import STATUS_STATES, reporting_regions
from .services.rollup import rollup_rebuild

MONTHS = 18
G, Y, R, D, N = Colour.GREEN, Colour.YELLOW, Colour.RED, Colour.DONE, None

# Roll-up profile per pejlemærke, oldest month first (g/y/r/d; "." = no report that month).
PROFILES = {
    "LUNA": "ggggggyygggggggggg",
    "KI-IT": "gggggggggggggggggy",  # green -> yellow last month: on the RSI DK agenda (R11)
    "LABREK": "ggggggyyyrrgggyyrr",  # red last month: on the RSI DK agenda (R11)
    "SMR2": "gggggggggggggggyyy",  # yellow three months in a row: flagged (R11)
    "FUT": "gggggggggyyyyggggg",
    "PPJ": "ggyyyrrrryyy......",  # paused six months ago: no reports since
    "RIS/PACS": "ggggrryggggggggggg",
    "Sprogteknologi": "ggggggggggggggggdd",
    "Hjemmemonitorering": "ggggggggggggggyyyg",
    "Informationssikkerhed": "gggggyyyyggggrrygg",
    "Akutområdet": "gggggggggggggggggg",
}
LETTERS = {"g": G, "y": Y, "r": R, "d": D, ".": N}

OVERALL = {
    G: [
        "Projektet forløber planmæssigt. Siden sidste rapport er testplanen godkendt i styregruppen.",
        "Ingen væsentlige ændringer siden sidste måned; arbejdet følger den godkendte plan.",
        "Milepælen for brugertest er nået, og tilbagemeldingerne er indarbejdet.",
    ],
    Y: [
        "Der er udfordringer med leverandørens bemanding, men slutdatoen forventes holdt.",
        "Integrationstesten er forsinket to uger; bufferen i planen dækker forsinkelsen.",
        "Uddannelsen af superbrugere er skubbet en måned, men leverancerne forventes holdt.",
    ],
    R: [
        "Leverandøren har meldt en væsentlig forsinkelse af release 2, som udfordrer slutdatoen.",
        "Merforbrug på udviklingsressourcer udfordrer budgettet; styregruppen er orienteret.",
        "Den fælles integration til sundhedsjournalen fejler i test og udfordrer leverancerne.",
    ],
    D: ["Projektet er afsluttet, og afslutningsrapporten er sendt til styregruppen."],
}
RISKS = {
    Y: "Leverandørens bemanding; afhængighed af den nationale integrationsplatform.",
    R: "Slutdato og budget: leverandørens forsinkelse og merforbrug. Korrigerende handlinger drøftes i styregruppen.",
}
CORRECTION_REASON = "Leverandørens forsinkelse viste sig større end først oplyst; farven rettes fra gul til rød."
SKIP_LAST_MONTH = ("Hjemmemonitorering", "RN")
# R38 in the demo: LUNA reports green while its forecast lies 15 % over the approved business case
# (48.022.500 kr. with buffer) and two months past its end; Region Sjælland has sent the same
# green report on Akutområdet for the last seven months (a stale status).
OVER_BUDGET = ("LUNA", {"forecast_cost": Decimal("55300000.00"), "expected_end": date(2029, 2, 28)})
STALE_REGION, STALE_FOR = ("Akutområdet", "RSJ"), 7


def _colours_for_regions(colour, regions, driver_index):
    """The region colours giving `colour` as roll-up: one driving region has it, the rest are green."""
    if colour in (None, D, G):
        return {r.pk: colour for r in regions}
    driver = regions[driver_index % len(regions)]
    return {r.pk: (colour if r.pk == driver.pk else G) for r in regions}


def _text_fields(colour, index):
    overall = OVERALL[colour][index % len(OVERALL[colour])]
    return {
        "overall": overall,
        "tid": "Tidsplanen holder." if colour in (G, D) else "Milepælen for pilotdrift er under pres.",
        "oekonomi": "Forbruget følger budgettet." if colour != R else "Forventet merforbrug på ca. 6 %.",
        "leverancer": "Leverancerne følger planen." if colour != R else "Release 2 udskydes.",
        "risici": RISKS.get(colour, ""),
        "affects_tid": colour in (Y, R),
        "affects_oekonomi": colour == R and index % 2 == 0,
        "affects_leverancer": colour == R and index % 2 == 1,
    }


def load(stdout) -> None:
    User = get_user_model()
    sekretariat = User.objects.get(username="sekretariat")
    today = timezone.localdate()
    last = add_months(month_start(today), -1)
    months = [add_months(last, -(MONTHS - 1 - i)) for i in range(MONTHS)]
    pejlemaerker = list(
        Pejlemaerke.objects.filter(state__in=STATUS_STATES, short_name__in=PROFILES)
        .select_related("project_leader")
        .prefetch_related(
            Prefetch("participations", queryset=Participation.objects.select_related("region")),
            Prefetch(
                "projects",
                queryset=Project.objects.select_related("leader").prefetch_related(
                    Prefetch("regional_leaders", queryset=RegionalProjectLeader.objects.select_related("user"))
                ),
            ),
        )
    )
    existing = set(StatusReport.objects.filter(period__gte=months[0]).values_list("project_id", "region_id", "period"))
    reports, versions = [], []
    runs = {}  # R38: (project, region) -> (what the last month said, for how many months)
    corrected = None  # R12: the one report first sent as yellow and corrected to red (see _demo_correction)
    tz = timezone.get_current_timezone()
    for pejlemaerke in pejlemaerker:
        profile = PROFILES[pejlemaerke.short_name]
        participations = list(pejlemaerke.participations.all())
        for project in pejlemaerke.projects.all():
            regions = reporting_regions(project, participations)
            for index, (month, letter) in enumerate(zip(months, profile, strict=True)):
                colour = LETTERS[letter]
                if colour is None:
                    continue
                if project.region_id:  # monitoring: each region's own project; the driver rotates
                    all_regions = reporting_regions(Project(pejlemaerke=pejlemaerke, region=None), participations)
                    by_region = _colours_for_regions(colour, all_regions, index)
                else:
                    by_region = _colours_for_regions(colour, regions, index + len(pejlemaerke.name))
                for region in regions:
                    key = (project.pk, region.pk, month)
                    if key in existing:
                        continue
                    if month == last and (pejlemaerke.short_name, region.code) == SKIP_LAST_MONTH:
                        continue
                    region_colour = by_region.get(region.pk, G)
                    lead = next((x.user for x in project.regional_leaders.all() if x.region_id == region.pk), None)
                    author = lead or project.leader or pejlemaerke.project_leader or sekretariat
                    deadline = reporting_deadline(month)
                    submitted_at = datetime.combine(deadline - timedelta(days=1 + index % 3), time(10, 0), tz)
                    fields = _text_fields(region_colour, index + region.sort_order)
                    if (pejlemaerke.short_name, region.code) == STALE_REGION and index >= MONTHS - STALE_FOR:
                        fields = _text_fields(region_colour, MONTHS - STALE_FOR + region.sort_order)
                    if pejlemaerke.short_name == OVER_BUDGET[0] and month == last:
                        fields = {**fields, **OVER_BUDGET[1]}
                    said = (region_colour, *(fields[name] for name in STATUS_TEXT_FIELDS))
                    before = runs.get((project.pk, region.pk))
                    run = months_unchanged(before[1], same_as_previous=before[0] == said) if before else 1
                    runs[(project.pk, region.pk)] = (said, run)
                    reports.append(
                        StatusReport(
                            project=project,
                            region=region,
                            period=month,
                            state=ReportState.SUBMITTED,
                            colour=region_colour,
                            version=1,
                            created_by=author,
                            submitted_at=submitted_at,
                            first_submitted_at=submitted_at,
                            unchanged_months=run,
                            **fields,
                        )
                    )
                    first = (region_colour, fields)
                    if corrected is None and _is_corrected(pejlemaerke, month, months, region_colour):
                        corrected, first = key, (Y, {**fields, "risici": RISKS[Y]})
                    versions.append((key, 1, *first, author, submitted_at, ""))
    created = StatusReport.objects.bulk_create(reports, batch_size=500)
    by_key = {(r.project_id, r.region_id, r.period): r for r in created}
    if any(r.pk is None for r in created):  # backends without RETURNING ids
        by_key = {
            (r.project_id, r.region_id, r.period): r
            for r in StatusReport.objects.filter(period__gte=months[0], versions__isnull=True)
        }
    StatusReportVersion.objects.bulk_create(
        [
            StatusReportVersion(
                report=by_key[key],
                version=number,
                colour=colour,
                reason=reason,
                submitted_by=author,
                submitted_at=at,
                **fields,
            )
            for key, number, colour, fields, author, at, reason in versions
            if key in by_key
        ],
        batch_size=500,
    )
    _demo_correction(by_key.get(corrected))
    rollup_rebuild(pejlemaerker=[p.pk for p in pejlemaerker])  # the reports above were written in bulk
    stdout.write(f"Månedsstatus: {len(created)} nye rapporter over {MONTHS} måneder.")


def _is_corrected(pejlemaerke, month, months, colour) -> bool:
    """The first month of LABREK's latest red spell: its first red report was first sent as yellow."""
    return pejlemaerke.short_name == "LABREK" and month == months[-2] and colour == R


def _demo_correction(report) -> None:
    """R12 in the demo: one LABREK report corrected from yellow to red, with who, when and why. Its first
    version was written yellow (versions are never changed, R12); the report row shows the correction."""
    if report is None:
        return
    first = report.versions.get(version=1)
    corrected_at = first.submitted_at + timedelta(days=2)
    StatusReportVersion.objects.create(
        report=report,
        version=2,
        colour=R,
        overall=report.overall,
        tid=report.tid,
        oekonomi=report.oekonomi,
        leverancer=report.leverancer,
        risici=report.risici,
        affects_tid=report.affects_tid,
        affects_oekonomi=report.affects_oekonomi,
        affects_leverancer=report.affects_leverancer,
        reason=CORRECTION_REASON,
        submitted_by=first.submitted_by,
        submitted_at=corrected_at,
    )
    StatusReport.objects.filter(pk=report.pk).update(version=2, submitted_at=corrected_at, updated_at=corrected_at)
