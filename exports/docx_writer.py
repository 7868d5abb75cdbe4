"""The .docx in the official layout (GB/T 9704-2012); every number comes from the profile's layout.

python-docx's font.name sets only the Latin font, so fonts are written as w:rFonts with
w:eastAsia (and theme-font attributes removed, since those win over explicit names; WPS also
falls back to a Japanese font for theme-based styles). Paragraphs and runs are copied from
prebuilt elements (docx_xml): python-docx's add_paragraph(style=name) scans every style each time.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Any, cast

from . import docx_xml as X
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
STYLE_HEAD = "ZC Head"  # 版头 and 版记 lines: own spacing, off the grid
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
# Text role (layout.ROLES) per block kind; the rest are body text.
KIND_ROLE: dict[str, str] = {"title": "title", "heading1": "heading1", "heading2": "heading2"}
OUTLINE_LEVEL: dict[str, int] = {STYLE_H1: 0, STYLE_H2: 1}
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


# --- low-level XML helpers (styles) -----------------------------------------------------------
def _set_fonts(rPr: Any, style: L.TextStyle) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    rFonts = rPr.get_or_add_rFonts()
    for attr in _THEME_ATTRS:
        rFonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rFonts.set(qn(attr), style.font.name)
    rFonts.set(qn("w:hint"), "eastAsia")
    if style.bold:
        rPr.get_or_add_b().val = True
    else:
        rPr._remove_b()
    rPr.get_or_add_sz().val = Pt(style.size_pt)
    _set_szcs(rPr, round(style.size_pt * 2))
    _set_tracking(rPr, style.tracking_twips)


def _set_tracking(rPr: Any, twips: int) -> None:
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


def _set_szcs(rPr: Any, half_points: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    existing = rPr.find(qn("w:szCs"))
    if existing is None:
        existing = OxmlElement("w:szCs")
        rPr.sz.addnext(existing)
    existing.set(qn("w:val"), str(half_points))


def _reset(element: Any, tag: str) -> None:
    """Drop the template's pPr/rPr of a style so nothing (colours, borders, themes) leaks in."""
    from docx.oxml.ns import qn

    old = element.find(qn(tag))
    if old is not None:
        element.remove(old)


def _ind_chars(pPr: Any, **chars: int) -> None:
    """Add firstLineChars/rightChars/leftChars next to the twips values (Word uses the former)."""
    from docx.oxml.ns import qn

    ind = pPr.get_or_add_ind()
    for name, value in chars.items():
        ind.set(qn(f"w:{name}"), str(value))


def _outline(pPr: Any, level: int) -> None:
    pPr.get_or_add_outlineLvl().set(f"{X.W}val", str(level))


# --- styles ---------------------------------------------------------------------------------
def _paragraph_style(doc: Document, name: str) -> ParagraphStyle:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.styles.style import StyleFactory

    styles = doc.styles
    try:
        style = styles[name]
    except KeyError:
        # The name is known to be absent: styles.add_style would scan every style again.
        element = styles.element.add_style_of_type(name, WD_STYLE_TYPE.PARAGRAPH, False)
        style = cast("ParagraphStyle", StyleFactory(element))
        style.base_style = styles["Normal"]
    el = style.element
    _reset(el, "w:pPr")
    _reset(el, "w:rPr")
    return cast("ParagraphStyle", style)


def _configure_style(
    doc: Document,
    lay: L.Layout,
    name: str,
    text: L.TextStyle,
    *,
    align: str = "left",
    first_line_chars: int = 0,
    right_chars: float = 0,
    outline: int | None = None,
    keep_next: bool = False,
) -> str:
    """Set a paragraph style from scratch; returns its style id."""
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
    pf.line_spacing = Twips(lay.line_pitch_twips())
    pf.first_line_indent = Twips(lay.chars_to_twips(first_line_chars))
    pf.left_indent = Twips(0)
    pf.right_indent = Twips(lay.chars_to_twips(right_chars))
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
    return style.style_id


