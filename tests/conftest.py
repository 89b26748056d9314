import io
import os

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# The browser fixtures (Playwright on Chromium): one session `browser` for tests/e2e and tests/sso.
pytest_plugins = ["tests.browser"]


def require_component(name: str, available: bool, why: str) -> None:
    """A missing real component fails the test in CI and skips it on a developer's machine."""
    if available:
        return
    message = f"{name} is not available: {why}"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def load_demo() -> None:
    """`loaddemo` as `make demo` runs it; the suite runs with DEBUG off, so it says this is not production."""
    call_command("loaddemo", "--i-know-this-is-not-production", stdout=io.StringIO())


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo data once per test session; each test runs in its own rolled-back transaction."""
    with django_db_blocker.unblock():
        load_demo()


@pytest.fixture
def demo(db):
    """The full demo data set (the same `loaddemo` that `make demo` runs)."""
    from portfolio.models import Region

    # The session database is loaded once (see django_db_setup); a transactional test
    # flushes it, so the next test that needs it loads it again.
    if not Region.objects.exists():
        load_demo()


@pytest.fixture
def login(client):
    """login("projektleder") logs the test client in as that demo user and returns the user."""

    def _login(username: str):
        user = get_user_model().objects.get(username=username)
        client.force_login(user)
        return user

    return _login


@pytest.fixture
def sekretariat(demo):
    return get_user_model().objects.get(username="sekretariat")


@pytest.fixture
def eager_tasks():
    """Run Celery tasks in process for tests that are not about the worker (CI has a broker but no worker
    for them; the worker tests start a real one)."""
    from rsi_portal.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _nothing_kept_from_earlier_tests():
    """Pages that keep what they built (rsi_portal.fingerprint) start each test from nothing, so a test
    sees the page built from its own data and counts the same queries whatever ran before it."""
    from rsi_portal.fingerprint import forget_all

    forget_all()


@pytest.fixture(autouse=True)
def _danish_by_default():
    """Each test starts in Danish: a request that switched to English must not leak into the next test."""
    from django.utils import translation

    translation.activate("da")
    yield
    translation.activate("da")
