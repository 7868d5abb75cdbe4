"""Fast WordprocessingML building blocks: paragraphs and runs copied from prebuilt elements.

python-docx resolves a style by name on every add_paragraph (a scan of all styles) and
rebuilds rPr through its property API; with prebuilt elements a paragraph costs one deepcopy.
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any

from . import layout as L

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def escape(s: str) -> str:
    """Text for an XML element or a double-quoted attribute (xml.sax costs an import)."""
    return s.translate(_ESCAPES)


def quoteattr(s: str) -> str:
    return f'"{escape(s)}"'


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
NSDECL = f'xmlns:w="{W_NS}"'


def parse(xml: str) -> Any:
    from docx.oxml.parser import parse_xml

    return parse_xml(xml)


def rpr_xml(style: L.TextStyle, colour: str | None = None, scale: int | None = None) -> str:
    """A run's properties with every font slot explicit (no theme fonts: WPS-safe)."""
    name = quoteattr(style.font.name)
    parts = [
        f'<w:rFonts w:ascii={name} w:hAnsi={name} w:eastAsia={name} w:cs={name} w:hint="eastAsia"/>'
    ]
    if style.bold:
        parts.append("<w:b/><w:bCs/>")
    if colour:
        parts.append(f'<w:color w:val="{colour}"/>')
    if style.tracking_twips:
        parts.append(f'<w:spacing w:val="{style.tracking_twips}"/>')
    if scale and scale != 100:
        parts.append(f'<w:w w:val="{scale}"/>')
    hp = round(style.size_pt * 2)
    parts.append(f'<w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/>')
    return "<w:rPr>" + "".join(parts) + "</w:rPr>"


class RunMaker:
    """Runs of one text style; the rPr is built once and copied."""

    def __init__(self, style: L.TextStyle, colour: str | None = None, scale: int | None = None):
        self.style = style
        self._r = parse(f"<w:r {NSDECL}>{rpr_xml(style, colour, scale)}</w:r>")

    def run(self, text: str = "") -> Any:
        r = deepcopy(self._r)
        if text:
            t = r.makeelement(f"{W}t")
            t.text = text
            if text[:1].isspace() or text[-1:].isspace():
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            r.append(t)
        return r

    def add_to(self, p: Any, text: str) -> Any:
        r = self.run(text)
        p.append(r)
        return r


def para_template(style_id: str, extra_ppr: str = "") -> Any:
    return parse(f'<w:p {NSDECL}><w:pPr><w:pStyle w:val="{style_id}"/>{extra_ppr}</w:pPr></w:p>')


class ParagraphMaker:
    """Paragraphs of one style, inserted before an anchor (the body's sectPr)."""

    def __init__(self, style_id: str, extra_ppr: str = ""):
        self._p = para_template(style_id, extra_ppr)

    def new(self) -> Any:
        return deepcopy(self._p)


def text(s: str) -> str:
    return escape(s)


def line_break(run: Any, kind: str | None = None) -> None:
    br = run.makeelement(f"{W}br")
    if kind:
        br.set(f"{W}type", kind)
    run.append(br)


def table_xml(
    widths: list[int],
    rows: list[list[str]],
    *,
    header_rows: int,
    cell_rpr: str,
    header_rpr: str,
    align: list[str],
    line_twips: int,
    border_sz: int = 4,
    emphasis_rows: frozenset[int] = frozenset(),
) -> str:
    """A full-width table with tblW, gridCol and tcW all in twips (WPS reads gridCol, Word tblW).

    rows[i] cells: plain text; "\x00span" in a cell joins it to the cell before (gridSpan),
    "\x00up" to the cell above (vMerge, as Word merges a column's repeated label).
    emphasis_rows: body rows (subtotals, 合计) set in the header's font, aligned as the body.
    """
    total = sum(widths)
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="{border_sz}" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    out = [
        f"<w:tbl {NSDECL}><w:tblPr>"
        f'<w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="center"/>'
        f"<w:tblBorders>{borders}</w:tblBorders>"
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>'
        "</w:tblCellMar>"
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0"'
        ' w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
        "</w:tblPr><w:tblGrid>"
    ]
    out += [f'<w:gridCol w:w="{w}"/>' for w in widths]
    out.append("</w:tblGrid>")

    def merged_below(i: int, col: int) -> bool:
        below = rows[i + 1] if i + 1 < len(rows) else []
        return col < len(below) and below[col] == "\x00up"

    for i, row in enumerate(rows):
        header = i < header_rows
        trpr = (
            "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
            if header
            else ("<w:trPr><w:cantSplit/></w:trPr>")
        )
        out.append(f"<w:tr>{trpr}")
        col = 0
        cells: list[tuple[str, int, int]] = []  # text, first column, span
        for cell in row:
            if cell == "\x00span" and cells:
                t, c, s = cells[-1]
                cells[-1] = (t, c, s + 1)
            else:
                cells.append((cell, col, 1))
            col += 1
        for cell_text, first, span in cells:
            width = sum(widths[first : first + span])
            jc = "center" if header else align[first]
            grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
            if cell_text == "\x00up":
                grid, cell_text = grid + "<w:vMerge/>", ""
            elif merged_below(i, first):
                grid += '<w:vMerge w:val="restart"/>'
            rpr = header_rpr if header or i in emphasis_rows else cell_rpr
            paras = cell_text.split("\n") or [""]
            body = "".join(
                f'<w:p><w:pPr><w:snapToGrid w:val="0"/>'
                f'<w:spacing w:before="0" w:after="0" w:line="{line_twips}" w:lineRule="exact"/>'
                f'<w:ind w:left="0" w:right="0" w:firstLine="0" w:firstLineChars="0"/>'
                f'<w:jc w:val="{jc}"/></w:pPr>'
                + (
                    f'<w:r>{rpr}<w:t xml:space="preserve">{escape(line)}</w:t></w:r>'
                    if line
                    else ""
                )
                + "</w:p>"
                for line in paras
            )
            out.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid}'
                '<w:vAlign w:val="center"/></w:tcPr>'
                f"{body}</w:tc>"
            )
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def split_widths(total: int, weights: list[float]) -> list[int]:
    """Column widths in twips summing exactly to total."""
    s = sum(weights)
    widths = [int(total * w / s) for w in weights]
    widths[-1] += total - sum(widths)
    return widths
