"""The login page's region buttons, the switch for password login, user linking, the no-access page, logout."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from api.models import SsoIdentity
from api.sso.backend import SESSION_PROVIDER, PortalOIDCBackend
from api.sso.config import provider


def test_login_page_shows_one_button_per_configured_region(client, settings, provider_with_key):
    settings.SSO_PROVIDERS = [provider_with_key, {**provider_with_key, "id": "rh", "label": "Region Hovedstaden"}]
    html = client.get(reverse("login")).content.decode()
    assert "Log ind med Region Midtjylland" in html and "Log ind med Region Hovedstaden" in html
    assert reverse("sso:start", args=["rm"]) in html and reverse("sso:start", args=["rh"]) in html
    assert 'name="password"' in html


def test_no_buttons_without_providers(client, settings, db):
    settings.SSO_PROVIDERS = []
    assert "sso-buttons" not in client.get(reverse("login")).content.decode()


def test_password_login_can_be_switched_off(client, settings, demo, provider_with_key):
    settings.PASSWORD_LOGIN_ENABLED = False
    page = client.get(reverse("login")).content.decode()
    assert 'name="password"' not in page and "Log ind med Region Midtjylland" in page
    response = client.post(reverse("login"), {"username": "sekretariat", "password": "demo"})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_unknown_provider_is_404(client, provider_with_key):
    assert client.get(reverse("sso:start", args=["nope"])).status_code == 404


def _claims(**extra):
    return {"sub": "sub-1", "email": "ny.bruger@rm.dk", "given_name": "Ny", "family_name": "Bruger", **extra}


@pytest.fixture
def backend(provider_with_key):
    backend = PortalOIDCBackend()
    backend.use(provider("rm"))
    backend.get_userinfo = lambda access, id_token, payload: dict(payload)
    return backend


def test_first_login_links_an_existing_user_by_email(backend, demo):
    user = get_user_model().objects.get(username="projektleder")
    assert backend.get_or_create_user("a", "i", _claims(email=user.email.upper())) == user
    assert SsoIdentity.objects.get(provider="rm", sub="sub-1").user == user
    # next time by sub, even with another e-mail address at the provider
    assert backend.get_or_create_user("a", "i", _claims(email="changed@rm.dk")) == user


def test_first_login_of_an_unknown_person_creates_a_user_without_role(backend, demo):
    from rsi_portal.permissions import has_portal_role

    user = backend.get_or_create_user("a", "i", _claims())
    assert user.username == "rm-sub-1" and user.email == "ny.bruger@rm.dk" and not user.has_usable_password()
    assert not has_portal_role(user)


def test_region_claim_must_name_the_providers_region(settings, provider_with_key, demo):
    settings.SSO_PROVIDERS = [{**provider_with_key, "region_claim": "region"}]
    backend = PortalOIDCBackend()
    backend.use(provider("rm"))
    assert backend.verify_claims(_claims(region="RM"))
    assert not backend.verify_claims(_claims(region="RH"))


def test_group_claim_maps_to_portal_users(backend, settings, demo):
    settings.SSO_GROUP_CLAIM, settings.SSO_PORTAL_USERS_GROUP_VALUE = "groups", "rsi-portal"
    user = backend.get_or_create_user("a", "i", _claims(groups=["rsi-portal"]))
    assert user.groups.filter(name="Portalbrugere").exists()


def test_no_access_page_names_the_secretariat(client, demo):
    client.force_login(get_user_model().objects.create_user("udenrolle2", "u2@rm.dk"))
    response = client.get(reverse("sso:no_access"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Ingen adgang endnu" in html and "RSI-sekretariatet" in html


def test_no_access_page_sends_a_user_with_a_role_home(client, login, demo):
    login("kontakt")
    assert client.get(reverse("sso:no_access")).status_code == 302


def test_callback_without_code_goes_back_to_login(client, provider_with_key):
    response = client.get(reverse("sso:callback"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_logout_ends_the_portal_session_and_the_providers(client, settings, demo, provider_with_key, monkeypatch):
    from api.sso import config

    monkeypatch.setattr(config.Provider, "discovery", lambda self: {"end_session_endpoint": "http://op/logout"})
    client.force_login(get_user_model().objects.get(username="kontakt"))
    session = client.session
    session[SESSION_PROVIDER], session["oidc_id_token"] = "rm", "the-id-token"
    session.save()
    response = client.post(reverse("logout"))
    assert response.status_code == 200  # a page that moves on to the provider (CSP form-action stops a redirect)
    url = response.context["end_session_url"]
    assert url.startswith("http://op/logout?") and "id_token_hint=the-id-token" in url
    assert f'content="0;url={url.replace("&", "&amp;")}"' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_without_sso_goes_to_login(client, login, demo):
    login("kontakt")
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response["Location"] == reverse("login")
