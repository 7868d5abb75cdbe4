"""The interview's own dialogs (F4 改写, F9 回复, Ctrl+N 自拟要点) keep what was typed when the
app goes away before Ctrl+S, and offer it again; saved or discarded, it is gone."""

from __future__ import annotations

from textual.widgets import TextArea
from tui_helpers import open_interview, send_answer, settle

from report.store import ReportStore
from tui.app import ZichaApp
from tui.screens.text_edit import TextEditScreen

REWRITE = "我局依据“三定”方案设置5个股室，岗位职责每年修订一次并印发全体人员。"


async def test_unsaved_rewrite_comes_back(home, blank_report, no_library):
    from interview.bank import load_bank

    with ReportStore.open(home) as store:
        rid = store.create(blank_report).id
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_interview(pilot, rid)
        await send_answer(pilot, load_bank().points("organization")[0].example)
        await pilot.press("f4")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, TextEditScreen)
        area = editor.query_one(TextArea)
        area.text = ""
        area.insert(REWRITE)
        await pilot.pause()
        app.save_drafts()  # the terminal went away before Ctrl+S

    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_interview(pilot, rid)
        screen.last_point = screen.engine.report.section("organization").points[0].id
        await pilot.press("f4")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, TextEditScreen)
        assert editor.query_one(TextArea).text == REWRITE
        assert editor.query("#text-edit-restored")
        await pilot.press("ctrl+s")
        await settle(pilot)
        with ReportStore.open(home) as store:
            assert store.get(rid).section("organization").points[0].body == REWRITE
        await pilot.press("f4")
        await settle(pilot)
        assert not app.screen.query("#text-edit-restored")  # saved: not offered again
