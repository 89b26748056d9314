"""What every benchmark shares: a throw-away database per run (temp SQLite, and PostgreSQL next to
DATABASE_URL when it is set) and a child process with production-like settings."""

import os
import secrets
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def run_child(script: str, database_url: str, **extra_env: str) -> int:
    """Run `script` again with BENCH_CHILD=1 against `database_url`, tasks eager (no Redis)."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "BENCH_CHILD": "1",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "testserver",
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "WARNING",
        **extra_env,
    }
    env.pop("REDIS_URL", None)  # the bench measures the work, not the queue
    return subprocess.call([sys.executable, script], env=env, cwd=ROOT)


def for_each_database(run: Callable[[str, str], int], name: str) -> int:
    """Call run(database_url, scratch_dir) on a temp SQLite file and, with DATABASE_URL=postgres://…,
    on a new PostgreSQL database that is dropped afterwards; returns the OR of the exit codes.
    BENCH_SKIP_SQLITE=1 measures PostgreSQL only."""
    status = 0
    with tempfile.TemporaryDirectory() as tmp:
        if not os.environ.get("BENCH_SKIP_SQLITE"):
            status |= run(f"sqlite:///{tmp}/bench.sqlite3", f"{tmp}/sqlite")
        url = os.environ.get("DATABASE_URL", "")
        if not url.startswith(("postgres://", "postgresql://")):
            print("postgresql: skipped (set DATABASE_URL=postgres://… to measure PostgreSQL too)")
            return status
        import psycopg

        base, _, _db = url.rpartition("/")
        database = f"rsi_bench_{name}_{os.getpid()}"
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{database}"')
        try:
            status |= run(f"{base}/{database}", f"{tmp}/postgresql")
        finally:
            with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    return status
