"""R10/R11 kept: the stored monthly roll-up always equals the roll-up computed from the raw reports
by the pure rules, whatever happened in between (submits, corrections, opt-outs, pauses, closures),
also when two regions submit at the same moment (PostgreSQL)."""

import contextlib
import threading
import time
from datetime import date
from io import BytesIO, StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portfolio import hooks
from portfolio.models import Participation, Region
from portfolio.rules import Lifecycle, ParticipationStatus, PejlemaerkeType
from portfolio.services import participation_set, pejlemaerke_transition
from projects import services
from projects.models import MonthlyRollup, Project, ReportState, StatusReport
from projects.rules import Colour, rollup, yellow_streak
from projects.services import rollup as rollup_service
from rsi_portal.dates import add_months
from rsi_portal.registry import Hook
from tests.conftest import require_component

from .factories import PejlemaerkeFactory, ProjectFactory, UserFactory, first_regions

FIRST = date(2031, 1, 1)
MONTHS = [add_months(FIRST, n) for n in range(4)]
COLOURS = list(Colour.values)
DIMENSIONS = ("affects_tid", "affects_oekonomi", "affects_leverancer")


# --- The oracle: R10 and R11 straight from the raw reports, month by month.


def expected_rows(pejlemaerke) -> dict[date, dict]:
    regions = [r.pk for r in Region.objects.order_by("sort_order", "code")]
    participating = set(
        Participation.objects.filter(pejlemaerke=pejlemaerke, status=ParticipationStatus.DELTAGER).values_list(
            "region_id", flat=True
        )
    )
    ordered = [r for r in regions if r in participating]
    projects = list(Project.objects.filter(pejlemaerke=pejlemaerke).order_by("pk"))
    pairs = [(p.pk, r) for p in projects for r in ordered if p.region_id in (None, r)]
    reports = {
        (r.project_id, r.region_id, r.period): r
        for r in StatusReport.objects.filter(project__pejlemaerke=pejlemaerke, state=ReportState.SUBMITTED)
    }
    periods = sorted({period for _p, _r, period in reports})
    rows, history, counted_before = {}, [], []
    month = periods[0] if periods else None
    while periods and month <= periods[-1]:
        colours = {pair: getattr(reports.get((*pair, month)), "colour", None) for pair in pairs}
        counted = [reports[(*pair, month)] for pair in pairs if (*pair, month) in reports]
        colour = rollup(colours.values()) if counted else None
        if counted:
            by_region = {r: [colours[pair] for pair in pairs if pair[1] == r] for r in ordered}
            why = []
            if colour in (Colour.RED, Colour.YELLOW):
                for r in dict.fromkeys(pair[1] for pair in pairs):
                    hits = [reports[(*pair, month)] for pair in pairs if pair[1] == r and colours[pair] == colour]
                    if hits:
                        dims = [d for d in DIMENSIONS if any(getattr(h, d) for h in hits)]
                        lines = hits[0].risici.strip().splitlines()
                        why.append([r, dims, lines[0][:80] if lines else ""])
            rows[month] = {
                "colour": colour or "",
                "region_colours": [[r, rollup(values) or ""] for r, values in by_region.items()],
                "missing_regions": [r for r, values in by_region.items() if None in values],
                "why": why,
                "previous_colour": history[-1] or "" if history else "",
                "yellow_streak": yellow_streak([*history, colour]),
                "trend": [c or "" for c in [*[None] * 12, *history, colour][-12:]],
                "corrected": any(r.version > 1 for r in counted),
                "month_submitted_at": max(r.submitted_at for r in counted),
                "last_submitted_at": max(r.submitted_at for r in counted + counted_before),
                "source_version": sum(r.version for r in counted),
            }
            counted_before += counted
        history.append(colour)
        month = add_months(month, 1)
    return rows


def stored_rows(pejlemaerke) -> dict[date, dict]:
    return {
        row.month: {name: getattr(row, name) for name in rollup_service.FIELDS}
        for row in MonthlyRollup.objects.filter(pejlemaerke=pejlemaerke)
    }


# --- Random histories through the services.


@pytest.fixture
def no_document_checks(monkeypatch):
    """The R2 documents are not what is tested here: closing needs none."""
    monkeypatch.setattr(hooks, "lifecycle_checks", Hook("none"))


