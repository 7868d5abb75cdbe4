"""The .docx in the official layout (GB/T 9704-2012); every number comes from layout.py.

python-docx's font.name sets only the Latin font, so fonts are written as w:rFonts with
w:eastAsia (and theme-font attributes removed, since those win over explicit names).
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

from . import layout as L
from .assemble import AssembledReport, Block, split_title
from .options import APPENDIX_LABEL, APPENDIX_TITLE, ATTACHMENT_LIST_TITLE, ExportOptions

if TYPE_CHECKING:
    from docx.document import Document
    from docx.styles.style import ParagraphStyle

# Paragraph style per block kind; built-in heading styles so Word treats them as headings.
STYLE_BODY = "ZC Body"
STYLE_TITLE = "ZC Title"
STYLE_FLUSH = "ZC Flush"  # addressee, blank lines, appendix label
STYLE_SIGNATURE = "ZC Signature"
STYLE_DATE = "ZC Date"
STYLE_H1 = "Heading 1"
STYLE_H2 = "Heading 2"

KIND_STYLE: dict[str, str] = {
    "title": STYLE_TITLE,
    "addressee": STYLE_FLUSH,
    "opening": STYLE_BODY,
    "heading1": STYLE_H1,
    "heading2": STYLE_H2,
    "body": STYLE_BODY,
    "placeholder": STYLE_BODY,
    "assessment": STYLE_BODY,
    "signature": STYLE_SIGNATURE,
    "date": STYLE_DATE,
}
KIND_TEXT_STYLE: dict[str, L.TextStyle] = {
    "title": L.TITLE,
    "heading1": L.HEADING1,
    "heading2": L.HEADING2,
}
OUTLINE_LEVEL: dict[str, int] = {STYLE_H1: 0, STYLE_H2: 1}
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


# --- low-level XML helpers ------------------------------------------------------------------
def _set_fonts(rPr, style: L.TextStyle) -> None:
    from docx.oxml.ns import qn

    rFonts = rPr.get_or_add_rFonts()
    for attr in _THEME_ATTRS:
        rFonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rFonts.set(qn(attr), style.font.name)
    rFonts.set(qn("w:hint"), "eastAsia")
    from docx.shared import Pt

    if style.bold:
        rPr.get_or_add_b().val = True
    else:
        rPr._remove_b()
    rPr.get_or_add_sz().val = Pt(style.size_pt)
    _set_szcs(rPr, L.half_points(style))
    _set_tracking(rPr, style.tracking_twips)


def _set_tracking(rPr, twips: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    spacing = rPr.find(qn("w:spacing"))
    if not twips:
        if spacing is not None:
            rPr.remove(spacing)
        return
    if spacing is None:
        spacing = OxmlElement("w:spacing")
        rPr.sz.addprevious(spacing)  # schema order: ... color, spacing, w, kern, position, sz
    spacing.set(qn("w:val"), str(twips))


def _set_szcs(rPr, half_points: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    existing = rPr.find(qn("w:szCs"))
    if existing is None:
        existing = OxmlElement("w:szCs")
        rPr.sz.addnext(existing)
    existing.set(qn("w:val"), str(half_points))


def _reset(element, tag: str):
    """Drop the template's pPr/rPr of a style so nothing (colours, borders, themes) leaks in."""
    from docx.oxml.ns import qn

    old = element.find(qn(tag))
    if old is not None:
        element.remove(old)


def _ind_chars(pPr, **chars: int) -> None:
    """Add firstLineChars/rightChars/leftChars next to the twips values (Word uses the former)."""
    from docx.oxml.ns import qn

    ind = pPr.get_or_add_ind()
    for name, value in chars.items():
        ind.set(qn(f"w:{name}"), str(value))


def _outline(pPr, level: int) -> None:
    pPr.get_or_add_outlineLvl().set(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val", str(level)
    )


# --- styles ---------------------------------------------------------------------------------
def _paragraph_style(doc: Document, name: str) -> ParagraphStyle:
    from docx.enum.style import WD_STYLE_TYPE

    styles = doc.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
    el = style.element
    _reset(el, "w:pPr")
    _reset(el, "w:rPr")
    return style  # type: ignore[return-value]


