"""Bounded imports: a zip bomb, a huge text, a device or a FIFO is refused with a reason and
leaves the library as it was."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from kb_docs import FIXTURE_REGULATION, write_docx

from knowledge import loaders
from knowledge.library import Library


def _snapshot(lib: Library) -> tuple:
    docs = sorted((d.title, d.chunks) for d in lib.documents())
    chunks = lib.conn.execute("SELECT count(*) FROM chunks").fetchone()[0]
    return tuple(docs), chunks


def _bomb(path: Path, unzipped_mb: int) -> Path:
    """A real .docx whose document.xml is padded to unzipped_mb: a few hundred KB on disk."""
    good = write_docx(path.with_name("seed.docx"), FIXTURE_REGULATION).read_bytes()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(good)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                pad = b"<!--" + b" " * (unzipped_mb * 1024 * 1024) + b"-->"
                data = data.replace(b"<w:body>", b"<w:body>" + pad, 1)
            dst.writestr(info.filename, data)
    path.write_bytes(out.getvalue())
    return path


def test_zip_bomb_docx_is_refused_before_parsing(kb_lib: Library, tmp_path: Path) -> None:
    bomb = _bomb(tmp_path / "炸弹.docx", unzipped_mb=loaders.MAX_MEMBER_BYTES // 2**20 + 5)
    assert bomb.stat().st_size < 1024 * 1024  # small on disk
    before = _snapshot(kb_lib)
    [outcome] = kb_lib.import_paths([bomb]).outcomes
    assert outcome.status == "failed"
    assert "解压后" in outcome.message and "上限" in outcome.message
    assert _snapshot(kb_lib) == before


def test_total_unzipped_size_is_capped(kb_lib: Library, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(loaders, "MAX_UNZIPPED_BYTES", 64 * 1024)
    path = write_docx(tmp_path / "正常.docx", FIXTURE_REGULATION)
    [outcome] = kb_lib.import_paths([path]).outcomes
    assert outcome.status == "failed" and "解压后共" in outcome.message


def test_too_much_text_in_one_file_is_refused(kb_lib: Library, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(loaders, "MAX_TEXT_CHARS", 10_000)
    big = tmp_path / "长.txt"
    big.write_text("第一条 甲规定。\n" * 5_000, encoding="utf-8")
    before = _snapshot(kb_lib)
    [outcome] = kb_lib.import_paths([big]).outcomes
    assert outcome.status == "failed" and "字" in outcome.message and "上限" in outcome.message
    assert _snapshot(kb_lib) == before


def test_too_many_chunks_in_one_document_is_refused(
    kb_lib: Library, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr("knowledge.importer.MAX_CHUNKS_PER_DOCUMENT", 5)
    text = "某办法\n" + "".join(f"第{i}条 第{i}项规定的内容。\n" for i in range(1, 40))
    path = tmp_path / "多.txt"
    path.write_text(text, encoding="utf-8")
    [outcome] = kb_lib.import_paths([path]).outcomes
    assert outcome.status == "failed" and "片段" in outcome.message


@pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev/zero are POSIX")
def test_symlink_to_dev_zero_and_fifo_are_refused_with_a_reason(
    kb_lib: Library, tmp_path: Path
) -> None:
    zero = tmp_path / "零.txt"
    zero.symlink_to("/dev/zero")
    fifo = tmp_path / "管道.txt"
    os.mkfifo(fifo)
    before = _snapshot(kb_lib)
    outcomes = {Path(o.path).name: o for o in kb_lib.import_paths([zero, fifo]).outcomes}
    assert outcomes["零.txt"].status == "failed" and "不是普通文件" in outcomes["零.txt"].message
    assert (
        outcomes["管道.txt"].status == "failed" and "不是普通文件" in outcomes["管道.txt"].message
    )
    assert _snapshot(kb_lib) == before


def test_control_characters_in_a_document_do_not_reach_the_library(
    kb_lib: Library, tmp_path: Path
) -> None:
    """A terminal escape in an imported file would reach every search result on screen."""
    text = (
        "某某社会保险经办管理办法\x1b]0;pwned\x07\n"
        "第一条 经办机构应当\x1b[31m建立内部控制制度\x1b[0m，\x9b2J明确岗位职责。\x0c\n"
        "第二条 重要岗位应当定期轮岗\x08，不相容岗位相互分离。\n"
    ) + "".join(
        f"第{i}条 经办机构按照本办法第{i}项规定办理业务，留存记录备查。\n" for i in range(3, 40)
    )
    path = tmp_path / "办法.txt"
    path.write_text(text, encoding="utf-8")
    [outcome] = kb_lib.import_paths([path]).outcomes
    assert outcome.status != "failed", outcome.message
    stored = [r[0] for r in kb_lib.conn.execute("SELECT text FROM chunks")]
    titles = [d.title for d in kb_lib.documents()]
    assert any("建立内部控制制度" in t for t in stored)
    for t in stored + titles:
        assert not any(ord(c) < 0x20 and c not in "\t\n" or 0x7F <= ord(c) <= 0x9F for c in t), t
