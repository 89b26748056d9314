"""Each input that once produced a 500 now gets a 404, a 400 or a Danish form error.

One test per cause the outside probe found (issue text "No input can produce a 500"). NUL bytes only
broke PostgreSQL, so those tests check the refusal itself (a 400 from the input middleware), which
holds on every database.
"""

import unicodedata
from datetime import date

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import bad_request

from finance.models import BusinessCase, ChangeRequest
from governance.models import AgendaItem, Meeting
from portfolio.models import Pejlemaerke
from projects.models import Project, RiskAssessment, RiskRecommendation
from rsi_portal.middleware_input import has_control

pytestmark = pytest.mark.django_db

REFUSED = "Ugyldige tegn"  # the heading of templates/400.html


@pytest.fixture
def as_user(client, demo):
    def _as(username):
        if username:
            client.force_login(get_user_model().objects.get(username=username))
        return client

    return _as


# --- Years and months out of range


@pytest.mark.parametrize("month", ["0001-01", "9999-12"])
def test_dashboard_month_out_of_range_is_a_form_error(as_user, month):
    response = as_user("sekretariat").get(reverse("portfolio:dashboard"), {"month": month})
    assert response.status_code == 200
    assert "Vælg en måned mellem 1900 og 2200." in response.content.decode()


def test_pejlemaerke_month_out_of_range_is_404(as_user):
    pejlemaerke = Pejlemaerke.objects.first()
    client = as_user("sekretariat")
    assert client.get(f"/projekter/status/pejlemaerke/{pejlemaerke.pk}/0001-01/").status_code == 404
    assert client.get(f"/projekter/status/pejlemaerke/{pejlemaerke.pk}/9999-12/").status_code == 404
    assert client.get(f"/projekter/status/pejlemaerke/{pejlemaerke.pk}/2026-13/").status_code == 404


def test_status_report_month_out_of_range_is_404(as_user):
    project = Project.objects.first()
    assert as_user("sekretariat").get(f"/projekter/{project.pk}/status/RH/0001-01/").status_code == 404


@pytest.mark.parametrize("year", ["0", "99999", "12345678901234567890"])
def test_collection_year_out_of_range_is_404(as_user, year):
    assert as_user("sekretariat").get(f"/oekonomi/opkraevning/{year}/").status_code == 404