def _configure_style(
    doc: Document,
    name: str,
    text: L.TextStyle,
    *,
    align: str = "left",
    first_line_chars: int = 0,
    right_chars: float = 0,
    outline: int | None = None,
    keep_next: bool = False,
) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt, Twips

    style = _paragraph_style(doc, name)
    pf = style.paragraph_format
    pf.alignment = {
        "left": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }[align]
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Twips(L.line_pitch_twips())
    pf.first_line_indent = Twips(L.chars_to_twips(first_line_chars))
    pf.left_indent = Twips(0)
    pf.right_indent = Twips(L.chars_to_twips(right_chars))
    pf.keep_with_next = keep_next or None
    pPr = style.element.get_or_add_pPr()
    _ind_chars(pPr, firstLineChars=first_line_chars * 100, rightChars=round(right_chars * 100))
    if outline is not None:
        _outline(pPr, outline)
    if not text.snap_to_grid:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        snap = OxmlElement("w:snapToGrid")
        snap.set(qn("w:val"), "0")
        pPr.spacing.addprevious(snap)  # schema order: ... snapToGrid, spacing, ind ...
    _set_fonts(style.element.get_or_add_rPr(), text)
    style.font.color.rgb = None


def _configure_defaults(doc: Document) -> None:
    from docx.oxml.ns import qn

    styles_el = doc.styles.element
    rPr = styles_el.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rPr, L.BODY)
    lang = rPr.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "zh-CN")
    _configure_style(doc, "Normal", L.BODY)


def _signature_indent_chars(unit: str, date_text: str) -> float:
    """The unit's name is centred over the date, whose right edge is 4 characters in."""

    def width(s: str) -> float:
        # Latin letters and digits are half width; Word and LibreOffice add about a quarter
        # character where Chinese meets a digit or letter (autospace).
        halves = [ord(ch) < 0x2E80 for ch in s]
        gaps = sum(1 for a, b in zip(halves, halves[1:], strict=False) if a != b)
        return sum(0.5 if h else 1.0 for h in halves) + 0.25 * gaps

    indent = L.DATE_RIGHT_INDENT_CHARS + (width(date_text) - width(unit)) / 2
    return max(0.0, indent)


def _configure_styles(doc: Document, assembled: AssembledReport) -> None:
    _configure_defaults(doc)
    fl = L.FIRST_LINE_INDENT_CHARS
    _configure_style(doc, STYLE_BODY, L.BODY, first_line_chars=fl)
    _configure_style(doc, STYLE_FLUSH, L.BODY)
    _configure_style(doc, STYLE_TITLE, L.TITLE, align="center", keep_next=True)
    _configure_style(doc, STYLE_H1, L.HEADING1, first_line_chars=fl, outline=0, keep_next=True)
    _configure_style(doc, STYLE_H2, L.HEADING2, first_line_chars=fl, outline=1, keep_next=True)
    _configure_style(
        doc,
        STYLE_SIGNATURE,
        L.BODY,
        align="right",
        right_chars=_signature_indent_chars(assembled.unit, assembled.date_text),
        keep_next=True,
    )
    _configure_style(
        doc,
        STYLE_DATE,
        L.BODY,
        align="right",
        right_chars=L.DATE_RIGHT_INDENT_CHARS,
    )
    _configure_style(doc, "Header", L.DRAFT_MARK)
    _configure_style(doc, "Footer", L.PAGE_NUMBER)
    # Linked character styles of the template still carry theme fonts and colours.
    for name in ("Heading 1 Char", "Heading 2 Char", "Title Char", "Header Char", "Footer Char"):
        try:
            char_style = doc.styles[name]
        except KeyError:
            continue
        _reset(char_style.element, "w:rPr")
        _set_fonts(char_style.element.get_or_add_rPr(), L.BODY)


