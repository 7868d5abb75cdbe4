"""A large import parses its files in worker processes: the library it writes, and what it says
about each file (a copy, a regulation held twice, an empty file), are the same as one process
writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from kb_docs import write_docx

from knowledge import importer
from knowledge.library import Library


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "法规"
    folder.mkdir()
    for n in range(1, 7):
        articles = "\n".join(
            f"第{c}条 第{n}号办法规定的缴费基数核定、稽核和待遇支付，第{c}项要求。"
            for c in "一二三四五"
        )
        (folder / f"办法{n}.txt").write_text(
            f"某县社会保险第{n}号办法\n某人社发〔2024〕{n}号\n第一章 总则\n{articles}\n", "utf-8"
        )
    (folder / "办法1 副本.txt").write_bytes((folder / "办法1.txt").read_bytes())
    # the same regulation as 办法2.txt in another format
    write_docx(folder / "办法2.docx", (folder / "办法2.txt").read_text("utf-8"))
    (folder / "空白.txt").write_text("\n\n", "utf-8")
    return folder


def _library(lib: Library) -> tuple[list[tuple], list[tuple]]:
    docs = lib.conn.execute(
        "SELECT title, doc_number, source_path FROM documents WHERE kind = 'import' ORDER BY id"
    ).fetchall()
    rows = lib.conn.execute(
        "SELECT d.source_path, c.seq, c.chapter_path, c.article, c.part, c.text, f.body, f.head,"
        " f.grams FROM chunks c JOIN documents d ON d.id = c.doc_id"
        " JOIN chunks_fts f ON f.rowid = c.id WHERE d.kind = 'import' ORDER BY c.id"
    ).fetchall()
    return docs, rows


def _import(home: Path, folder: Path) -> tuple[list[tuple[str, str]], tuple]:
    with Library(home / "knowledge.db", semantic_leg=False) as lib:
        result = lib.import_paths([folder])
        said = [(o.status, o.message) for o in result.outcomes]
        return said, _library(lib)


def test_workers_write_the_same_library_and_say_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    alone = _import(tmp_path / "alone", folder)

    started: list[object] = []
    real_start = importer.start_pool

    def start(files: list[Path]):  # type: ignore[no-untyped-def]
        pool = real_start(files)
        started.append(pool)
        return pool

    monkeypatch.setattr(importer, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(importer, "start_pool", start)
    with_workers = _import(tmp_path / "workers", folder)

    assert started and started[0] is not None  # the workers did run
    said, (docs, rows) = with_workers
    assert [s for s, _ in said] == [
        "imported",  # 办法1 副本.txt
        "duplicate",  # 办法1.txt: the same bytes
        "imported",  # 办法2.docx
        "duplicate",  # 办法2.txt: the same 文号 and title as the .docx
        "imported",
        "imported",
        "imported",
        "imported",
        "failed",  # 空白.txt
    ]
    assert said[-1][1] == "空白.txt：文件是空的，没有可导入的内容。"
    assert len(docs) == 6 and len(rows) == 6 * 5
    assert with_workers == alone


def test_a_pool_that_cannot_work_leaves_the_parsing_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    alone = _import(tmp_path / "alone", folder)

    def broken(files: list[Path]):  # type: ignore[no-untyped-def]
        pool = importer.ProcessPoolExecutor(max_workers=1)
        pool.shutdown()  # submit() now refuses every file
        return pool

    monkeypatch.setattr(importer, "start_pool", broken)
    assert _import(tmp_path / "broken", folder) == alone


def test_files_read_ahead_for_the_workers_are_capped_by_their_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many files are read ahead so the workers keep parsing while a batch commits, but never
    more bytes than READ_AHEAD_BYTES (plus the one file that crosses it): a folder of large
    PDFs must not be held in memory whole."""
    folder = _folder(tmp_path)
    alone = _import(tmp_path / "alone", folder)
    largest = max(f.stat().st_size for f in folder.iterdir())
    cap = 2 * largest
    monkeypatch.setattr(importer, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(importer, "READ_AHEAD_BYTES", cap)

    held = [0]
    peak = [0]
    read_ahead, take = importer.Importer._read_ahead, importer.Importer._take

    def counted_read(self, path, pool):  # type: ignore[no-untyped-def]
        item = read_ahead(self, path, pool)
        if isinstance(item, importer.Ahead):
            held[0] += len(item.data)
            peak[0] = max(peak[0], held[0])
        return item

    def counted_take(self, item, claimed):  # type: ignore[no-untyped-def]
        if isinstance(item, importer.Ahead):
            held[0] -= len(item.data)
        return take(self, item, claimed)

    monkeypatch.setattr(importer.Importer, "_read_ahead", counted_read)
    monkeypatch.setattr(importer.Importer, "_take", counted_take)
    assert _import(tmp_path / "capped", folder) == alone
    assert largest < peak[0] <= cap + largest
    assert held[0] == 0
