"""版头 (mark, number, signer, red line), 附件说明 and 版记 where GB/T 9704-2012 puts them.

版头 (7.2): the 发文机关标志 centred in red, its top edge 35 mm below the type area's top; the
发文字号 two lines below — 上行文: left, one character in, on the line of 签发人 (right, one
character in; 「签发人：」 in 仿宋, the name in 楷体); else centred — and a red line the width of
the type area 4 mm below it. The title follows two lines below the line.
附件说明 (7.3.4): one line below the body, two characters in; several are numbered 1．2．
版记 (7.4): at the foot of the last page, between thick first and last rules: 抄送 (4号,
one character in, wrapped lines under the first name, a full stop at the end), then 印发机关
(left, one character in) and 印发日期 (right, one character in, 「印发」 after it).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from . import docx_xml as X
from . import layout as L

if TYPE_CHECKING:
    from .docx_writer import BodyWriter
    from .options import ExportOptions
    from .profile import DocumentProfile

HEAD_STYLE = "ZC Head"
FLUSH_STYLE = "ZC Flush"
SIGNER_LABEL = "签发人："
CC_LABEL = "抄送："
ATTACHMENT_LABEL = "附件："


def _twips(pt: float) -> int:
    return round(pt * L.TWIPS_PER_PT)


def _head_paragraph(w: BodyWriter, ppr: str) -> Any:
    p = X.parse(
        f'<w:p {X.NSDECL}><w:pPr><w:pStyle w:val="{w.ids[HEAD_STYLE]}"/>{ppr}</w:pPr></w:p>'
    )
    return w.raw(p)


def mark_scale(lay: L.Layout, text: str) -> int:
    """Character width (%) that keeps a long mark on one line of the type area."""
    width = len(text) * lay.style("organ_mark").size_pt
    area = L.mm_to_pt(lay.type_area_width_mm)
    return 100 if width <= area else max(33, math.floor(area / width * 100))


def write_head(w: BodyWriter, profile: DocumentProfile) -> None:
    lay = w.lay
    pitch = lay.line_pitch_pt()
    above = 0
    for role, value in (("secrecy", profile.secrecy), ("urgency", profile.urgency)):
        if value:
            w.runs(role).add_to(_head_paragraph(w, ""), value)
            above += 1
    mark = profile.organ_mark or ""
    mark_style = lay.style("organ_mark")
    before = max(0.0, L.mm_to_pt(lay.organ_mark_top_mm) - above * pitch)
    line = _twips(mark_style.size_pt * 1.1)
    p = _head_paragraph(
        w,
        '<w:keepNext/><w:snapToGrid w:val="0"/>'
        f'<w:spacing w:before="{_twips(before)}" w:after="0" w:line="{line}" w:lineRule="exact"/>'
        '<w:ind w:left="0" w:right="0" w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="center"/>',
    )
    w.runs("organ_mark", lay.colours["organ_mark"], mark_scale(lay, mark)).add_to(p, mark)
    w.blank(2)
    _number_line(w, profile)
    _separator(w, lay.colours["separator"], lay.separator_gap_mm, lay.separator_width_pt)
    w.blank(2)


def _number_line(w: BodyWriter, profile: DocumentProfile) -> None:
    lay = w.lay
    one = lay.chars_to_twips(1)
    number = profile.doc_number or ""
    if profile.kind == "上行文":
        right_tab = int(L.mm_to_pt(lay.type_area_width_mm) * L.TWIPS_PER_PT) - one
        p = _head_paragraph(
            w,
            '<w:keepNext/><w:tabs><w:tab w:val="right" w:pos="'
            f'{right_tab}"/></w:tabs>'
            f'<w:ind w:left="{one}" w:leftChars="100" w:right="{one}" w:rightChars="100"'
            ' w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="left"/>',
        )
        w.runs("doc_number").add_to(p, number + "\t")
        w.runs("doc_number").add_to(p, SIGNER_LABEL)
        w.runs("signer").add_to(p, "\u3000".join(profile.signer))
    elif number:
        p = _head_paragraph(
            w,
            '<w:keepNext/><w:ind w:left="0" w:right="0" w:firstLine="0" w:firstLineChars="0"/>'
            '<w:jc w:val="center"/>',
        )
        w.runs("doc_number").add_to(p, number)


def _separator(w: BodyWriter, colour: str, gap_mm: float, width_pt: float) -> None:
    """An empty paragraph gap_mm high whose bottom border is the red line (type-area wide)."""
    sz = max(2, round(width_pt * 8))
    _head_paragraph(
        w,
        '<w:keepNext/><w:pBdr><w:bottom w:val="single" '
        f'w:sz="{sz}" w:space="0" w:color="{colour}"/></w:pBdr><w:snapToGrid w:val="0"/>'
        f'<w:spacing w:before="0" w:after="0" w:line="{_twips(L.mm_to_pt(gap_mm))}"'
        ' w:lineRule="exact"/>'
        '<w:ind w:left="0" w:right="0" w:firstLine="0" w:firstLineChars="0"/>'
        '<w:rPr><w:sz w:val="4"/><w:szCs w:val="4"/></w:rPr>',
    )


def write_attachment_note(w: BodyWriter, names: list[str]) -> None:
    w.blank()
    numbered = len(names) > 1
    for i, name in enumerate(names, start=1):
        number = f"{i}．" if numbered else ""
        num_chars = 1.5 if numbered else 0.0
        left = 2 + 3 + num_chars
        hanging = (3 + num_chars) if i == 1 else num_chars
        lay = w.lay
        p = _head_paragraph(
            w,
            f'<w:ind w:left="{lay.chars_to_twips(left)}" w:leftChars="{round(left * 100)}"'
            f' w:hanging="{lay.chars_to_twips(hanging)}" w:hangingChars="{round(hanging * 100)}"/>',
        )
        text = (ATTACHMENT_LABEL if i == 1 else "") + number + name
        w.runs("body").add_to(p, text)


def record_rows(profile: DocumentProfile, options: ExportOptions) -> list[tuple[str, str]]:
    """(kind, text) of the 版记 rows: ("cc", 抄送：…。) and ("print", 印发机关\t日期印发)."""
    from report.text import format_cn_date

    rows: list[tuple[str, str]] = []
    if profile.cc:
        rows.append(("cc", CC_LABEL + "，".join(profile.cc).rstrip("。") + "。"))
    if profile.printer:
        date = format_cn_date(profile.print_date) if profile.print_date else options.report_date
        rows.append(("print", f"{profile.printer}\t{date}印发"))
    return rows


def _cc_lines(lay: L.Layout, text: str) -> int:
    """Lines the 抄送 row takes: 4号 text, one character in each side, wrapped under the names."""
    size = lay.style("record").size_pt
    per_line = int(L.mm_to_pt(lay.type_area_width_mm) // size) - 2
    first = per_line
    rest = len(text) - first
    if rest <= 0:
        return 1
    return 1 + math.ceil(rest / (per_line - len(CC_LABEL)))


def write_record(w: BodyWriter, profile: DocumentProfile, options: ExportOptions) -> None:
    """Each row a frame (w:framePr, which Word, WPS and LibreOffice all place) at the foot of
    the type area: the last row's bottom rule on the type area's bottom edge.

    LibreOffice 7.x lays a full-width floating table inline and drops frames whose paragraphs
    touch another frame's, so each row is its own frame with a hairline paragraph between.
    """
    lay = w.lay
    rows = record_rows(profile, options)
    width = int(L.mm_to_pt(lay.type_area_width_mm) * L.TWIPS_PER_PT)
    area = int(L.mm_to_pt(lay.type_area_height_mm) * L.TWIPS_PER_PT)
    one = lay.chars_to_twips(1, "record")
    line = lay.line_pitch_twips()
    maker = w.runs("record")
    label_chars = len(CC_LABEL)
    heights = [(_cc_lines(lay, text) if kind == "cc" else 1) * line for kind, text in rows]
    for i, (kind, text) in enumerate(rows):
        below = sum(heights[i + 1 :])
        if i == len(rows) - 1:
            where = 'w:yAlign="bottom"'
        else:
            where = f'w:y="{max(0, area - below - heights[i] - 30)}"'
        frame = (
            f'<w:framePr w:w="{width}" w:wrap="notBeside" w:vAnchor="margin" w:hAnchor="margin"'
            f' w:xAlign="center" {where}/>'
        )
        top = '<w:top w:val="single" w:sz="8" w:space="1" w:color="000000"/>' if i == 0 else ""
        bottom_sz = 8 if i == len(rows) - 1 else 6
        if kind == "cc":
            # wrapped lines start under the first name
            ind = (
                f'<w:ind w:left="{one * (1 + label_chars)}" w:leftChars="{100 * (1 + label_chars)}"'
                f' w:right="{one}" w:rightChars="100" w:hanging="{one * label_chars}"'
                f' w:hangingChars="{100 * label_chars}"/>'
            )
        else:
            ind = (
                f'<w:ind w:left="{one}" w:leftChars="100" w:right="{one}" w:rightChars="100"'
                ' w:firstLine="0" w:firstLineChars="0"/>'
            )
        if i:
            w.raw(_hairline(w))
        p = _head_paragraph(
            w,
            f"{frame}<w:pBdr>{top}"
            f'<w:bottom w:val="single" w:sz="{bottom_sz}" w:space="1" w:color="000000"/>'
            f'</w:pBdr><w:tabs><w:tab w:val="right" w:pos="{width - one}"/></w:tabs>'
            '<w:snapToGrid w:val="0"/>'
            f'<w:spacing w:before="0" w:after="0" w:line="{line}" w:lineRule="exact"/>{ind}'
            '<w:jc w:val="left"/>',
        )
        parts = text.split("\t")
        for j, part in enumerate(parts):
            r = maker.add_to(p, part)
            if j < len(parts) - 1:
                r.append(r.makeelement(f"{X.W}tab"))


def _hairline(w: BodyWriter) -> Any:
    return X.parse(
        f'<w:p {X.NSDECL}><w:pPr><w:pStyle w:val="{w.ids[FLUSH_STYLE]}"/>'
        '<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="20"'
        ' w:lineRule="exact"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>'
        "</w:pPr></w:p>"
    )
