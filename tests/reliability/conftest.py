"""Real components for the fault tests: a Redis of our own (started and killed by the test), real
Celery workers (killed by the test), PostgreSQL databases of our own, subprocesses with production
settings. A missing component fails the test in CI and skips it locally (require_component)."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import kombu.pools
import pytest
import redis
from django.db import connection

from tests.celery_worker import database_url_for
from tests.conftest import require_component

ROOT = Path(__file__).resolve().parents[2]


def require_postgresql():
    require_component("PostgreSQL", connection.vendor == "postgresql", "set DATABASE_URL=postgres://… for this test")


def free_port(start: int = 6390) -> int:
    for port in range(start, start + 200):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError("no free port")


class RedisServer:
    """`redis-server` on a port of its own, without persistence: kill() is a crash, start() a restart."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.dir = tempfile.mkdtemp(prefix="rsi-redis-")
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            cwd=self.dir,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.5)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if client.ping():
                    return self
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def stop(self):
        self.kill()
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def redis_server():
    require_component("redis-server", shutil.which("redis-server") is not None, "install redis-server")
    server = RedisServer().start()
    yield server
    server.stop()


@contextmanager
def broker_at(url: str, *, queue: str | None = None):
    """Point this (test = web) process's Celery app at `url`, with tasks really sent (not eager)."""
    from rsi_portal.celery import app

    previous = {key: app.conf[key] for key in ("broker_url", "task_always_eager", "task_routes")}

    def reset_pools():  # kombu keeps one pool per broker URL: close them, a Redis on this port may be new
        kombu.pools.reset()
        app._pool = None
        app.amqp._producer_pool = None

    app.conf.update(
        broker_url=url,
        task_always_eager=False,
        task_routes={"*": {"queue": queue}} if queue else previous["task_routes"],
    )
    reset_pools()
    try:
        yield app
    finally:
        app.conf.update(previous)
        reset_pools()


class Worker:
    """`celery -A rsi_portal worker` on a given queue (two workers of one test share it, so the second
    gets what the first took and never acknowledged)."""

    def __init__(self, *, database_url: str, redis_url: str, queue: str, media_root: Path, env: dict):
        self.queue = queue
        self.nodename = f"{queue}-{uuid.uuid4().hex[:6]}@{os.uname().nodename}"
        self.log_path = Path(tempfile.gettempdir()) / f"{self.nodename.split('@')[0]}.log"
        environment = {
            **os.environ,
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "CELERY_TASK_DEFAULT_QUEUE": queue,
            "MEDIA_ROOT": str(media_root),
            "DJANGO_SETTINGS_MODULE": "rsi_portal.settings",
            "PYTHONUNBUFFERED": "1",
            **{name: str(value) for name, value in env.items()},
        }
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
                "--concurrency=2",
                "--queues",
                queue,
                "--hostname",
                self.nodename,
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=ROOT,
            env=environment,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    def wait_until_ready(self, app, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the worker exited with {self.process.returncode}:\n{self.log()}")
            if any(self.nodename in reply for reply in app.control.ping(destination=[self.nodename], timeout=1.0)):
                return
        raise RuntimeError(f"the worker did not answer in {timeout} s:\n{self.log()}")

    def kill(self) -> None:
        """SIGKILL: no warm shutdown, the task it runs is neither finished nor acknowledged."""
        self.process.kill()
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
        self._log.close()

    def log(self) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-150:])


@pytest.fixture
def start_worker(redis_server, settings):
    """start_worker(**env) starts a real worker on our Redis and the test database, on the test's queue;
    this process sends there (inside broker_at) and reads the workers' MEDIA_ROOT. Stopped afterwards."""
    require_postgresql()
    from rsi_portal.celery import app

    database_url = database_url_for(connection.settings_dict)
    queue = f"rsi-reliab-{uuid.uuid4().hex[:8]}"
    media_root = Path(tempfile.mkdtemp(prefix="rsi-reliab-media-"))
    settings.MEDIA_ROOT = media_root
    workers = []

    def start(**env):
        worker = Worker(
            database_url=database_url, redis_url=redis_server.url, queue=queue, media_root=media_root, env=env
        )
        workers.append(worker)
        with broker_at(redis_server.url, queue=queue):
            worker.wait_until_ready(app)
        return worker

    start.queue = queue
    start.redis_url = redis_server.url
    yield start
    for worker in workers:
        worker.stop()
    shutil.rmtree(media_root, ignore_errors=True)


def wait_for(predicate, *, timeout: float, interval: float = 0.1, message: str = ""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"not within {timeout} s: {message}")


def production_env(**extra) -> dict:
    """The environment of a subprocess with production settings (DEBUG off) on the given database."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL", "EMAIL_BACKEND", "EMAIL_HOST"}
    }
    env.update(
        DEBUG="0",
        SECRET_KEY="reliability-" + "k3y-" * 15,
        ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        DJANGO_SETTINGS_MODULE="rsi_portal.settings",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="WARNING",
    )
    env.update({key: str(value) for key, value in extra.items()})
    return env


def run_python(code_or_args, *, env: dict, timeout: float = 120) -> subprocess.CompletedProcess:
    args = ["-c", code_or_args] if isinstance(code_or_args, str) else list(code_or_args)
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)


@contextmanager
def scratch_database(prefix: str = "rsi_h13"):
    """A new, empty PostgreSQL database next to the test database; dropped afterwards. Yields its URL."""
    import psycopg

    require_postgresql()
    settings_dict = connection.settings_dict
    name = f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    base = database_url_for({**settings_dict, "NAME": "postgres"})
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield database_url_for({**settings_dict, "NAME": name})
    finally:
        with psycopg.connect(base, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
