"""The id token is checked: wrong audience, wrong issuer, wrong nonce, expired or badly signed is refused."""

import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.exceptions import SuspiciousOperation

from api.sso.backend import PortalOIDCBackend
from api.sso.config import provider


@pytest.fixture
def backend(provider_with_key):
    backend = PortalOIDCBackend()
    backend.use(provider("rm"))
    return backend


def test_a_good_token_is_accepted(backend, id_token):
    assert backend.verify_token(id_token(), nonce="n1")["sub"] == "abc"


def test_wrong_audience_is_refused(backend, id_token):
    with pytest.raises(SuspiciousOperation):
        backend.verify_token(id_token(aud="another-client"), nonce="n1")


def test_missing_audience_is_refused(backend, id_token):
    with pytest.raises(SuspiciousOperation):
        backend.verify_token(id_token(aud=None), nonce="n1")


def test_wrong_issuer_is_refused(backend, id_token):
    with pytest.raises(SuspiciousOperation):
        backend.verify_token(id_token(iss="http://evil.example/oidc"), nonce="n1")


def test_wrong_nonce_is_refused(backend, id_token):
    with pytest.raises(SuspiciousOperation):
        backend.verify_token(id_token(nonce="replayed"), nonce="n1")


def test_expired_token_is_refused(backend, id_token):
    past = int(time.time()) - 3600
    with pytest.raises(SuspiciousOperation):
        backend.verify_token(id_token(iat=past - 300, exp=past), nonce="n1")


def test_token_signed_by_another_key_is_refused(backend):
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = int(time.time())
    token = jwt.encode(
        {
            "iss": "http://127.0.0.1:9/oidc",
            "aud": "rsi-portal",
            "sub": "abc",
            "iat": now,
            "exp": now + 60,
            "nonce": "n1",
        },
        other,
        algorithm="RS256",
    )
    with pytest.raises(SuspiciousOperation):
        backend.verify_token(token, nonce="n1")


def test_unsigned_token_is_refused(backend):
    now = int(time.time())
    token = jwt.encode({"iss": "x", "aud": "rsi-portal", "sub": "a", "exp": now + 60}, key=None, algorithm="none")
    with pytest.raises(SuspiciousOperation):
        backend.verify_token(token, nonce=None)
