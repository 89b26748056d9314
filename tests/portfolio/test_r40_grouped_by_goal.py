"""R40: on request, the monthly portfolio report (PDF and xlsx) and the agenda pack's appendix group the
pejlemærker by strategy goal: one supporting two goals stands under each, those supporting none under
"Uden strategimål". The default stays ungrouped. Each test builds its own goals and pejlemærker."""

from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from governance import services as governance_services
from governance.models import Meeting
from governance.pdf import pack_content_hash, pack_context, render_pack
from portfolio.models import BodyKind, MonthlyReport, StrategyGoal
from portfolio.rhythm import services as rhythm_services
from portfolio.rhythm.reports import render_report_pdf, render_report_xlsx
from portfolio.rhythm.selectors import monthly_report_data
from rsi_portal.celery import app
from rsi_portal.pdf import pdf_text
from tests.projects.factories import MONTH, PejlemaerkeFactory, ProjectFactory, StatusReportFactory

pytestmark = pytest.mark.django_db

WITHOUT = "Uden strategimål"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def portfolio():
    """Two goals (first in the goals' order) and three reporting pejlemærker: Both supports both goals, Alfa
    only the first, None no goal."""
    alfa = StrategyGoal.objects.create(title="Mål Alfa for grupperingen", period_start=2001, period_end=2040)
    beta = StrategyGoal.objects.create(title="Mål Beta for grupperingen", period_start=2002, period_end=2040)
    names = {}
    for key, colour, goals in (
        ("both", "red", [alfa, beta]),
        ("alfa", "green", [alfa]),
        ("none", "yellow", []),
    ):
        pejlemaerke = PejlemaerkeFactory(name=f"Grupperingstest {key}")
        StatusReportFactory(project=ProjectFactory(pejlemaerke=pejlemaerke), colour=colour, period=MONTH)
        for goal in goals:
            goal.pejlemaerker.add(pejlemaerke)
        names[key] = pejlemaerke.name
    return {"alfa": alfa, "beta": beta, "names": names}


def _chunks(text: str, titles: list[str]) -> dict[str, str]:
    """The text under each heading, the headings found in their order."""
    positions, start = [], 0
    for title in titles:
        start = text.index(title, start)
        positions.append(start)
    ends = positions[1:] + [len(text)]
    return {title: text[begin:end] for title, begin, end in zip(titles, positions, ends, strict=True)}


def _status_section(pdf: bytes) -> str:
    text = " ".join(pdf_text(pdf).split())
    start = text.index("Pejlemærkernes status")
    return text[start : text.index("Forsinkede rapporter", start)]


def test_r40_monthly_report_pdf_groups_by_goal_on_request(portfolio):
    names = portfolio["names"]
    data = monthly_report_data(MONTH, by_goal=True)
    titles = [group.title for group in data["goal_groups"]]
    assert titles[:2] == [portfolio["alfa"].title, portfolio["beta"].title] and titles[-1] == WITHOUT
    chunks = _chunks(_status_section(render_report_pdf(data)), titles)
    alfa, beta, without = chunks[titles[0]], chunks[titles[1]], chunks[WITHOUT]
    assert names["both"] in alfa and names["alfa"] in alfa and names["none"] not in alfa
    assert names["both"] in beta and names["alfa"] not in beta
    assert names["none"] in without and names["both"] not in without and names["alfa"] not in without
    assert "2 pejlemærker – Grøn: 1, Rød: 1" in alfa  # each goal's colours


def test_r40_monthly_report_stays_ungrouped_by_default(portfolio):
    data = monthly_report_data(MONTH)
    assert data["goal_groups"] is None and "grouped_by_goal" not in data["summary"]
    section = _status_section(render_report_pdf(data))
    assert WITHOUT not in section and portfolio["alfa"].title not in section
    assert section.count(portfolio["names"]["both"]) == 1
    assert "Pr. strategisk mål" not in load_workbook(BytesIO(render_report_xlsx(data))).sheetnames


def test_r40_monthly_report_xlsx_lists_each_pejlemaerke_under_each_of_its_goals(portfolio):
    names = portfolio["names"]
    workbook = load_workbook(BytesIO(render_report_xlsx(monthly_report_data(MONTH, by_goal=True))))
    rows = list(workbook["Pr. strategisk mål"].iter_rows(values_only=True))
    assert rows[0][:3] == ("Strategisk mål", "Pejlemærke", "Status")
    pairs = [(goal, name) for goal, name, *_rest in rows[1:] if name in names.values()]
    assert pairs == [
        (portfolio["alfa"].title, names["both"]),
        (portfolio["alfa"].title, names["alfa"]),
        (portfolio["beta"].title, names["both"]),
        (WITHOUT, names["none"]),
    ]
    assert next(r for r in rows if r[1] == names["both"])[2] == "Rød"
    assert workbook["Overblik"].max_row == len(monthly_report_data(MONTH)["statuses"]) + 1  # one row each there


