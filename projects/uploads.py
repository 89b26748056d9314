"""Upload validation for management documents: type, size and whether the file is what it claims to be.

The extension must be on the allow-list, the size under the limit, and the file's magic bytes
(read with the `filetype` library) must match the extension: a renamed .exe or a Word file
called .pdf is refused with a clear Danish message.
"""

import hashlib
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# extension -> the filetype kinds its content may be detected as
ALLOWED_KINDS: dict[str, frozenset[str]] = {
    "pdf": frozenset({"pdf"}),
    "docx": frozenset({"docx"}),
    "xlsx": frozenset({"xlsx"}),
    "pptx": frozenset({"pptx"}),
    "odt": frozenset({"odt"}),
    "ods": frozenset({"ods"}),
}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def max_upload_bytes() -> int:
    return int(getattr(settings, "RSI", {}).get("DOCUMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


@dataclass(frozen=True)
class CheckedUpload:
    kind: str
    size: int
    sha256: str
    original_name: str


def allowed_extensions_text() -> str:
    return ", ".join(f".{ext}" for ext in ALLOWED_KINDS)


def check_upload(upload) -> CheckedUpload:
    """Validate an uploaded file; raise ValidationError with a Danish message when refused."""
    if upload is None:
        raise ValidationError(_("Vælg en fil at uploade."), code="required")
    name = PurePath(upload.name or "").name
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension not in ALLOWED_KINDS:
        raise ValidationError(
            _("Filtypen »%(ext)s« kan ikke uploades. Tilladte filtyper er: %(allowed)s.")
            % {"ext": f".{extension}" if extension else _("uden filtype"), "allowed": allowed_extensions_text()},
            code="extension",
        )
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("Filen »%(name)s« er tom.") % {"name": name}, code="empty")
    limit = max_upload_bytes()
    if size > limit:
        raise ValidationError(
            _("Filen »%(name)s« fylder %(size)s. Den må højst fylde %(limit)s.")
            % {"name": name, "size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="size",
        )
    digest = hashlib.sha256()
    head = b""
    upload.seek(0)
    for chunk in upload.chunks():
        if len(head) < 8192:
            head += chunk[: 8192 - len(head)]
        digest.update(chunk)
    upload.seek(0)
    detected = _detect(upload, head)
    if detected not in ALLOWED_KINDS[extension]:
        raise ValidationError(
            _(
                "Filen »%(name)s« hedder .%(ext)s, men indholdet er ikke en %(label)s-fil%(found)s. "
                "Gem dokumentet i det rigtige format og prøv igen."
            )
            % {
                "name": name,
                "ext": extension,
                "label": extension.upper(),
                "found": (_(" (indholdet ligner en .%(kind)s-fil)") % {"kind": detected}) if detected else "",
            },
            code="content",
        )
    return CheckedUpload(kind=extension, size=size, sha256=digest.hexdigest(), original_name=name[:200])


def _detect(upload, head: bytes) -> str | None:
    """The kind of file the content is. Office formats are zip files: filetype looks inside them."""
    kind = filetype.guess(head)
    if (kind is not None and kind.extension == "zip") or (kind is None and head[:2] == b"PK"):
        # OOXML/ODF detection needs more than the first bytes: read the whole (size-limited) file.
        upload.seek(0)
        data = upload.read()
        upload.seek(0)
        kind = filetype.guess(data)
    return kind.extension if kind is not None else None
