"""R30: an attachment page that is rotated or larger than A4 is laid under its reserved page upright,
shrunk into the space between the running header and the stamp, never over them."""

from io import BytesIO

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from governance import services
from governance.pdf import STAMP_MARGIN, render_pack
from rsi_portal.pdf import html_to_pdf
from tests.governance.helpers import add_item, make_meeting, sekretariat

pytestmark = pytest.mark.django_db


def _rotated_a3_landscape(label: str) -> bytes:
    """One A3 landscape page of text, stored portrait with /Rotate 90 as scanners write it."""
    html = (
        '<html lang="da"><head><style>@page { size: A3 landscape; margin: 0 } body { margin: 0 }'
        " div { height: 297mm; border: 8px solid black; box-sizing: border-box }</style></head>"
        f"<body><div>{label} tværformat</div></body></html>"
    )
    with pikepdf.open(BytesIO(html_to_pdf(html))) as pdf:
        page = pdf.pages[0]
        width, height = float(page.mediabox[2]), float(page.mediabox[3])
        # Turn the content a quarter clockwise into a portrait box, then /Rotate 90 shows it landscape again.
        page.contents_add(pdf.make_stream(f"q 0 1 -1 0 {height} 0 cm".encode()), prepend=True)
        page.contents_add(pdf.make_stream(b"Q"))
        for box in ("/MediaBox", "/TrimBox", "/BleedBox", "/CropBox", "/ArtBox"):
            if box in page or box == "/MediaBox":
                page[box] = pikepdf.Array([0, 0, height, width])
        page.Rotate = 90
        out = BytesIO()
        pdf.save(out)
        return out.getvalue()


def _underlay(page) -> tuple[str, list[float]]:
    """The laid-under Form XObject's name and the `cm` matrix that places it: the first drawing on the
    reserved page, since it lies under everything WeasyPrint drew."""
    operations = pikepdf.parse_content_stream(page)
    for index, (operands, operator) in enumerate(operations):
        if str(operator) == "Do":
            matrix = next(ops for ops, op in reversed(operations[:index]) if str(op) == "cm")
            return str(operands[0]), [float(v) for v in matrix]
    raise AssertionError("nothing is laid under the reserved page")


def test_r30_rotated_oversized_attachment_is_upright_and_fits_between_header_and_stamp(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = make_meeting()
    item = add_item(meeting, "Tegning")
    upload = SimpleUploadedFile("tegning.pdf", _rotated_a3_landscape("TEGNINGSBILAG"), content_type="application/pdf")
    services.attachment_add(actor=sekretariat(), item=item, title="Arkitekttegning", upload=upload)
    data, pages = render_pack(meeting, members_view=False)
    reader = PdfReader(BytesIO(data))
    start = next(n for n, page in enumerate(reader.pages) if "TEGNINGSBILAG" in page.extract_text())
    text = reader.pages[start].extract_text()
    assert f"Bilag {item.number}.1 – Arkitekttegning" in text and f"Side {start + 1} af {pages}" in text
    with pikepdf.open(BytesIO(data)) as pack:
        reserved = pack.pages[start]
        assert [float(v) for v in reserved.mediabox] == pytest.approx([0, 0, 595.28, 841.89], abs=0.5)
        name, (a, b, c, d, e, f) = _underlay(reserved)
        form = reserved.Resources.XObject[name]
        assert form.Subtype == "/Form"
        x0, y0, x1, y1 = (float(v) for v in form.BBox)
        corners = [(a * x + c * y + e, b * x + d * y + f) for x in (x0, x1) for y in (y0, y1)]
        left, right = min(x for x, _y in corners), max(x for x, _y in corners)
        bottom, top = min(y for _x, y in corners), max(y for _x, y in corners)
        # Upright: shown landscape (wider than high), shrunk to the A4 width, between header and stamp.
        assert right - left == pytest.approx(595.28, abs=0.5)
        assert (right - left) / (top - bottom) == pytest.approx(1190.55 / 841.89, rel=0.01)
        assert left >= -0.5 and right <= 595.28 + 0.5
        assert bottom >= STAMP_MARGIN - 0.5 and top <= 841.89 - STAMP_MARGIN + 0.5
        # The content is turned by the placement, not a second time by the form: a quarter turn clockwise.
        assert (a, d) == (0, 0) and b < 0 < c
