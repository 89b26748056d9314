"""R30 with PDF/UA-1: an appended attachment page is part of the pack's tagged structure.

WeasyPrint gives each reserved page (see governance.pdf) an empty /Div in the structure tree, in reading
order after its agenda item. The attachment page drawn on it becomes a /Figure inside that Div, with the
alt text "Bilag x.y – title, side n af m", and the drawing is wrapped in the Figure's marked content (its
MCID registered in the page's ParentTree entry). The attachment's own marked content is dropped: MCIDs
must not nest, and the attachment's own structure tree is not carried over, so its text is read as the
figure's alt text rather than as untagged content.
"""

import pikepdf

MARKED_CONTENT = {"BDC", "BMC", "EMC", "MP", "DP"}
GROUPING = {"/Document", "/Part", "/Sect", "/Div", "/Art"}  # where WeasyPrint puts the reserved pages' Divs


def unmark(form) -> None:
    """Drop the marked-content operators from a Form XObject's content (untouched when it has none)."""
    data = form.read_bytes()
    if b"BDC" not in data and b"BMC" not in data:
        return
    operations = [
        (operands, operator)
        for operands, operator in pikepdf.parse_content_stream(form)
        if str(operator) not in MARKED_CONTENT
    ]
    form.write(pikepdf.unparse_content_stream(operations))


class AttachmentFigures:
    """The pack's structure tree, read once per render, to tag each appended page as a Figure."""

    def __init__(self, pack):
        self.pack = pack
        self.divs: dict[tuple, pikepdf.Dictionary] = {}  # the reserved pages' empty Divs, by page objgen
        self.marks: dict[int, pikepdf.Array] = {}  # the ParentTree's arrays, by StructParents key
        root = pack.Root.get("/StructTreeRoot")
        if root is None:
            return
        self._find_divs(root.get("/K"), depth=0)
        parent_tree = root.get("/ParentTree")
        if parent_tree is not None:
            self._read_numbers(parent_tree, depth=0)

    def _find_divs(self, node, *, depth: int) -> None:
        if isinstance(node, pikepdf.Array):
            for kid in node:
                self._find_divs(kid, depth=depth)
            return
        if not isinstance(node, pikepdf.Dictionary) or depth > 4:
            return
        kind = node.get("/S")
        if kind == "/Div" and not node.get("/K") and "/Pg" in node and node.is_indirect:
            self.divs[node.Pg.objgen] = node
        elif kind in GROUPING:
            self._find_divs(node.get("/K"), depth=depth + 1)

    def _read_numbers(self, node, *, depth: int) -> None:
        numbers = node.get("/Nums")
        if numbers is not None:
            for index in range(0, len(numbers) - 1, 2):
                self.marks[int(numbers[index])] = numbers[index + 1]
        for kid in node.get("/Kids", []) if depth < 8 else []:
            self._read_numbers(kid, depth=depth + 1)

    def wrap(self, target, drawing: bytes, alt: str) -> bytes:
        """The drawing of the attachment page on `target`, as the page's tagged Figure; unchanged when the
        page has no reserved Div (then there is no place in the reading order to put it)."""
        div = self.divs.get(target.obj.objgen)
        key = target.obj.get("/StructParents")
        marks = self.marks.get(int(key)) if key is not None else None
        if div is None or marks is None:
            return drawing
        mcid = len(marks)  # WeasyPrint numbers a page's MCIDs 0 … n-1, one ParentTree entry each
        figure = self.pack.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.StructElem,
                S=pikepdf.Name.Figure,
                P=div,
                Pg=target.obj,
                K=mcid,
                Alt=pikepdf.String(alt),
            )
        )
        div.K = pikepdf.Array([figure])
        marks.append(figure)
        del self.divs[target.obj.objgen]  # one figure per reserved page
        return b"/Figure <</MCID %d>> BDC\n" % mcid + drawing + b"EMC\n"
