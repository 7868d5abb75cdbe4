"""--format pdf: LibreOffice where installed (fonts embedded, 28 × 22 kept); a clear message where not."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from export_helpers import make_report

from exports.errors import ExportError
from exports.pdf import find_soffice
from exports.writer import export_report
from report.models import Point
from report.store import ReportStore
from tui.cli import main

CJK = re.compile(r"[\u4e00-\u9fff]")


def no_soffice(monkeypatch) -> None:
    monkeypatch.setenv("ZICHA_SOFFICE", "/nonexistent/soffice")


def test_missing_libreoffice_names_the_package_and_writes_nothing(tmp_path: Path, monkeypatch):
    no_soffice(monkeypatch)
    with pytest.raises(ExportError) as info:
        export_report(make_report(), tmp_path / "r.pdf", fmt="pdf")
    message = str(info.value)
    assert "未找到 LibreOffice" in message and "libreoffice-writer" in message
    assert "另存为 PDF" in message
    assert list(tmp_path.iterdir()) == []


def test_cli_pdf_without_libreoffice(tmp_path: Path, monkeypatch):
    no_soffice(monkeypatch)
    home = tmp_path / "home"
    with ReportStore.open(home) as store:
        rid = store.create(make_report()).id
    out = tmp_path / "报告.pdf"
    result = CliRunner().invoke(main, ["--home", str(home), "export", str(rid), "-o", str(out)])
    assert result.exit_code == 1
    assert "未找到 LibreOffice" in result.output and not out.exists()
    with ReportStore.open(home) as store:
        assert not [e for e in store.audit_log(rid) if e.action == "export"]


@pytest.mark.slow
def test_pdf_export_embeds_fonts_and_keeps_the_grid(tmp_path: Path):
    if find_soffice() is None:
        pytest.skip(
            "LibreOffice (soffice) 未安装：跳过 PDF 导出检查（apt-get install libreoffice-writer）"
        )
    r = make_report()
    r.section("business").points = [
        Point(text="参保登记和待遇核定均按经办规程办理并逐笔复核" * 60, status="符合"),
        Point(text="按月催缴欠费", status="符合"),
    ]
    pdf = export_report(r, tmp_path / "报告.pdf", fmt="pdf", appendices=("stats",))
    assert pdf.read_bytes()[:5] == b"%PDF-"
    if shutil.which("pdffonts"):
        out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
        rows = out.splitlines()[2:]
        assert rows, out
        for row in rows:  # name type encoding emb sub uni object ID
            assert re.search(r"\byes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", row), row
    else:  # pragma: no cover - poppler-utils ships with the CI image
        from pypdf import PdfReader

        for page in PdfReader(str(pdf)).pages:
            for font in page["/Resources"]["/Font"].values():
                desc = (
                    font.get_object().get("/FontDescriptor")
                    or font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                )
                d = desc.get_object()
                assert any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    if not shutil.which("pdftotext"):
        return
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = [p.splitlines() for p in text.split("\f") if p.strip()]
    counts = [len(CJK.findall(line)) for page in pages for line in page]
    assert max(counts) == 28 and counts.count(28) >= 20
    body = [ln for ln in pages[1] if ln.strip() and "征求意见稿" not in ln and "—" not in ln]
    assert len(body) == 22


EXAMPLE_ANSWERS = Path(__file__).resolve().parents[2] / "examples" / "answers.yaml"


def _docx_characters(path: Path) -> str:
    import docx

    doc = docx.Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return "".join("".join(texts).split())


@pytest.mark.slow
def test_pdf_keeps_a_full_width_mark_after_a_full_line(tmp_path: Path):
    """「：」 after 责任部门 falls as the 29th character of a full line in the example report;
    LibreOffice used to hang it into the margin and drop it from the PDF."""
    from collections import Counter

    from report.answers import load_answers

    if find_soffice() is None or not shutil.which("pdftotext"):
        pytest.skip(
            "LibreOffice (soffice) 或 pdftotext 未安装：跳过 PDF 逐字检查"
            "（apt-get install libreoffice-writer poppler-utils）"
        )
    report = load_answers(EXAMPLE_ANSWERS).new_report()
    docx_file = export_report(report, tmp_path / "报告.docx", fmt="docx")
    pdf = export_report(report, tmp_path / "报告.pdf", fmt="pdf")
    expected = _docx_characters(docx_file)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    got = "".join(text.split())
    assert "年度评价（责任部门：稽核科；" in got
    missing = Counter(expected) - Counter(got)
    assert not missing, f"PDF lacks characters of the document: {dict(missing)}"
