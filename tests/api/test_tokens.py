"""Personal API tokens: hashed, named, scoped, expiring, revocable, last-used; throttled per scope."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from api.models import ApiToken, TokenScope
from api.tokens import digest


def _bearer(secret):
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_token_is_stored_hashed_and_shown_once(client, login, demo):
    user = login("projektleder")
    response = client.post("/api/tokens/", {"name": "Power BI", "scope": "read", "days": "30"})
    assert response.status_code == 200
    secret = response.context["secret"]
    assert secret.startswith("rsi_")
    token = ApiToken.objects.get(user=user, name="Power BI")
    assert token.digest == digest(secret) and secret not in (token.digest, token.prefix)
    assert token.scope == TokenScope.READ
    assert token.expires_at - timezone.now() > timedelta(days=29)
    assert secret not in client.get("/api/tokens/").content.decode()  # never shown again


def test_token_form_errors_are_danish_and_keep_input(client, login, demo):
    login("projektleder")
    response = client.post("/api/tokens/", {"name": "Min nøgle", "scope": "read", "days": "999"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Min nøgle" in html
    assert "366" in html


def test_last_used_is_recorded(token_for):
    secret = token_for("projektleder", TokenScope.READ)
    assert _bearer(secret).get("/api/v1/pejlemaerker/").status_code == 200
    assert ApiToken.objects.get(digest=digest(secret)).last_used_at is not None


def test_revoked_token_stops_working(client, login, token_for):
    secret = token_for("projektleder", TokenScope.READ)
    token = ApiToken.objects.get(digest=digest(secret))
    login("projektleder")
    assert client.post(f"/api/tokens/{token.pk}/revoke/").status_code == 302
    response = _bearer(secret).get("/api/v1/pejlemaerker/")
    assert response.status_code == 401
    assert response.json()["detail"] == "Nøglen er ukendt, udløbet eller tilbagekaldt."


def test_someone_elses_token_cannot_be_revoked(client, login, token_for):
    token = ApiToken.objects.get(digest=digest(token_for("projektleder")))
    login("regional")
    assert client.post(f"/api/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_expired_token_is_refused(token_for):
    secret = token_for("projektleder", TokenScope.READ)
    ApiToken.objects.filter(digest=digest(secret)).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert _bearer(secret).get("/api/v1/pejlemaerker/").status_code == 401


def test_unknown_token_is_refused(demo):
    assert _bearer("rsi_not-a-token").get("/api/v1/pejlemaerker/").status_code == 401


def test_user_without_a_role_is_refused(demo):
    from api.tokens import token_create

    nobody = get_user_model().objects.create_user("ingenrolle", "ingen@example.dk", "x")
    secret = token_create(actor=nobody, name="n", scope="read", days=1)[1]
    response = _bearer(secret).get("/api/v1/pejlemaerker/")
    assert response.status_code == 403
    assert response.json()["detail"] == "Du har ikke adgang til dette."


def test_read_only_token_never_writes(token_for):
    response = _bearer(token_for("sekretariat", TokenScope.READ)).post(
        "/api/v1/business-cases/1/versions/",
        {"change_reason": "x"},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="k1",
    )
    assert response.status_code == 403
    assert "kun læse" in response.json()["detail"]


@pytest.mark.parametrize("scope", [TokenScope.READ, TokenScope.READ_WRITE])
def test_throttled_per_scope(settings, token_for, scope):
    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, scope: "2/hour"}
    cache.clear()
    client = _bearer(token_for("projektleder", scope))
    assert [client.get("/api/v1/pejlemaerker/").status_code for _ in range(3)] == [200, 200, 429]
    assert client.get("/api/v1/pejlemaerker/").json()["detail"].startswith("For mange forespørgsler")
    cache.clear()
