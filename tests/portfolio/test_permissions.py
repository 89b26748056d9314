"""The permission matrix: each demo role × each page × own/other object."""

import pytest
from django.urls import get_resolver, reverse

from portfolio.models import Pejlemaerke
from projects.models import Project
from rsi_portal.permissions import can

ROLES = ["sekretariat", "projektleder", "regional", "formand", "direktoer", "kontakt"]


@pytest.fixture
def objects(demo):
    luna = Pejlemaerke.objects.get(short_name="LUNA")
    other = Pejlemaerke.objects.get(short_name="LABREK")
    return {
        "luna": luna,
        "other": other,
        "luna_project": luna.projects.get(),
        "other_project": other.projects.get(),
        "rn_project": Project.objects.get(pejlemaerke__short_name="Hjemmemonitorering", region__code="RN"),
    }


# page -> roles allowed (everyone else: 403)
def _pages(o):
    everyone = set(ROLES)
    return {
        reverse("portfolio:home"): everyone,
        reverse("portfolio:pejlemaerke_list"): everyone,
        reverse("portfolio:pejlemaerke_detail", args=[o["luna"].pk]): everyone,
        reverse("portfolio:pejlemaerke_create"): {"sekretariat"},
        reverse("portfolio:pejlemaerke_edit", args=[o["luna"].pk]): {"sekretariat"},
        reverse("portfolio:participation_edit", args=[o["luna"].pk]): {"sekretariat"},
        reverse("projects:project_edit", args=[o["luna_project"].pk]): {"sekretariat", "projektleder"},
        reverse("projects:project_edit", args=[o["other_project"].pk]): {"sekretariat"},
        reverse("projects:project_edit", args=[o["rn_project"].pk]): {"sekretariat"},
        reverse("admin:index"): {"sekretariat"},
    }


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(objects, client, login, role):
    login(role)
    for url, allowed in _pages(objects).items():
        status = client.get(url).status_code
        denied = 302 if url.startswith("/admin/") else 403  # the admin sends non-staff to its own login
        expected = 200 if role in allowed else denied
        assert status == expected, f"{role} on {url}: {status}, expected {expected}"


def test_projektleder_gets_403_on_another_projects_edit_url(objects, client, login):
    login("projektleder")
    response = client.post(
        reverse("projects:project_edit", args=[objects["other_project"].pk]), {"name": "Kapret", "description": ""}
    )
    assert response.status_code == 403
    objects["other_project"].refresh_from_db()
    assert objects["other_project"].name != "Kapret"


def test_projektleder_can_edit_own_project(objects, client, login):
    login("projektleder")
    url = reverse("projects:project_edit", args=[objects["luna_project"].pk])
    response = client.post(url, {"name": "LUNA – administration af praksissektoren", "description": "Ny tekst"})
    assert response.status_code == 302
    objects["luna_project"].refresh_from_db()
    assert objects["luna_project"].description == "Ny tekst"


def test_object_roles(objects, django_user_model):
    users = {u.username: u for u in django_user_model.objects.filter(username__in=ROLES)}
    luna, rn_project = objects["luna"], objects["rn_project"]
    assert can(users["formand"], "portfolio.chair_pejlemaerke", luna)
    assert not can(users["formand"], "portfolio.chair_pejlemaerke", objects["other"])
    assert can(users["regional"], "projects.report_status", rn_project)
    assert not can(users["regional"], "projects.report_status", objects["luna_project"])
    assert can(users["projektleder"], "projects.report_status", objects["luna_project"])
    from portfolio.models import Body, Region

    rsi_dk = Body.objects.get(kind="RSI_DK")
    assert can(users["direktoer"], "portfolio.member_of_body", rsi_dk)
    assert not can(users["kontakt"], "portfolio.member_of_body", rsi_dk)
    assert can(users["kontakt"], "portfolio.contact_region", Region.objects.get(code="RSJ"))
    assert not can(users["kontakt"], "portfolio.contact_region", Region.objects.get(code="RN"))


def test_user_without_role_is_denied_everything(demo, client, django_user_model):
    client.force_login(django_user_model.objects.create(username="udenrolle"))
    assert client.get(reverse("portfolio:home")).status_code == 403
    assert client.get(reverse("portfolio:pejlemaerke_list")).status_code == 403


def test_every_view_requires_login(demo, client):
    """Deny by default: apart from login and health, no URL answers an anonymous visitor."""
    open_urls = {"login", "health", "set_language"}
    for pattern in _all_named_patterns(get_resolver()):
        name, route = pattern
        if name in open_urls or "admin" in name or "<" in route:
            continue
        response = client.get("/" + route)
        if route.startswith("api/") and response.status_code in {401, 404}:
            continue  # the REST API answers machines itself: a JSON 401 (or 404), no login redirect
        assert response.status_code in {302, 403, 405}, f"{route} answered {response.status_code}"
        if response.status_code == 302:
            assert "/login/" in response["Location"]


def _all_named_patterns(resolver, prefix=""):
    from django.urls import URLPattern, URLResolver

    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{entry.namespace}:" if entry.namespace else ""
            for name, route in _all_named_patterns(entry, prefix + str(entry.pattern)):
                yield namespace + name, route
        elif isinstance(entry, URLPattern) and entry.name:
            yield entry.name, prefix + str(entry.pattern)
