"""Stored files (MEDIA_ROOT) against the rows that point at them: for `media_check`, `backup`, `restore`."""

import hashlib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models

from .files import PART_SUFFIX


def file_fields() -> list[tuple[type[models.Model], str]]:
    """(model, field name) for every FileField of every installed model, history tables included."""
    return [
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
    ]


def referenced_files() -> set[str]:
    """Every file name a row points at (relative to MEDIA_ROOT)."""
    names = set()
    for model, field in file_fields():
        names.update(name for name in model._default_manager.exclude(**{field: ""}).values_list(field, flat=True))
    return names


def stored_files(root: Path | None = None) -> dict[str, Path]:
    """Relative name -> path of every file under MEDIA_ROOT."""
    root = Path(root or settings.MEDIA_ROOT)
    if not root.is_dir():
        return {}
    return {path.relative_to(root).as_posix(): path for path in sorted(root.rglob("*")) if path.is_file()}


def is_partial(name: str) -> bool:
    """A file a killed writer left under its temporary name (rsi_portal.files)."""
    return name.endswith(PART_SUFFIX)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def row_counts() -> dict[str, int]:
    """label -> row count of every installed model's table (what a backup and its restore must agree on)."""
    return {
        model._meta.label: model._default_manager.count()
        for model in sorted(apps.get_models(), key=lambda m: m._meta.label)
        if model._meta.managed and not model._meta.proxy
    }
