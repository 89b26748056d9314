"""'Mit overblik': the secretariat's one-click R13 reminder, what awaits a decision and the week's årshjul;
the chair's decisions with their diff; the director's published pack; the status form's next-region flow and
its copy of last month's text (only on request)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from finance import services as finance_services
from finance.models import BusinessCase, ChangeRequest
from governance.models import PackVersion
from portfolio.audit import AuditEntry
from portfolio.dashboard.home import last_month, missing_by_person
from portfolio.models import AuditAction, ReminderKind, ReminderLog
from projects.models import StatusReport
from projects.selectors import reporting_regions
from tests.projects.status_support import MONTH, PREVIOUS, hm_project, luna_project, submit, url_month, user

pytestmark = pytest.mark.usefixtures("eager_tasks")


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _missing_person():
    """Someone with an e-mail address who owes a report for last month in the demo."""
    group = next(g for g in missing_by_person(last_month()) if g.person is not None and g.person.email)
    return group.person


@pytest.fixture
def remind(client, django_capture_on_commit_callbacks):
    """POST the one-click reminder; the outbox sends its job when the request's transaction commits."""

    def _remind(person, month=None):
        month = month or last_month()
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("portfolio:reminder_send"), {"user": person.pk, "period": f"{month:%Y-%m}"})

    return _remind


# --- R13: the one-click reminder


def test_r13_one_click_reminder_mails_the_person_records_it_and_shows_the_date(demo, client, login, remind):
    actor = login("sekretariat")
    person = _missing_person()
    mail.outbox.clear()
    response = remind(person)
    assert response.status_code == 302 and response["Location"] == reverse("portfolio:home")
    # (The message after the commit, "Påmindelsen til … er sendt.", is checked in the browser test.)
    assert [m.to for m in mail.outbox] == [[person.email]]
    assert "månedsstatus" in mail.outbox[0].subject.lower()
    log = ReminderLog.objects.get(user=person, period=last_month(), kind=ReminderKind.MANUAL)
    assert log.items  # the missing reports named in the mail
    entry = AuditEntry.objects.filter(action=AuditAction.REMINDER_MANUAL).latest("at")
    assert entry.actor == actor
    html = client.get("/").content.decode()
    assert f"påmindet {timezone.localdate().day}." in html


def test_r13_the_one_click_reminder_goes_once_a_month(demo, client, login, remind):
    login("sekretariat")
    person = _missing_person()
    remind(person)
    mail.outbox.clear()
    response = remind(person)
    assert response.status_code == 302
    assert "er allerede påmindet" in _messages(response)[-1]
    assert mail.outbox == []
    assert ReminderLog.objects.filter(user=person, kind=ReminderKind.MANUAL).count() == 1


def test_r13_no_reminder_to_someone_who_owes_nothing_and_a_stale_form_is_no_500(demo, client, login, remind):
    login("sekretariat")
    response = remind(user("kontakt"))
    assert response.status_code == 302 and "mangler ingen rapporter" in _messages(response)[-1]
    response = client.post(reverse("portfolio:reminder_send"), {"user": "999999", "period": "2026-13"})
    assert response.status_code == 302 and "forældet" in _messages(response)[-1]
    assert mail.outbox == []


def test_r13_only_the_secretariat_sends_the_one_click_reminder(demo, client, login, remind):
    login("projektleder")
    assert remind(_missing_person()).status_code == 403
    assert client.get(reverse("portfolio:reminder_send")).status_code == 405
    assert not ReminderLog.objects.filter(kind=ReminderKind.MANUAL).exists()


# --- The secretariat: what awaits a decision, and the week's årshjul


def test_secretariat_home_lists_change_requests_gate_decisions_and_this_weeks_aarshjul(demo, client, login):
    login("sekretariat")
    case = BusinessCase.objects.select_related("project").filter(change_requests__status="submitted").first()
    request = case.change_requests.filter(status="submitted").first()
    response = client.get("/")
    html = response.content.decode()
    assert "Ændringsanmodninger" in html and request.title in html
    assert reverse("finance:case_detail", args=[case.project_id]) in html
    assert "Gatebeslutninger" in html
    for status in response.context["sek"]["gates_ready"]:
        assert status.can_pass and reverse("projects:project_gates", args=[status.project.pk]) in html
    week = response.context["sek"]["week_events"]
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    assert all(e.start < monday + timedelta(days=7) and e.end > monday for e in week)
    assert "Årshjulet i denne uge" in html
    for event in week:
        assert str(event.title) in html


# --- The chair: decisions with their amount and diff, buttons first


def test_formand_sees_the_draft_versions_changes_against_the_version_before(demo, client, login):
    login("formand")
    actor = user("sekretariat")
    case = BusinessCase.objects.get(project=luna_project())
    draft = case.versions.filter(status="draft").first() or finance_services.version_new(
        actor=actor, business_case=case, change_reason="Ny leverance"
    )
    finance_services.version_update(
        actor=actor,
        version=draft,
        start_date=draft.start_date,
        end_date=draft.end_date + timedelta(days=90),
        scope=draft.scope,
        change_reason="Tre måneder mere",
        buffer=draft.buffer,
    )
    html = client.get("/").content.decode()
    section = html[html.index("Afventer din beslutning") :]
    assert f"til version {draft.number}</caption>" in section
    assert "Projektslut" in section
    assert section.index(f'Godkend<span class="visually-hidden"> – version {draft.number}') < section.index(
        f"Business case, version {draft.number}"
    )
    assert reverse("finance:version_decide", args=[draft.pk]) in section


