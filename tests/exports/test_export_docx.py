"""The .docx reopened with python-docx: every row of the layout table, as Word would read it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from export_helpers import W, body_texts, make_report, open_docx

from exports.assemble import assemble
from exports.writer import export_report
from report.models import Point


@pytest.fixture
def docx_path(tmp_path: Path) -> Path:
    return export_report(make_report(), tmp_path / "report.docx")


def style_xml(doc, name: str):
    return doc.styles[name].element


def rfonts(el) -> dict[str, str]:
    rf = el.find(f"{W}rPr/{W}rFonts") if el.tag != f"{W}rPr" else el.find(f"{W}rFonts")
    assert rf is not None, "no w:rFonts"
    return {k.replace(W, ""): v for k, v in rf.attrib.items()}


def test_page_size_and_margins(docx_path: Path):
    s = open_docx(docx_path).sections[0]
    assert abs(s.page_width - Mm(210)) < Mm(0.1)
    assert abs(s.page_height - Mm(297)) < Mm(0.1)
    assert abs(s.top_margin - Mm(37)) < Mm(0.1)
    assert abs(s.bottom_margin - Mm(35)) < Mm(0.1)
    assert abs(s.left_margin - Mm(28)) < Mm(0.1)
    assert abs(s.right_margin - Mm(26)) < Mm(0.1)
    # Type area 156 x 225 mm.
    assert abs(s.page_width - s.left_margin - s.right_margin - Mm(156)) < Mm(0.2)
    assert abs(s.page_height - s.top_margin - s.bottom_margin - Mm(225)) < Mm(0.2)


def test_document_grid_22_lines_28_chars(docx_path: Path):
    sectPr = open_docx(docx_path).sections[0]._sectPr
    grid = sectPr.find(f"{W}docGrid")
    pitch_twips = int(grid.get(f"{W}linePitch"))
    char_space = int(grid.get(f"{W}charSpace"))
    type_area_pt = 225 / 25.4 * 72
    assert int(type_area_pt / (pitch_twips / 20)) == 22
    assert 28.9 <= pitch_twips / 20 <= 29.0
    # Character pitch = 16 pt + charSpace/4096 pt; 28 of them fill 156 mm.
    char_pitch = 16 + char_space / 4096
    assert round(156 / 25.4 * 72 / char_pitch, 1) == 28.0
    assert grid.get(f"{W}type") in ("lines", "linesAndChars")


def test_east_asian_fonts_in_styles(docx_path: Path):
    doc = open_docx(docx_path)
    expected = {
        "Normal": "仿宋_GB2312",
        "ZC Body": "仿宋_GB2312",
        "ZC Title": "方正小标宋简体",
        "Heading 1": "黑体",
        "Heading 2": "楷体_GB2312",
        "Footer": "宋体",
    }
    for name, font in expected.items():
        fonts = rfonts(style_xml(doc, name))
        assert fonts["eastAsia"] == font, name
        assert fonts["ascii"] == font, name
        assert not any(k.endswith("Theme") or k == "cstheme" for k in fonts), name
    defaults = doc.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert rfonts(defaults)["eastAsia"] == "仿宋_GB2312"


def test_east_asian_fonts_and_sizes_in_runs(docx_path: Path):
    doc = open_docx(docx_path)
    by_style: dict[str, set[tuple[str, float]]] = {}
    for p in doc.paragraphs:
        for r in p.runs:
            fonts = rfonts(r._r.find(f"{W}rPr"))
            by_style.setdefault(p.style.name, set()).add((fonts["eastAsia"], r.font.size.pt))
    assert by_style["ZC Title"] == {("方正小标宋简体", 22.0)}
    assert by_style["ZC Body"] == {("仿宋_GB2312", 16.0)}
    assert by_style["Heading 1"] == {("黑体", 16.0)}
    assert by_style["ZC Signature"] == {("仿宋_GB2312", 16.0)}
    assert by_style["ZC Date"] == {("仿宋_GB2312", 16.0)}


def test_style_sizes(docx_path: Path):
    doc = open_docx(docx_path)
    assert doc.styles["ZC Title"].font.size == Pt(22)
    for name in ("Normal", "ZC Body", "Heading 1", "Heading 2"):
        assert doc.styles[name].font.size == Pt(16), name
    assert doc.styles["Footer"].font.size == Pt(14)


def test_first_line_indent_two_chars(docx_path: Path):
    doc = open_docx(docx_path)
    for name in ("ZC Body", "Heading 1", "Heading 2"):
        ind = style_xml(doc, name).find(f"{W}pPr/{W}ind")
        assert ind.get(f"{W}firstLineChars") == "200", name
        assert ind.get(f"{W}firstLine") == "640", name
        assert ind.get(f"{W}left") in (None, "0")
    # Title and addressee are not indented.
    for name in ("ZC Title", "ZC Flush"):
        ind = style_xml(doc, name).find(f"{W}pPr/{W}ind")
        assert ind.get(f"{W}firstLine") == "0", name
    assert doc.styles["ZC Title"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_heading_outline_levels(docx_path: Path):
    doc = open_docx(docx_path)
    levels = {}
    for p in doc.paragraphs:
        lvl = p._p.find(f"{W}pPr/{W}outlineLvl")
        if lvl is not None:
            levels[p.text] = int(lvl.get(f"{W}val"))
    assert levels["一、组织机构控制"] == 0
    assert levels["六、整改意见或建议"] == 0
    assert sum(1 for v in levels.values() if v == 0) == 6
    for name, level in (("Heading 1", "0"), ("Heading 2", "1")):
        assert style_xml(doc, name).find(f"{W}pPr/{W}outlineLvl").get(f"{W}val") == level

    path = export_report(make_report(), docx_path.parent / "h.docx", numbering="headings")
    doc = open_docx(path)
    # 「（一）」 points are run-in paragraphs (issue 9): no level-2 heading lines of their own
    h2 = [
        p.text
        for p in doc.paragraphs
        if (lvl := p._p.find(f"{W}pPr/{W}outlineLvl")) is not None and lvl.get(f"{W}val") == "1"
    ]
    assert h2 == []
    first = next(p for p in doc.paragraphs if p.text.startswith("（一）组织机构健全。"))
    assert [r.text for r in first.runs] == [
        "（一）组织机构健全。",
        "我局内设六个科室，印发了岗位职责说明。",
    ]
    assert rfonts(first.runs[0]._r.find(f"{W}rPr"))["eastAsia"] == "楷体_GB2312"
    assert rfonts(first.runs[1]._r.find(f"{W}rPr"))["eastAsia"] == "仿宋_GB2312"


def test_title_blank_line_addressee(docx_path: Path):
    paras = open_docx(docx_path).paragraphs
    assert paras[0].style.name == "ZC Title"
    assert (
        paras[0].text.replace("\n", "")
        == "某县社会保险事业局关于2026年度内部控制检查评估的自查报告"
    )
    assert paras[1].text == ""
    assert paras[2].text == "市社会保险事业管理处："
    assert paras[2].style.name == "ZC Flush"


def test_signature_and_date_bottom_right(docx_path: Path):
    doc = open_docx(docx_path)
    paras = doc.paragraphs
    sig, date = paras[-2], paras[-1]
    assert sig.text == "某县社会保险事业局"
    assert date.text == "2026年11月29日"
    assert paras[-3].text == "" and paras[-4].text == ""  # room for the seal
    for p in (sig, date):
        assert p.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    date_ind = style_xml(doc, "ZC Date").find(f"{W}pPr/{W}ind")
    assert date_ind.get(f"{W}rightChars") == "400"
    assert date_ind.get(f"{W}right") == "1280"
    # The name (9 chars) is centred over the date (~8.25 chars incl. autospace): indent ~3.6 chars.
    sig_ind = int(style_xml(doc, "ZC Signature").find(f"{W}pPr/{W}ind").get(f"{W}right"))
    assert 3 * 320 < sig_ind < 4 * 320


def footer_xml(part) -> str:
    from lxml import etree

    return etree.tostring(part._element, encoding="unicode")


def test_footer_page_field_odd_right_even_left(docx_path: Path):
    doc = open_docx(docx_path)
    assert doc.settings.odd_and_even_pages_header_footer is True
    s = doc.sections[0]
    odd, even = s.footer, s.even_page_footer
    assert not odd.is_linked_to_previous and not even.is_linked_to_previous
    for footer, align, side in (
        (odd, WD_ALIGN_PARAGRAPH.RIGHT, "rightChars"),
        (even, WD_ALIGN_PARAGRAPH.LEFT, "leftChars"),
    ):
        p = footer.paragraphs[0]
        assert p.alignment == align
        assert p._p.find(f"{W}pPr/{W}ind").get(f"{W}{side}") == "100"
        xml = footer_xml(footer)
        assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
        instr = p._p.findall(f".//{W}instrText")
        assert [i.text.strip() for i in instr] == ["PAGE"]
        assert p.text == "— 1 —"  # the cached result between the em dashes
        for r in p.runs:
            fonts = rfonts(r._r.find(f"{W}rPr"))
            assert fonts["eastAsia"] == "宋体"
            assert r.font.size == Pt(14)


def test_draft_mark_in_headers_unless_approved_or_overridden(tmp_path: Path):
    draft = open_docx(export_report(make_report(), tmp_path / "a.docx"))
    s = draft.sections[0]
    assert s.header.paragraphs[0].text == "征求意见稿"
    assert s.even_page_header.paragraphs[0].text == "征求意见稿"
    assert draft.core_properties.content_status == "征求意见稿"

    off = open_docx(export_report(make_report(), tmp_path / "b.docx", draft_mark=False))
    assert off.sections[0].header.paragraphs[0].text == ""

    approved = make_report(status="approved")
    doc = open_docx(
        export_report(
            approved,
            tmp_path / "c.docx",
            approved_by="李审核",
            approved_at="2026-11-28T16:05:00+08:00",
        )
    )
    assert doc.sections[0].header.paragraphs[0].text == ""
    cp = doc.core_properties
    assert cp.content_status == "已审定"
    assert "审定人：李审核" in cp.comments
    assert "审定时间：2026-11-28" in cp.comments

    forced = open_docx(export_report(approved, tmp_path / "d.docx", draft_mark=True))
    assert forced.sections[0].header.paragraphs[0].text == "征求意见稿"


def test_core_properties(docx_path: Path):
    cp = open_docx(docx_path).core_properties
    assert cp.title == "某县社会保险事业局关于2026年度内部控制检查评估的自查报告"
    assert cp.author == "某县社会保险事业局"
    assert cp.created.date() == dt.date(2026, 11, 29)
    assert "某社险函〔2026〕71号" in cp.subject


def test_numbering_order_in_document(tmp_path: Path):
    r = make_report()
    texts = body_texts(open_docx(export_report(r, tmp_path / "a.docx")))
    org = [t for t in texts if t.startswith(("一是", "二是", "三是"))][:3]
    assert [t[:2] for t in org] == ["一是", "二是", "三是"]
    headings = [t for t in texts if t[:2] in ("一、", "二、", "三、", "四、", "五、", "六、")]
    assert [h[:2] for h in headings] == ["一、", "二、", "三、", "四、", "五、", "六、"]
    # After a reorder the document follows.
    sec = r.section("organization")
    sec.points = [sec.points[2], sec.points[0], sec.points[1]]
    texts = body_texts(open_docx(export_report(r, tmp_path / "b.docx")))
    assert "一是建立三级审核制度。" in texts
    # Same paragraphs as the assembled report (title lines joined).
    expected = [t for t in assemble(r).texts()]
    got = [t.replace("\n", "") for t in texts]
    assert got == expected


def test_headings_style_number_run_in_level2_font(tmp_path: Path):
    r = make_report()
    long_text = "我局" + "对照规程逐项检查业务经办流程" * 4
    r.section("business").points = [Point(text=long_text), Point(text="按月催缴")]
    doc = open_docx(export_report(r, tmp_path / "h.docx", numbering="headings"))
    p = next(p for p in doc.paragraphs if p.text.startswith("（一）我局"))
    assert p.runs[0].text == "（一）"
    assert rfonts(p.runs[0]._r.find(f"{W}rPr"))["eastAsia"] == "楷体_GB2312"
    assert rfonts(p.runs[1]._r.find(f"{W}rPr"))["eastAsia"] == "仿宋_GB2312"


def test_hostile_text_survives_and_reopens(tmp_path: Path):
    r = make_report(unit="某县社会保险事业局\x0b")
    r.section("business").points = [
        Point(text="控制字符\x00\x01\x08\x0b\x0c\x0e\x1f\x7f\x9f、\ufffe\uffff和😀🎉表情"),
        Point(text="超长段落" * 5000),
        Point(text="<w:p>&amp;\"引号\" 'x' ]]>"),
    ]
    r.assessment = "评价\x00。"
    path = export_report(r, tmp_path / "hostile.docx")
    doc = open_docx(path)
    texts = body_texts(doc)
    assert "一是控制字符、和😀🎉表情。" in texts
    assert any(len(t) == 20000 + 3 for t in texts)
    assert any("<w:p>&amp" in t and "]]>" in t for t in texts)  # XML specials kept as text
    assert doc.core_properties.author == "某县社会保险事业局"
    # No XML-forbidden character anywhere in the package parts.
    import re
    import zipfile

    bad = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                assert not bad.search(z.read(name).decode("utf-8")), name


def test_comments_appendix_only_when_given(tmp_path: Path):
    plain = body_texts(open_docx(export_report(make_report(), tmp_path / "a.docx")))
    assert "审核意见" not in plain
    doc = open_docx(
        export_report(
            make_report(),
            tmp_path / "b.docx",
            comments=[("组织机构控制", "李审核", "请补充轮岗情况"), ("全文", "王科长", "数字核对")],
        )
    )
    texts = body_texts(doc)
    i = texts.index("附件")
    assert texts[i + 1] == "审核意见"
    assert texts[i + 2] == "1．【组织机构控制】李审核：请补充轮岗情况。"
    assert texts[i + 3] == "2．【全文】王科长：数字核对。"
    assert texts.index("2026年11月29日") < i


def test_no_template_thumbnail(docx_path: Path):
    import zipfile

    with zipfile.ZipFile(docx_path) as z:
        assert not any("thumbnail" in n for n in z.namelist())


def test_font_table_names_fallbacks(docx_path: Path):
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(docx_path) as z:
        root = etree.fromstring(z.read("word/fontTable.xml"))
    alt = {
        f.get(f"{W}name"): f.find(f"{W}altName").get(f"{W}val")
        for f in root.findall(f"{W}font")
        if f.find(f"{W}altName") is not None
    }
    assert alt["仿宋_GB2312"] == "仿宋"
    assert alt["楷体_GB2312"] == "楷体"
    assert alt["方正小标宋简体"] == "小标宋"


def test_doc_defaults_state_overflow_punct_on(docx_path: Path):
    # The OOXML default, spelt out: LibreOffice reads the flag inverted and only an explicit
    # "1" stops it hanging a full-width mark past a full line (and dropping it from the PDF).
    doc = open_docx(docx_path)
    flags = doc.styles.element.findall(f"{W}docDefaults/{W}pPrDefault/{W}pPr/{W}overflowPunct")
    assert [f.get(f"{W}val") for f in flags] == ["1"]
