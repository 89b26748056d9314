"""R30: Office attachments (.docx, .xlsx, .pptx) to PDF with LibreOffice headless, in the worker.

A conversion runs with its own LibreOffice profile (so two conversions never share one), under a time
limit, and is cached in the file store by the file's SHA-256: the same file is converted once.
Macro-enabled files are refused before LibreOffice sees them. A failure is returned, never raised, so
the pack lists the attachment as "kunne ikke konverteres" and is still made.
"""

import shutil
import subprocess  # nosec B404: runs LibreOffice with a fixed argument list, never a shell
import tempfile
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from pypdf import PdfReader

OFFICE_EXTENSIONS = ("docx", "xlsx", "pptx")
MACRO_PARTS = ("vbaproject.bin", "vbadata.xml")
MACRO_CONTENT_TYPES = ("macroenabled", "vbaproject")
CACHE_DIR = "bilag-pdf"
DEFAULT_TIMEOUT_SECONDS = 60


@dataclass(frozen=True)
class Conversion:
    data: bytes | None
    pages: int
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.data is not None


def soffice() -> str | None:
    """The LibreOffice binary, or None when it is not installed."""
    return shutil.which(getattr(settings, "SOFFICE_BINARY", "") or "soffice") or shutil.which("libreoffice")


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def is_office(name: str) -> bool:
    return extension_of(name) in OFFICE_EXTENSIONS


def has_macros(data: bytes) -> bool:
    """An OOXML package with a VBA project (or declared macro-enabled) is refused."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = [name.lower() for name in archive.namelist()]
            if any(name.rsplit("/", 1)[-1] in MACRO_PARTS for name in names):
                return True
            if "[content_types].xml" in names:
                index = names.index("[content_types].xml")
                types = archive.read(archive.namelist()[index]).decode("utf-8", "replace").lower()
                return any(marker in types for marker in MACRO_CONTENT_TYPES)
    except zipfile.BadZipFile:
        return False
    return False


def _cache_name(sha256: str) -> str:
    return f"{CACHE_DIR}/{sha256}.pdf"


def _pages(data: bytes) -> int:
    return len(PdfReader(BytesIO(data)).pages)


def convert_bytes(data: bytes, extension: str, *, timeout: int | None = None) -> Conversion:
    """Convert one Office document to PDF; the failure is described in Danish."""
    if extension not in OFFICE_EXTENSIONS:
        return Conversion(None, 0, "filtypen kan ikke konverteres")
    if has_macros(data):
        return Conversion(None, 0, "filen indeholder makroer og konverteres ikke")
    binary = soffice()
    if binary is None:
        return Conversion(None, 0, "LibreOffice er ikke installeret")
    timeout = timeout or settings.RSI.get("OFFICE_CONVERT_TIMEOUT_SECONDS", DEFAULT_TIMEOUT_SECONDS)
    with tempfile.TemporaryDirectory(prefix="rsi-office-") as work:
        work_dir = Path(work)
        source = work_dir / f"bilag.{extension}"
        source.write_bytes(data)
        command = [
            binary,
            f"-env:UserInstallation={(work_dir / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work_dir / "out"),
            str(source),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=timeout, check=False, cwd=work)  # noqa: S603 # nosec B603
        except subprocess.TimeoutExpired:
            return Conversion(None, 0, f"konverteringen tog mere end {timeout} sekunder")
        except OSError as error:
            return Conversion(None, 0, f"LibreOffice kunne ikke startes ({error.strerror})")
        target = work_dir / "out" / "bilag.pdf"
        if not target.exists():
            return Conversion(None, 0, UNREADABLE)
        pdf = target.read_bytes()
    try:
        pages = _pages(pdf)
    except Exception:  # noqa: BLE001 - a broken result is a failed conversion
        return Conversion(None, 0, "resultatet kunne ikke læses")
    return Conversion(pdf, pages) if pages else Conversion(None, 0, "resultatet er tomt")


UNREADABLE = "LibreOffice kunne ikke læse filen"


def converted(attachment, *, timeout: int | None = None) -> Conversion:
    """The attachment as PDF, from the cache (by its SHA-256) or converted now and cached. A file LibreOffice
    cannot read is remembered too (it will not read it next time either); a time-out is tried again."""
    name = _cache_name(attachment.sha256)
    failed = f"{CACHE_DIR}/{attachment.sha256}.failed"
    if attachment.sha256 and default_storage.exists(failed):
        return Conversion(None, 0, UNREADABLE)
    if attachment.sha256 and default_storage.exists(name):
        with default_storage.open(name, "rb") as handle:
            data = handle.read()
        try:
            return Conversion(data, _pages(data))
        except Exception:  # noqa: BLE001 - a damaged cache entry is converted again
            default_storage.delete(name)
    with attachment.file.open("rb") as handle:
        data = handle.read()
    result = convert_bytes(data, extension_of(attachment.file.name), timeout=timeout)
    if result.ok and attachment.sha256:
        if default_storage.exists(name):
            default_storage.delete(name)
        default_storage.save(name, ContentFile(result.data))
    elif result.error == UNREADABLE and attachment.sha256 and not default_storage.exists(failed):
        default_storage.save(failed, ContentFile(b""))
    return result


def is_cached(attachment) -> bool:
    return bool(attachment.sha256) and default_storage.exists(_cache_name(attachment.sha256))
