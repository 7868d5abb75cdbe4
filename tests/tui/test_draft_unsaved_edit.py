"""A paragraph being edited in the Draft survives quitting the app: nothing typed is lost."""

from __future__ import annotations

from pathlib import Path

from tui_helpers import press_for, settle

from report.store import ReportStore
from tui.app import ZichaApp
from tui.screens.draft import DraftScreen
from tui.widgets.draft_blocks import BlockItem, DraftView
from tui.widgets.draft_edit import EditParagraphScreen

TYPED = "严格执行不相容岗位分离；人手不足时由科长交叉复核（尚未保存的修改）。"


async def open_editor(app: ZichaApp, pilot, report_id: int, point_id: str) -> EditParagraphScreen:
    await settle(pilot)
    screen = DraftScreen(report_id)
    await app.push_screen(screen)
    await settle(pilot)
    view = screen.query_one(DraftView)
    view.index = next(
        i
        for i, item in enumerate(view.children)
        if isinstance(item, BlockItem) and item.block.point_id == point_id
    )
    editor = await press_for(pilot, "e", EditParagraphScreen)
    return editor


async def test_unsaved_paragraph_edit_comes_back_after_quit(home: Path, example_report):
    with ReportStore.open(home) as store:
        report = store.create(example_report)
    point = report.section("organization").points[1]

    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await open_editor(app, pilot, report.id, point.id)
        editor.query_one("#edit-text").text = TYPED
        await pilot.press("ctrl+q")
        await settle(pilot)

    with ReportStore.open(home) as store:  # not saved into the report itself
        assert store.get(report.id).find_point(point.id)[1].body == point.body

    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await open_editor(app, pilot, report.id, point.id)
        assert editor.value == TYPED
        assert "已恢复" in str(editor.query_one("#edit-hint").render())
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await settle(pilot)

    with ReportStore.open(home) as store:
        assert store.get(report.id).find_point(point.id)[1].body == TYPED
        assert store.get_state(report.id, f"draft.edit:{point.id}") is None
