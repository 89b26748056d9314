"""The collection letter (R21): one PDF per paying region, rendered with WeasyPrint; read only."""

from django.utils import timezone

from rsi_portal.pdf import render_pdf


def collection_letter_pdf(collection) -> bytes:
    return render_pdf("pdf/collection_letter.html", {"c": collection, "today": timezone.localdate()})


def economy_pdf(version, economy) -> bytes:
    """R35: a version's economic picture, the same SVG and table as the page."""
    return render_pdf(
        "pdf/benefit_economy.html", {"version": version, "economy": economy, "today": timezone.localdate()}
    )
