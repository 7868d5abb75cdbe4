"""Document profiles: the YAML file, its messages, and every field where GB/T 9704 puts it."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_helpers import W, make_report, open_docx
from profile_helpers import body_paragraphs, paragraph_text, write_profile

from exports.layout import DEFAULT_LAYOUT, Layout
from exports.profile import ProfileError, builtin_profiles, load_profile_file, parse_profile
from exports.writer import export_report


def upward_docx(tmp_path: Path, **kw) -> Path:
    profile = load_profile_file(write_profile(tmp_path))
    return export_report(make_report(), tmp_path / "up.docx", profile=profile, **kw)


# --- the file ---------------------------------------------------------------------------------
def test_builtin_profile_is_todays_layout():
    standard = builtin_profiles()["标准"]
    assert standard.layout == DEFAULT_LAYOUT == Layout()
    assert not standard.has_head and not standard.has_record
    body = DEFAULT_LAYOUT.style("body")
    assert (body.font.name, body.size_pt, body.tracking_twips) == ("仿宋_GB2312", 16, -5)
    assert DEFAULT_LAYOUT.line_pitch_twips() == 579
    assert DEFAULT_LAYOUT.title_chars_per_line() == 20


def test_profile_file_reads_every_key(tmp_path: Path):
    p = load_profile_file(write_profile(tmp_path))
    assert p.name == "上报市局" and p.kind == "上行文"
    assert p.signer == ["张三"] and p.cc == ["市人力资源和社会保障局", "县财政局"]
    assert p.layout.style("organ_mark").size_pt == 29
    assert p.layout.colours["organ_mark"] == "C00000"
    # Only the roles named change; the rest keep GB/T 9704.
    assert p.layout.fonts["body"] == "仿宋_GB2312" and p.layout.sizes["title"] == "二号"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("colour: red\n", ["第 1 行", "colour", "不认识的键「colour」"]),
        (
            "kind: 上行文\norgan_mark: 某局文件\ndoc_number: 某社险〔2026〕1号\n",
            ["kind", "signer", "张三"],
        ),
        ("kind: 上报\n", ["第 1 行", "kind", "上行文、平行文、下行文"]),
        ("doc_number: 某社险[2026]12号\n", ["第 1 行", "doc_number", "〔〕"]),
        ("print_date: 11月30日\n", ["第 1 行", "print_date", "2026-11-29"]),
        ("layout:\n  margin_top_mm: 三十七\n", ["第 2 行", "layout.margin_top_mm", "数字"]),
        ("layout:\n  fonts:\n    text: 宋体\n", ["第 3 行", "layout.fonts.text", "body"]),
        ("layout:\n  sizes:\n    body: 七号\n", ["第 3 行", "layout.sizes.body", "三号"]),
        ("layout:\n  colours:\n    organ_mark: 红\n", ["第 3 行", "FF0000"]),
        ("layout:\n  margins: 3\n", ["第 2 行", "版式中不认识的键「margins」"]),
        ("cc: 市局\ncc: 县局\n", ["第 2 行", "重复"]),
        ("kind: [\n", ["YAML 格式有误"]),
    ],
)
def test_bad_profile_messages_name_file_line_key_and_what_to_write(text, expected):
    with pytest.raises(ProfileError) as info:
        parse_profile(text, "配置.yaml")
    message = str(info.value)
    assert message.startswith("配置.yaml：")
    for part in expected:
        assert part in message, message
    assert "Traceback" not in message and "Value error" not in message


# --- where each field goes (XML) ---------------------------------------------------------------
def test_head_fields_in_gb_order_and_form(tmp_path: Path):
    doc = open_docx(upward_docx(tmp_path))
    paras = body_paragraphs(doc)
    texts = [paragraph_text(p) for p in paras]
    nonempty = [t for t in texts if t]
    # 密级, 紧急程度, 发文机关标志, 发文字号 + 签发人, then the title
    assert nonempty[:4] == [
        "秘密★1年",
        "加急",
        "某县社会保险事业局文件",
        "某社险〔2026〕12号\t签发人：张三",
    ]
    assert nonempty[4].startswith("某县社会保险事业局关于")

    mark = paras[texts.index("某县社会保险事业局文件")]
    assert mark.find(f"{W}pPr/{W}jc").get(f"{W}val") == "center"
    run_pr = mark.find(f"{W}r/{W}rPr")
    assert run_pr.find(f"{W}color").get(f"{W}val") == "C00000"
    assert run_pr.find(f"{W}sz").get(f"{W}val") == "58"  # 29 pt from the profile
    # Its top edge 35 mm below the type area, less the two lines above it.
    before = int(mark.find(f"{W}pPr/{W}spacing").get(f"{W}before"))
    assert abs(before / 20 - (35 / 25.4 * 72 - 2 * DEFAULT_LAYOUT.line_pitch_pt())) < 1

    # 上行文: number one character in on the left, 签发人 at a right tab one character in.
    number = paras[texts.index("某社险〔2026〕12号\t签发人：张三")]
    ind = number.find(f"{W}pPr/{W}ind")
    assert ind.get(f"{W}leftChars") == "100" and ind.get(f"{W}rightChars") == "100"
    assert number.find(f"{W}pPr/{W}tabs/{W}tab").get(f"{W}val") == "right"
    fonts = [r.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") for r in number.iter(f"{W}r")]
    assert fonts == ["仿宋_GB2312", "仿宋_GB2312", "楷体_GB2312"]  # the name in 楷体

    # Two blank lines between the mark and the number; the red line right below the number.
    i = texts.index("某社险〔2026〕12号\t签发人：张三")
    assert texts[i - 2 : i] == ["", ""]
    sep = paras[i + 1]
    bottom = sep.find(f"{W}pPr/{W}pBdr/{W}bottom")
    assert bottom.get(f"{W}color") == "FF0000" and bottom.get(f"{W}val") == "single"
    assert sep.find(f"{W}pPr/{W}ind").get(f"{W}left") == "0"  # type-area wide
    gap = int(sep.find(f"{W}pPr/{W}spacing").get(f"{W}line"))
    assert abs(gap / 20 - 4 / 25.4 * 72) < 0.5  # 4 mm below the number
    assert texts[i + 2 : i + 4] == ["", ""]  # title two lines below the line


def test_downward_number_is_centred_without_signer(tmp_path: Path):
    text = "kind: 下行文\norgan_mark: 某县社会保险事业局文件\ndoc_number: 某社险发〔2026〕3号\n"
    profile = parse_profile(text, "x.yaml")
    doc = open_docx(export_report(make_report(), tmp_path / "d.docx", profile=profile))
    paras = body_paragraphs(doc)
    number = next(p for p in paras if paragraph_text(p) == "某社险发〔2026〕3号")
    assert number.find(f"{W}pPr/{W}jc").get(f"{W}val") == "center"
    assert not any("签发人" in paragraph_text(p) for p in paras)


def test_attachment_note_and_record_where_gb_puts_them(tmp_path: Path):
    doc = open_docx(upward_docx(tmp_path, appendices=("stats",)))
    paras = body_paragraphs(doc)
    texts = [paragraph_text(p) for p in paras]
    note = texts.index("附件：1．2026年度内控制度汇编")
    assert texts[note + 1] == "2．内部控制要点自查情况统计表"
    assert texts[note - 1] == ""  # one line below the body
    signature = texts.index("某县社会保险事业局")
    assert note < signature and texts[signature + 1] == "2026年11月29日"
    ind = paras[note].find(f"{W}pPr/{W}ind")
    # 附件 two characters in; the names of wrapped lines aligned (hanging indent)
    assert int(ind.get(f"{W}leftChars")) - int(ind.get(f"{W}hangingChars")) == 200

    # 版记 after everything (appendix too), each row a frame at the foot of the type area.
    cc = texts.index("抄送：市人力资源和社会保障局，县财政局。")
    printed = texts.index("某县社会保险事业局办公室2026年11月30日印发")
    assert texts.index("内部控制要点自查情况统计表") < cc < printed
    for i in (cc, printed):
        assert paras[i].find(f"{W}pPr/{W}framePr") is not None
    assert paras[printed].find(f"{W}pPr/{W}framePr").get(f"{W}yAlign") == "bottom"
    assert paras[cc].find(f"{W}pPr/{W}pBdr/{W}top").get(f"{W}sz") == "8"  # thick first rule
    assert paras[printed].find(f"{W}pPr/{W}pBdr/{W}bottom").get(f"{W}sz") == "8"  # thick last
    assert paras[cc].find(f"{W}pPr/{W}pBdr/{W}bottom").get(f"{W}sz") == "6"  # thin between
    run = paras[cc].find(f"{W}r/{W}rPr")
    assert run.find(f"{W}sz").get(f"{W}val") == "28"  # 4号
    # the tab between 印发机关 and the date sits one character from the right edge
    assert paras[printed].find(f"{W}pPr/{W}tabs/{W}tab").get(f"{W}val") == "right"


def test_layout_overrides_reach_page_styles_and_grid(tmp_path: Path):
    text = (
        "layout:\n  margin_top_mm: 30\n  lines_per_page: 20\n  fonts:\n    body: 方正仿宋_GBK\n"
        "    heading1: 方正黑体_GBK\n  sizes:\n    title: 小一\n"
    )
    profile = parse_profile(text, "x.yaml")
    doc = open_docx(export_report(make_report(), tmp_path / "l.docx", profile=profile))
    section = doc.sections[0]
    assert abs(section.top_margin.mm - 30) < 0.1
    grid = section._sectPr.find(f"{W}docGrid")
    assert int(grid.get(f"{W}linePitch")) == profile.layout.line_pitch_twips()
    assert profile.layout.line_pitch_twips() > DEFAULT_LAYOUT.line_pitch_twips()
    body = doc.styles["ZC Body"].element.find(f"{W}rPr/{W}rFonts")
    assert body.get(f"{W}eastAsia") == "方正仿宋_GBK"
    h1 = doc.styles["Heading 1"].element.find(f"{W}rPr/{W}rFonts")
    assert h1.get(f"{W}eastAsia") == "方正黑体_GBK"
    assert doc.styles["ZC Title"].font.size.pt == 24
    # A font the reader may lack gets an altName of its family in the font table.
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    fonts = doc.part.part_related_by(RT.FONT_TABLE).blob.decode()
    assert 'w:name="方正仿宋_GBK"' in fonts and 'w:val="仿宋_GB2312"' in fonts


def test_standard_profile_writes_no_head_or_record(tmp_path: Path):
    doc = open_docx(export_report(make_report(), tmp_path / "s.docx"))
    texts = [paragraph_text(p) for p in body_paragraphs(doc)]
    assert texts[0].startswith("某县社会保险事业局关于")
    assert not any(t.startswith(("抄送", "附件：")) or "签发人" in t for t in texts)


def test_markup_characters_in_profile_text_survive(tmp_path: Path):
    text = 'cc:\n  - "A&B<局>\\"处\\""\nprinter: "办公室&<>"\nattachments:\n  - "表<1>&说明"\n'
    profile = parse_profile(text, "x.yaml")
    doc = open_docx(export_report(make_report(), tmp_path / "m.docx", profile=profile))
    texts = [paragraph_text(p) for p in body_paragraphs(doc)]
    assert '抄送：A&B<局>"处"。' in texts
    assert "附件：表<1>&说明" in texts
    assert any(t.startswith("办公室&<>") for t in texts)
