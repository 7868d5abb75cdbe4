"""exports.pdf.convert, the one LibreOffice call (PDF export, the tests' office_convert, the
export bench): what it asks soffice for, and the Chinese message when soffice fails."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from exports.errors import ExportError
from exports.pdf import _PDF_FILTER, convert, docx_to_pdf

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the stand-in soffice is sh")


def stand_in_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> Path:
    """A soffice that logs its arguments to args.txt and then runs body."""
    script = tmp_path / "soffice"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{tmp_path}/args.txt"\n{body}\n')
    script.chmod(0o755)
    monkeypatch.setenv("ZICHA_SOFFICE", str(script))
    return tmp_path / "args.txt"


def test_convert_asks_for_the_target_in_a_private_profile(tmp_path, monkeypatch):
    # the stand-in writes the file LibreOffice would: <outdir>/<stem>.<ext>
    args_file = stand_in_soffice(tmp_path, monkeypatch, 'touch "$7/$(basename "$8" .xlsx).pdf"')
    src = tmp_path / "整改台账.xlsx"
    src.write_bytes(b"x")
    out = tmp_path / "out"
    out.mkdir()
    assert convert(src, out) == out / "整改台账.pdf"
    args = args_file.read_text(encoding="utf-8").splitlines()
    assert args[0].startswith("-env:UserInstallation=file://")
    assert args[1:] == ["--headless", "--norestore", "--convert-to", "pdf"] + [
        "--outdir",
        str(out),
        str(src),
    ]


def test_failed_conversion_says_so_in_chinese_with_soffices_words(tmp_path, monkeypatch):
    args_file = stand_in_soffice(
        tmp_path, monkeypatch, 'echo "Error: source file could not be loaded" >&2; exit 1'
    )
    docx = tmp_path / "报告.docx"
    docx.write_bytes(b"not a document")
    with pytest.raises(ExportError) as info:
        docx_to_pdf(docx, tmp_path)
    assert str(info.value) == (
        "LibreOffice 未能把文档转换为 PDF，未生成文件。（Error: source file could not be loaded）"
    )
    assert _PDF_FILTER in args_file.read_text(encoding="utf-8").splitlines()
    assert not (tmp_path / "报告.pdf").exists()