def test_formand_sees_each_change_requests_amount_and_approves_it_from_home(demo, client, login):
    login("formand")
    case = BusinessCase.objects.get(project=luna_project())
    request = finance_services.change_request_file(
        actor=user("sekretariat"),
        business_case=case,
        title="Ekstra test",
        description="Mere test",
        amount=Decimal("12500"),
        year=2027,
    )
    html = client.get("/").content.decode()
    assert "Ekstra test" in html and "12.500,00 kr." in html
    assert 'name="next" value="/"' in html  # decided on the home page, the chair comes back to it
    url = reverse("finance:change_request_decide", args=[request.pk])
    response = client.post(url, {"decision": "approve", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert ChangeRequest.objects.get(pk=request.pk).status == "approved"
    assert _messages(response)[-1] == "Ændringsanmodningen er godkendt."


def test_a_decision_never_redirects_off_the_portal(demo, client, login):
    login("formand")
    case = BusinessCase.objects.get(project=luna_project())
    request = finance_services.change_request_file(
        actor=user("sekretariat"), business_case=case, title="Ud", description="x", amount=Decimal("100"), year=2027
    )
    url = reverse("finance:change_request_decide", args=[request.pk])
    response = client.post(url, {"decision": "approve", "next": "https://evil.example/"})
    assert response["Location"] == reverse("finance:case_detail", args=[case.project_id])


# --- The director: the published pack one click from home


def test_director_home_links_the_demo_meetings_published_pack_with_its_date(demo, client, login):
    login("direktoer")
    version = PackVersion.objects.filter(meeting__body__kind="RSI_DK").order_by("-published_at").first()
    assert version is not None, "the demo publishes the next RSI DK meeting's pack"
    html = client.get("/").content.decode()
    assert reverse("governance:pack_current", args=[version.meeting_id]) in html
    assert "Udsendt" in html


# --- The status form: the next region, and last month's text only on request


def _form_url(project, code, period=MONTH):
    return reverse("projects:status_report_edit", args=[project.pk, code, url_month(period)])


def test_r9_after_one_region_the_next_region_still_due_opens(demo, client, login):
    login("projektleder")
    project = luna_project()
    first, second, *rest = reporting_regions(project)
    response = client.post(_form_url(project, first.code), {"action": "submit", "colour": "green", "overall": "Ok"})
    assert response.status_code == 302
    assert response["Location"] == _form_url(project, second.code)
    assert _messages(response) == [f"Rapporten for {first.name} er indsendt – nu {second.name}."]
    for region in rest:  # the others are in already: after the second one, the report just submitted
        submit(project, region.code, "green", actor="projektleder")
    response = client.post(_form_url(project, second.code), {"action": "submit", "colour": "green", "overall": "Ok"})
    submitted = StatusReport.objects.get(project=project, region=second, period=MONTH)
    assert response["Location"] == reverse("projects:status_report_detail", args=[submitted.pk])
    assert _messages(response)[-1] == "Rapporten er indsendt."
    assert StatusReport.objects.filter(project=project, period=MONTH, state="submitted").count() == 1 + 1 + len(rest)


def test_r9_the_form_starts_empty_and_copies_last_months_text_only_on_request(demo, client, login):
    project = hm_project("RN")
    submit(project, "RN", "green", period=PREVIOUS, actor="regional", overall="Alt kører", tid="Til tiden")
    login("regional")
    html = client.get(_form_url(project, "RN")).content.decode()
    assert "Alt kører" not in html and "Til tiden" not in html
    assert "checked" not in html.split('id="id_colour"', 1)[1].split("</fieldset>", 1)[0]
    assert "Kopiér sidste måneds tekst" in html and 'href="?kopier=1"' in html
    html = client.get(_form_url(project, "RN") + "?kopier=1").content.decode()
    assert "Alt kører" in html and "Til tiden" in html
    assert "Teksten er kopieret fra rapporten for" in html
    # The colour is never copied: a red month does not start as last month's green.
    assert "checked" not in html.split('id="id_colour"', 1)[1].split("</fieldset>", 1)[0]


def test_r9_a_saved_draft_is_kept_and_no_copy_is_offered_without_last_month(demo, client, login):
    project = hm_project("RN")
    login("regional")
    client.post(_form_url(project, "RN"), {"action": "draft", "colour": "red", "overall": "Min kladde"})
    html = client.get(_form_url(project, "RN")).content.decode()
    assert "Min kladde" in html and 'value="red" id="id_colour_2" checked' in html
    assert "Kopiér sidste måneds tekst" not in html  # no report for the month before
