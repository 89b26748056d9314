import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from api.models import TokenScope
from api.tokens import token_create


@pytest.fixture
def token_for(demo):
    """token_for("projektleder", scope="read_write") -> the secret of a new token of that demo user."""

    def _token(username: str, scope: str = TokenScope.READ_WRITE, days: int = 30) -> str:
        user = get_user_model().objects.get(username=username)
        return token_create(actor=user, name=f"test {scope} {days}", scope=scope, days=days)[1]

    return _token


@pytest.fixture
def api(token_for):
    """api("projektleder") -> a test client that sends that user's read-write token on every request."""

    def _client(username: str, scope: str = TokenScope.READ_WRITE) -> Client:
        return Client(HTTP_AUTHORIZATION=f"Bearer {token_for(username, scope)}")

    return _client
