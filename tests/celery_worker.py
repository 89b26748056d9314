"""A real Celery worker for tests: `celery -A rsi_portal worker` in a subprocess on REDIS_URL.

Use it like this (import the fixture into your test module or conftest):

    from tests.celery_worker import celery_worker_process  # noqa: F401

    @pytest.mark.celery_worker
    @pytest.mark.django_db(transaction=True)
    def test_something(celery_worker_process):
        result = my_task.delay(...)
        result.get(timeout=60)

- The worker reads the same test database as the test (pytest-django's `test_<name>`): the
  subprocess gets a DATABASE_URL built from the test connection. Use
  `django_db(transaction=True)` so rows are committed and the worker sees them.
- Parallel test runs on one Redis don't collide: each session uses its own queue name (also
  the worker's default queue, so tasks the worker enqueues itself stay in this session) and
  its own worker node name.
- Without REDIS_URL, or on an in-memory SQLite test database that another process cannot
  open, the test fails in CI and is skipped locally (`tests.conftest.require_component`).
- One worker per test session (started on first use, stopped at the end).
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.conftest import require_component

BASE_DIR = Path(__file__).resolve().parent.parent
STARTUP_TIMEOUT = 90  # seconds; the worker imports Django, WeasyPrint and connects to Redis


def database_url_for(settings_dict: dict) -> str | None:
    """A DATABASE_URL for another process to open the test database, or None if it can't."""
    engine = settings_dict["ENGINE"]
    name = str(settings_dict["NAME"])
    if "postgresql" in engine:
        user = quote(settings_dict.get("USER") or "", safe="")
        password = settings_dict.get("PASSWORD") or ""
        auth = f"{user}:{quote(password, safe='')}@" if password else (f"{user}@" if user else "")
        host = settings_dict.get("HOST") or "localhost"
        port = settings_dict.get("PORT") or "5432"
        return f"postgres://{auth}{host}:{port}/{quote(name, safe='')}"
    if "sqlite" in engine:
        if name == ":memory:" or name.startswith("file:memorydb") or "mode=memory" in name:
            return None
        return f"sqlite:///{name}"
    return None


def _log_tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


class WorkerProcess:
    """A running worker: its node name, queue, process and log file."""

    def __init__(self, *, database_url: str, redis_url: str):
        token = uuid.uuid4().hex[:10]
        self.queue = f"rsi-test-{token}"
        self.nodename = f"rsi-test-{token}@{os.uname().nodename}"
        self.log_path = Path(tempfile.gettempdir()) / f"{self.queue}.log"
        self.media_root = Path(tempfile.mkdtemp(prefix=f"{self.queue}-media-"))  # files the worker writes
        env = dict(os.environ)
        env.update(
            DATABASE_URL=database_url,
            REDIS_URL=redis_url,
            CELERY_TASK_DEFAULT_QUEUE=self.queue,
            MEDIA_ROOT=str(self.media_root),
            DJANGO_SETTINGS_MODULE="rsi_portal.settings",
            PYTHONUNBUFFERED="1",
        )
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "rsi_portal",
                "worker",
                "--loglevel=INFO",
                "--pool=threads",
                "--concurrency=2",  # two tasks really run at the same time
                "--queues",
                self.queue,
                "--hostname",
                self.nodename,
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    def wait_until_ready(self, app) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Celery worker exited with {self.process.returncode}:\n{_log_tail(self.log_path)}")
            replies = app.control.ping(destination=[self.nodename], timeout=1.0)
            if any(self.nodename in reply for reply in replies):
                return
        self.stop()
        raise RuntimeError(f"Celery worker did not answer ping in {STARTUP_TIMEOUT}s:\n{_log_tail(self.log_path)}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # warm shutdown: finishes running tasks
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._log.close()
        shutil.rmtree(self.media_root, ignore_errors=True)

    def log(self) -> str:
        return _log_tail(self.log_path, 200)


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker):
    """A real `celery -A rsi_portal worker` on REDIS_URL, reading the test database."""
    from django.conf import settings
    from django.db import connection

    from rsi_portal.celery import app

    redis_url = os.environ.get("REDIS_URL", "")
    require_component("Redis", bool(redis_url), "set REDIS_URL to run tests with a real Celery worker")
    database_url = database_url_for(connection.settings_dict)
    require_component(
        "A shared test database",
        database_url is not None,
        "the Celery worker runs in another process; use PostgreSQL (DATABASE_URL) for worker tests",
    )
    worker = WorkerProcess(database_url=database_url, redis_url=redis_url)
    # Every task this test process sends goes to this session's queue (updating task_routes
    # makes Celery rebuild its router).
    previous_routes = app.conf.task_routes
    app.conf.update(task_routes={"*": {"queue": worker.queue}}, task_always_eager=False)
    try:
        worker.wait_until_ready(app)
        yield worker
    finally:
        worker.stop()
        app.conf.update(task_routes=previous_routes, task_always_eager=settings.CELERY_TASK_ALWAYS_EAGER)
