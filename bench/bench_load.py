"""Load benchmark: gunicorn as docker compose runs it (gunicorn.conf.py, production settings) and a bounded
asyncio load generator on 127.0.0.1 with 10 and 50 concurrent users.

Measured per concurrency, in interleaved rounds (floor, form, submit, dashboard, then again): requests per
second and p50/p95 of
- the floor: a minimal login-required view served by the same gunicorn (every middleware, the session
  read and write, no page work),
- the status form GET, the status submit POST (each submit a new project/region/month) and the dashboard,
each printed as a ratio to the floor's throughput. Budgets: the form GET and the submit reach ≥ 25 % of
the floor; a submit's p95 ≤ 150 ms at 10 users. Then one form GET and one submit (a new month, as in the
load) are profiled with pyinstrument (top items).

The box is shared: each phase prints the load average at its end and the CPU time gunicorn's workers
used per request (from /proc, Linux), which other processes on the box disturb far less than req/s.

The data is the demo (`loaddemo`) in a throw-away database: PostgreSQL next to DATABASE_URL when it is
set, else a temporary SQLite file. Every phase is bounded by REQUESTS and by SECONDS. Asserts nothing.

    .venv/bin/python bench/bench_load.py
"""

import asyncio
import os
import runpy
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
USERS = (10, 50)
REQUESTS = int(os.environ.get("BENCH_LOAD_REQUESTS", "300"))  # per endpoint and concurrency, at most
SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "20"))  # per endpoint and concurrency, at most
# The endpoints take turns in rounds, so a busy or a quiet spell of the shared box falls on all of them.
ROUNDS = int(os.environ.get("BENCH_LOAD_ROUNDS", "3"))
FLOOR_PATH = "/bench/floor/"

if os.environ.get("BENCH_LOAD_ROLE") == "server":
    # Imported by gunicorn as DJANGO_SETTINGS_MODULE (and as the URLconf): the portal's settings and
    # URLs, plus the floor view.
    sys.path.insert(0, str(ROOT))
    from rsi_portal.settings import *  # noqa: F403

    ROOT_URLCONF = "bench_load"

    def __getattr__(name):
        """The URLconf part, built on first use (after django.setup(), unlike the settings above)."""
        if name not in ("urlpatterns", "handler403", "handler500"):
            raise AttributeError(name)
        from django.http import HttpResponse
        from django.urls import path

        from rsi_portal import urls

        def floor(request):
            return HttpResponse("ok", content_type="text/plain")

        values = {
            "urlpatterns": [path(FLOOR_PATH.strip("/") + "/", floor), *urls.urlpatterns],
            "handler403": urls.handler403,
            "handler500": getattr(urls, "handler500", "django.views.defaults.server_error"),
        }
        globals().update(values)
        return values[name]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))]


def server_cpu_seconds(master_pid: int) -> float:
    """User + system CPU time of gunicorn's master and its workers so far (0 where /proc is missing)."""
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:  # the process ended meanwhile
            continue
        pid, ppid = int(stat.parent.name), int(fields[1])
        if master_pid in (pid, ppid):
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(database_url: str, media: Path) -> dict:
    env = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        DATABASE_URL=database_url,
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1,testserver",
        SECURE_SSL_REDIRECT="0",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        MEDIA_ROOT=str(media),
        LOG_LEVEL="WARNING",
        WHITENOISE_USE_FINDERS="1",
    )
    return env


# --- The load generator: one TCP connection per request (gunicorn's sync workers close it anyway)


async def request(port: int, method: str, path: str, cookies: str, body: bytes = b"") -> int:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = [
        f"{method} {path} HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        f"Cookie: {cookies}",
        "Connection: close",
        f"Content-Length: {len(body)}",
    ]
    if body:
        head.append("Content-Type: application/x-www-form-urlencoded")
    writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
    await writer.drain()
    status_line = await reader.readline()
    await reader.read()  # to the end: the whole response is part of the time
    writer.close()
    return int(status_line.split()[1])


