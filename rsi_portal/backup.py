"""One consistent backup archive and its restore (`manage.py backup`, `manage.py restore`).

The archive is a tar file with
- `database.dump`: `pg_dump -Fc` of the database, taken in the same snapshot as the row counts
  (SQLite: `database.sqlite3`, a copy made with SQLite's backup API);
- `media/…`: every stored file of MEDIA_ROOT (not the `.part` files a killed writer left);
- `manifest.json`: when, which database engine, the row count of every table, and the SHA-256 of
  the dump and of every file, so a restore proves it got back what was saved.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connections, transaction
from django.utils import timezone

from .media import is_partial, referenced_files, row_counts, sha256, stored_files

FORMAT = 1
MANIFEST = "manifest.json"
PG_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"


class BackupError(Exception):
    pass


def _pg_env_and_args(settings_dict: dict) -> tuple[dict, list[str]]:
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    args = []
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            args += [option, str(settings_dict[key])]
    return env, args


def _run(command: list[str], env: dict) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True)
    except FileNotFoundError as error:
        raise BackupError(f"{command[0]} is not installed (PostgreSQL client tools, version ≥ the server's)") from error
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed ({result.returncode}): {result.stderr.strip()}")


def _dump_postgresql(connection, target: Path) -> dict[str, int]:
    """pg_dump in the snapshot the counts are read from, so counts and dump agree."""
    env, args = _pg_env_and_args(connection.settings_dict)
    with transaction.atomic(using=connection.alias):
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        counts = row_counts()
        command = ["pg_dump", "-Fc", "--no-owner", "--no-privileges", f"--snapshot={snapshot}", *args]
        _run([*command, "--file", str(target), connection.settings_dict["NAME"]], env)
    return counts


def _dump_sqlite(connection, target: Path) -> dict[str, int]:
    with transaction.atomic(using=connection.alias):
        counts = row_counts()
        destination = sqlite3.connect(target)
        try:
            connection.ensure_connection()
            connection.connection.backup(destination)
        finally:
            destination.close()
    return counts


def backup(output: Path) -> dict:
    """Write the archive to `output`; returns the manifest."""
    connection = connections["default"]
    media = {name: path for name, path in stored_files().items() if not is_partial(name)}
    with tempfile.TemporaryDirectory() as scratch:
        if connection.vendor == "postgresql":
            dump = Path(scratch) / PG_DUMP
            counts = _dump_postgresql(connection, dump)
        elif connection.vendor == "sqlite":
            dump = Path(scratch) / SQLITE_COPY
            counts = _dump_sqlite(connection, dump)
        else:
            raise BackupError(f"no backup for the {connection.vendor} database engine")
        missing = sorted(name for name in referenced_files() if name not in media)
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "vendor": connection.vendor,
            "database": {"file": dump.name, "sha256": sha256(dump)},
            "counts": counts,
            "files": {name: sha256(path) for name, path in media.items()},
            "missing_files": missing,  # referenced but not in MEDIA_ROOT when the backup was made
        }
        manifest_path = Path(scratch) / MANIFEST
        manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True))
        output.parent.mkdir(parents=True, exist_ok=True)
        partial = output.with_name(output.name + ".part")
        with tarfile.open(partial, "w") as archive:
            archive.add(manifest_path, arcname=MANIFEST)
            archive.add(dump, arcname=dump.name)
            for name, path in media.items():
                archive.add(path, arcname=f"media/{name}")
        partial.replace(output)
    return manifest


def _safe_members(archive: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = archive.getmembers()
    for member in members:
        parts = Path(member.name).parts
        if member.name.startswith("/") or ".." in parts or not (member.isfile() or member.isdir()):
            raise BackupError(f"unexpected entry in the archive: {member.name}")
    return members


def _database_is_empty(connection) -> bool:
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def restore(archive_path: Path, *, media_root: Path | None = None) -> dict:
    """Restore the archive into the configured (empty) database and MEDIA_ROOT, check every checksum
    and row count; returns the manifest. Refuses a database that has tables or a MEDIA_ROOT with files."""
    connection = connections["default"]
    media_root = Path(media_root or settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as scratch, tarfile.open(archive_path) as archive:
        archive.extractall(scratch, members=_safe_members(archive), filter="data")
        root = Path(scratch)
        manifest = json.loads((root / MANIFEST).read_text())
        if manifest.get("format") != FORMAT:
            raise BackupError(f"unknown archive format {manifest.get('format')!r}")
        if manifest["vendor"] != connection.vendor:
            raise BackupError(f"the archive holds a {manifest['vendor']} database; this one is {connection.vendor}")
        dump = root / manifest["database"]["file"]
        if sha256(dump) != manifest["database"]["sha256"]:
            raise BackupError("the database dump does not match its checksum")
        for name, digest in manifest["files"].items():
            if sha256(root / "media" / name) != digest:
                raise BackupError(f"media/{name} does not match its checksum")
        if not _database_is_empty(connection):
            raise BackupError("the database is not empty: restore into a new, empty database")
        if stored_files(media_root):
            raise BackupError(f"MEDIA_ROOT ({media_root}) is not empty")
        if connection.vendor == "postgresql":
            env, args = _pg_env_and_args(connection.settings_dict)
            connection.close()
            command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", *args]
            _run([*command, "--dbname", connection.settings_dict["NAME"], str(dump)], env)
        else:
            connection.close()
            shutil.copyfile(dump, connection.settings_dict["NAME"])
        for name in manifest["files"]:
            target = media_root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(root / "media" / name, target)
    counts = row_counts()
    differ = {label: (n, counts.get(label)) for label, n in manifest["counts"].items() if counts.get(label) != n}
    if differ:
        raise BackupError(f"row counts differ after the restore (archive, restored): {differ}")
    return manifest
