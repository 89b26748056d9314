"""schemathesis against the live schema, in process (WSGI) on the test database: with a secretariat token and a
read-only token, no 5xx, every documented response matches the schema, and a read-only token never writes.

The number of cases run is printed at the end (pytest -s shows it): SCHEMATHESIS_MAX_EXAMPLES per operation.
"""

import os
from collections import Counter

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from api.models import TokenScope
from api.tokens import token_create

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "25"))
CASES: dict[str, Counter] = {"secretariat": Counter(), "read_only": Counter()}
BASE_URL = "http://testserver"  # a host the test settings allow

schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
schema.app = get_wsgi_application()
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


def _token(username: str, scope: str) -> str:
    user = get_user_model().objects.get(username=username)
    return token_create(actor=user, name=f"fuzz {scope}", scope=scope, days=1)[1]


@pytest.fixture
def secretariat_token(demo):
    return _token("sekretariat", TokenScope.READ_WRITE)


@pytest.fixture
def read_only_token(demo):
    return _token("kontakt", TokenScope.READ)


FUZZ = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
    derandomize=True,
)


@pytest.fixture(autouse=True)
def _in_process(settings):
    """As Django's test client does: the WSGI app must not close the test's database connection (its
    transaction is rolled back after the test), and the fuzzer is not throttled."""
    settings.API_THROTTLE_RATES = {"read": None, "read_write": None, "session": None}
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@FUZZ
def test_fuzz_with_a_secretariat_token(case, secretariat_token):
    headers = {"Authorization": f"Bearer {secretariat_token}"}
    response = case.call_and_validate(base_url=BASE_URL, headers=headers, checks=CHECKS)
    CASES["secretariat"][response.status_code] += 1


@schema.parametrize()
@FUZZ
def test_fuzz_with_a_read_only_token(case, read_only_token):
    headers = {"Authorization": f"Bearer {read_only_token}"}
    response = case.call_and_validate(base_url=BASE_URL, headers=headers, checks=CHECKS)
    if case.method.upper() not in {"GET", "HEAD", "OPTIONS"}:
        assert not 200 <= response.status_code < 300, f"a read-only token's {case.method} {case.path} was accepted"
    CASES["read_only"][response.status_code] += 1


def test_fuzz_case_count_report():
    """Runs last in this module: prints how many cases schemathesis ran (for the closing note)."""
    total = sum(sum(c.values()) for c in CASES.values())
    by_status = {k: dict(v) for k, v in CASES.items()}
    print(f"\nschemathesis: {total} cases; by token and status: {by_status}")
