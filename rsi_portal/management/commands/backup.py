"""Write one consistent backup archive: the database dump, the media files and a manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from rsi_portal.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump -Fc, or a SQLite copy) and MEDIA_ROOT into one tar archive with a "
        "manifest of row counts and SHA-256 checksums (docs/deployment.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="the archive to write (default: rsi-backup-<date>-<time>.tar here)")

    def handle(self, *args, output=None, **options):
        path = Path(output or f"rsi-backup-{timezone.localtime():%Y%m%d-%H%M%S}.tar")
        try:
            manifest = backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(f"{path}: {rows} rows in {len(manifest['counts'])} tables, {len(manifest['files'])} files")
        for name in manifest["missing_files"]:
            self.stderr.write(f"warning: referenced but not in MEDIA_ROOT, not in the archive: {name}")
