"""A library made before the FTS5 index used the ascii tokenizer (schema 3) is migrated when it
is opened: the index then finds the same terms, and every question gets the same hits."""

from __future__ import annotations

from pathlib import Path

import pytest
from kb_evaluate import load_eval, write_fixture

from knowledge import db as kb_db
from knowledge.library import Library


def _answers(lib: Library, questions: list[str]) -> list[list[tuple[str, str, str]]]:
    return [[(h.citation, h.title, h.text) for h in lib.search(q, k=5)] for q in questions]


def _vocabulary(lib: Library) -> list[tuple[str, int, int]]:
    return lib.conn.execute("SELECT term, doc, cnt FROM chunks_vocab ORDER BY term").fetchall()


def _fts_sql(lib: Library) -> str:
    return str(
        lib.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'chunks_fts'").fetchone()[0]
    )


def test_a_schema_3_library_searches_identically_after_the_migration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "home" / "knowledge.db"
    questions = [item["q"] for item in load_eval()]
    with monkeypatch.context() as m:
        m.setattr(kb_db, "MIGRATIONS", kb_db.MIGRATIONS[:3])
        with Library(path, semantic_leg=False) as old:
            assert old.import_paths([write_fixture(tmp_path / "in")]).count("imported") == 1
            assert "unicode61" in _fts_sql(old)
            before = _answers(old, questions)
            vocabulary = _vocabulary(old)
            chunks = old.conn.execute("SELECT count(*) FROM chunks").fetchone()[0]

    with Library(path, semantic_leg=False) as lib:
        assert kb_db.schema_version(lib.conn) == len(kb_db.MIGRATIONS)
        assert "tokenize='ascii'" in _fts_sql(lib)
        lib.conn.execute("INSERT INTO chunks_fts (chunks_fts) VALUES ('integrity-check')")
        assert lib.conn.execute("SELECT count(*) FROM chunks_fts").fetchone()[0] == chunks
        assert _vocabulary(lib) == vocabulary
        assert sum(1 for hits in before if hits) > len(questions) // 2  # a real comparison
        assert _answers(lib, questions) == before
        # the title and chapter field still weighs less than the article's own words
        rank = lib.conn.execute("SELECT v FROM chunks_fts_config WHERE k = 'rank'").fetchone()[0]
        assert rank == "bm25(1.0, 0.4, 0.2)"
        # and the migrated library still takes imports
        extra = tmp_path / "more" / "办法.txt"
        extra.parent.mkdir()
        extra.write_text("某市经办规程\n第一条 经办机构应当每月核对缴费基数。", encoding="utf-8")
        assert lib.import_paths([extra]).count("imported") == 1
        assert any(h.title == "某市经办规程" for h in lib.search("核对缴费基数", k=5))