def _overflow_punct(doc_defaults: Any) -> None:
    """State w:overflowPunct="1" (the OOXML default, so Word and WPS lay out as before).

    LibreOffice's DOCX import maps this flag inverted (ParaIsHangingPunctuation = val == 0,
    writerfilter DomainMapper): only an explicit "1" turns its hanging punctuation off. Left
    on, a full-width mark falling just past a full 28-character line hangs into the margin
    and is dropped from the PDF (drawn nowhere, missing from its text).
    """
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr_default = doc_defaults.find(qn("w:pPrDefault"))
    if ppr_default is None:
        ppr_default = OxmlElement("w:pPrDefault")
        doc_defaults.append(ppr_default)
    pPr = ppr_default.find(qn("w:pPr"))
    if pPr is None:
        pPr = OxmlElement("w:pPr")
        ppr_default.append(pPr)
    _reset(pPr, "w:overflowPunct")
    flag = OxmlElement("w:overflowPunct")
    flag.set(qn("w:val"), "1")
    # Schema order: ... kinsoku, wordWrap, overflowPunct, topLinePunct, ..., spacing, ind, ...
    later = (
        "w:topLinePunct",
        "w:autoSpaceDE",
        "w:autoSpaceDN",
        "w:bidi",
        "w:adjustRightInd",
        "w:snapToGrid",
        "w:spacing",
        "w:ind",
        "w:contextualSpacing",
        "w:mirrorIndents",
        "w:suppressOverlap",
        "w:jc",
        "w:textDirection",
        "w:textAlignment",
        "w:textboxTightWrap",
        "w:outlineLvl",
        "w:divId",
        "w:cnfStyle",
        "w:rPr",
        "w:sectPr",
        "w:pPrChange",
    )
    later_tags = {qn(t) for t in later}
    for child in pPr:
        if child.tag in later_tags:
            child.addprevious(flag)
            return
    pPr.append(flag)


def _configure_defaults(doc: Document, lay: L.Layout) -> None:
    from docx.oxml.ns import qn

    styles_el = doc.styles.element
    rPr = styles_el.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rPr, lay.style("body"))
    _overflow_punct(styles_el.find(qn("w:docDefaults")))
    lang = rPr.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "zh-CN")
    _configure_style(doc, lay, "Normal", lay.style("body"))


def _signature_indent_chars(lay: L.Layout, unit: str, date_text: str) -> float:
    """The unit's name is centred over the date, whose right edge is 4 characters in."""

    def width(s: str) -> float:
        # Latin letters and digits are half width; Word and LibreOffice add about a quarter
        # character where Chinese meets a digit or letter (autospace).
        halves = [ord(ch) < 0x2E80 for ch in s]
        gaps = sum(1 for a, b in zip(halves, halves[1:], strict=False) if a != b)
        return sum(0.5 if h else 1.0 for h in halves) + 0.25 * gaps

    indent = lay.date_right_indent_chars + (width(date_text) - width(unit)) / 2
    return max(0.0, indent)


def _configure_styles(doc: Document, lay: L.Layout, assembled: AssembledReport) -> dict[str, str]:
    """Every style zicha writes with; returns style name -> style id."""
    _configure_defaults(doc, lay)
    body = lay.style("body")
    fl = lay.first_line_indent_chars
    ids = {
        STYLE_BODY: _configure_style(doc, lay, STYLE_BODY, body, first_line_chars=fl),
        STYLE_FLUSH: _configure_style(doc, lay, STYLE_FLUSH, body),
        STYLE_TITLE: _configure_style(
            doc, lay, STYLE_TITLE, lay.style("title"), align="center", keep_next=True
        ),
        STYLE_H1: _configure_style(
            doc,
            lay,
            STYLE_H1,
            lay.style("heading1"),
            first_line_chars=fl,
            outline=0,
            keep_next=True,
        ),
        STYLE_H2: _configure_style(
            doc,
            lay,
            STYLE_H2,
            lay.style("heading2"),
            first_line_chars=fl,
            outline=1,
            keep_next=True,
        ),
        STYLE_SIGNATURE: _configure_style(
            doc,
            lay,
            STYLE_SIGNATURE,
            body,
            align="right",
            right_chars=_signature_indent_chars(lay, assembled.unit, assembled.date_text),
            keep_next=True,
        ),
        STYLE_DATE: _configure_style(
            doc, lay, STYLE_DATE, body, align="right", right_chars=lay.date_right_indent_chars
        ),
        STYLE_HEAD: _configure_style(doc, lay, STYLE_HEAD, body),
    }
    _configure_style(doc, lay, "Header", lay.style("draft_mark"))
    _configure_style(doc, lay, "Footer", lay.style("page_number"))
    # Linked character styles of the template still carry theme fonts and colours.
    for name in ("Heading 1 Char", "Heading 2 Char", "Title Char", "Header Char", "Footer Char"):
        try:
            char_style = doc.styles[name]
        except KeyError:
            continue
        _reset(char_style.element, "w:rPr")
        _set_fonts(char_style.element.get_or_add_rPr(), body)
    return ids


