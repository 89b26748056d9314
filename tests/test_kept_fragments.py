"""The kept template fragments (the main menu, a status form's fields) live in each process's own memory:
a page never waits on Redis for them, and works while Redis is down."""

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from portfolio.rules import Lifecycle
from projects.models import Project
from projects.selectors import reporting_regions

pytestmark = pytest.mark.django_db

UNREACHABLE_REDIS = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}


def test_status_form_and_menu_are_drawn_while_the_shared_cache_is_down(client, demo, settings):
    client.force_login(get_user_model().objects.get(username="sekretariat"))
    project = Project.objects.filter(pejlemaerke__state=Lifecycle.PORTFOLIO).order_by("pk").first()
    region = reporting_regions(project)[0]
    with override_settings(CACHES={**settings.CACHES, "default": UNREACHABLE_REDIS}):
        response = client.get(f"/projekter/{project.pk}/status/{region.code}/2031-01/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="mainmenu"' in html and 'name="overall"' in html
