"""mozilla-django-oidc's backend for several providers: the one chosen on the login page (kept in the
session) gives the endpoints and keys; the id token's issuer, audience, expiry and nonce are all checked."""

import logging

import jwt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from rsi_portal.permissions import PORTAL_USERS_GROUP

from ..models import SsoIdentity
from .config import Provider, provider

LOGGER = logging.getLogger(__name__)
SESSION_PROVIDER = "sso_provider"


class PortalOIDCBackend(OIDCAuthenticationBackend):
    def __init__(self, *args, **kwargs):
        self.UserModel = get_user_model()
        self.provider: Provider | None = None

    def get_settings(self, attr, *args):
        """The chosen provider's values; the rest from settings (mozilla-django-oidc's own defaults)."""
        p = self.provider
        if p is not None:
            own = {
                "OIDC_RP_CLIENT_ID": p.client_id,
                "OIDC_RP_CLIENT_SECRET": p.client_secret,
                "OIDC_RP_SCOPES": p.scopes,
                "OIDC_RP_SIGN_ALGO": p.sign_algo,
            }
            if attr in own:
                return own[attr]
        return import_from_settings(attr, *args)

    def use(self, chosen: Provider) -> None:
        self.provider = chosen
        self.OIDC_RP_CLIENT_ID = chosen.client_id
        self.OIDC_RP_CLIENT_SECRET = chosen.client_secret
        self.OIDC_RP_SIGN_ALGO = chosen.sign_algo
        self.OIDC_RP_IDP_SIGN_KEY = chosen.sign_key or None
        if chosen.sign_key:
            self.OIDC_OP_TOKEN_ENDPOINT = self.OIDC_OP_USER_ENDPOINT = self.OIDC_OP_JWKS_ENDPOINT = None
        else:
            document = chosen.discovery()
            self.OIDC_OP_TOKEN_ENDPOINT = document["token_endpoint"]
            self.OIDC_OP_USER_ENDPOINT = document.get("userinfo_endpoint")
            self.OIDC_OP_JWKS_ENDPOINT = document["jwks_uri"]

    def authenticate(self, request, **kwargs):
        if request is None or "code" not in request.GET:
            return None
        chosen = provider(request.session.get(SESSION_PROVIDER, ""))
        if chosen is None:
            return None
        self.use(chosen)
        return super().authenticate(request, **kwargs)

    def _verify_jws(self, payload, key):
        """The library leaves the audience unchecked: here issuer, audience and expiry must all hold."""
        header = jwt.get_unverified_header(payload)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation("The id token's algorithm is not the one configured.")
        try:
            return jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.provider.client_id,
                issuer=self.provider.issuer,
                options={"require": ["exp", "iat", "aud", "iss", "sub"]},
                leeway=settings.SSO_CLOCK_SKEW_SECONDS,
            )
        except jwt.PyJWTError as error:
            raise SuspiciousOperation(f"id token refused: {error}") from error

    def get_userinfo(self, access_token, id_token, payload):
        """The id token's claims, completed by the userinfo endpoint when the provider has one."""
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            info = super().get_userinfo(access_token, id_token, payload)
            if info.get("sub") not in (None, payload.get("sub")):
                raise SuspiciousOperation("userinfo names another subject")
            claims.update(info)
        return claims

    def verify_claims(self, claims):
        if not claims.get("sub"):
            return False
        p = self.provider
        if p.region_claim and p.region and str(claims.get(p.region_claim, "")).upper() != p.region.upper():
            LOGGER.warning("SSO %s: the %s claim does not name region %s", p.id, p.region_claim, p.region)
            return False
        return True

    @transaction.atomic
    def get_or_create_user(self, access_token, id_token, payload):
        """Link by `sub` first, then by e-mail; else a new user without any role (the no-access page)."""
        claims = self.get_userinfo(access_token, id_token, payload)
        if not self.verify_claims(claims):
            raise SuspiciousOperation("Claims verification failed")
        p, sub = self.provider, claims["sub"]
        link = SsoIdentity.objects.select_related("user").filter(provider=p.id, sub=sub).first()
        user = link.user if link else None
        email = (claims.get("email") or "").strip()
        if user is None and email and claims.get("email_verified", True) is not False:
            matches = list(self.UserModel.objects.filter(email__iexact=email)[:2])
            if len(matches) > 1:
                raise SuspiciousOperation("Several users have this e-mail address")
            user = matches[0] if matches else None
        if user is None:
            user = self.UserModel.objects.create_user(
                username=f"{p.id}-{sub}"[:150],
                email=email,
                first_name=(claims.get("given_name") or "")[:150],
                last_name=(claims.get("family_name") or "")[:150],
            )
            user.set_unusable_password()
            user.save(update_fields=["password"])
        if not user.is_active:
            return None
        if link is None:
            SsoIdentity.objects.get_or_create(provider=p.id, sub=sub, defaults={"user": user})
        self._map_group(user, claims)
        return user

    def _map_group(self, user, claims) -> None:
        """Optional: a group claim value that grants the Portalbrugere group (settings.SSO_GROUP_CLAIM)."""
        claim, value = settings.SSO_GROUP_CLAIM, settings.SSO_PORTAL_USERS_GROUP_VALUE
        if not (claim and value):
            return
        groups = claims.get(claim) or []
        if isinstance(groups, str):
            groups = [groups]
        if value in groups:
            user.groups.add(Group.objects.get(name=PORTAL_USERS_GROUP))
