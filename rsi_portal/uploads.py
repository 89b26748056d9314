"""The one check for every file the portal accepts: extension, size and whether the content is what it claims.

Each use declares an `UploadPolicy` (its allowed extensions and its size setting) next to the model that
stores the file, and calls `policy.check(upload)` in its form (so the message lands next to the field) and
again in its service. The content is checked by its magic bytes (the `filetype` library); a PDF must open
in pypdf; an Office file must be a sound OOXML or ODF zip without macros; a text file must be text.
Every refusal is a `ValidationError` with a Danish message.
"""

import hashlib
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 400 * 1024 * 1024  # an Office zip that unpacks to more than this is refused (zip bomb)
TEXT_CONTROLS_ALLOWED = frozenset("\t\n\r\f")


@dataclass(frozen=True)
class FileKind:
    content_type: str
    detected_as: frozenset[str]  # what filetype may find in the content; empty = it finds nothing (text)
    check: Callable[[bytes, str], None] | None = None


@dataclass(frozen=True)
class CheckedUpload:
    kind: str
    content_type: str
    size: int
    sha256: str
    original_name: str


def _refuse(message: str, code: str):
    raise ValidationError(message, code=code)


PDF_READ_ERRORS = (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError)


def pdf_page_count(data: bytes) -> int | None:
    """The pages of a PDF as pypdf reads them, every page's box included; None when it cannot (damaged,
    or protected by a password). The agenda pack uses it too, so what passed here lays onto the pack."""
    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return None
        return len([page.mediabox for page in reader.pages]) or None
    except PDF_READ_ERRORS:
        return None


def _is_encrypted(data: bytes) -> bool:
    try:
        return PdfReader(BytesIO(data)).is_encrypted
    except PDF_READ_ERRORS:
        return False


def _check_pdf(data: bytes, name: str) -> None:
    """pypdf must open the file and read every page, as the agenda pack does."""
    if pdf_page_count(data):
        return
    if _is_encrypted(data):
        _refuse(
            _("PDF-filen »%(name)s« er beskyttet med adgangskode. Gem den uden adgangskode og prøv igen.")
            % {"name": name},
            "pdf_encrypted",
        )
    _refuse(
        _("PDF-filen »%(name)s« kan ikke læses; den er beskadiget. Gem den som PDF igen og prøv igen.")
        % {"name": name},
        "pdf_unreadable",
    )


def _open_zip(data: bytes, name: str) -> zipfile.ZipFile:
    broken = _("Filen »%(name)s« er beskadiget og kan ikke åbnes. Gem dokumentet igen og prøv igen.") % {"name": name}
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
            _refuse(broken, "zip_too_large")
        if archive.testzip() is not None:
            _refuse(broken, "zip_broken")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        _refuse(broken, "zip_broken")
    return archive


def _macros_refused(name: str):
    _refuse(
        _(
            "Filen »%(name)s« indeholder makroer, og dokumenter med makroer kan ikke uploades. "
            "Gem dokumentet uden makroer (fx som .docx, .xlsx eller .pptx) og prøv igen."
        )
        % {"name": name},
        "macros",
    )


def _check_ooxml(data: bytes, name: str) -> None:
    """A sound OOXML zip with its content-types part, and no VBA project or macro-enabled content type."""
    archive = _open_zip(data, name)
    names = {info.filename.lower() for info in archive.infolist()}
    if "[content_types].xml" not in names:
        _refuse(
            _("Filen »%(name)s« er ikke et gyldigt Office-dokument. Gem dokumentet igen og prøv igen.")
            % {"name": name},
            "ooxml_invalid",
        )
    content_types = archive.read("[Content_Types].xml").lower()
    if any(n.rsplit("/", 1)[-1] == "vbaproject.bin" for n in names) or b"macroenabled" in content_types:
        _macros_refused(name)


def _check_odf(data: bytes, name: str) -> None:
    """A sound ODF zip without Basic or script macros."""
    archive = _open_zip(data, name)
    if any(info.filename.startswith(("Basic/", "Scripts/")) for info in archive.infolist()):
        _macros_refused(name)


