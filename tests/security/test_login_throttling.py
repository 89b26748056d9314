"""Login is throttled per username and address (django-axes) with a Danish message; sessions end after a workday."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.utils import timezone

pytestmark = pytest.mark.django_db

LOCKED_MESSAGE = "For mange forkerte forsøg på at logge ind"


@pytest.fixture(autouse=True)
def fast_passwords(settings, demo, django_user_model):
    """The demo passwords re-hashed with a fast hasher (rolled back after the test): a real one takes ~0.5 s a try."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    for user in django_user_model.objects.filter(
        username__in=["projektleder", "regional", "formand", "direktoer", "kontakt", "sekretariat"]
    ):
        user.set_password("demo")
        user.save(update_fields=["password"])


def _login(client, username, password, *, address="10.1.2.3"):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_25_wrong_passwords_then_the_right_one_is_refused(client, demo):
    for _ in range(25):
        response = _login(client, "projektleder", "forkert")
        assert response.status_code in (200, 429)
        assert SESSION_KEY not in client.session
    response = _login(client, "projektleder", "demo")
    assert response.status_code == 429
    assert SESSION_KEY not in client.session
    html = response.content.decode()
    assert LOCKED_MESSAGE in html
    assert "Prøv igen om 15 minutter" in html
    assert 'lang="da"' in html and 'name="username"' in html  # the login page, in the portal layout
    assert client.get("/").status_code == 302  # still anonymous


def test_lock_starts_at_the_limit_and_not_before(client, demo):
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 10
    for attempt in range(1, limit):
        response = _login(client, "regional", "forkert")
        assert response.status_code == 200, attempt
        assert "Brugernavn eller adgangskode er forkert" in response.content.decode()
    assert _login(client, "regional", "forkert").status_code == 429
    assert _login(client, "regional", "demo").status_code == 429


def test_a_success_below_the_limit_resets_the_count(client, demo):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "regional", "forkert")
    assert _login(client, "regional", "demo").status_code == 302
    client.post("/logout/")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "regional", "forkert")
    assert _login(client, "regional", "demo").status_code == 302


def test_the_lock_is_per_username_and_address(client, demo):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "formand", "forkert", address="10.9.9.9")
    assert _login(client, "formand", "demo", address="10.9.9.9").status_code == 429
    # Another address may still log in as that user, and the address may log in as another user.
    assert _login(client, "formand", "demo", address="10.9.9.10").status_code == 302
    client.post("/logout/")
    assert _login(client, "direktoer", "demo", address="10.9.9.9").status_code == 302


def test_the_lock_ends_after_the_cool_off(client, demo):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "kontakt", "forkert")
    assert _login(client, "kontakt", "demo").status_code == 429
    AccessAttempt.objects.filter(username="kontakt").update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )
    assert _login(client, "kontakt", "demo").status_code == 302


def test_unlocking_is_deleting_the_access_attempt_in_the_admin(client, demo, django_user_model):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "projektleder", "forkert")
    attempt = AccessAttempt.objects.get(username="projektleder")
    assert attempt.failures_since_start >= settings.AXES_FAILURE_LIMIT

    admin = django_user_model.objects.create_superuser("admin-test", "admin@example.dk", "x-Adm1n-test-pw")
    client.force_login(admin)
    listing = client.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200 and "projektleder" in listing.content.decode()
    response = client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    client.post("/logout/")
    assert _login(client, "projektleder", "demo").status_code == 302


def test_the_secretariat_can_unlock_from_the_admin(client, sekretariat):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "projektleder", "forkert")
    attempt = AccessAttempt.objects.get(username="projektleder")
    client.force_login(sekretariat)
    assert client.get("/admin/axes/accessattempt/").status_code == 200
    response = client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(pk=attempt.pk).exists()


def test_the_admin_login_is_throttled_too(client, demo):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "sekretariat", "password": "forkert"}, REMOTE_ADDR="10.7.7.7")
    response = client.post("/admin/login/", {"username": "sekretariat", "password": "demo"}, REMOTE_ADDR="10.7.7.7")
    assert response.status_code == 429
    assert LOCKED_MESSAGE in response.content.decode()


# --- Sessions


def _session_row(client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def test_a_session_ends_after_a_working_day_without_requests(client, demo):
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert _login(client, "regional", "demo").status_code == 302
    assert client.get("/").status_code == 200
    expires = _session_row(client).expire_date - timezone.now()
    assert timedelta(hours=7, minutes=59) < expires <= timedelta(hours=8)

    # A request after the touch interval restarts the clock...
    session = client.session
    session["_touched"] = 0
    session.save()
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() + timedelta(minutes=1)
    )
    assert client.get("/").status_code == 200
    assert _session_row(client).expire_date - timezone.now() > timedelta(hours=7, minutes=59)

    # ...and a day without one ends the session.
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get("/")
    assert response.status_code == 302 and response.url.startswith("/login/")


def test_staff_sessions_end_when_the_browser_closes(client, demo):
    response = _login(client, "sekretariat", "demo")
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""  # a browser-session cookie
    assert client.get("/").status_code == 200
    # The server side still ends it after a working day without requests.
    expires = _session_row(client).expire_date - timezone.now()
    assert timedelta(hours=7, minutes=59) < expires <= timedelta(hours=8)


def test_other_users_keep_their_session_over_a_browser_restart(client, demo):
    response = _login(client, "regional", "demo")
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == settings.SESSION_COOKIE_AGE