def _register_fallbacks(doc: Document) -> None:
    """Name each official font in the font table with an altName Word/WPS try when it is missing."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    part = doc.part.part_related_by(RT.FONT_TABLE)
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    root = etree.fromstring(part.blob)
    have = {f.get(f"{{{w}}}name") for f in root.findall(f"{{{w}}}font")}
    for spec in (L.FANGSONG, L.XIAOBIAOSONG, L.HEITI, L.KAITI, L.SONGTI):
        if spec.name in have:
            continue
        font = etree.SubElement(root, f"{{{w}}}font", {f"{{{w}}}name": spec.name})
        if spec.fallbacks:
            etree.SubElement(font, f"{{{w}}}altName", {f"{{{w}}}val": spec.fallbacks[0]})
        etree.SubElement(font, f"{{{w}}}charset", {f"{{{w}}}val": "86"})  # GB2312
        etree.SubElement(font, f"{{{w}}}family", {f"{{{w}}}val": "auto"})
        etree.SubElement(font, f"{{{w}}}pitch", {f"{{{w}}}val": "variable"})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# --- page setup -----------------------------------------------------------------------------
def _page_setup(doc: Document) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    section = doc.sections[0]
    section.page_width = Mm(L.PAGE_WIDTH_MM)
    section.page_height = Mm(L.PAGE_HEIGHT_MM)
    section.top_margin = Mm(L.MARGIN_TOP_MM)
    section.bottom_margin = Mm(L.MARGIN_BOTTOM_MM)
    section.left_margin = Mm(L.MARGIN_LEFT_MM)
    section.right_margin = Mm(L.MARGIN_RIGHT_MM)
    section.header_distance = Mm(L.HEADER_DISTANCE_MM)
    section.footer_distance = Mm(L.FOOTER_DISTANCE_MM)
    section.gutter = Mm(0)
    sectPr = section._sectPr
    grid = sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sectPr.append(grid)
    grid.set(qn("w:type"), L.GRID_TYPE)
    grid.set(qn("w:linePitch"), str(L.line_pitch_twips()))
    grid.set(qn("w:charSpace"), str(L.char_space_value()))
    doc.settings.odd_and_even_pages_header_footer = True


def _run(paragraph, text: str, style: L.TextStyle):
    run = paragraph.add_run(text)
    _set_fonts(run._r.get_or_add_rPr(), style)
    return run


def _field_char(run, kind: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fld = OxmlElement("w:fldChar")
    fld.set(qn("w:fldCharType"), kind)
    run._r.append(fld)


def _page_number(paragraph) -> None:
    """— N — with N a PAGE field (complex field, which Word, WPS and LibreOffice all update)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    style = L.PAGE_NUMBER
    _run(paragraph, f"{L.PAGE_NUMBER_DASH} ", style)
    _field_char(_run(paragraph, "", style), "begin")
    instr_run = _run(paragraph, "", style)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    instr_run._r.append(instr)
    _field_char(_run(paragraph, "", style), "separate")
    _run(paragraph, "1", style)
    _field_char(_run(paragraph, "", style), "end")
    _run(paragraph, f" {L.PAGE_NUMBER_DASH}", style)


def _footers(doc: Document) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Twips

    section = doc.sections[0]
    edge = L.chars_to_twips(L.PAGE_NUMBER_EDGE_CHARS, L.PAGE_NUMBER)
    edge_chars = L.PAGE_NUMBER_EDGE_CHARS * 100
    odd = section.footer.paragraphs[0]
    odd.style = doc.styles["Footer"]
    odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    odd.paragraph_format.right_indent = Twips(edge)
    odd.paragraph_format.first_line_indent = Twips(0)
    _ind_chars(odd._p.get_or_add_pPr(), rightChars=edge_chars, firstLineChars=0)
    _page_number(odd)
    even = section.even_page_footer.paragraphs[0]
    even.style = doc.styles["Footer"]
    even.alignment = WD_ALIGN_PARAGRAPH.LEFT
    even.paragraph_format.left_indent = Twips(edge)
    even.paragraph_format.first_line_indent = Twips(0)
    _ind_chars(even._p.get_or_add_pPr(), leftChars=edge_chars, firstLineChars=0)
    _page_number(even)


