"""R40: the secretariat keeps RSI DK's strategy goals; a pejlemærke supports one or more; the dashboard
filters by goal; the goal page shows its pejlemærker with colours and trend."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from portfolio.models import Pejlemaerke, StrategyGoal
from portfolio.pipeline import services
from rsi_portal.dates import add_months, month_start

pytestmark = pytest.mark.django_db


def test_r40_the_demo_has_two_goals_with_pejlemaerker(demo):
    goals = list(StrategyGoal.objects.all())
    assert len(goals) >= 2 and all(g.pejlemaerker.exists() for g in goals)


def test_r40_only_the_secretariat_keeps_goals(client, login, demo):
    login("kontakt")
    assert client.get(reverse("portfolio:goal_new")).status_code == 403
    assert client.get(reverse("portfolio:goal_list")).status_code == 200
    with pytest.raises(PermissionDenied):
        services.strategy_goal_save(
            actor=get_user_model().objects.get(username="kontakt"), title="x", period_start=2025, period_end=2026
        )


def test_r40_goal_form_danish_errors_keep_input_and_a_pejlemaerke_supports_several_goals(client, login, demo):
    login("sekretariat")
    luna = Pejlemaerke.objects.get(short_name="LUNA")
    data = {"title": "Data til forskning", "description": "Beskrivelse", "period_start": 2027, "period_end": 2025}
    response = client.post(reverse("portfolio:goal_new"), {**data, "pejlemaerker": [luna.pk]})
    assert response.status_code == 400
    assert "Perioden kan ikke slutte før den begynder." in response.content.decode()
    assert "Data til forskning" in response.content.decode()
    response = client.post(reverse("portfolio:goal_new"), {**data, "period_end": 2028, "pejlemaerker": [luna.pk]})
    assert response.status_code == 302
    assert luna.strategy_goals.count() >= 2  # the demo's goal and this one


def test_r40_goal_page_and_dashboard_filter(client, login, demo):
    login("sekretariat")
    goal = StrategyGoal.objects.get(title="Sammenhængende forløb for patienten")
    members = set(goal.pejlemaerker.values_list("name", flat=True))
    html = client.get(goal.get_absolute_url()).content.decode()
    for name in members:
        assert name in html
    assert "Samlet status" in html
    month = add_months(month_start(timezone.localdate()), -1)
    dashboard = client.get(reverse("portfolio:dashboard") + f"?month={month:%Y-%m}&goal={goal.pk}")
    assert dashboard.status_code == 200
    shown = {r.pejlemaerke.name for r in dashboard.context["rows"]}
    assert shown and shown <= members
    everything = client.get(reverse("portfolio:dashboard") + f"?month={month:%Y-%m}")
    assert len(everything.context["rows"]) > len(shown)
    assert client.get(reverse("portfolio:dashboard") + "?goal=abc").status_code == 200


def test_r40_pejlemaerke_page_names_its_goals(client, login, demo):
    login("kontakt")
    luna = Pejlemaerke.objects.get(short_name="LUNA")
    html = client.get(luna.get_absolute_url()).content.decode()
    assert "Sammenhængende forløb for patienten" in html


def test_r40_goal_list_reads_the_portfolio_per_goal(client, login, demo):
    login("direktoer")
    response = client.get(reverse("portfolio:goal_list"))
    goals = {g.title: g for g in response.context["goals"]}
    goal = goals["Sammenhængende forløb for patienten"]
    assert goal.n == StrategyGoal.objects.get(pk=goal.pk).pejlemaerker.count()
    assert sum(goal.colour_counts.values()) <= goal.n
    assert "Porteføljen pr. strategisk mål" in response.content.decode()


def test_r40_goal_page_shows_the_benefits_targeted_and_the_newest_year_realised(client, login, demo):
    """A goal supported by Patologi (the demo's project in realisation) shows its benefits' targets and what the
    regions last reported, summed over them; a correction counts instead of the report it corrects."""
    from finance.models import RealisationReport

    patologi = Pejlemaerke.objects.get(short_name="Patologi")
    sekretariat = get_user_model().objects.get(username="sekretariat")
    goal = services.strategy_goal_save(
        actor=sekretariat, title="Hurtigere diagnoser", period_start=2024, period_end=2027, pejlemaerker=[patologi]
    )
    reports = RealisationReport.objects.filter(item__project__pejlemaerke=patologi)
    newest = max(reports.values_list("year", flat=True))
    benefit = reports.filter(year=newest).first().item.benefit
    latest: dict[int, RealisationReport] = {}
    for report in reports.filter(year=newest, item__benefit=benefit).order_by("number"):
        latest[report.item.region_id] = report
    expected = sum(r.realised for r in latest.values())
    login("sekretariat")
    response = client.get(goal.get_absolute_url())
    (shown,) = [b for b in response.context["benefits"] if b.benefit == benefit]
    assert (shown.realised, shown.realised_year) == (expected, newest)
    html = response.content.decode()
    assert benefit.description in html and "Realiseret" in html
