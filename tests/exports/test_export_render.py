"""Render a real export with LibreOffice and read the PDF back: pages, title, page numbers, grid."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from export_helpers import make_report
from office_convert import SOFFICE, convert

from exports.writer import export_report
from report.models import Point

pytestmark = pytest.mark.slow

CJK = re.compile(r"[\u4e00-\u9fff]")


def to_pdf(docx: Path, tmp_path: Path) -> Path:
    if SOFFICE is None:
        pytest.skip(
            "LibreOffice (soffice) 未安装：跳过 PDF 渲染检查（apt-get install libreoffice-writer）"
        )
    pdf = convert(docx, tmp_path / "pdf")
    assert pdf.exists(), "LibreOffice produced no PDF"
    return pdf


def page_lines(pdf: Path) -> list[list[str]]:
    if shutil.which("pdftotext"):
        out = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
        return [page.splitlines() for page in out.split("\f") if page.strip()]
    from pypdf import PdfReader

    return [(p.extract_text() or "").splitlines() for p in PdfReader(str(pdf)).pages]


def test_rendered_pdf_has_title_page_numbers_and_grid(tmp_path: Path):
    r = make_report()
    # A long paragraph of Chinese only, so full lines and full pages can be counted.
    r.section("business").points = [
        Point(text="参保登记和待遇核定均按经办规程办理并逐笔复核" * 60, status="符合"),
        Point(text="按月催缴欠费", status="符合"),
    ]
    docx = export_report(r, tmp_path / "report.docx")
    pdf = to_pdf(docx, tmp_path)
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    assert 2 <= len(reader.pages) <= 8
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 1 and abs(float(box.height) - 841.9) < 1  # A4

    pages = page_lines(pdf)
    first = "".join("".join(pages[0]).split())
    assert "某县社会保险事业局关于2026年度内部控制检查评估的自查报告" in first
    assert "征求意见稿" in first
    for n, lines in enumerate(pages, start=1):
        joined = " ".join(lines)
        assert re.search(rf"—\s*{n}\s*—", joined), f"page {n} has no — {n} —"

    # 28 characters a line: full lines of the long paragraph hold exactly 28.
    counts = [len(CJK.findall(line)) for page in pages for line in page]
    assert max(counts) == 28
    assert counts.count(28) >= 20
    # 22 lines a page: page 2 is all body text; header and footer lines aside.
    body = [ln for ln in pages[1] if ln.strip() and "征求意见稿" not in ln and "—" not in ln]
    assert len(body) == 22