def _apply(step, *, actor, pejlemaerke, projects, regions) -> None:
    kind = step[0]
    if kind in ("submit", "draft"):
        _kind, region_index, month_index, colour, dims, risk = step
        region = regions[region_index]
        project = next((p for p in projects if p.region_id in (None, region.pk)), None)
        if project is None:
            return
        fields = {"colour": colour, "overall": "Status.", "risici": risk, **dict(zip(DIMENSIONS, dims, strict=True))}
        period = MONTHS[month_index]
        existing = StatusReport.objects.filter(project=project, region=region, period=period).first()
        try:
            if kind == "draft":
                services.status_report_save_draft(actor=actor, project=project, region=region, period=period, **fields)
            elif existing is not None and existing.is_submitted:
                services.status_report_correct(actor=actor, report=existing, reason="Rettet.", **fields)
            else:
                services.status_report_submit(actor=actor, project=project, region=region, period=period, **fields)
        except (PermissionDenied, ValidationError):
            pass  # a region that does not take part, or a draft of a submitted report: refused, nothing kept
    elif kind in ("opt_out", "opt_in"):
        status = ParticipationStatus.AFVENTER if kind == "opt_out" else ParticipationStatus.DELTAGER
        participation_set(
            actor=actor,
            pejlemaerke=pejlemaerke,
            region=regions[step[1]],
            status=status,
            explanation="Afventer egen løsning." if kind == "opt_out" else "",
        )
    else:
        to_state = {"pause": Lifecycle.PAUSED, "resume": Lifecycle.PORTFOLIO, "close": Lifecycle.CLOSED}[kind]
        with contextlib.suppress(ValidationError):  # not a move R2 allows from the current state
            pejlemaerke_transition(actor=actor, pejlemaerke=pejlemaerke, to_state=to_state, reason="Besluttet.")


region_index = st.integers(0, 4)
steps = st.lists(
    st.one_of(
        st.tuples(
            st.sampled_from(["submit", "submit", "submit", "draft"]),
            region_index,
            st.integers(0, len(MONTHS) - 1),
            st.sampled_from(COLOURS),
            st.tuples(st.booleans(), st.booleans(), st.booleans()),
            st.sampled_from(["Risiko.", "Leverandøren\nmere tekst", " "]),
        ),
        st.tuples(st.sampled_from(["opt_out", "opt_in"]), region_index),
        st.tuples(st.sampled_from(["pause", "resume", "close"])),
    ),
    min_size=1,
    max_size=14,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from([PejlemaerkeType.ANALYSE, PejlemaerkeType.MONITORERING]), history=steps)
def test_r10_stored_rollup_equals_the_rollup_of_the_raw_reports(db, no_document_checks, kind, history):
    with transaction.atomic():
        regions = first_regions()
        actor = UserFactory(sekretariat=True)
        pejlemaerke = PejlemaerkeFactory(type=kind, leading_region=regions[0], regions=regions)
        if kind == PejlemaerkeType.MONITORERING:
            projects = [ProjectFactory(pejlemaerke=pejlemaerke, region=r) for r in regions]
        else:
            projects = [ProjectFactory(pejlemaerke=pejlemaerke)]
        for step in history:
            _apply(step, actor=actor, pejlemaerke=pejlemaerke, projects=projects, regions=regions)
            assert stored_rows(pejlemaerke) == expected_rows(pejlemaerke), step
        assert rollup_service.rollup_check(pejlemaerker=[pejlemaerke.pk]) == []
        transaction.set_rollback(True)


# --- The same transaction, the later months, the operator's commands.


@pytest.fixture
def two_regions(db):
    regions = first_regions(2)
    pejlemaerke = PejlemaerkeFactory(leading_region=regions[0], regions=regions)
    return pejlemaerke, ProjectFactory(pejlemaerke=pejlemaerke), regions, UserFactory(sekretariat=True)


def _submit(actor, project, region, colour, period=MONTHS[0]):
    return services.status_report_submit(
        actor=actor, project=project, region=region, period=period, colour=colour, overall="x", risici="y"
    )


def test_r10_rollup_is_written_in_the_submits_transaction(two_regions):
    pejlemaerke, project, (rh, rsj), actor = two_regions
    with transaction.atomic():
        _submit(actor, project, rh, "green")
        assert MonthlyRollup.objects.get(pejlemaerke=pejlemaerke).missing_regions == [rsj.pk]
        transaction.set_rollback(True)
    assert not MonthlyRollup.objects.filter(pejlemaerke=pejlemaerke).exists()  # rolled back with the report


