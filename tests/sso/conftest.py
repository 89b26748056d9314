import time

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

ISSUER = "http://127.0.0.1:9/oidc"
CLIENT_ID = "rsi-portal"


@pytest.fixture(scope="session")
def rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def provider_with_key(settings, rsa_key):
    """A provider whose signing key is configured directly (SSO_<ID>_SIGN_KEY), no network needed."""
    public = (
        rsa_key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    entry = {
        "id": "rm",
        "label": "Region Midtjylland",
        "issuer": ISSUER,
        "client_id": CLIENT_ID,
        "client_secret": "secret",
        "region": "RM",
        "sign_key": public,
    }
    settings.SSO_PROVIDERS = [entry]
    return entry


@pytest.fixture
def id_token(rsa_key):
    def _token(**overrides):
        now = int(time.time())
        claims = {"iss": ISSUER, "aud": CLIENT_ID, "sub": "abc", "iat": now, "exp": now + 300, "nonce": "n1"}
        claims.update(overrides)
        claims = {k: v for k, v in claims.items() if v is not None}
        return jwt.encode(claims, rsa_key, algorithm="RS256")

    return _token
