"""Every monthly-status page, for every demo role: denied by default, allowed exactly as R9 says."""

import pytest
from django.urls import reverse

from portfolio.models import Pejlemaerke

from .status_support import MONTH, hm_project, luna_project, submit, url_month

ROLES = ["sekretariat", "projektleder", "regional", "formand", "direktoer", "kontakt"]
EVERYONE = set(ROLES)


@pytest.fixture
def pages(demo):
    report = submit(hm_project("RN"), "RN", "yellow", actor="regional")
    hm = Pejlemaerke.objects.get(short_name="Hjemmemonitorering")
    return {
        reverse("portfolio:dashboard"): EVERYONE,
        reverse("portfolio:dashboard") + "?format=xlsx": EVERYONE,
        reverse("projects:status_pejlemaerke_month", args=[hm.pk, url_month()]): EVERYONE,
        reverse("projects:status_report_detail", args=[report.pk]): EVERYONE,
        reverse("projects:status_report_correct", args=[report.pk]): {"sekretariat", "regional"},
        reverse("projects:status_report_edit", args=[hm_project("RSJ").pk, "RSJ", url_month()]): {"sekretariat"},
        reverse("projects:status_report_edit", args=[luna_project().pk, "RN", url_month()]): {
            "sekretariat",
            "projektleder",
        },
        reverse("projects:status_report_edit", args=[hm_project("RH").pk, "RH", url_month()]): set(),  # afventer
    }


@pytest.mark.parametrize("role", ROLES)
def test_status_pages_permission_matrix(pages, client, login, role):
    login(role)
    for url, allowed in pages.items():
        status = client.get(url).status_code
        expected = 200 if role in allowed else 403
        assert status == expected, f"{role} on {url}: {status}, expected {expected}"


def test_status_pages_need_login(pages, client):
    for url in pages:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_a_person_without_role_gets_403_on_the_dashboard(demo, client, django_user_model):
    client.force_login(django_user_model.objects.create_user("udenfor", password="x"))
    assert client.get(reverse("portfolio:dashboard")).status_code == 403


def test_dashboard_link_in_the_menu_for_every_role(demo, client, login):
    for role in ROLES:
        login(role)
        assert f'href="{reverse("portfolio:dashboard")}"' in client.get(reverse("portfolio:home")).content.decode()
    assert MONTH.day == 1
