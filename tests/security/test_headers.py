"""Security headers on every page: a Content-Security-Policy with no inline script or style, a Permissions-Policy."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"

pytestmark = pytest.mark.django_db


def _parameterless_paths(resolver=None, prefix="") -> list[str]:
    """Every URL of the portal that takes no argument, from the URL configuration itself."""
    paths = []
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if "<" in route or "(?P" in route or route.startswith("^"):
            continue
        if isinstance(entry, URLResolver):
            paths += _parameterless_paths(entry, route)
        elif isinstance(entry, URLPattern):
            paths.append("/" + route)
    return sorted(set(paths))


def _assert_policy_headers(response, path):
    csp = response.headers.get("Content-Security-Policy", "")
    assert "default-src 'self'" in csp, (path, response.status_code)
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp, path
    assert "camera=()" in response.headers.get("Permissions-Policy", ""), path


def test_every_page_sends_the_csp_and_the_permissions_policy(client, login):
    # /health/ may answer 503 here (no broker in the suite); it is checked below with the early answers.
    skipped = ("/logout/", "/i18n/", "/admin/", "/health/")
    paths = [p for p in _parameterless_paths() if not p.startswith(skipped)]
    assert len(paths) > 15
    _assert_policy_headers(client.get("/login/"), "/login/ (anonymous)")
    _assert_policy_headers(client.get("/"), "/ (anonymous, redirected to the login)")
    statuses = set()
    for username in ("sekretariat", "kontakt"):
        login(username)
        for path in [*paths, "/admin/", "/findes-ikke/", "/projekter/999999999/"]:
            response = client.get(path)
            assert response.status_code < 500, (username, path)
            _assert_policy_headers(response, f"{path} as {username}")
            statuses.add(response.status_code)
    assert {200, 302, 403, 404} <= statuses  # pages, redirects and the error pages alike
    # Answers given before any view: the health probe, and the 400 for a control character.
    _assert_policy_headers(client.get("/health/"), "/health/")
    bad_input = client.get("/pejlemaerker/?q=%00")
    assert bad_input.status_code == 400
    _assert_policy_headers(bad_input, "/pejlemaerker/?q=%00")


def test_templates_have_no_inline_script_handler_or_style():
    """The CSP refuses them, so the page would silently lose them: scripts and styles live in static/."""
    inline = re.compile(
        r"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=|<style\b|\sstyle\s*=|javascript:|hx-on", re.IGNORECASE
    )
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        relative = path.relative_to(TEMPLATES)
        if relative.parts[0] in {"pdf", "email"}:  # rendered by WeasyPrint and mail clients, never a browser page
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if inline.search(line):
                offenders.append(f"{relative}:{number}: {line.strip()[:100]}")
    assert offenders == []


_PROBE = """
import json, django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="rsi.example.dk")
secure, plain = client.get("/login/", secure=True), client.get("/login/")
print(json.dumps({"status": secure.status_code, "headers": dict(secure.headers),
                  "plain": [plain.status_code, plain.headers.get("Location")]}))
"""


def _probe(script: str = _PROBE, **env) -> dict:
    """Run `script` in a fresh process whose settings come only from `env` (as production would)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SECURE_", "DEBUG", "DATABASE_URL", "REDIS_URL"))}
    clean.update(DJANGO_SETTINGS_MODULE="rsi_portal.settings", SECRET_KEY=secrets.token_urlsafe(64), **env)
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_headers():
    """DEBUG off with nothing else set, as in production: the headers a browser gets over https."""
    probe = _probe(DEBUG="0", ALLOWED_HOSTS="rsi.example.dk")
    assert probe["status"] == 200
    headers = probe["headers"]
    csp = headers["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ):
        assert directive in csp
    assert "unsafe" not in csp
    assert "Content-Security-Policy-Report-Only" not in headers
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in policy
    assert probe["plain"] == [301, "https://rsi.example.dk/login/"]


def test_development_reports_the_csp_without_enforcing_it():
    """Under DEBUG the same policy is report-only, so Django's debug pages (inline script and style) still work."""
    headers = _probe(DEBUG="1", ALLOWED_HOSTS="rsi.example.dk")["headers"]
    assert "Content-Security-Policy" not in headers
    assert "default-src 'self'" in headers["Content-Security-Policy-Report-Only"]


def test_x_forwarded_proto_is_trusted_only_behind_the_proxy():
    assert settings.BEHIND_PROXY is False
    assert getattr(settings, "SECURE_PROXY_SSL_HEADER", None) is None
    forwarded = _PROBE.replace("secure=True)", 'HTTP_X_FORWARDED_PROTO="https")')
    assert _probe(forwarded, DEBUG="0", ALLOWED_HOSTS="rsi.example.dk", BEHIND_PROXY="1")["status"] == 200
    assert _probe(forwarded, DEBUG="0", ALLOWED_HOSTS="rsi.example.dk")["status"] == 301
