"""Shared PDF rendering with WeasyPrint: one font configuration, one image cache and one URL fetcher per process."""

import mimetypes
import os
from functools import cache
from io import BytesIO
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from pypdf import PdfReader


class RefusedURL(ValueError):
    """A PDF asked for a resource outside the portal's static files and media."""


def _base_url() -> str:
    """Relative URLs in a PDF resolve against the portal's own origin, never the file system."""
    return settings.PORTAL_BASE_URL.rstrip("/") + "/"


def local_file_for(url: str) -> str | None:
    """The file behind one of the portal's own URLs under STATIC_URL or MEDIA_URL, or None.

    Static files come from the finders, media from default storage; a path that climbs out
    (`..`, or what storage calls suspicious) or names no existing file gives None.
    """
    scheme, netloc, path, _query, _fragment = urlsplit(url)
    if scheme.lower() not in {"http", "https"} or netloc.lower() != urlsplit(_base_url()).netloc.lower():
        return None
    path = unquote(path)
    for prefix, locate in (
        (urlsplit(settings.STATIC_URL).path, finders.find),
        (urlsplit(settings.MEDIA_URL).path, default_storage.path),
    ):
        if not path.startswith(prefix):
            continue
        name = path[len(prefix) :]
        if not name or "\x00" in name or ".." in PurePosixPath(name).parts:
            return None
        try:
            found = locate(name)
        except (SuspiciousFileOperation, NotImplementedError, ValueError):
            return None
        return found if isinstance(found, str) and os.path.isfile(found) else None
    return None


def is_image_data_url(url: str) -> bool:
    if url[:5].lower() != "data:":
        return False
    return url[5:].split(",", 1)[0].split(";", 1)[0].strip().lower().startswith("image/")


@cache
def _weasyprint():
    """WeasyPrint, one font configuration and the portal's URL fetcher class, built on the first render."""
    # Importing WeasyPrint loads Pango; without it only the PDFs fail, not the whole portal.
    import weasyprint.text.fonts

    class PortalURLFetcher(weasyprint.urls.URLFetcher):
        """Reads only the portal's /static/ and /media/ files and data: images; refuses the rest unopened.

        So neither a template nor text that ever reached one unescaped can make the renderer
        read local files (`file://`) or call the network (`http(s)://` to any host).
        """

        def fetch(self, url, headers=None):
            if is_image_data_url(url):
                return super().fetch(url, headers)
            found = local_file_for(url)
            if found is None:
                raise RefusedURL(f"refused outside the portal's static files and media: {url[:200]}")
            headers = {"Content-Type": mimetypes.guess_type(found)[0] or "application/octet-stream"}
            body = open(found, "rb")  # noqa: SIM115 - WeasyPrint closes the response
            return weasyprint.urls.URLFetcherResponse(url, body, headers)

    return weasyprint, weasyprint.text.fonts.FontConfiguration(), PortalURLFetcher


_IMAGE_CACHE: dict = {}  # WeasyPrint's advice: share decoded images between renders


def html_to_pdf(html: str, *, variant: str | None = None) -> bytes:
    """HTML to tagged PDF bytes; only the portal's static files, media and data: images are read.

    variant: a WeasyPrint PDF variant, e.g. "pdf/ua-1" (XMP metadata, DisplayDocTitle, tagged)."""
    weasyprint, font_config, fetcher_class = _weasyprint()
    # A fetcher per render: WeasyPrint's keeps per-request state.
    url_fetcher = fetcher_class(allowed_protocols=("data",), allow_redirects=False)
    document = weasyprint.HTML(string=html, base_url=_base_url(), url_fetcher=url_fetcher)
    options = {"pdf_variant": variant} if variant else {}
    return document.write_pdf(font_config=font_config, cache=_IMAGE_CACHE, pdf_tags=True, **options)


def render_pdf(template_name: str, context: dict, *, lang: str = "da", variant: str | None = None) -> bytes:
    """Render a Django template to PDF bytes (tagged, with the document language set)."""
    # The document language comes from <html lang> in templates/pdf/base.html.
    return html_to_pdf(render_to_string(template_name, {"pdf_lang": lang, **context}), variant=variant)


def pdf_text(data: bytes) -> str:
    """All the text of a PDF, page by page (used by tests and checks)."""
    return "\n".join(page.extract_text() or "" for page in PdfReader(BytesIO(data)).pages)
