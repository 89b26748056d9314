"""R37: RITA's and SYS's quarterly reports to IT5: due at IT5's first meeting after the quarter (R28's
agenda deadline), an orientation item on that agenda with the file as Bilag, and flagged when missing."""

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from governance import selectors, services
from governance.models import AgendaItem, Meeting, QuarterlyReminder, QuarterlyReport
from governance.quarterly_reads import recent_quarters
from governance.rules import agenda_due, quarter_end, quarter_label, quarter_start, quarterly_due
from portfolio.models import Body, BodyKind, BodyMembership, MemberRole
from portfolio.rhythm.services import reminders_send


def user(name):
    return get_user_model().objects.get(username=name)


def body(kind):
    return Body.objects.get(kind=kind)


def test_r37_quarters_and_their_ends():
    assert quarter_start(date(2026, 8, 17)) == date(2026, 7, 1)
    assert quarter_end(date(2026, 7, 1)) == date(2026, 9, 30)
    assert quarter_end(date(2026, 10, 1)) == date(2026, 12, 31)
    assert quarter_label(date(2026, 10, 1)) == "4. kvartal 2026"
    assert recent_quarters(date(2026, 12, 1), 2) == [date(2026, 7, 1), date(2026, 4, 1)]
    assert recent_quarters(date(2027, 1, 1), 1) == [date(2026, 10, 1)]


def test_r37_due_at_the_agenda_deadline_of_it5s_first_meeting_after_the_quarter():
    days = [date(2026, 9, 30), date(2026, 11, 4), date(2026, 10, 21)]
    assert quarterly_due(date(2026, 7, 1), days) == (date(2026, 10, 21), agenda_due(date(2026, 10, 21)))
    assert agenda_due(date(2026, 10, 21)) == date(2026, 10, 14)
    assert quarterly_due(date(2026, 10, 1), days) is None  # no IT5 meeting planned after the quarter yet


def test_r37_the_demo_misses_exactly_ritas_report_for_the_quarter_before_last(demo):
    today = timezone.localdate()
    missing = selectors.quarterly_missing(today)
    assert [(m.body.kind, m.quarter) for m in missing] == [("RITA", recent_quarters(today)[1])]
    assert missing[0].due_on < today and missing[0].meeting.body.kind == "IT5"


def test_r37_a_submitted_report_becomes_an_orientation_item_with_its_file_as_bilag(demo):
    today = timezone.localdate()
    quarter = recent_quarters(today)[0]
    meeting = services.due_meeting(quarter)
    assert meeting.body.kind == BodyKind.IT5 and meeting.day > quarter_end(quarter)
    upload = SimpleUploadedFile("sys-rapport.pdf", _pdf_bytes(), content_type="application/pdf")
    report = services.quarterly_report_submit(
        actor=user("sekretariat"), body=body("SYS"), quarter=quarter, text="Stabil drift i kvartalet.", upload=upload
    )
    item = AgendaItem.objects.get(pk=report.item_id)
    assert item.meeting == meeting
    assert item.title == f"Kvartalsrapport fra SYS, {quarter_label(quarter)}"
    assert item.resume == "Stabil drift i kvartalet."
    assert "orienteringen til efterretning" in item.indstilling
    assert [a.number for a in item.attachments.all()] == [1] and report.attachment.item == item
    status = next(s for s in selectors.quarterly_status(today) if s.body.kind == "SYS" and s.quarter == quarter)
    assert status.report == report and not status.missing


def test_r37_refused_twice_for_another_body_or_without_text(demo):
    quarter = recent_quarters(timezone.localdate())[0]
    services.quarterly_report_submit(actor=user("sekretariat"), body=body("SYS"), quarter=quarter, text="Første.")
    with pytest.raises(ValidationError, match="allerede indsendt"):
        services.quarterly_report_submit(actor=user("sekretariat"), body=body("SYS"), quarter=quarter, text="Igen.")
    with pytest.raises(ValidationError, match="Kun RITA og SYS"):
        services.quarterly_report_submit(actor=user("sekretariat"), body=body("PMO5"), quarter=quarter, text="x")
    with pytest.raises(ValidationError, match="Skriv rapportens tekst"):
        services.quarterly_report_submit(
            actor=user("sekretariat"), body=body("RITA"), quarter=date(2020, 1, 1), text=" "
        )
    assert QuarterlyReport.objects.filter(body__kind="SYS", quarter=quarter).count() == 1


