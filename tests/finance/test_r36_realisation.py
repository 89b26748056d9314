"""R36: the realisation plan, yearly versioned reports, reminders that stop after the plan's last year, overdue
flags, the Realisering view and IT5's yearly follow-up item (on the demo's closed Patologi project)."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from finance import rules
from finance.models import RealisationPlanItem, RealisationReminder, RealisationReport
from finance.selectors import realisation as selectors
from finance.services import realisation as services
from governance.services import meeting_plan_generate
from portfolio.models import Body, BodyKind, Pejlemaerke
from portfolio.rules import Lifecycle

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 1)


@pytest.fixture
def patologi(demo):
    return Pejlemaerke.objects.get(short_name="Patologi")


@pytest.fixture
def rn_item(patologi):
    return RealisationPlanItem.objects.select_related("project", "reporter").get(
        project__pejlemaerke=patologi, region__code="RN"
    )


def test_r36_rules_default_years_due_day_and_reminder_window():
    assert rules.realisation_years(2025) == [2026, 2027, 2028]
    assert rules.realisation_due(2025, 3) == date(2026, 3, 31)
    assert rules.realisation_due(2025, 2) == date(2026, 2, 28)
    assert rules.realisation_due(2027, 2) == date(2028, 2, 29)
    plan = [2026, 2027, 2028]
    assert rules.realisation_reminder_year(date(2027, 3, 1), plan, 3) == 2026
    assert rules.realisation_reminder_year(date(2029, 3, 15), plan, 3) == 2028  # the last year is still reported
    assert rules.realisation_reminder_year(date(2030, 3, 15), plan, 3) is None  # and then they stop
    assert rules.realisation_reminder_year(date(2027, 4, 1), plan, 3) is None  # only in the report month
    assert rules.realisation_overdue(2025, 3, date(2026, 3, 31), reported=False) is False  # the due day itself
    assert rules.realisation_overdue(2025, 3, date(2026, 4, 1), reported=False) is True
    assert rules.realisation_overdue(2025, 3, date(2026, 4, 1), reported=True) is False


def test_r36_demo_has_two_years_of_reports_and_one_overdue(patologi):
    assert patologi.state == Lifecycle.CLOSED and selectors.in_realisation(patologi)
    groups = selectors.realisation_overview(TODAY)
    group = next(g for g in groups if g.pejlemaerke == patologi)
    years = {c.year for row in group.rows for c in row.cells if c.report}
    assert years == {2024, 2025}
    overdue = [(row.item.region.code, c.year) for row in group.rows for c in row.cells if c.overdue]
    assert overdue == [("RN", 2025)]
    assert group.overdue_count == 1


def test_r36_reminders_stop_after_the_last_year(rn_item, settings):
    settings.PORTAL_BASE_URL = "https://portal.example"
    assert (rn_item.first_year, rn_item.last_year) == (2024, 2026)
    RealisationReport.objects.filter(item__project=rn_item.project).delete()
    mine = lambda today: [(i.pk, y) for i, y in selectors.reminders_due(today) if i.pk == rn_item.pk]  # noqa: E731
    assert mine(date(2025, 3, 3)) == [(rn_item.pk, 2024)]
    assert mine(date(2027, 3, 3)) == [(rn_item.pk, 2026)]
    assert mine(date(2028, 3, 3)) == []  # 2027 is past the plan's last year
    assert mine(date(2027, 4, 1)) == []  # outside the report month
    mail.outbox.clear()
    sent = services.realisation_reminders_send(today=date(2027, 3, 3))
    assert sent["realisation"] >= 1
    to_reporter = [m for m in mail.outbox if rn_item.reporter.email in m.to]
    assert len(to_reporter) == 1 and "2026" in to_reporter[0].subject
    assert "https://portal.example/" in to_reporter[0].body
    assert RealisationReminder.objects.filter(item=rn_item, year=2026).count() == 1
    mail.outbox.clear()
    services.realisation_reminders_send(today=date(2027, 3, 4))  # a second tick sends nothing again
    assert not [m for m in mail.outbox if rn_item.reporter.email in m.to]


def test_r36_a_reported_year_gets_no_reminder(rn_item):
    assert not [1 for i, y in selectors.reminders_due(date(2025, 3, 3)) if i.pk == rn_item.pk]  # 2024 reported


def test_r36_reminders_ride_on_the_rhythms_tick(rn_item):
    from portfolio.rhythm.services import reminders_send  # noqa: PLC0415 - the composition layer's entry point

    RealisationReport.objects.filter(item=rn_item).delete()
    mail.outbox.clear()
    assert reminders_send(today=date(2025, 3, 3)).get("realisation", 0) >= 1
    assert RealisationReminder.objects.filter(item=rn_item, year=2024).exists()


def test_r36_reports_are_versioned_and_refused_outside_the_plan(rn_item, django_user_model):
    regional = rn_item.reporter
    first = services.report_submit(actor=regional, item=rn_item, year=2025, realised=D("2400"), text="Næsten i mål.")
    assert first.number == 1
    with pytest.raises(ValidationError, match="rettes"):
        services.report_submit(actor=regional, item=rn_item, year=2025, realised=D("2500"), text="Rettet.")
    second = services.report_submit(
        actor=regional, item=rn_item, year=2025, realised=D("2500"), text="Rettet.", correction_reason="Tælling"
    )
    assert second.number == 2
    assert RealisationReport.objects.filter(item=rn_item, year=2025).count() == 2  # nothing overwritten
    cell = next(c for r in selectors.realisation_overview(TODAY, project=rn_item.project) for c in r.rows[0].cells)
    assert cell is not None
    with pytest.raises(ValidationError, match="dækker ikke 2027"):
        services.report_submit(actor=regional, item=rn_item, year=2027, realised=D("1"), text="Uden for planen")
    with pytest.raises(ValidationError):
        services.report_submit(actor=regional, item=rn_item, year=2026, realised=D("NaN"), text="x")
    with pytest.raises(PermissionDenied):
        services.report_submit(
            actor=django_user_model.objects.get(username="kontakt"), item=rn_item, year=2026, realised=D("1"), text="x"
        )


def test_r36_no_reports_before_a_completed_closure(rn_item):
    Pejlemaerke.objects.filter(pk=rn_item.project.pejlemaerke_id).update(
        state=Lifecycle.PORTFOLIO, closure="", closed_on=None
    )
    rn_item.refresh_from_db()
    with pytest.raises(ValidationError, match="lukket som gennemført"):
        services.report_submit(actor=rn_item.reporter, item=rn_item, year=2026, realised=D("1"), text="For tidligt")


def test_r36_plan_defaults_to_three_years_after_close(rn_item, django_user_model):
    sekretariat = django_user_model.objects.get(username="sekretariat")
    benefit = rn_item.benefit
    RealisationPlanItem.objects.filter(pk=rn_item.pk).delete()
    item = services.plan_item_add(
        actor=sekretariat,
        project=rn_item.project,
        benefit=benefit,
        region=rn_item.region,
        reporter=rn_item.reporter,
        method="Tidsregistrering.",
    )
    closed = rn_item.project.pejlemaerke.closed_on.year
    assert (item.first_year, item.last_year) == (closed + 1, closed + 3)
    with pytest.raises(ValidationError):  # the benefit belongs to RN, not RH
        services.plan_item_add(
            actor=sekretariat,
            project=rn_item.project,
            benefit=benefit,
            region=type(rn_item.region).objects.get(code="RH"),
            reporter=rn_item.reporter,
            method="x",
        )


def test_r36_it5_follow_up_table_and_item(patologi, django_user_model):
    table = selectors.follow_up_table(TODAY, 2025)
    rows = [(r.pejlemaerke.short_name, r.region.code, r.benefit, r.realised, r.overdue) for r in table["rows"]]
    assert ("Patologi", "RN", "Frigjort sekretærtid ved digital rekvisition", None, True) in rows
    assert ("Patologi", "RSD", "Kortere svartid på patologisvar", D("7.20"), False) in rows
    assert table["overdue"] == 1
    text = selectors.follow_up_text(table)
    assert "Region Nordjylland" in text and "OVERSKREDET FRIST" in text and "7,20 dage" in text
    sekretariat = django_user_model.objects.get(username="sekretariat")
    with pytest.raises(ValidationError, match="intet kommende møde"):
        services.follow_up_item_draft(actor=sekretariat, today=date(2099, 1, 1))
    it5 = Body.objects.get(kind=BodyKind.IT5)
    meeting_plan_generate(actor=sekretariat, body=it5, year=TODAY.year + 1)
    item = services.follow_up_item_draft(actor=sekretariat, today=TODAY)
    assert item.meeting.body.kind == "IT5" and item.meeting.day >= TODAY
    assert item.title == "Årlig opfølgning på gevinstrealisering 2025"
    assert "OVERSKREDET FRIST" in item.sagsfremstilling and item.indstilling.startswith("at IT5")
    with pytest.raises(ValidationError, match="allerede"):
        services.follow_up_item_draft(actor=sekretariat, today=TODAY)
    with pytest.raises(PermissionDenied):
        services.follow_up_item_draft(actor=django_user_model.objects.get(username="kontakt"), today=TODAY)


def test_r36_realisering_view_and_regional_reports(client, login, rn_item, django_assert_max_num_queries):
    login("sekretariat")
    with django_assert_max_num_queries(25):
        response = client.get(reverse("finance:realisation_list"))
    body = response.content.decode()
    assert response.status_code == 200 and rn_item.project.name in body and "Fristen er overskredet" in body
    login("regional")
    url = reverse("finance:realisation_project", args=[rn_item.project_id])
    assert client.get(url).status_code == 200
    post = reverse("finance:realisation_report", args=[rn_item.project_id])
    bad = client.post(post, {"item": rn_item.pk, "year": "2031", "realised": "abc", "text": "Min tekst om året"})
    assert bad.status_code == 400 and "Min tekst om året" in bad.content.decode()
    foreign = RealisationPlanItem.objects.exclude(pk=rn_item.pk).filter(project=rn_item.project).first()
    refused = client.post(post, {"item": foreign.pk, "year": "2025", "realised": "1", "text": "Ikke min"})
    assert refused.status_code == 400  # a benefit the user's plan does not cover
    ok = client.post(post, {"item": rn_item.pk, "year": "2025", "realised": "2450,5", "text": "Indberettet"})
    assert ok.status_code == 302
    assert RealisationReport.objects.get(item=rn_item, year=2025).realised == D("2450.50")
    login("kontakt")
    assert client.post(post, {"item": rn_item.pk, "year": "2026", "realised": "1", "text": "x"}).status_code == 403


def test_r36_realisering_view_queries_are_bounded(client, login, patologi):
    login("direktoer")
    url = reverse("finance:realisation_list")
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    project = patologi.projects.first()
    for item in RealisationPlanItem.objects.filter(project=project):
        for year in item.years:
            if not RealisationReport.objects.filter(item=item, year=year).exists():
                RealisationReport.objects.create(
                    item=item, year=year, number=1, realised=D("1"), text="x", submitted_by=item.reporter
                )
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after.captured_queries) == len(before.captured_queries) <= 20


def test_r36_follow_up_table_reads_in_two_queries(patologi, django_assert_num_queries):
    with django_assert_num_queries(2):
        table = selectors.follow_up_table(TODAY, 2025)
    assert len(table["rows"]) == 3