def test_r11_a_correction_moves_the_later_months_previous_colour_and_streak(two_regions):
    pejlemaerke, project, (rh, rsj), actor = two_regions
    for period in MONTHS[:3]:
        for region in (rh, rsj):
            _submit(actor, project, region, "yellow", period)
    assert [r.yellow_streak for r in MonthlyRollup.objects.filter(pejlemaerke=pejlemaerke)] == [1, 2, 3]
    first = StatusReport.objects.get(project=project, region=rh, period=MONTHS[0])
    services.status_report_correct(actor=actor, report=first, reason="Fejl", colour="red", overall="x", risici="y")
    rows = list(MonthlyRollup.objects.filter(pejlemaerke=pejlemaerke))
    assert [(r.colour, r.previous_colour, r.yellow_streak) for r in rows] == [
        ("red", "", 0),
        ("yellow", "red", 1),
        ("yellow", "yellow", 2),
    ]
    assert rows[0].corrected and rows[0].source_version == 3  # versions 2 + 1


def test_r3_an_opt_out_rederives_every_month(two_regions):
    pejlemaerke, project, (rh, rsj), actor = two_regions
    for period in MONTHS[:2]:
        _submit(actor, project, rh, "green", period)
    assert {r.colour for r in MonthlyRollup.objects.filter(pejlemaerke=pejlemaerke)} == {""}  # RSJ missing
    participation_set(actor=actor, pejlemaerke=pejlemaerke, region=rsj, status="afstaar", explanation="Egen løsning")
    rows = MonthlyRollup.objects.filter(pejlemaerke=pejlemaerke)
    assert [(r.colour, r.missing_regions, r.region_colours) for r in rows] == [("green", [], [[rh.pk, "green"]])] * 2


def test_rollup_rebuild_check_finds_a_stale_row_and_rebuild_repairs_it(two_regions):
    pejlemaerke, project, (rh, rsj), actor = two_regions
    for period in MONTHS[:3]:
        _submit(actor, project, rh, "green", period)
        _submit(actor, project, rsj, "green", period)
    stale = MonthlyRollup.objects.filter(pejlemaerke=pejlemaerke, month=MONTHS[1])
    stale.update(colour="red", trend=[*[""] * 10, "green", "red"])
    MonthlyRollup.objects.filter(pejlemaerke=pejlemaerke, month=MONTHS[2]).delete()
    errors = StringIO()
    with pytest.raises(CommandError, match="2 forskelle"):
        call_command("rollup_rebuild", "--check", stderr=errors)
    assert f"pejlemærke {pejlemaerke.pk}, 2031-02: colour 'red' ≠ 'green'" in errors.getvalue()
    assert f"pejlemærke {pejlemaerke.pk}, 2031-03: no stored row" in errors.getvalue()
    call_command("rollup_rebuild", "--from", "2031-03", stdout=StringIO())  # March again, chained from February
    errors = StringIO()
    with pytest.raises(CommandError, match="2 forskelle"):
        call_command("rollup_rebuild", "--check", stderr=errors)
    assert "2031-02: colour 'red' ≠ 'green'" in errors.getvalue()
    assert "2031-03: previous_colour 'red' ≠ 'green'" in errors.getvalue()  # --from trusts the month before
    call_command("rollup_rebuild", stdout=StringIO())
    call_command("rollup_rebuild", "--check", stdout=StringIO())
    assert stored_rows(pejlemaerke) == expected_rows(pejlemaerke)


def test_rollup_rebuild_refuses_a_malformed_month(db):
    with pytest.raises(CommandError, match="ÅÅÅÅ-MM"):
        call_command("rollup_rebuild", "--from", "marts")


# --- Two regions at the same moment (row locks: PostgreSQL only).


