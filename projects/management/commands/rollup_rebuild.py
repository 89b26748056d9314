"""`manage.py rollup_rebuild [--from YYYY-MM] [--check]`: recompute the kept monthly roll-up (R10, R11)
from the raw status reports, or only compare it with a fresh computation (exit status 1 on a difference)."""

import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from projects.services.rollup import rollup_check, rollup_rebuild

SHOWN = 20  # differences printed by --check


def month_argument(value: str) -> date:
    try:
        year, month = (int(part) for part in value.split("-"))
        return date(year, month, 1)
    except ValueError as error:
        raise CommandError(f"--from skal være en måned som ÅÅÅÅ-MM, ikke {value!r}.") from error


class Command(BaseCommand):
    help = "Genberegn den samlede månedsstatus fra statusrapporterne (eller sammenlign kun med --check)."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="since", type=month_argument, help="Kun måneder fra ÅÅÅÅ-MM.")
        parser.add_argument(
            "--check", action="store_true", help="Skriv intet; sammenlign med en ny beregning og meld forskelle."
        )

    def handle(self, *args, since=None, check=False, **options):
        started = time.perf_counter()
        if check:
            problems = rollup_check(since=since)
            for line in problems[:SHOWN]:
                self.stderr.write(line)
            if problems:
                raise CommandError(
                    f"{len(problems)} forskelle mellem den gemte og en ny beregning. Kør rollup_rebuild."
                )
            self.stdout.write(f"Den samlede månedsstatus stemmer ({time.perf_counter() - started:.1f} s).")
            return
        rows = rollup_rebuild(since=since)
        self.stdout.write(f"{rows} måneder genberegnet på {time.perf_counter() - started:.1f} s.")
