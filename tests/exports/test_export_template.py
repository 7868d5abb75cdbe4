"""--template: the unit's own 红头 .docx is the base; what it lacks is named plainly."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from export_helpers import W, make_report, open_docx

from exports.errors import ExportError
from exports.profile import parse_profile
from exports.writer import export_report

PROFILE = parse_profile(
    "kind: 下行文\norgan_mark: 某县社会保险事业局文件\ndoc_number: 某社险发〔2026〕3号\n", "x.yaml"
)


def tiny_png(path: Path) -> Path:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 8 for _ in range(8))
    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    path.write_bytes(png)
    return path


def make_template(folder: Path, body_mark: bool = True, extra: str = "") -> Path:
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Mm, Pt, RGBColor

    doc = docx.Document()
    s = doc.sections[0]
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = Mm(36), Mm(34), Mm(27), Mm(25)
    header = s.header.paragraphs[0]
    header.text = "某县社会保险事业局（内部）"
    header.add_run().add_picture(str(tiny_png(folder / "logo.png")), width=Mm(8))
    unit_style = doc.styles.add_style("单位落款", WD_STYLE_TYPE.PARAGRAPH)
    unit_style.font.size = Pt(15)
    mark = doc.add_paragraph()
    run = mark.add_run("某县社会保险事业局文件")
    run.font.color.rgb = RGBColor(0xFF, 0, 0)
    run.font.size = Pt(36)
    doc.add_paragraph("{{发文字号}}")
    if extra:
        doc.add_paragraph(extra)
    if body_mark:
        doc.add_paragraph("{{正文}}")
    path = folder / "红头模板.docx"
    doc.save(path)
    return path


def test_template_round_trip_keeps_the_units_things(tmp_path: Path):
    template = make_template(tmp_path)
    profile = PROFILE.model_copy(update={"template": str(template)})
    out = export_report(make_report(), tmp_path / "t.docx", profile=profile)
    doc = open_docx(out)
    s = doc.sections[0]
    assert round(s.top_margin.mm) == 36 and round(s.left_margin.mm) == 27  # page setup kept
    assert "某县社会保险事业局（内部）" in s.header.paragraphs[0].text  # header kept
    assert any("image" in r.reltype for r in s.header.part.rels.values())  # logo kept
    assert "单位落款" in [st.name for st in doc.styles]  # the unit's styles kept
    texts = [p.text for p in doc.paragraphs if p.text.strip()]
    # the template's own 版头 (not a second one from the profile), the number filled in
    assert texts.count("某县社会保险事业局文件") == 1
    assert texts[1] == "某社险发〔2026〕3号"
    assert texts[2].startswith("某县社会保险事业局关于")  # zicha's content where {{正文}} was
    assert not any("{{" in t for t in texts)
    assert texts[-1] == "2026年11月29日"
    # zicha's styles are there for its own paragraphs
    assert doc.paragraphs[[p.text for p in doc.paragraphs].index(texts[2])].style.name == "ZC Title"


def test_template_without_body_mark_gets_content_at_the_end(tmp_path: Path):
    template = make_template(tmp_path, body_mark=False)
    profile = PROFILE.model_copy(update={"template": str(template)})
    doc = open_docx(export_report(make_report(), tmp_path / "t.docx", profile=profile))
    texts = [p.text for p in doc.paragraphs if p.text.strip()]
    assert texts[:2] == ["某县社会保险事业局文件", "某社险发〔2026〕3号"]
    assert texts[2].startswith("某县社会保险事业局关于")


def test_template_problems_are_named(tmp_path: Path):
    def export_with(template: Path, profile=PROFILE):
        p = profile.model_copy(update={"template": str(template)})
        with pytest.raises(ExportError) as info:
            export_report(make_report(), tmp_path / "t.docx", profile=p)
        assert not (tmp_path / "t.docx").exists()
        return str(info.value)

    old = tmp_path / "模板.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    assert "另存为」Word 文档（.docx）" in export_with(old)
    fake = tmp_path / "fake.docx"
    fake.write_text("not a docx")
    assert "不是有效的 .docx 文件" in export_with(fake)
    assert "不存在" in export_with(tmp_path / "nothere.docx")

    unknown = make_template(tmp_path, extra="{{部门}}")
    message = export_with(unknown)
    assert "不认识的占位符「{{部门}}」" in message and "{{发文字号}}" in message

    no_number = parse_profile("name: 无字号\n", "y.yaml")
    message = export_with(make_template(tmp_path), no_number)
    assert "{{发文字号}} 需要 doc_number: 某社险〔2026〕12号" in message

    import docx

    bare = make_template(tmp_path)
    doc = docx.Document(str(bare))
    sectPr = doc.sections[0]._sectPr
    sectPr.remove(sectPr.find(f"{W}pgMar"))
    doc.save(bare)
    message = export_with(bare)
    assert "缺少页面设置（页边距）" in message
