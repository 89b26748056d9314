"""Settings come from the environment; production is locked down."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(args, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "DEBUG",
            "SECURE_SSL_REDIRECT",
            "DATABASE_URL",
            "REDIS_URL",
            "ALLOWED_HOSTS",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    clean.update(env)
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120)


def test_production_refuses_to_start_without_secret_key():
    result = _run(["manage.py", "check"], DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_development_secret_key():
    result = _run(["manage.py", "check"], DEBUG="0", SECRET_KEY="django-insecure-" + "x" * 60)
    assert result.returncode != 0
    assert "not a real secret" in result.stderr


def test_production_passes_check_deploy():
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="rsi.example.dk",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _settings(**env):
    code = (
        "import django,json;django.setup();from django.conf import settings as s;"
        "print(json.dumps([s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, "
        "s.CACHES['default']['BACKEND'], s.LANGUAGE_CODE, s.TIME_ZONE, [c for c, _ in s.LANGUAGES]]))"
    )
    result = _run(["-c", code], DJANGO_SETTINGS_MODULE="rsi_portal.settings", DEBUG="1", **env)
    assert result.returncode == 0, result.stderr
    import json

    return json.loads(result.stdout.strip().splitlines()[-1])


def test_embedded_defaults_are_sqlite_eager_celery_and_local_cache():
    engine, eager, cache, language, tz, languages = _settings()
    assert engine == "django.db.backends.sqlite3"
    assert eager is True
    assert cache.endswith("LocMemCache")
    assert (language, tz, languages) == ("da", "Europe/Copenhagen", ["da", "en"])


def test_database_url_and_redis_url_select_postgres_broker_and_redis_cache():
    engine, eager, cache, *_ = _settings(
        DATABASE_URL="postgres://u@127.0.0.1:5432/x", REDIS_URL="redis://127.0.0.1:6379/0"
    )
    assert engine == "django.db.backends.postgresql"
    assert eager is False
    assert cache.endswith("RedisCache")


def test_a_malformed_number_setting_is_refused_with_its_name():
    result = _run(["manage.py", "check"], DEBUG="1", RSI_REMINDER_DAYS_BEFORE="tre")
    assert result.returncode != 0
    assert "RSI_REMINDER_DAYS_BEFORE must be a whole number, got 'tre'" in result.stderr
