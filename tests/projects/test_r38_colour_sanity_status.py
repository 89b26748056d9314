"""R38: the forecast on the status form, held against the approved business case; where the flag shows;
the stale-status mark. Real services, selectors and pages on the demo data."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from governance.selectors import portfolio_appendix
from portfolio.rhythm.reports import render_report_xlsx
from portfolio.rhythm.selectors import monthly_report_data
from projects import selectors, services
from projects.models import StatusReport
from projects.rules import STALE_MONTHS
from rsi_portal.dates import add_months

from .status_support import MONTH, PREVIOUS, hm_project, region, submit, url_month, user

# Region Nordjylland's own hjemmemonitorering project: approved 1.800.000 kr. + 150.000 kr. buffer, ends 31.12.2027.
BASELINE = Decimal("1950000.00")
PLANNED_END = date(2027, 12, 31)


def form_url(project, code="RN", period=MONTH):
    return reverse("projects:status_report_edit", args=[project.pk, code, url_month(period)])


def row_for(short_name, month=MONTH, **filters):
    rows = selectors.portfolio_status(month, **filters)
    return next((r for r in rows if r.pejlemaerke.short_name == short_name), None)


def test_r38_the_forecast_is_stored_on_the_report_and_its_version(demo):
    project = hm_project("RN")
    report = submit(project, "RN", "green", actor="regional", forecast_cost="2300000", expected_end=PLANNED_END)
    report.refresh_from_db()
    assert report.forecast_cost == Decimal("2300000.00")
    assert report.expected_end == PLANNED_END
    version = report.versions.get()
    assert (version.forecast_cost, version.expected_end) == (Decimal("2300000.00"), PLANNED_END)
    assert report.colour == "green"  # the flag never changes the reported colour


def test_r38_the_forecast_may_be_left_empty(demo):
    report = submit(hm_project("RN"), "RN", "green", actor="regional")
    assert report.forecast_cost is None and report.expected_end is None


@pytest.mark.parametrize("bad", ["abc", "-1", "NaN", "Infinity", "1e30"])
def test_r38_the_service_refuses_a_bad_forecast_in_danish(demo, bad):
    with pytest.raises(ValidationError) as error:
        submit(hm_project("RN"), "RN", "green", actor="regional", forecast_cost=bad)
    assert "forventede samlede udgift" in str(error.value.message_dict["forecast_cost"])
    assert not StatusReport.objects.filter(project=hm_project("RN"), period=MONTH).exists()


def test_r38_green_over_budget_is_flagged_red_on_the_dashboard_row_with_its_figures(demo):
    project = hm_project("RN")
    submit(project, "RN", "green", actor="regional", forecast_cost="2300000", expected_end=PLANNED_END)
    row = row_for("Hjemmemonitorering")
    assert "numbers_red" in row.flag_codes
    label = next(f.label for f in row.flags if f.code == "numbers_red")
    assert label == "Tallene peger på rød – prognose 2,3 mio. kr. mod 2,0 mio. kr. godkendt, +17,9 %"
    assert row.sanity.flag.colour == "red"
    assert row_for("Hjemmemonitorering", numbers="flagged") is not None
    assert row_for("Hjemmemonitorering", numbers="no_forecast") is None


def test_r38_a_slipping_end_date_points_to_yellow(demo):
    submit(hm_project("RN"), "RN", "green", actor="regional", expected_end=date(2028, 2, 15))
    row = row_for("Hjemmemonitorering")
    flag = next(f for f in row.flags if f.code.startswith("numbers_"))
    assert flag.code == "numbers_yellow"
    assert flag.label == "Tallene peger på gul – forventet slut 15. februar 2028 mod 31. december 2027 godkendt"


def test_r38_numbers_within_the_plan_or_a_red_report_raise_no_flag(demo):
    submit(hm_project("RN"), "RN", "green", actor="regional", forecast_cost="2000000", expected_end=PLANNED_END)
    assert not {c for c in row_for("Hjemmemonitorering").flag_codes if c.startswith("numbers_")}
    assert row_for("Hjemmemonitorering", numbers="flagged") is None


def test_r38_a_missing_forecast_gives_no_flag_and_says_ingen_prognose(demo):
    submit(hm_project("RN"), "RN", "green", actor="regional")
    row = row_for("Hjemmemonitorering")
    assert row.sanity.flag is None and row.sanity.no_forecast
    assert row_for("Hjemmemonitorering", numbers="no_forecast") is not None


def test_r38_the_dashboard_shows_the_flag_and_filters_on_it(demo, client, login):
    submit(hm_project("RN"), "RN", "green", actor="regional", forecast_cost="2300000")
    login("sekretariat")
    html = client.get(f"/dashboard/?month={url_month()}&numbers=flagged", secure=True).content.decode()
    assert "flag-numbers_red" in html and "Tallene peger på rød" in html and "+17,9 %" in html
    assert "Fælles mål for hjemmemonitorering" in html
    html = client.get(f"/dashboard/?month={url_month()}&numbers=stale", secure=True).content.decode()
    assert "Fælles mål for hjemmemonitorering" not in html


def test_r38_last_months_forecast_is_copied_on_request_and_warns_before_submitting(demo, client, login):
    project = hm_project("RN")
    submit(project, "RN", "green", period=PREVIOUS, actor="regional", forecast_cost="2100000")
    login("regional")
    html = client.get(form_url(project)).content.decode()
    assert 'name="forecast_cost" value="2100000' not in html  # nothing of last month unasked
    html = client.get(form_url(project) + "?kopier=1").content.decode()
    assert 'name="forecast_cost" value="2100000' in html
    assert "1.950.000,00 kr." in html and "31. december 2027" in html  # the approved baseline
    # Picking green with these numbers warns (the form redraws the warning as the colour is chosen).
    sanity_url = reverse("projects:status_sanity_check", args=[project.pk, "RN", url_month()])
    html = client.post(sanity_url, {"colour": "green", "forecast_cost": "2100000"}).content.decode()
    assert "Dine tal peger på gul – er grøn rigtig?" in html
    assert "Prognose 2,1 mio. kr. mod 2,0 mio. kr. godkendt, +7,7 %" in html
    # The leader submits green anyway: the colour stays green and the flag goes beside it.
    response = client.post(
        form_url(project),
        {"action": "submit", "colour": "green", "overall": "Som planlagt", "forecast_cost": "2100000"},
    )
    assert response.status_code == 302
    assert StatusReport.objects.get(project=project, region__code="RN", period=MONTH).colour == "green"
    assert "numbers_yellow" in row_for("Hjemmemonitorering").flag_codes


def test_r38_no_warning_when_the_colour_already_matches_the_numbers(demo, client, login):
    project = hm_project("RN")
    login("regional")
    response = client.post(
        form_url(project),
        {"action": "draft", "colour": "yellow", "overall": "x", "risici": "y", "forecast_cost": "2100000"},
    )
    assert response.status_code == 302
    html = client.get(form_url(project)).content.decode()
    assert "Dine tal peger på" not in html


def test_r38_a_bad_forecast_on_the_form_keeps_the_input_with_a_danish_message(demo, client, login):
    project = hm_project("RN")
    login("regional")
    response = client.post(
        form_url(project),
        {
            "action": "submit",
            "colour": "green",
            "overall": "Min tekst",
            "forecast_cost": "tolv mio",
            "expected_end": "x",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Skriv den forventede samlede udgift som et beløb i kroner" in html
    assert "Skriv datoen som ÅÅÅÅ-MM-DD." in html
    assert "Min tekst" in html and 'value="tolv mio"' in html
    assert not StatusReport.objects.filter(project=project, period=MONTH).exists()


def test_r38_a_project_without_an_approved_business_case_says_so(demo, client, login):
    project = hm_project("RM")
    login("sekretariat")
    html = client.get(form_url(project, "RM")).content.decode()
    assert "ingen godkendt business case" in html


def test_r38_a_region_unchanged_for_six_months_is_marked_stale(demo):
    project = hm_project("RN")
    first = add_months(MONTH, -(STALE_MONTHS - 1))
    for i in range(STALE_MONTHS):
        submit(project, "RN", "green", period=add_months(first, i), actor="regional", overall="Alt kører.")
    report = StatusReport.objects.get(project=project, region=region("RN"), period=MONTH)
    assert report.unchanged_months == STALE_MONTHS
    row = row_for("Hjemmemonitorering")
    assert "Region Nordjylland: uændret i 6 måneder" in [f.label for f in row.flags if f.code == "stale"]
    assert row_for("Hjemmemonitorering", numbers="stale") is not None
    # Five months the same are not yet stale.
    assert not row_for("Hjemmemonitorering", month=add_months(MONTH, -1)).sanity.stale


def test_r38_a_changed_text_or_colour_restarts_the_count(demo):
    project = hm_project("RN")
    submit(project, "RN", "green", period=PREVIOUS, actor="regional", overall="Alt kører.")
    same = submit(project, "RN", "green", actor="regional", overall="Alt kører.")
    assert same.unchanged_months == 2
    changed = submit(project, "RN", "green", period=add_months(MONTH, 1), actor="regional", overall="Nyt.")
    assert changed.unchanged_months == 1
    recoloured = submit(project, "RN", "yellow", period=add_months(MONTH, 2), actor="regional", overall="Nyt.")
    assert recoloured.unchanged_months == 1


def test_r38_a_correction_recounts_against_the_month_before(demo):
    project = hm_project("RN")
    submit(project, "RN", "green", period=PREVIOUS, actor="regional", overall="Alt kører.")
    report = submit(project, "RN", "green", actor="regional", overall="Andet.")
    assert report.unchanged_months == 1
    services.status_report_correct(
        actor=user("regional"), report=report, reason="Skrev forkert", colour="green", overall="Alt kører."
    )
    report.refresh_from_db()
    assert report.unchanged_months == 2


def test_r38_the_month_is_read_in_one_query_whatever_its_size(demo, django_assert_num_queries):
    submit(hm_project("RN"), "RN", "green", actor="regional", forecast_cost="2300000")
    ids = list(selectors.portfolio_status(MONTH)[0].pejlemaerke.__class__.objects.values_list("pk", flat=True))
    with django_assert_num_queries(1):
        sanity = selectors.month_sanity(MONTH, ids)
    assert any(entry.flag is not None for entry in sanity.values())


def test_r38_the_warning_is_redrawn_as_the_leader_types_and_saves_nothing(demo, client, login):
    project = hm_project("RN")
    url = reverse("projects:status_sanity_check", args=[project.pk, "RN", url_month()])
    login("regional")
    html = client.post(url, {"colour": "green", "forecast_cost": "2300000"}).content.decode()
    assert "Dine tal peger på rød – er grøn rigtig?" in html and "+17,9 %" in html
    html = client.post(url, {"colour": "red", "forecast_cost": "2300000"}).content.decode()
    assert "Dine tal peger på" not in html
    html = client.post(url, {"colour": "green", "forecast_cost": "noget"}).content.decode()
    assert "Dine tal peger på" not in html and "1.950.000,00 kr." in html
    assert not StatusReport.objects.filter(project=project, period=MONTH).exists()
    login("kontakt")
    assert client.post(url, {"colour": "green"}).status_code == 403
    assert client.get(url).status_code in (403, 405)


def test_r38_the_monthly_report_and_the_pack_appendix_show_the_flag(demo):
    submit(hm_project("RN"), "RN", "green", actor="regional", forecast_cost="2300000")
    data = monthly_report_data(MONTH)
    status = next(s for s in data["statuses"] if s.pejlemaerke.short_name == "Hjemmemonitorering")
    assert [f.code for f in status.sanity_flags] == ["numbers_red"]
    # The flag never changes the reported colour.
    assert next(rc.colour for rc in status.region_colours if rc.region.code == "RN") == "green"
    workbook_bytes = render_report_xlsx(data)
    sheet = load_workbook(BytesIO(workbook_bytes)).worksheets[0]
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "Tallene" in values
    assert any(isinstance(v, str) and v.startswith("Tallene peger på rød – prognose 2,3 mio. kr.") for v in values)
    appendix = next(s for s in portfolio_appendix(MONTH) if s.pejlemaerke.short_name == "Hjemmemonitorering")
    assert appendix.sanity_flags[0].label.startswith("Tallene peger på rød")
