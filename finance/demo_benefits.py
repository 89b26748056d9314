"""Demo: the closed Patologi project in benefits realisation, with a business case with benefits (R35), a
realisation plan and two years of regional reports, one region's second year overdue (R36). Idempotent."""

from datetime import date, datetime, time
from decimal import Decimal as D

from django.contrib.auth import get_user_model
from django.utils import timezone

from portfolio.models import Pejlemaerke, Region

from . import services
from .models import BenefitLine, BusinessCase, BusinessCaseVersion, RealisationReport
from .services import benefits as benefit_services
from .services import realisation as realisation_services

CLOSED_ON = date(2023, 12, 14)  # the demo closes Patologi on the day it loads; the story needs it earlier


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def load(stdout) -> None:
    pejlemaerke = Pejlemaerke.objects.filter(short_name="Patologi").first()
    if pejlemaerke is None:
        return
    project = pejlemaerke.projects.filter(region__isnull=True).first() or pejlemaerke.projects.first()
    if project is None or BenefitLine.objects.filter(version__business_case__project=project).exists():
        return
    User = get_user_model()
    sekretariat = User.objects.get(username="sekretariat")
    regional = User.objects.filter(username="regional").first() or sekretariat
    leader = project.leader or pejlemaerke.project_leader or sekretariat
    chair = pejlemaerke.chair or sekretariat
    regions = {r.code: r for r in Region.objects.all()}
    Pejlemaerke.objects.filter(pk=pejlemaerke.pk).update(closed_on=CLOSED_ON)
    pejlemaerke.refresh_from_db()

    if BusinessCase.objects.filter(project=project).exists():
        BusinessCase.objects.filter(project=project).delete()
    version = services.business_case_create(
        actor=leader,
        project=project,
        start_date=date(2021, 1, 1),
        end_date=date(2023, 12, 31),
        scope="Fællesregional anskaffelse og implementering af ét patologisystem, der afløser fem lokale systemer.",
    )
    for year, description, amount, kind in [
        (2021, "Udbud og kontrakt", "1200000", "other"),
        (2022, "Anskaffelse og implementering", "3000000", "other"),
        (2023, "Konvertering af data og idriftsættelse", "1500000", "other"),
        (2024, "Drift af det fælles system", "400000", "operating"),
        (2025, "Drift af det fælles system", "400000", "operating"),
        (2026, "Drift af det fælles system", "400000", "operating"),
    ]:
        services.line_add(
            actor=leader,
            version=version,
            kind=kind,
            scope="joint",
            year=year,
            description=description,
            amount=D(amount),
        )
    services.line_add(
        actor=leader,
        version=version,
        kind="staff",
        scope="joint",
        year=2022,
        description="Projektledelse",
        aarsvaerk=D("2"),
    )
    licences = benefit_services.benefit_add(
        actor=leader,
        version=version,
        description="Sparede licenser og drift af fem lokale systemer",
        kind="economic",
        baseline=D("0"),
        target=D("1800000"),
        unit="kr.",
        start_year=2024,
        profile=[D("50"), D("100"), D("100"), D("100"), D("100")],
        owner_region=regions["RSD"],
    )
    answer_time = benefit_services.benefit_add(
        actor=leader,
        version=version,
        description="Kortere svartid på patologisvar",
        kind="quality",
        region=regions["RSD"],
        baseline=D("10"),
        target=D("7"),
        unit="dage",
        start_year=2024,
        profile=[D("50"), D("100"), D("100")],
        owner_region=regions["RSD"],
    )
    secretaries = benefit_services.benefit_add(
        actor=leader,
        version=version,
        description="Frigjort sekretærtid ved digital rekvisition",
        kind="capacity",
        region=regions["RN"],
        baseline=D("0"),
        target=D("2700"),
        unit="timer",
        start_year=2024,
        profile=[D("100"), D("100"), D("100")],
        owner_user=regional,
    )
    benefit_services.justification_set(
        actor=leader,
        version=version,
        text="Nutidsværdien er lidt negativ i de første fem år, men ét fælles system giver kortere svartid på "
        "kræftdiagnoser og ens arbejdsgange i alle regioner, og de lokale systemer kan ikke længere opdateres.",
    )
    version = services.version_approve(actor=chair, version=version, note="Godkendt på styregruppemødet.")
    BusinessCaseVersion.objects.filter(pk=version.pk).update(decided_at=_aware(date(2021, 3, 2)))
    plan = [
        (answer_time, "RSD", leader, "Median svartid fra prøvemodtagelse til svar, fra systemets egne data."),
        (secretaries, "RN", regional, "Tidsregistrering hos lægesekretærerne i to uger hvert efterår."),
        (licences, "RSD", leader, "Regionens regnskab for licenser og drift af det tidligere lokale system."),
    ]
    items = {}
    for benefit, code, reporter, method in plan:
        items[(benefit.pk, code)] = realisation_services.plan_item_add(
            actor=leader,
            project=project,
            benefit=benefit,
            region=regions[code],
            reporter=reporter,
            method=method,
            first_year=2024,
            last_year=2026,
            target=benefit.target if benefit.kind != "economic" else D("360000"),
        )
    reports = [
        (answer_time, "RSD", 2024, D("8.5"), "Svartiden faldt, da de sidste afdelinger kom på i foråret.", 2025),
        (answer_time, "RSD", 2025, D("7.2"), "Tæt på målet; histologi er stadig lidt over.", 2026),
        (secretaries, "RN", 2024, D("2100"), "Digital rekvisition er udrullet på alle sygehuse undtagen ét.", 2025),
        (licences, "RSD", 2024, D("180000"), "Den lokale licens er opsagt; første halve år sparet.", 2025),
        (licences, "RSD", 2025, D("360000"), "Fuld besparelse på licens og drift.", 2026),
    ]
    for benefit, code, year, value, text, reported_in in reports:
        reporter = regional if code == "RN" else leader
        report = realisation_services.report_submit(
            actor=reporter, item=items[(benefit.pk, code)], year=year, realised=value, text=text
        )
        RealisationReport.objects.filter(pk=report.pk).update(submitted_at=_aware(date(reported_in, 3, 12)))
    # RN's report for 2025 was due at the end of March 2026 and is missing: the overdue one.
    stdout.write("Gevinster: Patologi er i realisering med to års indberetninger (én mangler).")
