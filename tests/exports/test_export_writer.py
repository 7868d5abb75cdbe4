"""export_report(): formats, same paragraphs everywhere, overwrite and failure safety."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from export_helpers import body_texts, make_report, open_docx

from exports.assemble import assemble
from exports.errors import ExportError, TargetExistsError
from exports.text_writer import INDENT, md_unescape
from exports.writer import default_filename, export_report, format_from_path


def md_paragraphs(text: str) -> list[str]:
    out = []
    for chunk in text.split("\n\n"):
        chunk = chunk.strip()
        if not chunk or chunk in ("**征求意见稿**", "---"):
            continue
        chunk = chunk.lstrip("#").strip()
        if chunk.startswith("*") and chunk.endswith("*"):
            chunk = chunk.strip("*")
        chunk = re.sub(r"(?<!\\)\*\*", "", chunk)  # a run-in lead in bold
        out.append(md_unescape(chunk))
    return out


def txt_paragraphs(text: str) -> list[str]:
    lines = [line.removeprefix(INDENT) for line in text.split("\r\n")]
    return [line for line in lines if line and line != "【征求意见稿】"]


@pytest.mark.parametrize("numbering", ["runin", "headings"])
def test_md_txt_docx_carry_the_same_paragraphs(tmp_path: Path, numbering: str):
    r = make_report()
    r.section("business").points[0].text = "参保登记*按规程*办理_[见附表]"
    expected = assemble(r, numbering).texts()
    md = export_report(r, tmp_path / "r.md", fmt="md", numbering=numbering)
    txt = export_report(r, tmp_path / "r.txt", fmt="txt", numbering=numbering)
    docx = export_report(r, tmp_path / "r.docx", numbering=numbering)
    assert md_paragraphs(md.read_text("utf-8")) == expected
    raw = txt.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM for Notepad
    assert txt_paragraphs(raw.decode("utf-8-sig")) == expected
    assert [t.replace("\n", "") for t in body_texts(open_docx(docx))] == expected


def test_markdown_structure(tmp_path: Path):
    md = export_report(make_report(), tmp_path / "r.md", fmt="md").read_text("utf-8")
    assert md.startswith("**征求意见稿**\n\n# 某县社会保险事业局关于2026年度")
    assert "\n## 一、组织机构控制\n" in md
    assert "\n## 六、整改意见或建议\n" in md
    md = export_report(
        make_report(), tmp_path / "h.md", fmt="md", numbering="headings", draft_mark=False
    ).read_text("utf-8")
    assert "征求意见稿" not in md
    # one paragraph per point: the short first sentence is a bold run-in lead, not a heading
    assert "\n（一）**组织机构健全。**我局内设六个科室" in md
    assert "###" not in md


def test_text_draft_mark_and_comments(tmp_path: Path):
    txt = (
        export_report(
            make_report(), tmp_path / "r.txt", fmt="txt", comments=[("全文", "李审核", "请核对")]
        )
        .read_bytes()
        .decode("utf-8-sig")
    )  # read_text() would fold the CRLF line ends
    lines = txt.split("\r\n")
    assert lines[0] == "【征求意见稿】"
    assert "附件" in lines and "审核意见" in lines
    assert lines[-2] == INDENT + "1．【全文】李审核：请核对。"


def test_overwrite_refused_without_force(tmp_path: Path):
    target = tmp_path / "r.docx"
    target.write_bytes(b"old contents")
    with pytest.raises(TargetExistsError) as err:
        export_report(make_report(), target)
    assert "已存在" in str(err.value) and "--force" in str(err.value)
    assert target.read_bytes() == b"old contents"
    export_report(make_report(), target, force=True)
    assert body_texts(open_docx(target))[1] == "市社会保险事业管理处："


def test_failure_midway_leaves_no_file_and_old_file_intact(tmp_path: Path, monkeypatch):
    import exports.docx_writer as dw

    real_save = dw.write_docx

    def half_then_fail(assembled, out, options):
        out.write(b"PK\x03\x04 half a zip")
        raise RuntimeError("disk vanished")

    monkeypatch.setattr(dw, "write_docx", half_then_fail)
    target = tmp_path / "new.docx"
    with pytest.raises(ExportError) as err:
        export_report(make_report(), target)
    assert "未生成文件" in str(err.value)
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []  # no temp file left behind either

    old = tmp_path / "old.docx"
    old.write_bytes(b"the previous version")
    with pytest.raises(ExportError):
        export_report(make_report(), old, force=True)
    assert old.read_bytes() == b"the previous version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.docx"]
    monkeypatch.setattr(dw, "write_docx", real_save)


def test_bad_targets_and_choices(tmp_path: Path):
    with pytest.raises(ExportError, match="文件夹"):
        export_report(make_report(), tmp_path)
    with pytest.raises(ExportError, match="不存在"):
        export_report(make_report(), tmp_path / "missing" / "r.docx")
    with pytest.raises(ExportError, match="不支持的格式"):
        export_report(make_report(), tmp_path / "r.rtf", fmt="rtf")
    with pytest.raises(ExportError, match="编号方式"):
        export_report(make_report(), tmp_path / "r.docx", numbering="roman")  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_written_file_is_readable_by_others(tmp_path: Path):
    path = export_report(make_report(), tmp_path / "r.docx")
    assert path.stat().st_mode & 0o044 == 0o044


def test_default_filename_and_format_guess():
    r = make_report(unit='某县/社会保险:事业局"')
    assert default_filename(r, "docx") == "某县社会保险事业局2026年度自查报告.docx"
    assert default_filename(make_report(), "md") == "某县社会保险事业局2026年度自查报告.md"
    assert format_from_path("a/b.TXT") == "txt"
    assert format_from_path("a/b") == "docx"
