"""The shared WeasyPrint renderer produces a real, tagged PDF whose text reads back."""

from io import BytesIO

from pypdf import PdfReader

from rsi_portal.pdf import pdf_text, render_pdf


def test_render_pdf_has_text_page_numbers_and_language(tmp_path, settings):
    template = tmp_path / "probe.html"
    template.write_text('{% extends "pdf/base.html" %}{% block content %}<h1>Prøve æøå</h1>{% endblock %}')
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    data = render_pdf("probe.html", {})
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    assert "Prøve æøå" in text
    assert "Side 1 af 1" in text
    reader = PdfReader(BytesIO(data))
    assert reader.trailer["/Root"].get("/Lang") == "da"
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged PDF
