"""The main menu is drawn once per set of visible entries, page and language, and kept (base.html): what
anyone sees still follows their own rights, the page they are on and their language."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

pytestmark = pytest.mark.django_db


def _page(username: str, path: str = "/", language: str | None = None) -> str:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    if language:
        client.post("/i18n/setlang/", {"language": language, "next": path})
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def _menu(html: str) -> str:
    """The desktop menu's list."""
    return html.split('<div class="navigation-menu-inner container">', 1)[1].split("</ul>\n        </div>", 1)[0]


def _menu_links(html: str) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', _menu(html)))


def test_menu_shows_each_user_their_own_entries_though_another_user_saw_the_page_first(demo):
    secretariat = _menu_links(_page("sekretariat"))
    leader = _menu_links(_page("projektleder"))
    assert {"/admin/", "/paamindelser/"} <= secretariat
    assert not {"/admin/", "/paamindelser/"} & leader
    assert leader < secretariat
    # And in the other order: the leader's kept menu is not what the secretariat gets.
    assert _menu_links(_page("projektleder")) == leader
    assert _menu_links(_page("sekretariat")) == secretariat


def test_menu_marks_the_page_the_user_is_on(demo):
    on_dashboard = _menu(_page("sekretariat", "/dashboard/"))
    on_home = _menu(_page("sekretariat", "/"))
    assert re.search(r'href="/dashboard/"[^>]*aria-current="page"', on_dashboard)
    assert not re.search(r'href="/dashboard/"[^>]*aria-current="page"', on_home)
    assert re.search(r'href="/" aria-current="page"', on_home)
    assert not re.search(r'href="/" aria-current="page"', on_dashboard)


def test_menu_follows_the_users_language(demo):
    assert ">Møder<" in _menu(_page("sekretariat", "/dashboard/"))
    english = _menu(_page("direktoer", "/dashboard/", language="en"))
    assert ">Meetings<" in english
    assert ">Møder<" not in english
    assert ">Møder<" in _menu(_page("direktoer", "/dashboard/", language="da"))