def test_r37_without_a_later_it5_meeting_the_report_cannot_be_placed(demo):
    with pytest.raises(ValidationError, match="IT5 har endnu intet møde"):
        services.quarterly_report_submit(
            actor=user("sekretariat"), body=body("SYS"), quarter=date(2099, 10, 1), text="For tidligt."
        )


def test_r37_only_the_secretariat_files_a_report(demo, client, login):
    url = reverse("governance:quarterly_reports")
    for name in ("projektleder", "direktoer", "kontakt"):
        login(name)
        assert client.get(url).status_code == 403
        assert client.post(url, {"body": body("SYS").pk, "text": "x"}).status_code == 403


def test_r37_the_page_files_a_report_and_keeps_the_input_on_error(demo, client, login):
    quarter = recent_quarters(timezone.localdate())[0]
    url = reverse("governance:quarterly_reports")
    login("sekretariat")
    html = client.get(url).content.decode()
    assert "Manglende kvartalsrapporter" in html
    response = client.post(url, {"body": body("SYS").pk, "quarter": f"{quarter:%Y-%m-%d}", "text": ""})
    assert response.status_code == 400 and "Skriv rapportens tekst." in response.content.decode()
    response = client.post(url, {"body": body("SYS").pk, "quarter": "1999-01-01", "text": "Min tekst"})
    assert response.status_code == 400 and "Min tekst" in response.content.decode()
    response = client.post(url, {"body": body("SYS").pk, "quarter": f"{quarter:%Y-%m-%d}", "text": "Stabil drift."})
    assert response.status_code == 302
    assert QuarterlyReport.objects.get(body__kind="SYS", quarter=quarter).item.meeting.body.kind == "IT5"


def test_r37_the_missing_report_is_flagged_on_it5s_meeting_page_and_the_secretariats_home(demo, client, login):
    today = timezone.localdate()
    missing = selectors.quarterly_missing(today)[0]
    login("sekretariat")
    html = client.get(missing.meeting.get_absolute_url()).content.decode()
    assert f"RITA har ikke indsendt rapporten for {missing.quarter_label}" in html
    other = Meeting.objects.filter(body__kind="IT5").exclude(pk=missing.meeting.pk).first()
    assert "Manglende kvartalsrapporter" not in client.get(other.get_absolute_url()).content.decode()
    home = client.get("/").content.decode()
    assert "Manglende kvartalsrapporter til IT5" in home and f"RITA: {missing.quarter_label}" in home
    login("projektleder")
    assert "Manglende kvartalsrapporter til IT5" not in client.get("/").content.decode()


def test_r37_status_is_read_in_a_constant_number_of_queries(demo, django_assert_num_queries):
    today = timezone.localdate()
    with django_assert_num_queries(3):
        rows = selectors.quarterly_status(today)
    assert len(rows) == 8
    with django_assert_num_queries(3):
        selectors.quarterly_status(today + timedelta(days=400), count=8)


def _pdf_bytes() -> bytes:
    from weasyprint import HTML  # heavy; only this test needs a real PDF

    return HTML(string="<p>Kvartalsrapport</p>").write_pdf()


def test_r37_the_chair_is_reminded_once_from_a_week_before_the_deadline(demo, mailoutbox):
    today = timezone.localdate()
    quarter = recent_quarters(today)[0]
    sys_row = next(r for r in selectors.quarterly_status(today) if r.body.kind == "SYS" and r.quarter == quarter)
    chair = BodyMembership.objects.get(body=body("SYS"), role=MemberRole.CHAIR).user
    chair.email = chair.email or "formand-sys@example.org"
    chair.save()
    assert services.quarterly_reminders_send(today=sys_row.due_on - timedelta(days=8)) == {}
    mailoutbox.clear()
    reminders_send(today=sys_row.due_on - timedelta(days=2))  # the rhythm's daily tick runs it
    mails = [m for m in mailoutbox if "kvartalsrapport fra SYS" in m.subject]
    assert [m.to for m in mails] == [[chair.email]]
    assert quarter_label(quarter) in mails[0].body and "IT5" in mails[0].body
    assert QuarterlyReminder.objects.filter(body=body("SYS"), quarter=quarter, user=chair).count() == 1
    assert services.quarterly_reminders_send(today=sys_row.due_on) == {}  # once only
    assert services.quarterly_reminders_send(today=sys_row.due_on + timedelta(days=1)) == {}  # after: none
