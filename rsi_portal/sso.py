"""The OIDC providers of single sign-on, read from the environment (docs/sso.md); no app knowledge."""

import os

from django.core.exceptions import ImproperlyConfigured


def providers_from_environment(ids: list[str]) -> list[dict]:
    """SSO_PROVIDERS=rm,rh and per provider SSO_<ID>_ISSUER, _CLIENT_ID, _CLIENT_SECRET, optionally _LABEL,
    _SCOPES, _REGION (the region's code), _REGION_CLAIM and _SIGN_ALGO."""
    found = []
    for provider_id in ids:
        prefix = f"SSO_{provider_id.upper().replace('-', '_')}_"
        entry = {"id": provider_id.lower()}
        for key in ("issuer", "client_id", "client_secret"):
            value = os.environ.get(prefix + key.upper(), "").strip()
            if not value:
                raise ImproperlyConfigured(f"SSO provider {provider_id}: set {prefix}{key.upper()}.")
            entry[key] = value
        entry["label"] = os.environ.get(prefix + "LABEL", "").strip() or provider_id.upper()
        entry["scopes"] = os.environ.get(prefix + "SCOPES", "").strip() or "openid email profile"
        entry["region"] = os.environ.get(prefix + "REGION", "").strip().upper()
        entry["region_claim"] = os.environ.get(prefix + "REGION_CLAIM", "").strip()
        entry["sign_algo"] = os.environ.get(prefix + "SIGN_ALGO", "").strip() or "RS256"
        found.append(entry)
    return found