def test_r40_the_secretariat_requests_a_grouped_version(portfolio, client, login, django_capture_on_commit_callbacks):
    first = rhythm_services.monthly_report_generate(period=MONTH)
    login("sekretariat")
    page = client.get(first.get_absolute_url()).content.decode()
    assert "Gruppér efter strategimål" in page
    previous, app.conf.task_always_eager = app.conf.task_always_eager, True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(first.get_absolute_url(), {"reason": "RSI DK bad om den pr. mål", "by_goal": "on"})
    finally:
        app.conf.task_always_eager = previous
    assert response.status_code == 302
    current = MonthlyReport.objects.get(period=MONTH, is_current=True)
    assert current.version == 2 and current.summary["grouped_by_goal"] is True
    with current.pdf.open("rb") as handle:
        assert WITHOUT in _status_section(handle.read())
    assert "grupperet efter strategimål" in client.get(current.get_absolute_url()).content.decode()
    with first.pdf.open("rb") as handle:  # the first version is kept as it was
        assert WITHOUT not in _status_section(handle.read())


@pytest.fixture
def meeting(demo):
    return Meeting.objects.filter(body__kind=BodyKind.RSI_DK).order_by("-day").first()


def _appendix_text(meeting) -> str:
    pdf, _pages = render_pack(meeting, members_view=True)
    text = " ".join(pdf_text(pdf).split())
    return text[text.rindex("Bilag: Porteføljestatus for") :]


def test_r40_pack_appendix_groups_by_goal_when_the_meeting_asks(meeting):
    alfa = StrategyGoal.objects.create(title="Mål Alfa i bilaget", period_start=2001, period_end=2040)
    beta = StrategyGoal.objects.create(title="Mål Beta i bilaget", period_start=2002, period_end=2040)
    month = pack_context(meeting, members_view=True)["appendix_month"]
    both = PejlemaerkeFactory(name="Bilagstest begge mål")
    only = PejlemaerkeFactory(name="Bilagstest kun alfa")
    none = PejlemaerkeFactory(name="Bilagstest uden mål")
    for pejlemaerke in (both, only, none):
        StatusReportFactory(project=ProjectFactory(pejlemaerke=pejlemaerke), period=month)
    alfa.pejlemaerker.add(both, only)
    beta.pejlemaerker.add(both)
    ungrouped = pack_content_hash(meeting, members_view=True)
    assert pack_context(meeting, members_view=True)["appendix_groups"] is None
    assert WITHOUT not in _appendix_text(meeting)

    Meeting.objects.filter(pk=meeting.pk).update(appendix_by_goal=True)
    meeting.refresh_from_db()
    assert pack_content_hash(meeting, members_view=True) != ungrouped  # a new pack is rendered
    groups = pack_context(meeting, members_view=True)["appendix_groups"]
    titles = [g.title for g in groups]
    chunks = _chunks(_appendix_text(meeting), titles)
    assert both.name in chunks[alfa.title] and only.name in chunks[alfa.title]
    assert both.name in chunks[beta.title] and only.name not in chunks[beta.title]
    assert none.name in chunks[WITHOUT] and both.name not in chunks[WITHOUT]


def test_r40_the_meeting_form_sets_the_grouping(meeting, client, login):
    login("sekretariat")
    page = client.get(reverse("governance:meeting_edit", args=[meeting.pk]))
    assert page.status_code == 200
    assert "bilagets porteføljestatus grupperet efter strategimål" in page.content.decode().lower()
    sekretariat = get_user_model().objects.get(username="sekretariat")
    governance_services.meeting_save(actor=sekretariat, meeting=meeting, appendix_by_goal=True)
    meeting.refresh_from_db()
    assert meeting.appendix_by_goal and pack_context(meeting, members_view=False)["appendix_groups"] is not None


def test_r40_grouping_costs_one_query_whatever_the_number_of_pejlemaerker(portfolio):
    def extra_queries() -> int:
        with CaptureQueriesContext(connection) as plain:
            monthly_report_data(MONTH)
        with CaptureQueriesContext(connection) as grouped:
            monthly_report_data(MONTH, by_goal=True)
        return len(grouped) - len(plain)

    assert extra_queries() == 1
    for n in range(5):
        portfolio["beta"].pejlemaerker.add(PejlemaerkeFactory(name=f"Flere til målet {n}"))
    assert extra_queries() == 1