# --- page setup -----------------------------------------------------------------------------
def _page_setup(doc: Document, lay: L.Layout) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    section = doc.sections[0]
    section.page_width = Mm(lay.page_width_mm)
    section.page_height = Mm(lay.page_height_mm)
    section.top_margin = Mm(lay.margin_top_mm)
    section.bottom_margin = Mm(lay.margin_bottom_mm)
    section.left_margin = Mm(lay.margin_left_mm)
    section.right_margin = Mm(lay.margin_right_mm)
    section.header_distance = Mm(lay.header_distance_mm)
    section.footer_distance = Mm(lay.footer_distance_mm)
    section.gutter = Mm(0)
    sectPr = section._sectPr
    grid = sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sectPr.append(grid)
    grid.set(qn("w:type"), L.GRID_TYPE)
    grid.set(qn("w:linePitch"), str(lay.line_pitch_twips()))
    grid.set(qn("w:charSpace"), str(lay.char_space_value()))
    doc.settings.odd_and_even_pages_header_footer = True


def _run(paragraph: Any, text: str, style: L.TextStyle) -> Any:
    run = paragraph.add_run(text)
    _set_fonts(run._r.get_or_add_rPr(), style)
    return run


def _field_char(run: Any, kind: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fld = OxmlElement("w:fldChar")
    fld.set(qn("w:fldCharType"), kind)
    run._r.append(fld)


def _page_number(paragraph: Any, style: L.TextStyle) -> None:
    """— N — with N a PAGE field (complex field, which Word, WPS and LibreOffice all update)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

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


def _footers(doc: Document, lay: L.Layout) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Twips

    section = doc.sections[0]
    edge = lay.chars_to_twips(lay.page_number_edge_chars, "page_number")
    edge_chars = lay.page_number_edge_chars * 100
    style = lay.style("page_number")
    odd = section.footer.paragraphs[0]
    footer_id = doc.styles["Footer"].style_id
    # pStyle set directly: python-docx's style setter scans every style for the default.
    odd._p.get_or_add_pPr().style = footer_id
    odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    odd.paragraph_format.right_indent = Twips(edge)
    odd.paragraph_format.first_line_indent = Twips(0)
    _ind_chars(odd._p.get_or_add_pPr(), rightChars=edge_chars, firstLineChars=0)
    _page_number(odd, style)
    even = section.even_page_footer.paragraphs[0]
    even._p.get_or_add_pPr().style = footer_id
    even.alignment = WD_ALIGN_PARAGRAPH.LEFT
    even.paragraph_format.left_indent = Twips(edge)
    even.paragraph_format.first_line_indent = Twips(0)
    _ind_chars(even._p.get_or_add_pPr(), leftChars=edge_chars, firstLineChars=0)
    _page_number(even, style)


def _headers(doc: Document, lay: L.Layout, mark: bool) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    section = doc.sections[0]
    header_id = doc.styles["Header"].style_id
    for header, align in (
        (section.header, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_header, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        p = header.paragraphs[0]
        p._p.get_or_add_pPr().style = header_id
        if mark:
            p.alignment = align
            _run(p, L.DRAFT_MARK_TEXT, lay.style("draft_mark"))


# --- body -----------------------------------------------------------------------------------
class BodyWriter:
    """Appends paragraphs and tables before an anchor element, from prebuilt elements."""

    def __init__(self, doc: Document, lay: L.Layout, ids: dict[str, str], anchor: Any):
        self.doc = doc
        self.lay = lay
        self.anchor = anchor
        self._paras = {
            name: X.ParagraphMaker(
                sid,
                f'<w:outlineLvl w:val="{OUTLINE_LEVEL[name]}"/>' if name in OUTLINE_LEVEL else "",
            )
            for name, sid in ids.items()
        }
        self.ids = ids
        self._runs: dict[str, X.RunMaker] = {}

    def runs(self, role: str, colour: str | None = None, scale: int | None = None) -> X.RunMaker:
        key = f"{role}/{colour}/{scale}"
        maker = self._runs.get(key)
        if maker is None:
            maker = self._runs[key] = X.RunMaker(self.lay.style(role), colour, scale)
        return maker

    def paragraph(self, style_name: str, text: str = "", role: str = "body") -> Any:
        p = self._paras[style_name].new()
        if text:
            self.runs(role).add_to(p, text)
        self.anchor.addprevious(p)
        return p

    def raw(self, element: Any) -> Any:
        self.anchor.addprevious(element)
        return element

    def blank(self, n: int = 1) -> None:
        for _ in range(n):
            self.paragraph(STYLE_FLUSH)

    def block(self, block: Block) -> None:
        style_name = KIND_STYLE[block.kind]
        role = KIND_ROLE.get(block.kind, "body")
        p = self.paragraph(style_name)
        if block.kind == "title":
            lines = split_title(block.text, self.lay.title_chars_per_line(), L.TITLE_BREAK_AFTER)
            maker = self.runs("title")
            for i, line in enumerate(lines):
                run = maker.add_to(p, line)
                if i < len(lines) - 1:
                    X.line_break(run)
        elif block.kind == "body" and block.number.startswith("（"):
            # A numbered point: the number and its run-in lead in the level-2 font, then the body.
            self.runs("heading2").add_to(p, block.number + block.lead)
            if block.body_text:
                self.runs("body").add_to(p, block.body_text)
        else:
            self.runs(role).add_to(p, block.text)

    def page_break_paragraph(self, style_name: str = STYLE_FLUSH) -> Any:
        p = self.paragraph(style_name)
        run = self.runs("body").add_to(p, "")
        X.line_break(run, "page")
        return p


def _appendix_page(w: BodyWriter, label: str, title: str) -> None:
    p = w.page_break_paragraph()
    w.runs("appendix_label").add_to(p, label)
    w.blank()
    w.paragraph(STYLE_TITLE, title, role="title")
    w.blank()


def _comments_appendix(w: BodyWriter, options: ExportOptions) -> None:
    _appendix_page(w, APPENDIX_LABEL, APPENDIX_TITLE)
    for line in options.comment_lines():
        w.paragraph(STYLE_BODY, line)


def _summary_appendices(w: BodyWriter, options: ExportOptions, first_number: int) -> None:
    if not options.appendices:
        return
    from .docx_tables import rectification_table, score_table, stats_table

    names = options.attachment_names()
    numbered = len(names) > 1
    for i, key in enumerate(options.appendices):
        number = first_number + i
        label = f"{APPENDIX_LABEL}{number}" if numbered else APPENDIX_LABEL
        from .appendices import APPENDIX_TITLES

        _appendix_page(w, label, APPENDIX_TITLES[key])
        if key == "stats":
            w.raw(stats_table(w.lay, options.stats))
        elif key == "score":
            w.raw(score_table(w.lay, [r for r in options.score if r.kind != "note"]))
            for note in (r for r in options.score if r.kind == "note"):
                w.paragraph(STYLE_FLUSH, note.texts()[0], role="table")
        else:
            w.raw(rectification_table(w.lay, options.rectification))
        w.paragraph(STYLE_FLUSH)  # Word needs a paragraph after a table


def _attachment_list(w: BodyWriter, options: ExportOptions) -> None:
    """附件清单 after the date: the names of the evidence files, numbered 1．2．…"""
    w.blank()
    p = w.paragraph(STYLE_FLUSH)
    w.runs("appendix_label").add_to(p, ATTACHMENT_LIST_TITLE)
    for line in options.attachment_lines():
        w.paragraph(STYLE_BODY, line)


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

    from . import docx_head, wps_safe

    profile = options.profile
    lay = profile.layout
    template = profile.template_path()
    if template is not None:
        from .template import open_template

        doc, anchor, has_own_head = open_template(template, profile)
    else:
        doc = docx.Document()
        # The template starts with one empty paragraph; the document starts with the title.
        body = doc.element.body
        for p in list(body.iterchildren(f"{X.W}p")):
            body.remove(p)
        anchor = body.find(f"{X.W}sectPr")
        has_own_head = False
    ids = _configure_styles(doc, lay, assembled)
    if template is None:
        _page_setup(doc, lay)
        _headers(doc, lay, options.draft_mark)
        _footers(doc, lay)
    w = BodyWriter(doc, lay, ids, anchor)
    if profile.has_head and not has_own_head:
        docx_head.write_head(w, profile)
    attachments = options.attachment_names()
    for block in assembled.blocks:
        if block.kind == "signature":
            if attachments:
                docx_head.write_attachment_note(w, attachments)
            w.blank(lay.blank_lines_before_signature)
        w.block(block)
        if block.kind == "title":
            w.blank(lay.blank_lines_after_title)
    if options.attachments:
        _attachment_list(w, options)
    _summary_appendices(w, options, first_number=len(profile.attachments) + 1)
    if options.comments:
        _comments_appendix(w, options)
    if profile.has_record:
        docx_head.write_record(w, profile, options)
    if template is not None:
        from .template import finish_template

        finish_template(doc, anchor, profile, options, assembled)
    wps_safe.make_wps_safe(doc, lay)
    _properties(doc, options)
    _drop_thumbnail(doc)
    doc.save(out)
