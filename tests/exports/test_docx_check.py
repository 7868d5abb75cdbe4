"""`zicha docx check`: zicha's own output passes, hand-made files get named findings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from export_helpers import make_report
from profile_helpers import write_profile

from exports.docx_check import DocxCheckError, check_docx
from exports.profile import builtin_profiles, load_profile_file
from exports.writer import export_report
from tui.cli import main


def run_check(path: Path):
    return CliRunner().invoke(main, ["docx", "check", str(path)])


@pytest.mark.parametrize("name", list(builtin_profiles()))
@pytest.mark.parametrize("numbering", ["runin", "headings"])
def test_zicha_output_passes_under_every_builtin_profile(tmp_path: Path, name, numbering):
    out = export_report(
        make_report(),
        tmp_path / "r.docx",
        numbering=numbering,
        profile=builtin_profiles()[name],
        appendices=("stats", "rectification"),
        comments=[("一、组织机构控制", "李四", "请补充岗位轮换情况")],
    )
    result = check_docx(out)
    assert result.findings == [], result.lines()
    cli = run_check(out)
    assert cli.exit_code == 0 and "结论：0 项错误，0 项提醒。" in cli.output


def test_upward_profile_output_passes(tmp_path: Path):
    profile = load_profile_file(write_profile(tmp_path))
    out = export_report(make_report(), tmp_path / "up.docx", profile=profile, appendices=("stats",))
    result = check_docx(out)
    assert result.errors == 0 and result.warnings == 0, result.lines()


def test_python_docx_default_document_gets_named_findings(tmp_path: Path):
    import docx

    doc = docx.Document()
    doc.add_paragraph("关于开展内部控制自查的报告", style="Title")
    doc.add_paragraph("市社会保险事业管理处：")
    doc.add_paragraph("一、组织机构控制")
    doc.add_paragraph("我局设立了内部控制领导小组。")
    doc.add_paragraph("某县社会保险事业局")
    doc.add_paragraph("二〇二六年十一月二十九日")
    path = tmp_path / "plain.docx"
    doc.save(path)
    result = run_check(path)
    assert result.exit_code == 1
    out = result.output
    assert "错误  页面设置：纸张为 216×279 mm，应为 A4 纵向（210×297 mm）。" in out
    assert "页边距不符：上 25.4 mm（应为 37）" in out
    assert "没有设置文档网格" in out
    assert "第 3 段「一、组织机构控制」：一级标题应为三号（16 磅）黑体" in out
    assert "第 4 段「我局设立了内部控制领导小组。」：正文字号应为三号（16 磅），实为 11 磅。" in out
    assert "第 4 段「我局设立了内部控制领导小组。」：正文首行应缩进两个字。" in out
    assert "主题字体 minorEastAsia" in out
    assert "第 6 段「二〇二六年十一月二十九日」：成文日期应用阿拉伯数字" in out
    assert "错误  页脚：没有页码" in out
    assert "styles.xml 中有" in out
    assert out.strip().splitlines()[-1].startswith("结论：")


def test_hand_made_non_conforming_file(tmp_path: Path):
    """A report typed by hand: A4 and margins right, but wrong fonts, no indent, bad number."""
    out = export_report(make_report(), tmp_path / "good.docx")
    import docx
    from docx.shared import Pt

    doc = docx.Document(str(out))
    paras = [p for p in doc.paragraphs if p.text.strip()]
    body = next(p for p in paras if p.text.startswith("根据"))
    body.paragraph_format.first_line_indent = Pt(0)
    ind = body._p.get_or_add_pPr().get_or_add_ind()
    ind.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}firstLineChars", "0")
    heading = next(p for p in paras if p.text.startswith("二、"))
    for run in heading.runs:
        run.font.size = Pt(18)
        run._r.get_or_add_rPr().get_or_add_rFonts().set(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", "宋体"
        )
    date = paras[-1]
    date.runs[0].text = "2026年03月05日"
    doc.sections[0].left_margin = Pt(72)
    path = tmp_path / "hand.docx"
    doc.save(path)
    result = check_docx(path)
    lines = result.lines()
    text = "\n".join(lines)
    assert result.errors >= 4
    assert "页边距不符：左 25.4 mm（应为 28）" in text
    assert "「根据《关于开展养老保险经办机构内部控……」：正文首行应缩进两个字。" in text
    assert "「二、业务运行控制」：一级标题应为三号（16 磅）黑体，实为 宋体。" in text
    assert "一级标题字号应为三号（16 磅），实为 小二（18 磅）。" in text
    assert "「2026年03月05日」：成文日期的月、日不编虚位" in text


def test_only_warnings_exit_zero(tmp_path: Path):
    out = export_report(make_report(), tmp_path / "w.docx")
    import docx

    doc = docx.Document(str(out))
    doc.settings.odd_and_even_pages_header_footer = False  # a warning, not an error
    doc.save(out)
    result = run_check(out)
    assert result.exit_code == 0, result.output
    assert "提醒  页脚：页码未区分单双页" in result.output
    assert "结论：0 项错误，1 项提醒。" in result.output


def test_head_findings(tmp_path: Path):
    text = "kind: 下行文\norgan_mark: 某县社会保险事业局文件\ndoc_number: 某社险发〔2026〕3号\n"
    from exports.profile import parse_profile

    out = export_report(make_report(), tmp_path / "h.docx", profile=parse_profile(text, "x"))
    import docx

    doc = docx.Document(str(out))
    for p in doc.paragraphs:
        if p.text == "某社险发〔2026〕3号":
            p.runs[0].text = "某社险发[2026]03号"
        if p.text == "某县社会保险事业局文件":
            p.runs[0].font.color.rgb = None
    doc.save(out)
    result = "\n".join(check_docx(out).lines())
    assert "「某社险发[2026]03号」：发文字号的年份应用六角括号〔〕" in result
    assert "「某县社会保险事业局文件」：发文机关标志应为红色。" in result


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"PK\x03\x04 this is not really a zip", "不是有效的 .docx 文件"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "旧版 .doc"),
        (b"hello", "不是有效的 .docx 文件"),
    ],
)
def test_damaged_files_get_a_clear_message(tmp_path: Path, content, expected):
    path = tmp_path / "bad.docx"
    path.write_bytes(content)
    with pytest.raises(DocxCheckError, match=expected):
        check_docx(path)
    result = run_check(path)
    assert result.exit_code == 1
    assert expected in result.output and "Traceback" not in result.output


def test_truncated_and_broken_xml(tmp_path: Path):
    good = export_report(make_report(), tmp_path / "g.docx")
    cut = tmp_path / "cut.docx"
    cut.write_bytes(good.read_bytes()[:4000])
    with pytest.raises(DocxCheckError):
        check_docx(cut)
    import zipfile

    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            dst.writestr(item, data)
    with pytest.raises(DocxCheckError, match="word/document.xml 内容损坏"):
        check_docx(broken)
    missing = tmp_path / "missing.docx"
    with pytest.raises(DocxCheckError, match="找不到文件"):
        check_docx(missing)


@pytest.mark.slow
def test_cli_process_has_no_traceback(tmp_path: Path):
    path = tmp_path / "x.docx"
    path.write_bytes(b"not a zip")
    done = subprocess.run(
        [sys.executable, "-c", "from tui.cli import main; main()", "docx", "check", str(path)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert "不是有效的 .docx 文件" in done.stderr + done.stdout
    assert "Traceback" not in done.stderr