@pytest.mark.django_db(transaction=True)
def test_r10_two_regions_submitting_at_once_leave_a_correct_roll_up(monkeypatch):
    require_component("PostgreSQL", connection.vendor == "postgresql", "row locks need PostgreSQL (DATABASE_URL)")
    regions = first_regions(2)
    pejlemaerke = PejlemaerkeFactory(leading_region=regions[0], regions=regions)
    project = ProjectFactory(pejlemaerke=pejlemaerke)
    actor = UserFactory(sekretariat=True)
    compute = rollup_service.month_values

    def slow_compute(*args):
        time.sleep(0.3)  # widen the window between reading the reports and writing the row
        return compute(*args)

    monkeypatch.setattr(rollup_service, "month_values", slow_compute)
    barrier = threading.Barrier(2)
    outcomes = []

    def submit(region, colour):
        try:
            barrier.wait(timeout=10)
            _submit(actor, project, region, colour)
            outcomes.append("ok")
        except Exception as error:  # noqa: BLE001 - the test reports whatever went wrong in the thread
            outcomes.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=args) for args in ((regions[0], "red"), (regions[1], "yellow"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert outcomes == ["ok", "ok"]
    row = MonthlyRollup.objects.get(pejlemaerke=pejlemaerke)
    assert (row.colour, row.missing_regions) == ("red", [])
    assert row.region_colours == [[regions[0].pk, "red"], [regions[1].pk, "yellow"]]
    assert stored_rows(pejlemaerke) == expected_rows(pejlemaerke)


# --- One source: every reader shows the kept roll-up, none recomputes it.


def test_r10_every_portfolio_reader_shows_the_kept_rollup(two_regions, client, monkeypatch):
    import base64
    import re

    from openpyxl import load_workbook

    from governance.selectors import portfolio_appendix
    from portfolio.rhythm import reports
    from portfolio.rhythm.selectors import monthly_report_data
    from projects.selectors import agenda_candidates
    from projects.svg import trend_svg

    pejlemaerke, project, (rh, rsj), actor = two_regions
    month, previous = MONTHS[1], MONTHS[0]
    for region in (rh, rsj):
        _submit(actor, project, region, "green", previous)
        _submit(actor, project, region, "green", month)
    # Changed behind the maintenance's back: a reader that recomputed from the reports would say green.
    MonthlyRollup.objects.filter(pejlemaerke=pejlemaerke, month=month).update(colour="yellow", previous_colour="green")

    (appendix,) = [s for s in portfolio_appendix(month) if s.pejlemaerke == pejlemaerke]
    data = monthly_report_data(month)
    (reported,) = [s for s in data["statuses"] if s.pejlemaerke == pejlemaerke]
    assert appendix.colour == reported.colour == "yellow"
    assert pejlemaerke in {c.pejlemaerke for c in agenda_candidates(month)}  # green -> yellow (R11)
    client.force_login(actor)
    query = {"month": f"{month:%Y-%m}"}
    html = client.get("/dashboard/", query).content.decode()
    row = html[html.index(pejlemaerke.name) :]
    assert "Gul</span>" in row[: row.index("</tr>")]
    drawing = trend_svg(reported.trend)
    assert drawing in row
    printed = {}
    monkeypatch.setattr(reports, "render_pdf", lambda template, context: printed.update(context) or b"")
    reports.render_report_pdf(data)
    (pdf_row,) = [r for r in printed["rows"] if r["status"].pejlemaerke == pejlemaerke]
    embedded = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', pdf_row["trend"]).group(1)
    assert base64.b64decode(embedded).decode() == drawing  # the PDF draws the dashboard's SVG itself
    sheet = load_workbook(BytesIO(client.get("/dashboard/", {**query, "format": "xlsx"}).content)).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    (line,) = [dict(zip(header, r, strict=True)) for r in rows if r[0] == pejlemaerke.name]
    assert line["Samlet status"] == "Gul"


def test_r10_a_project_added_in_the_admin_joins_the_kept_rollup(two_regions, rf):
    from django.contrib.admin.sites import site

    from projects.admin import ProjectAdmin

    pejlemaerke, project, (rh, rsj), actor = two_regions
    _submit(actor, project, rh, "green")
    _submit(actor, project, rsj, "green")
    assert MonthlyRollup.objects.get(pejlemaerke=pejlemaerke).colour == "green"
    admin = ProjectAdmin(Project, site)
    request = rf.post("/")
    request.user = actor
    added = Project(pejlemaerke=pejlemaerke, name="Endnu et projekt")
    admin.save_model(request, added, form=None, change=False)
    row = MonthlyRollup.objects.get(pejlemaerke=pejlemaerke)
    assert (row.colour, row.missing_regions) == ("", [rh.pk, rsj.pk])  # the new project has not reported
    admin.delete_model(request, added)
    assert MonthlyRollup.objects.get(pejlemaerke=pejlemaerke).colour == "green"
