"""Restore a backup archive into an empty database and an empty MEDIA_ROOT, checking every checksum and count."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rsi_portal.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore an archive written by `manage.py backup` into the configured database (which must be empty: "
        "no tables) and MEDIA_ROOT (which must have no files); then compare every row count with the manifest."
    )
    requires_system_checks = []  # the checks would read tables that are not there yet

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the .tar written by manage.py backup")

    def handle(self, *args, archive, **options):
        try:
            manifest = restore(Path(archive))
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"restored {archive} from {manifest['created_at']}: {rows} rows in {len(manifest['counts'])} tables "
            f"and {len(manifest['files'])} files, every count and checksum identical"
        )
