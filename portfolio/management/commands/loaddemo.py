"""Load the demo portfolio. Idempotent: a second run changes nothing."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# Each app's demo.py has load(stdout) and builds on the ones before it.
DEMO_APPS = ("portfolio", "projects", "finance", "governance")


class Command(BaseCommand):
    help = "Indlæs demodata (idempotent). Alle demo-logins har adgangskoden 'demo'."

    def handle(self, *args, **options):
        with transaction.atomic():
            for app in DEMO_APPS:
                try:
                    module = import_module(f"{app}.demo")
                except ModuleNotFoundError:
                    continue
                module.load(self.stdout)
        from portfolio.demo import DEMO_LOGINS

        self.stdout.write(self.style.SUCCESS("Demodata er indlæst. Log ind på http://127.0.0.1:8000 med:"))
        for username, description in DEMO_LOGINS:
            self.stdout.write(f"  {username:<13} / demo   {description}")
