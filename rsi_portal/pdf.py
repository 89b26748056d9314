"""Shared PDF rendering with WeasyPrint: one font configuration and one image cache per process."""

from functools import cache
from io import BytesIO

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from pypdf import PdfReader


@cache
def _weasyprint():
    """WeasyPrint and one font configuration, loaded on the first render."""
    # Importing WeasyPrint loads Pango; without it only the PDFs fail, not the whole portal.
    import weasyprint.text.fonts

    return weasyprint, weasyprint.text.fonts.FontConfiguration()


_IMAGE_CACHE: dict = {}  # WeasyPrint's advice: share decoded images between renders


def _static_fetcher(url: str):
    """Serve /static/… from the finders so PDFs render without a web server."""
    if url.startswith("static:") or url.startswith(settings.STATIC_URL):
        path = url.split(":", 1)[1] if url.startswith("static:") else url[len(settings.STATIC_URL) :]
        found = finders.find(path.lstrip("/"))
        if found:
            return {"file_obj": open(found, "rb"), "filename": found}  # noqa: SIM115 - WeasyPrint closes it
    return _weasyprint()[0].default_url_fetcher(url)


def html_to_pdf(html: str) -> bytes:
    """HTML to tagged PDF bytes; /static/ files are read from the finders."""
    weasyprint, font_config = _weasyprint()
    document = weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=_static_fetcher)
    return document.write_pdf(font_config=font_config, cache=_IMAGE_CACHE, pdf_tags=True)


def render_pdf(template_name: str, context: dict, *, lang: str = "da") -> bytes:
    """Render a Django template to PDF bytes (tagged, with the document language set)."""
    # The document language comes from <html lang> in templates/pdf/base.html.
    return html_to_pdf(render_to_string(template_name, {"pdf_lang": lang, **context}))


def pdf_text(data: bytes) -> str:
    """All the text of a PDF, page by page (used by tests and checks)."""
    return "\n".join(page.extract_text() or "" for page in PdfReader(BytesIO(data)).pages)
