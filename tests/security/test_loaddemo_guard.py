"""`loaddemo` creates accounts with the password "demo" (one of them staff): never by accident in production."""

import io

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

# A demo account that no demo record refers to (ideas, decisions and reports keep their authors).
DEMO_USER = "rsidk-dr-2"


def test_loaddemo_refuses_to_run_with_debug_off(settings, demo, django_user_model):
    settings.DEBUG = False
    django_user_model.objects.filter(username=DEMO_USER).delete()
    with pytest.raises(CommandError, match="--i-know-this-is-not-production"):
        call_command("loaddemo", stdout=io.StringIO())
    assert not django_user_model.objects.filter(username=DEMO_USER).exists()  # refused before writing anything


def test_loaddemo_runs_with_debug_off_when_told_it_is_not_production(settings, demo, django_user_model):
    settings.DEBUG = False
    django_user_model.objects.filter(username=DEMO_USER).delete()
    out = io.StringIO()
    call_command("loaddemo", "--i-know-this-is-not-production", stdout=out)
    assert django_user_model.objects.get(username=DEMO_USER).check_password("demo")
    assert "Demodata er indlæst" in out.getvalue()
