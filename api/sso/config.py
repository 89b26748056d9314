"""The OIDC providers, one per region, read from settings.SSO_PROVIDERS (built from the environment)."""

from dataclasses import dataclass

import requests
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

DISCOVERY_SECONDS = 3600


@dataclass(frozen=True)
class Provider:
    id: str
    label: str
    issuer: str
    client_id: str
    client_secret: str
    scopes: str = "openid email profile"
    region: str = ""
    region_claim: str = ""
    sign_algo: str = "RS256"
    sign_key: str = ""  # a PEM public key instead of the provider's JWKS (optional)

    def discovery(self) -> dict:
        """The provider's /.well-known/openid-configuration, cached for an hour."""
        key = f"sso:discovery:{self.id}"
        document = cache.get(key)
        if document is None:
            url = self.issuer.rstrip("/") + "/.well-known/openid-configuration"
            response = requests.get(url, timeout=settings.SSO_TIMEOUT_SECONDS)
            response.raise_for_status()
            document = response.json()
            if document.get("issuer", "").rstrip("/") != self.issuer.rstrip("/"):
                raise ImproperlyConfigured(f"SSO provider {self.id}: the discovery document names another issuer.")
            cache.set(key, document, DISCOVERY_SECONDS)
        return document


def providers() -> list[Provider]:
    return [Provider(**entry) for entry in settings.SSO_PROVIDERS]


def provider(provider_id: str) -> Provider | None:
    return next((p for p in providers() if p.id == provider_id), None)
