"""Redis down: work requested meanwhile is kept in the outbox and done once Redis is back (failures 1a, 2).

Our own Redis is started and killed by the test; a real Celery worker does the work afterwards.
"""

import time
from datetime import date

import pytest
import redis

from governance.models import AgendaPack, PackStatus
from portfolio.models import BodyKind, MonthlyReport
from tests.governance.factories import AgendaItemFactory, BodyFactory, MeetingFactory, SekretariatFactory
from tests.reliability.conftest import broker_at, require_postgresql, wait_for

PERIOD = date(2025, 10, 1)  # never the demo's report month (the last complete month before today)
WAITING = "Bestillingen er modtaget og udføres, så snart køen er tilbage"


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_work_requested_while_redis_is_down_is_kept_and_done_when_it_is_back(client, redis_server, start_worker):
    require_postgresql()
    from rsi_portal.models import JobState, OutboxJob

    # When this test runs first, the session's demo data (and its outbox jobs) is still there.
    existing = set(OutboxJob.objects.values_list("pk", flat=True))
    secretariat = SekretariatFactory()
    meeting = MeetingFactory(body=BodyFactory(kind=BodyKind.RSI_DK, name=str(BodyKind.RSI_DK.label)))
    AgendaItemFactory(meeting=meeting, title="Punkt under nedbrud")
    report = MonthlyReport.objects.create(period=PERIOD, version=1, pdf="r.pdf", xlsx="r.xlsx", is_current=True)
    client.force_login(secretariat)
    redis_server.kill()
    with broker_at(redis_server.url, queue=start_worker.queue):
        started = time.monotonic()
        pack_response = client.post(f"/styring/moeder/{meeting.pk}/pakke/")
        pack_seconds = time.monotonic() - started
        started = time.monotonic()
        regenerate = client.post(f"/rapporter/{report.pk}/", {"reason": "Ny version under nedbrud"}, follow=True)
        regenerate_seconds = time.monotonic() - started

    # The user gets an answer at once (the web process does not wait on the broker or a result backend).
    assert pack_response.status_code == 302 and pack_seconds < 3, pack_seconds
    assert regenerate.status_code == 200 and regenerate_seconds < 3, regenerate_seconds
    assert WAITING in regenerate.content.decode()
    pack = AgendaPack.objects.get(meeting=meeting)
    assert pack.status == PackStatus.PENDING
    assert WAITING in client.get(pack_response["Location"]).content.decode()

    jobs = {job.kind: job for job in OutboxJob.objects.exclude(pk__in=existing)}
    assert set(jobs) == {"governance.tasks.render_agenda_pack", "portfolio.tasks.generate_monthly_report"}
    assert all(job.state == JobState.PENDING and job.attempts == 1 and job.last_error for job in jobs.values())

    # Asking again while Redis is still down queues the pack once (the same job).
    with broker_at(redis_server.url, queue=start_worker.queue):
        client.post(f"/styring/moeder/{meeting.pk}/pakke/")
    assert OutboxJob.objects.exclude(pk__in=existing).filter(kind="governance.tasks.render_agenda_pack").count() == 1

    # Redis and a worker come back; beat's outbox sweep reaches the worker, which sends the kept jobs.
    redis_server.start()
    worker = start_worker(RSI_OUTBOX_RETRY_MINUTES=0, EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
    with broker_at(redis_server.url, queue=start_worker.queue) as app:
        app.send_task("rsi_portal.tasks.outbox_sweep", ignore_result=True)

    def finished():
        pack.refresh_from_db()
        return pack.status == PackStatus.DONE and MonthlyReport.objects.filter(period=report.period).count() == 2

    wait_for(finished, timeout=120, interval=0.5, message=worker.log())
    regenerated = MonthlyReport.objects.get(period=report.period, is_current=True)
    assert regenerated.version == report.version + 1 and regenerated.reason == "Ny version under nedbrud"
    assert regenerated.generated_by == secretariat
    wait_for(
        lambda: all(job.state == JobState.DONE for job in OutboxJob.objects.filter(kind__in=list(jobs))),
        timeout=30,
        message=str(list(OutboxJob.objects.values("kind", "state", "last_error"))),
    )


@pytest.mark.django_db
def test_the_sweep_sends_what_the_broker_refused_once_it_is_back(redis_server, settings):
    """No worker: the message itself must reach our Redis after the sweep."""
    from datetime import timedelta

    from django.db import transaction
    from django.utils import timezone

    from rsi_portal import outbox
    from rsi_portal.models import JobState, OutboxJob

    queue = "rsi-reliab-sweep"
    settings.RSI = {**settings.RSI, "OUTBOX_RETRY_MINUTES": 5}
    # The session's demo data has jobs of its own (R27 risk-flag notices of the demo's approvals).
    existing = set(OutboxJob.objects.values_list("pk", flat=True))
    redis_server.kill()
    with broker_at(redis_server.url, queue=queue):
        with transaction.atomic():
            job = outbox.enqueue("portfolio.tasks.notify_monthly_report", args=[1], key="sweep-test")
        # The test's own transaction never commits, so the on-commit send is made here.
        assert outbox.send(job) is False
        job.refresh_from_db()
        assert job.state == JobState.PENDING and "connect" in job.last_error.lower()
        redis_server.start()
        assert outbox.sweep() == 0  # not yet: pending for less than RSI["OUTBOX_RETRY_MINUTES"]
        assert outbox.sweep(now=timezone.now() + timedelta(minutes=6)) == 1
    job.refresh_from_db()
    assert job.state == JobState.SENT and job.attempts == 2
    assert redis.Redis.from_url(redis_server.url).llen(queue) == 1
    # The sweep sent the kept job itself: no second job for the same work.
    assert list(OutboxJob.objects.exclude(pk__in=existing).values_list("pk", flat=True)) == [job.pk]
