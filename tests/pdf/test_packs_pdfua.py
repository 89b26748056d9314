"""R30 with PDF/UA-1 (checked with pikepdf; veraPDF is not in the registries this project installs from):
an appended attachment page is a tagged /Figure with alt text "Bilag x.y – title, side n af m", in the
pack's reading order after its item, and its drawing carries no marked content of its own."""

from datetime import date, timedelta
from io import BytesIO

import pikepdf
import pytest

from governance.pdf import render_pack
from rsi_portal.pdf import pdf_text
from tests.governance.helpers import add_item, attach_pdf, make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def pack(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = make_meeting(day=date.today() + timedelta(days=33))
    attach_pdf(add_item(meeting, "Punkt med bilag"), "Notat om økonomi", 2, "UABILAG")  # WeasyPrint: tagged
    add_item(meeting, "Punkt efter bilaget")
    data, _pages = render_pack(meeting, members_view=True)
    return pikepdf.open(BytesIO(data))


def _marks(pdf) -> dict[int, pikepdf.Array]:
    numbers = pdf.Root.StructTreeRoot.ParentTree.Nums
    return {int(numbers[i]): numbers[i + 1] for i in range(0, len(numbers), 2)}


def _appended_pages(pdf):
    """The pages an attachment page is drawn on, with the name of the drawn Form XObject."""
    for page in pdf.pages:
        for operands, operator in pikepdf.parse_content_stream(page):
            if str(operator) == "Do" and str(operands[0]).startswith("/RSIBilag"):
                yield page, str(operands[0])


def _figure_mcid(page, name) -> int | None:
    """The MCID of the marked-content sequence the Form XObject `name` is drawn in, if it is a /Figure."""
    stack = []
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op == "BDC":
            stack.append(
                (str(operands[0]), operands[1].get("/MCID") if isinstance(operands[1], pikepdf.Dictionary) else None)
            )
        elif op == "BMC":
            stack.append((str(operands[0]), None))
        elif op == "EMC" and stack:
            stack.pop()
        elif op == "Do" and str(operands[0]) == name:
            tag, mcid = stack[-1] if stack else (None, None)
            return int(mcid) if tag == "/Figure" and mcid is not None else None
    return None


def test_r30_appended_pages_are_tagged_figures_with_alt_text(pack):
    appended = list(_appended_pages(pack))
    assert len(appended) == 2
    marks = _marks(pack)
    for number, (page, name) in enumerate(appended, start=1):
        mcid = _figure_mcid(page, name)
        assert mcid is not None, "the attachment page is drawn outside any tagged content"
        figure = marks[int(page.StructParents)][mcid]
        assert str(figure.S) == "/Figure" and figure.Pg.objgen == page.objgen and int(figure.K) == mcid
        assert str(figure.Alt) == f"Bilag 1.1 – Notat om økonomi, side {number} af 2"
        div = figure.P
        assert str(div.S) == "/Div" and [k.objgen for k in div.K] == [figure.objgen]


def test_r30_figures_keep_the_reading_order_after_their_item(pack):
    document = pack.Root.StructTreeRoot.K
    document = document[0] if isinstance(document, pikepdf.Array) else document
    kids = list(document.K)

    def pages_of(element, depth=0):
        """The page numbers an element's content is on, to place it in the pack."""
        found = set()
        if depth > 30 or not isinstance(element, pikepdf.Dictionary):
            return found
        if "/Pg" in element:
            found.add(element.Pg.objgen)
        children = element.get("/K")
        for child in children if isinstance(children, pikepdf.Array) else [children]:
            found |= pages_of(child, depth + 1)
        return found

    order = {page.objgen: index for index, page in enumerate(pack.pages)}
    figure_divs = [
        i for i, kid in enumerate(kids) if str(kid.S) == "/Div" and any(str(k.S) == "/Figure" for k in kid.K)
    ]
    assert len(figure_divs) == 2 and figure_divs[1] == figure_divs[0] + 1
    before, after = kids[figure_divs[0] - 1], kids[figure_divs[1] + 1]
    first_figure_page = order[kids[figure_divs[0]].K[0].Pg.objgen]
    assert max(order[p] for p in pages_of(before)) < first_figure_page < min(order[p] for p in pages_of(after))
    # no reserved page is left as an empty Div
    assert not [kid for kid in kids if str(kid.S) == "/Div" and len(kid.K) == 0]


def test_r30_drawn_attachment_carries_no_marked_content_and_mcids_stay_consistent(pack):
    marks = _marks(pack)
    for page, name in _appended_pages(pack):
        form = page.Resources.XObject[name]
        operators = {str(op) for _operands, op in pikepdf.parse_content_stream(form)}
        assert not operators & {"BDC", "BMC", "EMC"}  # MCIDs never nest inside the Figure
        mcids = [
            int(operands[1].MCID)
            for operands, op in pikepdf.parse_content_stream(page)
            if str(op) == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]
        ]
        assert sorted(mcids) == list(range(len(marks[int(page.StructParents)])))  # one entry per MCID, none twice
    buffer = BytesIO()
    pack.save(buffer)
    text = pdf_text(buffer.getvalue())
    assert "UABILAG side 1" in text and "UABILAG side 2" in text  # the attachment's text is still drawn