def _headers(doc: Document, mark: bool) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    section = doc.sections[0]
    for header, align in (
        (section.header, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_header, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        p = header.paragraphs[0]
        p.style = doc.styles["Header"]
        if mark:
            p.alignment = align
            _run(p, L.DRAFT_MARK_TEXT, L.DRAFT_MARK)


# --- body -----------------------------------------------------------------------------------
def _add_block(doc: Document, block: Block) -> None:
    style_name = KIND_STYLE[block.kind]
    p = doc.add_paragraph(style=style_name)
    if style_name in OUTLINE_LEVEL:
        _outline(p._p.get_or_add_pPr(), OUTLINE_LEVEL[style_name])
    text_style = KIND_TEXT_STYLE.get(block.kind, L.BODY)
    if block.kind == "title":
        from docx.enum.text import WD_BREAK

        lines = split_title(block.text, L.title_chars_per_line(), L.TITLE_BREAK_AFTER)
        for i, line in enumerate(lines):
            run = _run(p, line, text_style)
            if i < len(lines) - 1:
                run.add_break(WD_BREAK.LINE)
    elif block.kind == "body" and block.number.startswith("（"):
        # A numbered point: the number and its run-in lead in the level-2 font, then the body.
        _run(p, block.number + block.lead, L.HEADING2)
        if block.body_text:
            _run(p, block.body_text, L.BODY)
    else:
        _run(p, block.text, text_style)


def _blank(doc: Document) -> None:
    doc.add_paragraph(style=STYLE_FLUSH)


def _comments_appendix(doc: Document, options: ExportOptions) -> None:
    from docx.enum.text import WD_BREAK

    p = doc.add_paragraph(style=STYLE_FLUSH)
    p.add_run().add_break(WD_BREAK.PAGE)
    _run(p, APPENDIX_LABEL, L.APPENDIX_LABEL)
    _blank(doc)
    _run(doc.add_paragraph(style=STYLE_TITLE), APPENDIX_TITLE, L.TITLE)
    _blank(doc)
    for line in options.comment_lines():
        _run(doc.add_paragraph(style=STYLE_BODY), line, L.BODY)


def _attachment_list(doc: Document, options: ExportOptions) -> None:
    """附件清单 after the date: the names of the evidence files, numbered 1．2．…"""
    _blank(doc)
    _run(doc.add_paragraph(style=STYLE_FLUSH), ATTACHMENT_LIST_TITLE, L.APPENDIX_LABEL)
    for line in options.attachment_lines():
        _run(doc.add_paragraph(style=STYLE_BODY), line, L.BODY)


def _properties(doc: Document, options: ExportOptions) -> None:
    import datetime as dt

    cp = doc.core_properties
    cp.title = options.title
    cp.author = options.author
    cp.last_modified_by = options.author
    cp.subject = options.subject
    cp.category = "自查报告"
    cp.keywords = "内部控制；自查报告"
    cp.created = options.created
    # python-docx writes naive times with a Z suffix: give it UTC.
    cp.modified = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    cp.revision = max(1, options.revision)
    cp.content_status = L.DRAFT_MARK_TEXT if options.draft_mark else options.status_label
    cp.comments = options.approval_text()


def _drop_thumbnail(doc: Document) -> None:
    """The template's preview picture shows an unrelated English page; leave it out."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    rels = doc.part.package.rels
    for rId, rel in list(rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del rels[rId]


def write_docx(assembled: AssembledReport, out: IO[bytes], options: ExportOptions) -> None:
    import docx

    doc = docx.Document()
    # The template starts with one empty paragraph; the document starts with the title.
    body = doc.element.body
    for p in list(
        body.iterchildren("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p")
    ):
        body.remove(p)
    _configure_styles(doc, assembled)
    _register_fallbacks(doc)
    _page_setup(doc)
    _headers(doc, options.draft_mark)
    _footers(doc)
    for block in assembled.blocks:
        if block.kind == "signature":
            for _ in range(L.BLANK_LINES_BEFORE_SIGNATURE):
                _blank(doc)
        _add_block(doc, block)
        if block.kind == "title":
            for _ in range(L.BLANK_LINES_AFTER_TITLE):
                _blank(doc)
    if options.attachments:
        _attachment_list(doc, options)
    if options.comments:
        _comments_appendix(doc, options)
    _properties(doc, options)
    _drop_thumbnail(doc)
    doc.save(out)