def _check_text(data: bytes, name: str) -> None:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if any(ord(c) < 32 and c not in TEXT_CONTROLS_ALLOWED for c in text):
        _refuse(_("Filen »%(name)s« hedder .txt, men er ikke en tekstfil.") % {"name": name}, "content")


OOXML = "application/vnd.openxmlformats-officedocument."
KINDS: dict[str, FileKind] = {
    "pdf": FileKind("application/pdf", frozenset({"pdf"}), _check_pdf),
    "docx": FileKind(OOXML + "wordprocessingml.document", frozenset({"docx"}), _check_ooxml),
    "xlsx": FileKind(OOXML + "spreadsheetml.sheet", frozenset({"xlsx"}), _check_ooxml),
    "pptx": FileKind(OOXML + "presentationml.presentation", frozenset({"pptx"}), _check_ooxml),
    "odt": FileKind("application/vnd.oasis.opendocument.text", frozenset({"odt"}), _check_odf),
    "ods": FileKind("application/vnd.oasis.opendocument.spreadsheet", frozenset({"ods"}), _check_odf),
    "png": FileKind("image/png", frozenset({"png"})),
    "jpg": FileKind("image/jpeg", frozenset({"jpg"})),
    "jpeg": FileKind("image/jpeg", frozenset({"jpg"})),
    "txt": FileKind("text/plain", frozenset(), _check_text),
}


def _detect(data: bytes) -> str | None:
    kind = filetype.guess(data)
    return kind.extension if kind is not None else None


@dataclass(frozen=True)
class UploadPolicy:
    """What one kind of upload accepts: these extensions (keys of KINDS), up to settings.RSI[max_bytes_setting]."""

    extensions: tuple[str, ...]
    max_bytes_setting: str

    def __post_init__(self):
        unknown = set(self.extensions) - set(KINDS)
        if unknown:
            raise ValueError(f"no content check for {sorted(unknown)}")

    @property
    def max_bytes(self) -> int:
        return int(getattr(settings, "RSI", {}).get(self.max_bytes_setting, DEFAULT_MAX_BYTES))

    @property
    def extensions_text(self) -> str:
        return ", ".join(f".{ext}" for ext in self.extensions)

    @property
    def accept(self) -> str:
        """The file input's accept attribute."""
        return ",".join(f".{ext}" for ext in self.extensions)

    @property
    def help_text(self) -> str:
        return _("Tilladte filtyper: %(types)s. Højst %(size)s.") % {
            "types": self.extensions_text,
            "size": filesizeformat(self.max_bytes),
        }

    def check(self, upload) -> CheckedUpload:
        """Validate an uploaded file; raise ValidationError with a Danish message when it is refused."""
        if upload is None:
            _refuse(_("Vælg en fil at uploade."), "required")
        name = PurePath(upload.name or "").name
        extension = PurePath(name).suffix.lower().lstrip(".")
        if extension not in self.extensions:
            _refuse(
                _("Filtypen »%(ext)s« kan ikke uploades. Tilladte filtyper er: %(allowed)s.")
                % {"ext": f".{extension}" if extension else _("uden filtype"), "allowed": self.extensions_text},
                "extension",
            )
        size = upload.size or 0
        if size == 0:
            _refuse(_("Filen »%(name)s« er tom.") % {"name": name}, "empty")
        if size > self.max_bytes:
            _refuse(
                _("Filen »%(name)s« fylder %(size)s. Den må højst fylde %(limit)s.")
                % {"name": name, "size": filesizeformat(size), "limit": filesizeformat(self.max_bytes)},
                "size",
            )
        upload.seek(0)
        data = b"".join(upload.chunks())
        upload.seek(0)
        kind = KINDS[extension]
        detected = _detect(data)
        if detected not in kind.detected_as and not (detected is None and not kind.detected_as):
            _refuse(
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
                "content",
            )
        if kind.check is not None:
            kind.check(data, name)
        return CheckedUpload(
            kind=extension,
            content_type=kind.content_type,
            size=size,
            sha256=hashlib.sha256(data).hexdigest(),
            original_name=name[:200],
        )
