"""No input can produce a 500.

For every URL pattern of the portal (django.urls.get_resolver, the admin aside) and for three users
(anonymous, `kontakt` without rights, the secretariat), hypothesis sends GET and POST requests with
generated path values, query strings and form bodies. The bodies follow the forms the crawl found on
the real pages; in a second, schema-less pass every field holds random bytes. Each request runs in a
savepoint that is rolled back, so the demo data stays as it was and an example can be replayed.

Asserted: no status ≥ 500, and a form refused with 400 (or 409) shows again what the user typed.
In CI (CI=true) the profile sends ≥ 3,000 requests; the figures are printed at the end of the run.
"""

import re
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.utils.html import escape
from hypothesis import given, settings
from hypothesis import strategies as st

from rsi_portal.middleware_input import without_control

from . import strategies as fuzz
from .conftest import BYTES_PROFILE, PROFILE, ROUTES, STATS

pytestmark = pytest.mark.django_db

USERS = [None, "kontakt", "sekretariat"]
REFUSED = 400, 409
FORM_ENCODED = "application/x-www-form-urlencoded"
HEALTH = "health/"
NOT_ECHOED = re.compile("password|token|secret|csrf", re.IGNORECASE)  # never shown back, by design


@pytest.fixture
def user_client(request, demo):
    """A client logged in as the parametrized user; returns (client, its session cookie)."""
    client = Client()
    username = request.node.callspec.params["username"]
    if username:
        client.force_login(get_user_model().objects.get(username=username))
    return client, client.cookies.get(django_settings.SESSION_COOKIE_NAME)


def _send(client, session_cookie, route, method: str, path: str, **kwargs):
    """One request in a savepoint that is rolled back; each starts from the logged-in session alone."""
    client.cookies = SimpleCookie()
    if session_cookie is not None:
        client.cookies[django_settings.SESSION_COOKIE_NAME] = session_cookie.value
    started = time.perf_counter()
    with transaction.atomic():
        response = getattr(client, method)(path, **kwargs)
        transaction.set_rollback(True)
    STATS.record(route.route, response.status_code, time.perf_counter() - started)
    if route.route == HEALTH and response.status_code == 503:
        return response  # /health/ reports the components (no beat in the suite), whatever the input
    assert response.status_code < 500, f"{method.upper()} {path} → {response.status_code}"
    return response


def _assert_typed_text_shown(response, form, body):
    """Every text the user typed is on the page that refused it (without control characters on the
    400 page of the input middleware, which refuses them)."""
    html = response.content.decode("utf-8", "replace")
    for name, value in body.items():
        field = form.fields.get(name)
        if field is None or field.kind != "text" or not isinstance(value, str) or NOT_ECHOED.search(name):
            continue
        expected = without_control(value)
        if expected.strip():
            STATS.texts_checked += 1
            assert escape(expected) in html or escape(value) in html, f"the text typed in {name!r} is gone"


@pytest.mark.parametrize("username", USERS, ids=lambda u: u or "anonymous")
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.route or "/")
def test_no_500_from_generated_input(route, username, site_map, user_client):
    client, session_cookie = user_client
    known = site_map.raw_values(route)
    forms = site_map.forms.get(route.route, [])
    query_keys = site_map.query_keys.get(route.route, set())

    @settings(PROFILE)
    @given(data=st.data())
    def run(data):
        path = route.build(data.draw(fuzz.path_values(route.params, known), label="path values"))
        query = urlencode(data.draw(fuzz.query(query_keys, site_map.query_values), label="query"))
        url = f"{path}?{query}" if query else path
        headers = {"HTTP_HX_REQUEST": "true"} if data.draw(st.booleans(), label="htmx") else {}
        if not data.draw(st.booleans(), label="POST"):
            _send(client, session_cookie, route, "get", url, **headers)
            return
        if not forms:
            body = data.draw(st.dictionaries(st.sampled_from(fuzz.COMMON_QUERY_KEYS), fuzz.anything, max_size=3))
            _send(client, session_cookie, route, "post", url, data=body, **headers)
            return
        form = data.draw(st.sampled_from(forms), label="form")
        typed_only = data.draw(st.booleans(), label="as a user would")
        body = data.draw(fuzz.form_body(form, typed_only=typed_only), label="body")
        response = _send(client, session_cookie, route, "post", url, data=body, **headers)
        if typed_only and response.status_code in REFUSED and "html" in response.get("Content-Type", ""):
            _assert_typed_text_shown(response, form, body)

    run()


@pytest.mark.parametrize("username", USERS, ids=lambda u: u or "anonymous")
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.route or "/")
def test_no_500_from_random_bytes_in_every_field(route, username, site_map, user_client):
    client, session_cookie = user_client
    known = site_map.raw_values(route)
    names = {name for form in site_map.forms.get(route.route, []) for name in form.fields}
    names |= site_map.query_keys.get(route.route, set())

    @settings(BYTES_PROFILE)
    @given(
        values=fuzz.path_values(route.params, known),
        query=fuzz.raw_field_bytes(names),
        body=fuzz.raw_field_bytes(names),
        raw=fuzz.raw_bytes,
    )
    def run(values, query, body, raw):
        url = f"{route.build(values)}?{query}"
        _send(client, session_cookie, route, "get", url)
        # the fields percent-encoded, then raw bytes as they come (invalid UTF-8, stray & and =)
        form_body = body.encode() + (b"&" + raw if raw else b"")
        _send(client, session_cookie, route, "post", url, data=form_body, content_type=FORM_ENCODED)

    run()
