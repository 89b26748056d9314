"""Load the demo portfolio. Idempotent: a second run changes nothing."""

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portfolio.demo.organisation import DEMO_LOGINS

# Each module has load(stdout) and builds on the ones before it; a missing module is skipped.
DEMO_MODULES = (
    "portfolio.demo.organisation",  # organisation and pejlemærker
    "projects.demo_gates",  # phases, gates, documents, It-råd assessments
    "projects.demo",  # 18 months of monthly status
    "finance.demo",  # business cases, keys, buffer
    "finance.demo_benefits",  # benefits and a closed project in realisation (R35, R36)
    "governance.demo",  # joint systems, meetings, agenda items
    "portfolio.demo.reports",  # generated monthly reports, director mail
    "portfolio.demo.pipeline",  # ideas at every stage, strategy seminars and goals (R34, R40)
)


class Command(BaseCommand):
    help = "Indlæs demodata (idempotent). Alle demo-logins har adgangskoden 'demo'."

    def add_arguments(self, parser):
        parser.add_argument(
            "--i-know-this-is-not-production",
            action="store_true",
            dest="not_production",
            help="Indlæs også når DEBUG er slået fra (testsuiten, en demo-server uden rigtige data).",
        )

    def handle(self, *args, **options):
        # The demo creates staff accounts with the password "demo": never by accident in production.
        if not settings.DEBUG and not options["not_production"]:
            raise CommandError(
                "DEBUG er slået fra, så det her ligner produktion: loaddemo opretter konti med adgangskoden "
                "'demo' (bl.a. sekretariat, der er personale). Kør med DEBUG=1, eller giv "
                "--i-know-this-is-not-production, hvis det ikke er produktion."
            )
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
