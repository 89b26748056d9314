"""A worker killed mid-task (SIGKILL, no warm shutdown): the work is taken over and no file is left
behind under a name a row could point to (failures 1b and 4)."""

from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from governance import services as governance_services
from governance.models import PackStatus
from portfolio.models import BodyKind, MonthlyReport
from tests.governance.factories import AgendaItemFactory, BodyFactory, MeetingFactory, SekretariatFactory
from tests.reliability.conftest import broker_at, wait_for

PERIOD = date(2026, 10, 1)
FAST_RECOVERY = {
    # Minutes in production, seconds here; the same order: a render < its lease < the visibility timeout.
    "RSI_PACK_RENDER_LEASE_SECONDS": 10,
    "CELERY_VISIBILITY_TIMEOUT": 12,
    "CELERY_UNACKED_RESTORE_SECONDS": 1,
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
}


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_r30_a_render_whose_worker_was_killed_is_taken_over_by_the_redelivered_task(start_worker, settings):
    settings.RSI = {**settings.RSI, "PACK_RENDER_LEASE_SECONDS": FAST_RECOVERY["RSI_PACK_RENDER_LEASE_SECONDS"]}
    meeting = MeetingFactory(body=BodyFactory(kind=BodyKind.RSI_DK, name=str(BodyKind.RSI_DK.label)))
    for number in range(4):
        AgendaItemFactory(meeting=meeting, title=f"Punkt {number}", resume="Et resumé med nogen tekst. " * 40)
    first = start_worker(**FAST_RECOVERY)
    with broker_at(start_worker.redis_url, queue=start_worker.queue), transaction.atomic():
        pack = governance_services.agenda_pack_request(actor=SekretariatFactory(), meeting=meeting, members_view=True)

    def running():
        pack.refresh_from_db()
        return pack.status == PackStatus.RUNNING

    wait_for(running, timeout=60, interval=0.02, message=first.log())
    first.kill()  # mid-render: the message was taken but never acknowledged
    pack.refresh_from_db()
    assert pack.status == PackStatus.RUNNING and not pack.file

    second = start_worker(**FAST_RECOVERY)  # Redis hands the message out again after the visibility timeout

    def done():
        pack.refresh_from_db()
        return pack.status in (PackStatus.DONE, PackStatus.FAILED)

    wait_for(done, timeout=90, interval=0.2, message=f"pack stays {pack.status} at {pack.progress} %\n{second.log()}")
    assert pack.status == PackStatus.DONE and pack.pages > 1
    assert (settings.MEDIA_ROOT / pack.file.name).is_file()


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_after_writing_the_report_pdf_leaves_no_file_a_retry_collides_with(
    start_worker, settings, capsys
):
    """An empty portfolio still makes a report (a PDF and a spreadsheet); what is tested is the files."""
    from portfolio.rhythm import services as rhythm_services

    MonthlyReport.objects.filter(period=PERIOD).delete()
    worker = start_worker(**FAST_RECOVERY)
    folder = settings.MEDIA_ROOT / "reports" / f"{PERIOD:%Y-%m}" / "v1"
    with broker_at(start_worker.redis_url, queue=start_worker.queue) as app:
        app.send_task("portfolio.tasks.generate_monthly_report", args=[PERIOD.isoformat()], ignore_result=True)
        # Kill the worker the moment the PDF is on disk (the spreadsheet and the commit come after it).
        wait_for(lambda: folder.is_dir() and any(folder.iterdir()), timeout=90, interval=0.005, message=worker.log())
        worker.kill()
    assert not MonthlyReport.objects.filter(period=PERIOD).exists()
    final_pdf = folder / f"portefoeljerapport-{PERIOD:%Y-%m}-v1.pdf"
    assert not final_pdf.exists(), "a PDF under its final name with no report row"

    # The retry (beat's next tick) writes the report under exactly its own names.
    report = rhythm_services.monthly_report_generate(period=PERIOD, notify=False)
    assert report.pdf.name == f"reports/{PERIOD:%Y-%m}/v1/portefoeljerapport-{PERIOD:%Y-%m}-v1.pdf"
    assert report.xlsx.name.endswith("-v1.xlsx") and final_pdf.is_file()

    # media_check finds what the killed worker left, and removes it.
    def media_check(*args) -> str:
        capsys.readouterr()
        try:
            call_command("media_check", *args)
        except CommandError as error:  # rows from before this test may point at files in another MEDIA_ROOT
            assert "missing" in str(error)
        out = capsys.readouterr().out
        assert "missing: reports/" not in out
        return out

    out = media_check("--min-age", "0", "--delete-unreferenced")
    assert "unreferenced: reports/" in out and "interrupted write" in out and "(1 removed)" in out
    assert "0 unreferenced" in media_check()
    assert sorted(p.name for p in folder.iterdir()) == sorted([final_pdf.name, report.xlsx.name.rsplit("/", 1)[1]])


@pytest.mark.django_db
def test_a_report_whose_spreadsheet_fails_leaves_no_pdf_behind(demo, settings, tmp_path, monkeypatch):
    """Rolled back after the PDF was written: the PDF goes with the transaction."""
    from portfolio.rhythm import services as rhythm_services

    settings.MEDIA_ROOT = tmp_path
    MonthlyReport.objects.filter(period=PERIOD).delete()

    def broken(data):
        raise RuntimeError("spreadsheet failed")

    monkeypatch.setattr(rhythm_services, "render_report_xlsx", broken)
    with pytest.raises(RuntimeError):
        rhythm_services.monthly_report_generate(period=PERIOD, notify=False)
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
