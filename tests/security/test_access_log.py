"""R32's calendar-feed tokens never reach a log line: gunicorn's access log and Django's own request log."""

import datetime
import io
import logging
import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from rsi_portal.redaction import REDACTED, RedactSecretPathsFilter

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "Zk3-tOkEn_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"


@pytest.fixture(scope="module")
def gunicorn_conf() -> dict:
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def _access_line(gunicorn_conf, path: str, *, referer: str = "-") -> str:
    """The access-log line gunicorn writes for a GET of `path`, with the portal's config file."""
    cfg = Config()
    for name in ("access_log_format", "accesslog", "logger_class"):
        cfg.set(name, gunicorn_conf[name])
    logger = cfg.logger_class(cfg)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger.access_log.handlers = [handler]
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": path,
        "PATH_INFO": path.split("?")[0],
        "QUERY_STRING": path.partition("?")[2],
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "10.0.0.7",
        "HTTP_REFERER": referer,
        "HTTP_USER_AGENT": "Outlook-iOS/2.0",
    }
    response = SimpleNamespace(status="200 OK", sent=1234, headers=[("Content-Type", "text/calendar")])
    request = SimpleNamespace(headers=[("REFERER", referer), ("USER-AGENT", "Outlook-iOS/2.0")])
    logger.access(response, request, environ, datetime.timedelta(milliseconds=42))
    return stream.getvalue()


def test_the_compose_file_and_the_image_run_gunicorn_with_this_config():
    assert '"-c", "gunicorn.conf.py"' in (ROOT / "Dockerfile").read_text()
    assert '"-c", "gunicorn.conf.py"' in (ROOT / "docker-compose.yml").read_text()


@pytest.mark.parametrize(
    "path",
    [f"/kalender/{TOKEN}/mig.ics", f"/kalender/{TOKEN}/forum/3.ics", f"/kalender/{TOKEN}/mig.ics?x=1"],
)
def test_access_log_line_has_no_calendar_token(gunicorn_conf, path):
    line = _access_line(gunicorn_conf, path, referer=f"https://rsi.example.dk/kalender/{TOKEN}/mig.ics")
    assert TOKEN not in line
    assert f"GET /kalender/{REDACTED}/" in line  # the request is still logged, only the token is hidden
    assert " 200 1234 " in line and "10.0.0.7" in line and "42ms" in line


def test_other_paths_are_logged_as_they_are(gunicorn_conf):
    line = _access_line(gunicorn_conf, "/projekter/12/status/?month=2025-03")
    assert '"GET /projekter/12/status/?month=2025-03 HTTP/1.1" 200' in line


def test_django_request_log_has_no_calendar_token():
    """Django logs "Not Found: <path>" for a 404, e.g. a valid token with a forum the person is not in."""
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Not Found: %s", (f"/kalender/{TOKEN}/forum/9.ics",), None
    )
    assert RedactSecretPathsFilter().filter(record)
    assert TOKEN not in record.getMessage()
    assert record.getMessage() == f"Not Found: /kalender/{REDACTED}/forum/9.ics"


def test_the_console_log_handler_carries_the_filter(settings):
    console = settings.LOGGING["handlers"]["console"]
    assert "redact_secret_paths" in console["filters"]
    assert settings.LOGGING["filters"]["redact_secret_paths"]["()"] == "rsi_portal.redaction.RedactSecretPathsFilter"
