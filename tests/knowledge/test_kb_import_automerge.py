"""A new library merges its FTS5 segments 8 at a time (an import rewrites its index less often);
a library made before keeps FTS5's default. Both find the same articles with the same scores."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from knowledge import db as kb_db
from knowledge.library import Library

QUESTIONS = ["缴费基数核定", "待遇稽核的经办岗位", "第2号规程第3项职责", "某市经办规程2号"]


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "法规"
    folder.mkdir()
    for n in range(4):
        articles = "\n".join(
            f"第{a}条 第{n}号规程的缴费基数核定和待遇稽核，经办岗位第{a}项职责{n}{a}。"
            for a in range(1, 9)
        )
        (folder / f"规程{n}.txt").write_text(
            f"某市经办规程{n}号\n第一章 总则\n{articles}\n", "utf-8"
        )
    return folder


def _automerge(lib: Library) -> int | None:
    row = lib.conn.execute("SELECT v FROM chunks_fts_config WHERE k = 'automerge'").fetchone()
    return None if row is None else int(row[0])


def _answers(lib: Library) -> list[list[tuple[int, str, float]]]:
    return [[(h.chunk_id, h.citation, h.score) for h in lib.search(q, k=5)] for q in QUESTIONS]


def test_a_new_library_merges_8_segments_at_a_time_and_an_old_one_keeps_the_default(
    tmp_path: Path,
) -> None:
    folder = _folder(tmp_path)
    old_db = tmp_path / "old" / "knowledge.db"
    Library(old_db, semantic_leg=False).close()
    conn = sqlite3.connect(old_db)  # as a library made before: FTS5's default
    with conn:
        conn.execute("DELETE FROM chunks_fts_config WHERE k = 'automerge'")
    conn.close()
    with Library(old_db, semantic_leg=False) as old:
        assert _automerge(old) is None  # reopened: nothing changed
        old.import_paths([folder])
        assert _automerge(old) is None
        before = _answers(old)
    with Library(tmp_path / "new" / "knowledge.db", semantic_leg=False) as new:
        assert _automerge(new) == kb_db.FTS_AUTOMERGE == 8
        new.import_paths([folder])
        new.conn.execute("INSERT INTO chunks_fts (chunks_fts) VALUES ('integrity-check')")
        after = _answers(new)
    assert all(before), before
    assert after == before
