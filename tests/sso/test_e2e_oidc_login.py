"""SSO through a real provider: Chromium logs in at panva's oidc-provider on 127.0.0.1 and lands on the
portal's home page; a person without a role lands on the no-access page; logout ends the provider's session."""

import pytest
from django.core.cache import cache

from tests.oidc.runner import CLIENT_ID, CLIENT_SECRET, OidcProvider

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def oidc_issuer():
    provider = OidcProvider()
    yield provider.start()
    provider.stop()


@pytest.fixture
def sso(settings, oidc_issuer):
    settings.SSO_PROVIDERS = [
        {
            "id": "rm",
            "label": "Region Midtjylland",
            "issuer": oidc_issuer,
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "region": "RM",
        }
    ]
    cache.delete("sso:discovery:rm")
    return oidc_issuer


def _sign_in_at_provider(page, issuer, login):
    page.get_by_role("link", name="Log ind med Region Midtjylland").click()
    page.wait_for_url(lambda url: url.startswith(issuer))
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("any")
    page.locator("button[type=submit]").click()
    consent = page.locator("button[type=submit]")
    page.wait_for_load_state()
    if page.url.startswith(issuer) and consent.count():
        consent.first.click()


def test_sso_login_lands_on_the_home_page(page, sso, live_server):
    page.goto("/login/")
    _sign_in_at_provider(page, sso, "projektleder")  # the demo user's e-mail at the provider
    page.wait_for_url(lambda url: url.startswith(live_server.url) and "/login/" not in url)
    assert page.url.rstrip("/") == live_server.url
    assert page.locator("h1").first.is_visible()
    assert "Ingen adgang endnu" not in page.content()


def test_sso_user_without_a_role_sees_no_access(page, sso, live_server):
    page.goto("/login/")
    _sign_in_at_provider(page, sso, "ny-kollega")
    page.wait_for_url(lambda url: "/sso/ingen-adgang/" in url)
    assert page.locator("h1").inner_text() == "Ingen adgang endnu"
    page.get_by_role("banner").get_by_role("button", name="Log ud").click()
    page.wait_for_url(lambda url: url.startswith(sso))  # the provider's end_session_endpoint
