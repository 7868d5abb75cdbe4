"""An import writes the FTS rows of a batch of files at the batch's commit (not inside each
file's savepoint). The index it writes equals the one rebuilt from the chunks, every file is
there whole with its index or not at all, and a failure writing a batch's index undoes the
batch."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from knowledge import importer
from knowledge import index as kb_index
from knowledge.library import Library

FILES, ARTICLES = 7, 6


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "法规"
    folder.mkdir()
    for n in range(FILES):
        articles = "\n".join(
            f"第{a}条 第{n}号规程的缴费基数核定和待遇稽核，经办岗位第{a}项职责{n}{a}。"
            for a in range(1, ARTICLES + 1)
        )
        (folder / f"规程{n}.txt").write_text(
            f"某市经办规程{n}号\n第一章 总则\n{articles}\n", "utf-8"
        )
    return folder


def _index(lib: Library) -> list[tuple]:
    """The imported files' FTS rows (a rebuild reloads the 要点 under new ids)."""
    return lib.conn.execute(
        "SELECT rowid, body, head, grams FROM chunks_fts WHERE rowid IN (SELECT c.id FROM"
        " chunks c JOIN documents d ON d.id = c.doc_id WHERE d.kind = 'import') ORDER BY rowid"
    ).fetchall()


def _consistent(lib: Library) -> list[int]:
    """The chunk count of each imported document, after checking every chunk is indexed."""
    conn = lib.conn
    conn.execute("INSERT INTO chunks_fts (chunks_fts) VALUES ('integrity-check')")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    missing = conn.execute(
        "SELECT count(*) FROM chunks WHERE id NOT IN (SELECT rowid FROM chunks_fts)"
    ).fetchone()[0]
    extra = conn.execute(
        "SELECT count(*) FROM chunks_fts WHERE rowid NOT IN (SELECT id FROM chunks)"
    ).fetchone()[0]
    assert (missing, extra) == (0, 0)
    return [d.chunks for d in lib.documents() if not d.is_starter]


def test_the_batched_index_equals_the_rebuilt_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "BATCH_CHUNKS", 2 * ARTICLES)  # two files a batch
    with Library(tmp_path / "knowledge.db", semantic_leg=False) as lib:
        result = lib.import_paths([_folder(tmp_path)])
        assert result.count("imported") == FILES
        assert _consistent(lib) == [ARTICLES] * FILES
        written = _index(lib)
        assert len(written) == FILES * ARTICLES
        assert lib.search("缴费基数核定", k=5)
        lib.rebuild()
        assert _index(lib) == written


def test_a_failure_writing_a_batch_index_undoes_that_batch_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "BATCH_CHUNKS", 2 * ARTICLES)
    real = kb_index.insert_fts
    calls = []

    def disk_full_at_the_second_batch(conn: sqlite3.Connection, rows: list) -> None:
        calls.append(len(rows))
        if len(calls) == 2:
            raise sqlite3.OperationalError("database or disk is full")
        real(conn, rows)

    with Library(tmp_path / "knowledge.db", semantic_leg=False) as lib:
        lib.ensure_starter()
        monkeypatch.setattr(kb_index, "insert_fts", disk_full_at_the_second_batch)
        with pytest.raises(sqlite3.OperationalError):
            lib.import_paths([_folder(tmp_path)])
        # the first batch (two files) was committed; the second is undone, index and all
        assert _consistent(lib) == [ARTICLES] * 2
        monkeypatch.setattr(kb_index, "insert_fts", real)
        again = lib.import_paths([tmp_path / "法规"])
        assert (again.count("unchanged"), again.count("imported")) == (2, FILES - 2)
        assert _consistent(lib) == [ARTICLES] * FILES


def test_an_interruption_as_a_file_is_written_keeps_whole_files_with_their_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = kb_index.insert_chunks
    files: list[str] = []

    def interrupted_at_the_third(conn, meta, source, sha, kind, rows):  # type: ignore[no-untyped-def]
        doc_id, fts = real(conn, meta, source, sha, kind, rows)
        files.append(source)
        if len(files) < 3:
            return doc_id, fts

        def rows_then_ctrl_c() -> Iterator[kb_index.FtsRow]:
            # Ctrl+C after the file's index rows were taken, before its savepoint ends
            yield from fts
            raise KeyboardInterrupt

        return doc_id, rows_then_ctrl_c()

    with Library(tmp_path / "knowledge.db", semantic_leg=False) as lib:
        lib.ensure_starter()
        monkeypatch.setattr(kb_index, "insert_chunks", interrupted_at_the_third)
        with pytest.raises(KeyboardInterrupt):
            lib.import_paths([_folder(tmp_path)])
        assert _consistent(lib) == [ARTICLES] * 2
        titles = {h.title for h in lib.search("第1号规程的缴费基数核定", k=5)}
        assert "某市经办规程1号" in titles
