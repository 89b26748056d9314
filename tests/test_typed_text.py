"""Text that users type is never dropped: not by the browser, not by a refused form, not by a race."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from finance.models import BusinessCase
from finance.rules import VersionStatus
from projects.models import RiskRecommendation, StatusReport
from tests.projects.status_support import MONTH, hm_project, submit, url_month

pytestmark = pytest.mark.django_db

PASTE = ("Leverandøren har meldt forsinkelse på integrationen. " * 60)[:2649] + "."


def _form_url(project, code="RN"):
    return reverse("projects:status_report_edit", args=[project.pk, code, url_month(MONTH)])


def test_r9_status_texts_are_not_cut_by_the_browser_and_have_a_live_counter(demo, client, login):
    login("regional")
    html = client.get(_form_url(hm_project("RN"))).content.decode()
    overall = re.search(r"<textarea[^>]*name=\"overall\"[^>]*>", html).group(0)
    assert not re.search(r"\smaxlength=", overall)  # the browser would cut a paste silently
    assert 'data-maxlength="2000"' in overall
    assert re.search(r'<script src="[^"]*js/charcount\.js"', html)
    assert "<script>" not in html  # no inline script (CSP)


def test_r9_a_text_over_the_limit_is_refused_with_the_whole_text_kept(demo, client, login):
    login("regional")
    project = hm_project("RN")
    response = client.post(_form_url(project), {"action": "draft", "overall": PASTE})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Teksten er på 2650 tegn; der er plads til højst 2000. Forkort den." in html
    assert PASTE in html
    assert not StatusReport.objects.filter(project=project, period=MONTH).exists()


def test_r9_line_breaks_count_once_as_in_the_browser(demo, client, login):
    login("regional")
    text = "a\r\n" * 999 + "b"  # 1,999 characters in the browser, 2,998 bytes on the wire
    response = client.post(_form_url(hm_project("RN")), {"action": "draft", "overall": text})
    assert response.status_code == 302


def test_r9_a_report_submitted_by_another_user_while_typing_keeps_the_typed_text(demo, client, login):
    project = hm_project("RN")
    login("regional")
    client.get(_form_url(project))  # the regional contact opens the form …
    theirs = submit(project, "RN", "green", actor="sekretariat")  # … and the secretariat submits meanwhile
    mine = "Min egen tekst om måneden, skrevet mens sekretariatet indsendte."
    response = client.post(
        _form_url(project), {"action": "submit", "colour": "yellow", "overall": mine, "risici": "Min risiko"}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Rapporten blev indsendt, mens du skrev" in html
    assert mine in html and "Min risiko" in html
    assert reverse("projects:status_report_detail", args=[theirs.pk]) in html
    theirs.refresh_from_db()
    assert theirs.colour == "green" and theirs.version == 1


def test_r23_a_new_version_while_a_draft_exists_keeps_the_reason(demo, client, login):
    case = BusinessCase.objects.filter(versions__status=VersionStatus.DRAFT).select_related("project").first()
    login("sekretariat")
    reason = "Ny tidsplan efter leverandørens forsinkelse"
    response = client.post(reverse("finance:version_new", args=[case.project_id]), {"change_reason": reason})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Der er allerede en kladde" in html and reason in html


def test_r27_an_invalid_budget_on_the_risk_request_keeps_the_input(demo, client, login):
    project = hm_project("RN")
    login("sekretariat")
    response = client.post(
        reverse("projects:risk_assessment_request", args=[project.pk]),
        {"requested_on": "2031-03-03", "budget": "12 mio"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="12 mio"' in html and 'value="2031-03-03"' in html
    assert "Anmod om risikovurdering" in html
    assert not project.risk_assessments.filter(budget_at_request=Decimal("12000000")).exists()


def test_r27_a_follow_up_through_the_page_is_saved_and_a_refused_one_keeps_its_note(demo, client, login):
    recommendation = RiskRecommendation.objects.select_related("assessment").first()
    url = reverse("projects:risk_detail", args=[recommendation.assessment_id])
    login("sekretariat")
    note = "Styregruppen har fået et nyt kommissorium"
    data = {"action": "follow_up", "recommendation": recommendation.pk, "status": "bogus", "follow_up": note}
    response = client.post(url, data)
    assert response.status_code == 400
    assert f'value="{note}"' in response.content.decode()
    response = client.post(url, {**data, "status": "done"})
    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.follow_up) == ("done", note)
