"""Draft screen: shows the assembled report, edits paragraphs, reorders points, handles conflicts."""

from __future__ import annotations

from pathlib import Path

from exports.assemble import assemble
from report.store import ReportStore
from tui.app import ZichaApp
from tui.screens.draft import DraftScreen
from tui.widgets.draft_blocks import BlockItem, DraftView
from tui.widgets.draft_edit import EditParagraphScreen


def shown_texts(screen: DraftScreen) -> list[str]:
    view = screen.query_one(DraftView)
    return [item.block.text for item in view.children if isinstance(item, BlockItem)]


async def open_draft(app: ZichaApp, pilot, report_id: int) -> DraftScreen:
    await pilot.pause()
    screen = DraftScreen(report_id)
    await app.push_screen(screen)
    await pilot.pause()
    return screen


def select_point(screen: DraftScreen, point_id: str) -> None:
    view = screen.query_one(DraftView)
    for i, item in enumerate(view.children):
        if isinstance(item, BlockItem) and item.block.point_id == point_id:
            view.index = i
            return
    raise AssertionError(point_id)


async def test_draft_shows_every_exported_paragraph_in_order(home: Path, store, example_report):
    report = store.create(example_report)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_draft(app, pilot, report.id)
        assert shown_texts(screen) == assemble(report, "runin").texts()
        texts = shown_texts(screen)
        assert texts[0].startswith("青禾县社会保险事业局关于")
        assert "一、组织机构控制" in texts
        assert any(t.startswith("一是") for t in texts)

        await pilot.press("n")
        await pilot.pause()
        assert screen.numbering == "headings"
        assert shown_texts(screen) == assemble(report, "headings").texts()
        assert any(t.startswith("（一）") for t in shown_texts(screen))


async def test_edit_opening_saves_to_the_store(home: Path, store, example_report):
    report = store.create(example_report)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_draft(app, pilot, report.id)
        view = screen.query_one(DraftView)
        view.index = next(i for i, it in enumerate(view.children) if it.block.kind == "opening")
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditParagraphScreen)
        new = "根据上级通知要求，我局对照检查内容逐项开展了自查，现将情况报告如下："
        editor.query_one("#edit-text").text = new
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen
        assert new in shown_texts(screen)
    with ReportStore.open(home) as s:
        assert s.get(report.id).opening == new
