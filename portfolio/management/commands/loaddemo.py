"""Load the demo portfolio. Idempotent: a second run changes nothing."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from portfolio.demo.organisation import DEMO_LOGINS

# Each module has load(stdout) and builds on the ones before it; a missing module is skipped.
DEMO_MODULES = (
    "portfolio.demo.organisation",  # organisation and pejlemærker
    "projects.demo_gates",  # phases, gates, documents, It-råd assessments
    "projects.demo",  # 18 months of monthly status
    "finance.demo",  # business cases, keys, buffer
    "governance.demo",  # joint systems, meetings, agenda items
    "portfolio.demo.reports",  # generated monthly reports, director mail
)


class Command(BaseCommand):
    help = "Indlæs demodata (idempotent). Alle demo-logins har adgangskoden 'demo'."

    def handle(self, *args, **options):
        with transaction.atomic():
            for name in DEMO_MODULES:
                try:
                    module = import_module(name)
                except ModuleNotFoundError as error:
                    if error.name != name:
                        raise
                    continue
                module.load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demodata er indlæst. Log ind på http://127.0.0.1:8000 med:"))
        for username, description in DEMO_LOGINS:
            self.stdout.write(f"  {username:<13} / demo   {description}")