def test_risk_request_date_out_of_range_is_a_form_error_with_input_kept(as_user):
    project = Project.objects.first()
    response = as_user("sekretariat").post(
        reverse("projects:risk_assessment_request", args=[project.pk]),
        {"requested_on": "9999-12-31", "budget": "12000000"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vælg en dato mellem 1900 og 2200." in html
    assert 'value="9999-12-31"' in html and 'value="12000000"' in html
    assert not RiskAssessment.objects.filter(project=project, requested_on__year=9999).exists()


def test_joint_system_year_superscript_two_is_a_form_error(as_user):
    response = as_user("sekretariat").get(reverse("governance:joint_system_list"), {"year": "²"})
    assert response.status_code == 200
    assert str(date.today().year) in response.content.decode()


# --- NUL bytes (PostgreSQL refuses them in text)


@pytest.mark.parametrize(
    ("url_name", "param"),
    [("finance:case_list", "q"), ("governance:matter_list", "route"), ("projects:risk_list", "profile")],
)
def test_nul_in_a_query_value_is_refused_with_400(as_user, url_name, param):
    response = as_user("sekretariat").get(reverse(url_name), {param: "a\x00b"})
    assert response.status_code == 400
    assert REFUSED in response.content.decode()


def test_nul_in_the_calendar_token_is_refused_for_anonymous(client, demo):
    response = client.get("/kalender/%00/mig.ics")
    assert response.status_code == 400
    assert REFUSED in response.content.decode()


def test_nul_in_the_change_request_note_is_refused_and_the_text_is_shown(as_user):
    pending = ChangeRequest.objects.filter(status="submitted").first()
    response = as_user("formand").post(
        reverse("finance:change_request_decide", args=[pending.pk]),
        {"decision": "reject", "note": "Ikke nu\x00, tak"},
    )
    assert response.status_code == 400
    assert "Ikke nu, tak" in response.content.decode()  # the user's text, without the NUL, to copy
    pending.refresh_from_db()
    assert pending.status == "submitted"


def test_nul_in_the_item_move_direction_is_refused(as_user):
    item = AgendaItem.objects.first()
    response = as_user("sekretariat").post(reverse("governance:item_move", args=[item.pk]), {"direction": "up\x00"})
    assert response.status_code == 400


# --- Forms that read ids and dates from the body


@pytest.mark.parametrize("approve_at", ["abc", ""])
def test_minutes_approve_at_garbage_is_a_form_error(as_user, approve_at):
    meeting = Meeting.objects.exclude(minutes="").first() or Meeting.objects.first()
    response = as_user("sekretariat").post(
        reverse("governance:meeting_minutes", args=[meeting.pk]), {"approve_at": approve_at}
    )
    assert response.status_code == 400
    assert "Vælg mødet, hvor referatet blev godkendt." in response.content.decode()


def test_gate_requirements_twenty_digit_id_is_a_form_error(as_user):
    response = as_user("sekretariat").post(
        reverse("projects:gate_requirements"), {"gate_analyse": "12345678901234567890"}
    )
    assert response.status_code == 400
    assert "12345678901234567890" in response.content.decode()


def test_risk_follow_up_checks_the_permission_before_the_lookup(as_user):
    assessment = RiskAssessment.objects.filter(recommendations__isnull=False).first()
    url = reverse("projects:risk_detail", args=[assessment.pk])
    data = {"action": "follow_up", "recommendation": "abc"}
    assert as_user("kontakt").post(url, data).status_code == 403


def test_risk_follow_up_with_a_bad_recommendation_is_a_form_error(as_user):
    assessment = RiskAssessment.objects.filter(recommendations__isnull=False).first()
    url = reverse("projects:risk_detail", args=[assessment.pk])
    response = as_user("sekretariat").post(url, {"action": "follow_up", "recommendation": "abc", "status": "done"})
    assert response.status_code == 400
    assert not RiskRecommendation.objects.filter(assessment=assessment, status="done", follow_up="abc").exists()


# --- The input middleware itself


def test_tab_and_line_breaks_in_a_form_value_pass_the_door(as_user):
    project = Project.objects.first()
    response = as_user("sekretariat").post(
        reverse("projects:risk_assessment_request", args=[project.pk]),
        {"requested_on": "2031-03-03", "budget": "x\t\r\n"},
    )
    assert response.status_code == 400
    assert REFUSED not in response.content.decode()  # the form's own error, not the door's


def test_a_control_character_in_a_header_is_refused(as_user):
    response = as_user("sekretariat").get(reverse("portfolio:home"), HTTP_USER_AGENT="probe\x00")
    assert response.status_code == 400


def test_a_session_cookie_with_a_nul_is_dropped_not_looked_up(client, demo):
    client.cookies[settings.SESSION_COOKIE_NAME] = "abc\x00defghijk"
    assert client.get(reverse("login")).status_code == 200


def test_the_400_page_renders_without_a_request_for_djangos_own_bad_request_handler(db):
    response = bad_request(RequestFactory().get("/"), SuspiciousOperation("probe"))
    assert response.status_code == 400
    assert "Forespørgslen kunne ikke behandles" in response.content.decode()


def test_version_diff_reads_its_two_versions_through_a_form(as_user):
    case = next(c for c in BusinessCase.objects.all() if c.versions.count() >= 2)
    url = reverse("finance:version_diff", args=[case.project_id])
    client = as_user("sekretariat")
    newest, previous = list(case.versions.order_by("-number"))[:2]
    response = client.get(url, {"a": "²", "b": "12345678901234567890"})
    assert response.status_code == 200
    assert (response.context["a"], response.context["b"]) == (previous, newest)
    oldest = case.versions.order_by("number").first()
    response = client.get(url, {"a": str(oldest.pk)})
    assert response.context["a"] == oldest


def test_control_characters_are_unicodes_cc_exactly():
    """Every code point is refused exactly when Unicode calls it a control character (category Cc)."""
    wrong = [hex(i) for i in range(0x110000) if has_control(chr(i)) != (unicodedata.category(chr(i)) == "Cc")]
    assert wrong == []
