"""List stored files no row points at, and rows whose file is missing; optionally remove the first."""

import time

from django.core.management.base import BaseCommand, CommandError

from rsi_portal.media import is_partial, referenced_files, stored_files


class Command(BaseCommand):
    help = (
        "Compare MEDIA_ROOT with the rows that reference files: list unreferenced files (left by a killed "
        "process, or by a rolled-back upload) and missing files (media not restored). Exits with status 1 "
        "when a referenced file is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--delete-unreferenced", action="store_true", help="remove the unreferenced files (see --min-age)"
        )
        parser.add_argument(
            "--min-age",
            type=int,
            default=60,
            help="only remove unreferenced files older than this many minutes (a render may be writing one now)",
        )

    def handle(self, *args, delete_unreferenced=False, min_age=60, **options):
        stored = stored_files()
        referenced = referenced_files()
        unreferenced = sorted(name for name in stored if name not in referenced)
        missing = sorted(name for name in referenced if name not in stored)
        for name in unreferenced:
            note = " (left by an interrupted write)" if is_partial(name) else ""
            self.stdout.write(f"unreferenced: {name}{note}")
        for name in missing:
            self.stdout.write(f"missing: {name}")
        removed = 0
        if delete_unreferenced:
            cutoff = time.time() - min_age * 60
            for name in unreferenced:
                if stored[name].stat().st_mtime <= cutoff:
                    stored[name].unlink()
                    removed += 1
                    self.stdout.write(f"removed: {name}")
        self.stdout.write(
            f"{len(stored)} stored, {len(referenced)} referenced, {len(unreferenced)} unreferenced "
            f"({removed} removed), {len(missing)} missing"
        )
        if missing:
            raise CommandError(f"{len(missing)} referenced file(s) are missing from MEDIA_ROOT (restore the media).")
