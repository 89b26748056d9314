"""R34: the one-page kommissorium as a PDF, in the case-paper style (templates/pdf/kommissorium.html)."""

from django.utils import timezone

from rsi_portal.pdf import render_pdf


def kommissorium_pdf(kommissorium) -> bytes:
    latest = kommissorium.versions.order_by("-number").first()
    return render_pdf(
        "pdf/kommissorium.html",
        {
            "k": kommissorium,
            "regions": list(kommissorium.regions.all()),
            "version": latest,
            "printed": timezone.localdate(),
        },
    )
