"""The health endpoint: database, broker and the age of the last beat tick."""

import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from rsi_portal.tasks import BEAT_HEARTBEAT_KEY, beat_heartbeat
from tests.celery_worker import celery_worker_process  # noqa: F401 - fixture


@pytest.fixture(autouse=True)
def _no_heartbeat():
    cache.delete(BEAT_HEARTBEAT_KEY)
    yield
    cache.delete(BEAT_HEARTBEAT_KEY)


@pytest.mark.django_db
def test_health_needs_no_login_and_reports_each_check(client, settings):
    settings.REDIS_URL = ""
    response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"] == {"database": "ok", "migrations": "ok", "broker": "eager"}
    assert body["beat"] == {"status": "not used", "age_seconds": None}


@pytest.mark.django_db
def test_health_fails_when_the_broker_is_unreachable(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/health/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["broker"].startswith("error: ")
    assert body["checks"]["database"] == "ok"


@pytest.mark.django_db
def test_health_reports_the_age_of_the_last_beat_tick(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    beat_heartbeat.apply()
    body = client.get("/health/").json()
    assert body["beat"]["status"] == "ok"
    assert 0 <= body["beat"]["age_seconds"] < 300
    cache.set(BEAT_HEARTBEAT_KEY, (timezone.now() - timedelta(minutes=10)).isoformat())
    body = client.get("/health/").json()
    assert body["beat"]["status"] == "stale"
    assert body["beat"]["age_seconds"] >= 600


@pytest.mark.django_db
def test_health_rejects_writes(client):
    assert client.post("/health/").status_code == 405


def test_the_beat_schedule_has_one_entry_per_rhythm(settings):
    from rsi_portal.celery import app

    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert tasks == {
        "rsi_portal.tasks.beat_heartbeat",
        "rsi_portal.tasks.outbox_sweep",
        "portfolio.tasks.monthly_report_tick",
        "portfolio.tasks.reminders_tick",
        "portfolio.tasks.director_mail_tick",
    }
    app.loader.import_default_modules()
    assert tasks <= set(app.tasks)


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_heartbeat_and_health_sees_it(celery_worker_process, client):  # noqa: F811
    assert cache.get(BEAT_HEARTBEAT_KEY) is None
    beat_heartbeat.delay()  # ignore_result: wait for its effect, written by the worker process
    deadline = time.monotonic() + 60
    while cache.get(BEAT_HEARTBEAT_KEY) is None and time.monotonic() < deadline:
        time.sleep(0.2)
    assert cache.get(BEAT_HEARTBEAT_KEY) is not None, celery_worker_process.log()
    body = client.get("/health/").json()
    assert body["checks"] == {"database": "ok", "migrations": "ok", "broker": "ok"}
    assert body["beat"]["status"] == "ok"