async def phase(port: int, users: int, make_request, server_pid: int | None = None) -> dict:
    """`users` concurrent users, each sending its next request when the last one is answered."""
    latencies, statuses = [], []
    cpu_before = server_cpu_seconds(server_pid) if server_pid else 0.0
    counter = iter(range(REQUESTS // ROUNDS))
    deadline = time.monotonic() + SECONDS / ROUNDS

    async def user(index: int):
        for number in counter:
            if time.monotonic() > deadline:
                return
            method, path, body = make_request(index, number)
            started = time.perf_counter()
            statuses.append(await request(port, method, path, SESSIONS[index], body))
            latencies.append((time.perf_counter() - started) * 1000)

    started = time.monotonic()
    await asyncio.gather(*(user(i) for i in range(users)))
    elapsed = time.monotonic() - started
    cpu = server_cpu_seconds(server_pid) - cpu_before if server_pid else 0.0
    return {
        "cpu_s": cpu,
        "load": os.getloadavg()[0],
        "elapsed": elapsed,
        "latencies": latencies,
        "bad": sum(1 for s in statuses if s >= 400),
    }


def pooled(rounds: list[dict], floors: list[dict]) -> dict:
    """One endpoint's rounds together: throughput, latencies and CPU over all, the ratio to the floor per round
    (against that round's floor) and their median."""
    latencies = [ms for r in rounds for ms in r["latencies"]]

    def rps(r):
        return len(r["latencies"]) / r["elapsed"]

    ratios = [rps(r) / rps(f) for r, f in zip(rounds, floors, strict=True)]
    return {
        "rps": len(latencies) / sum(r["elapsed"] for r in rounds),
        "ratios": ratios,
        "ratio": statistics.median(ratios),
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "n": len(latencies),
        "bad": sum(r["bad"] for r in rounds),
        "cpu_ms": sum(r["cpu_s"] for r in rounds) * 1000 / max(1, len(latencies)),
        "load": rounds[-1]["load"],
    }


SESSIONS: list[str] = []
FRESH: list = []  # the submits' (project, region, year, month) to come, shared with the profile


def prepare(users: int):
    """Sessions for the virtual users and the requests each endpoint sends (in this process: Django)."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from portfolio.rules import Lifecycle
    from projects.models import Project
    from projects.selectors import reporting_regions

    user = get_user_model().objects.get(username="sekretariat")
    token = secrets.token_hex(16)  # the CSRF secret; Django accepts it unmasked in the form
    for _ in range(users):
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        SESSIONS.append(f"sessionid={client.cookies['sessionid'].value}; csrftoken={token}")
    reporting = Project.objects.filter(pejlemaerke__state=Lifecycle.PORTFOLIO).order_by("pk")
    pairs = [(p.pk, r.code) for p in reporting for r in reporting_regions(p)]
    fresh = iter((pk, code, year, month) for year in range(2040, 2100) for month in range(1, 13) for pk, code in pairs)
    FRESH.append(fresh)
    form_pk, form_code = pairs[0]
    submit_body = urlencode(
        {"csrfmiddlewaretoken": token, "action": "submit", "colour": "green", "overall": "Belastningstest."}
    ).encode()

    def submit(index, number):
        pk, code, year, month = next(fresh)
        return "POST", f"/projekter/{pk}/status/{code}/{year}-{month:02d}/", submit_body

    return {
        "floor": lambda i, n: ("GET", FLOOR_PATH, b""),
        "status form GET": lambda i, n: ("GET", f"/projekter/{form_pk}/status/{form_code}/2039-01/", b""),
        "status submit POST": submit,
        "dashboard": lambda i, n: ("GET", "/dashboard/", b""),
    }, pairs


def profile_status_pages(pairs):
    """One form GET and one submit of a new month (as the load sends them) through the whole stack in this
    process (Django's test client), each under pyinstrument, after a warm-up of each."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from pyinstrument import Profiler
    from pyinstrument.renderers import ConsoleRenderer

    client = Client()
    user = get_user_model().objects.get(username="sekretariat")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    data = {"action": "submit", "colour": "green", "overall": "Profileret indsendelse."}
    form_pk, form_code = pairs[0]

    def submit():
        pk, code, year, month = next(FRESH[0])
        return client.post(f"/projekter/{pk}/status/{code}/{year}-{month:02d}/", data)

    def form():
        return client.get(f"/projekter/{form_pk}/status/{form_code}/2039-01/")

    for name, send in (("status form GET", form), ("status submit POST", submit)):
        send()  # warm: templates, connections, caches
        profiler = Profiler(interval=0.0005)
        started = time.process_time()
        with CaptureQueriesContext(connection) as queries:
            profiler.start()
            response = send()
            profiler.stop()
        cpu = (time.process_time() - started) * 1000
        session = profiler.last_session
        print(
            f"\nOne {name} under pyinstrument (status {response.status_code}, {session.duration * 1000:.0f} ms, "
            f"{cpu:.0f} ms CPU, {len(queries.captured_queries)} queries; load {os.getloadavg()[0]:.2f})"
        )
        print("Top functions by their own time (with what they call: the call tree below):")
        flat = ConsoleRenderer(flat=True, time="percent_of_total").render(session)
        print("\n".join([line for line in flat.splitlines() if line.strip()][:25]))
        tree = ConsoleRenderer(processor_options={"filter_threshold": 0.03}).render(session)
        lines = [line for line in tree.splitlines() if line.strip()]
        view = next((i for i, line in enumerate(lines) if "status_report_edit" in line), 0)
        print("\n".join(lines[view : view + 50]))  # from the view down: the middleware above it is thin


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    database_url = os.environ.get("DATABASE_URL", "")
    pg_name = None
    if database_url.startswith(("postgres://", "postgresql://")):
        import psycopg

        base = database_url.rpartition("/")[0]
        pg_name = f"rsi_bench_load_{os.getpid()}"
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{pg_name}"')
        database_url = f"{base}/{pg_name}"
    else:
        database_url = f"sqlite:///{work / 'bench.sqlite3'}"
    env = environment(database_url, work / "media")
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "rsi_portal.settings"
    server = None
    try:
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        started = time.monotonic()
        call_command("migrate", verbosity=0)
        with open(os.devnull, "w") as quiet:  # a throw-away database, not production
            call_command("loaddemo", "--i-know-this-is-not-production", stdout=quiet)
        print(f"{connection.vendor}: demo data loaded in {time.monotonic() - started:.0f} s")
        endpoints, pairs = prepare(max(USERS))
        connection.close()

        port = free_port()
        server_env = {
            **env,
            "BENCH_LOAD_ROLE": "server",
            "DJANGO_SETTINGS_MODULE": "bench_load",
            "PYTHONPATH": os.pathsep.join([str(BENCH), str(ROOT)]),
            "GUNICORN_BIND": f"127.0.0.1:{port}",
        }
        log = open(work / "gunicorn.log", "wb")  # noqa: SIM115 - closed with the server
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "rsi_portal.wsgi:application"],
            cwd=ROOT,
            env=server_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        for _ in range(300):
            if server.poll() is not None:
                raise RuntimeError((work / "gunicorn.log").read_text()[-3000:])
            try:
                if asyncio.run(request(port, "GET", FLOOR_PATH, SESSIONS[0])) == 200:
                    break
            except OSError:
                time.sleep(0.1)
        workers = runpy.run_path(str(ROOT / "gunicorn.conf.py"))["workers"]  # as the server reads it
        print(
            f"gunicorn -c gunicorn.conf.py ({workers} workers) on 127.0.0.1:{port}; {os.cpu_count()} CPUs shared, "
            f"load average {' '.join(f'{v:.2f}' for v in os.getloadavg())}"
        )
        for make in endpoints.values():  # warm every worker on every page
            asyncio.run(phase(port, 5, make))
        verdicts = []
        for users in USERS:
            print(
                f"\n{users} concurrent users ({ROUNDS} interleaved rounds, each ≤ {REQUESTS // ROUNDS} requests or "
                f"{SECONDS / ROUNDS:.0f} s per endpoint; × floor is the median of the rounds' ratios)"
            )
            print(
                f"{'endpoint':<20} {'req/s':>7} {'× floor':>8} {'rounds':>16} {'p50 ms':>7} {'p95 ms':>7} {'n':>5}"
                f" {'≥400':>5} {'CPU ms/req':>10} {'load':>5}"
            )
            rounds = [
                {name: asyncio.run(phase(port, users, make, server.pid)) for name, make in endpoints.items()}
                for _ in range(ROUNDS)
            ]
            results = {name: pooled([r[name] for r in rounds], [r["floor"] for r in rounds]) for name in endpoints}
            for name, r in results.items():
                print(
                    f"{name:<20} {r['rps']:7.1f} {r['ratio']:8.2f} {' '.join(f'{x:.2f}' for x in r['ratios']):>16}"
                    f" {r['p50']:7.0f} {r['p95']:7.0f} {r['n']:5} {r['bad']:5} {r['cpu_ms']:10.1f} {r['load']:5.2f}"
                )
            for name in ("status form GET", "status submit POST"):
                verdicts.append((f"{name} ≥ 25 % of the floor at {users} users", results[name]["ratio"] >= 0.25))
            if users == 10:
                p95 = results["status submit POST"]["p95"]
                verdicts.append((f"submit p95 ≤ 150 ms at 10 users ({p95:.0f} ms)", p95 <= 150))
        print("\nBudgets:")
        for text, ok in verdicts:
            print(f"  {'met ' if ok else 'MISSED'} {text}")
        profile_status_pages(pairs)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if pg_name:
            from django.db import connections

            connections.close_all()
            with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
