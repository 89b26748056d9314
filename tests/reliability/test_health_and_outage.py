"""/health/ on a database without (all) migrations and while the database is away; the 500 and 503 pages
and a DATABASE_URL that is wrong at start-up (failures 3, 5 and 8)."""

import json
import re

from django.contrib.auth.decorators import login_not_required
from django.urls import path

from rsi_portal import urls as portal_urls
from tests.reliability.conftest import production_env, run_python, scratch_database

TYPED = "Min lange statustekst, som ikke må gå tabt – æøå"


def probe(database_url: str, *requests) -> list[dict]:
    env = production_env(DATABASE_URL=database_url)
    result = run_python(["-m", "tests.reliability.probe", json.dumps(list(requests))], env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def manage(database_url: str, *args) -> object:
    return run_python(["manage.py", *args], env=production_env(DATABASE_URL=database_url), timeout=300)


def test_health_fails_on_a_database_without_migrations_and_names_them():
    with scratch_database("rsi_h13_empty") as url:
        (health,) = probe(url, {"path": "/health/"})
        assert health["status"] == 503, health["body"][:500]
        body = json.loads(health["body"])
        assert body["status"] == "error" and body["checks"]["database"] == "ok"
        missing = unapplied(body["checks"]["migrations"])
        assert missing > 20
        assert manage(url, "migrate", "--check").returncode != 0

        # Part of the migrations: still 503, with fewer missing.
        assert manage(url, "migrate", "portfolio", "0001", "--noinput").returncode == 0
        (health,) = probe(url, {"path": "/health/"})
        assert health["status"] == 503
        assert 0 < unapplied(json.loads(health["body"])["checks"]["migrations"]) < missing


def unapplied(message: str) -> int:
    match = re.match(r"error: (\d+) unapplied \(", message)
    assert match, message
    return int(match.group(1))


def test_while_the_database_is_away_health_answers_503_json_and_pages_503_with_the_typed_text():
    """PostgreSQL stopped: nothing listens on its port. A session cookie must not turn /health/ into a 500."""
    down = "postgres://postgres@127.0.0.1:1/rsi"
    cookie = "x" * 32
    health, page, post = probe(
        down,
        {"path": "/health/", "cookie": cookie},
        {"path": "/pejlemaerker/", "cookie": cookie},
        {"method": "post", "path": "/projekter/1/status/RH/2026-10/", "cookie": cookie, "data": {"overall": TYPED}},
    )
    assert health["status"] == 503 and health["content_type"] == "application/json", health["body"][:300]
    database = json.loads(health["body"])["checks"]["database"]
    assert database.startswith("error: OperationalError: ") and "127.0.0.1" in database  # the driver's message

    assert page["status"] == 503 and page["retry_after"], page["body"][:300]
    assert "Portalen er midlertidigt utilgængelig" in page["body"] and 'lang="da"' in page["body"]
    assert post["status"] == 503 and post["retry_after"]
    assert "Din tekst er ikke gemt – kopiér den" in post["body"] and TYPED in post["body"]
    assert "csrfmiddlewaretoken" not in post["body"].split("Din tekst er ikke gemt")[1]


def test_manage_check_connects_to_the_database_and_names_a_wrong_one():
    result = manage("postgres://postgres@127.0.0.1:5432/rsi_h13_does_not_exist", "check")
    assert result.returncode != 0
    assert 'database "rsi_h13_does_not_exist" does not exist' in result.stderr + result.stdout


@login_not_required
def _boom(request):
    raise RuntimeError("boom")


urlpatterns = [path("boom/", _boom), *portal_urls.urlpatterns]
handler500 = getattr(portal_urls, "handler500", "django.views.defaults.server_error")


def test_an_error_shows_the_danish_500_page_in_the_portal_layout_without_the_database(settings, client):
    """No django_db mark: any database access in the error page would fail this test."""
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Der opstod en fejl" in page and "Server Error" not in page
    # The portal layout: the site header (its class list grew with the design system's "header").
    assert re.search(r'<header class="[^"]*\bsite-header\b', page), page[:1500]
