"""Draft screen: shows the assembled report, edits paragraphs, reorders points, handles conflicts."""

from __future__ import annotations

from pathlib import Path

from tui_helpers import draft_app, press_for, settle

from exports.assemble import assemble
from report.store import ReportStore
from tui.screens.draft import DraftScreen
from tui.widgets.draft_blocks import BlockItem, DraftView
from tui.widgets.draft_edit import EditParagraphScreen


def shown_texts(screen: DraftScreen) -> list[str]:
    view = screen.query_one(DraftView)
    return [item.block.text for item in view.children if isinstance(item, BlockItem)]


def select_point(screen: DraftScreen, point_id: str) -> None:
    view = screen.query_one(DraftView)
    for i, item in enumerate(view.children):
        if isinstance(item, BlockItem) and item.block.point_id == point_id:
            view.index = i
            return
    raise AssertionError(point_id)


def select_kind(screen: DraftScreen, kind: str) -> None:
    """Put the cursor on the first block of this kind (title, addressee, opening …)."""
    view = screen.query_one(DraftView)
    view.index = next(i for i, it in enumerate(view.children) if it.block.kind == kind)


async def test_draft_shows_every_exported_paragraph_in_order(home: Path, store, example_report):
    report = store.create(example_report)
    async with draft_app(home, report.id) as (app, pilot, screen):
        assert shown_texts(screen) == assemble(report, "runin").texts()
        texts = shown_texts(screen)
        assert texts[0].startswith("青禾县社会保险事业局关于")
        assert "一、组织机构控制" in texts
        assert any(t.startswith("一是") for t in texts)

        await pilot.press("n")
        await settle(pilot)
        assert screen.numbering == "headings"
        assert shown_texts(screen) == assemble(report, "headings").texts()
        assert any(t.startswith("（一）") for t in shown_texts(screen))


async def test_edit_opening_saves_to_the_store(home: Path, store, example_report):
    report = store.create(example_report)
    async with draft_app(home, report.id) as (app, pilot, screen):
        select_kind(screen, "opening")
        editor = await press_for(pilot, "e", EditParagraphScreen)
        new = "根据上级通知要求，我局对照检查内容逐项开展了自查，现将情况报告如下："
        editor.query_one("#edit-text").text = new
        await pilot.press("ctrl+s")
        await settle(pilot)
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert app.screen is screen
        assert new in shown_texts(screen)
    with ReportStore.open(home) as s:
        assert s.get(report.id).opening == new


async def test_edit_point_in_place_marks_it_hand_edited(home: Path, store, example_report):
    report = store.create(example_report)
    point = report.section("business").points[1]
    async with draft_app(home, report.id) as (app, pilot, screen):
        select_point(screen, point.id)
        editor = await press_for(pilot, "enter", EditParagraphScreen)
        assert editor.value == point.body
        new = "缴费基数核定实行单位申报、征缴科审核、科长复核，补缴业务一律经分管领导审批"
        editor.query_one("#edit-text").text = new
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert app.screen is screen
        assert "二是" + new + "。" in shown_texts(screen)
        assert screen.query_one(DraftView).current.point_id == point.id
    with ReportStore.open(home) as s:
        saved = s.get(report.id).find_point(point.id)[1]
    assert saved.hand_edited and saved.drafted == new + "。"
    assert saved.text == point.text


async def test_cancel_with_changes_asks_before_discarding(home: Path, store, example_report):
    report = store.create(example_report)
    point = report.section("organization").points[0]
    async with draft_app(home, report.id) as (app, pilot, screen):
        select_point(screen, point.id)
        await pilot.press("e")
        await settle(pilot)
        editor = app.screen
        editor.query_one("#edit-text").text = "改了一半的内容"
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is editor
        assert "再按一次 Esc" in str(editor.query_one("#edit-error").render())
        editor.query_one("#edit-text").text = ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is editor
        assert "不能为空" in str(editor.query_one("#edit-error").render())
        await pilot.press("escape")  # already warned once: this one discards
        await settle(pilot)
        assert app.screen is screen
    with ReportStore.open(home) as s:
        assert s.get(report.id).revision == report.revision


async def test_conflict_reloads_and_gives_the_text_back(home: Path, store, example_report):
    report = store.create(example_report)
    point = report.section("organization").points[0]
    async with draft_app(home, report.id) as (app, pilot, screen):
        # Someone else saves through their own connection after the screen read the report.
        with ReportStore.open(home) as other:
            theirs = other.get(report.id)
            theirs.find_point(point.id)[1].drafted = "他人修改后的内容。"
            other.save(theirs, "审核人")
        select_point(screen, point.id)
        await pilot.press("e")
        await settle(pilot)
        mine = "我局修改后的内容"
        app.screen.query_one("#edit-text").text = mine
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, EditParagraphScreen)
        assert "已被他人修改" in str(editor.query_one("#edit-hint").render())
        assert editor.value == mine
        assert any("他人修改后的内容" in t for t in shown_texts(screen))
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert app.screen is screen
        assert any(mine in t for t in shown_texts(screen))
    with ReportStore.open(home) as s:
        assert s.get(report.id).find_point(point.id)[1].drafted == mine + "。"


async def test_move_point_down_and_up_renumbers(home: Path, store, example_report):
    report = store.create(example_report)
    first, second = report.section("organization").points[:2]
    async with draft_app(home, report.id) as (app, pilot, screen):
        select_point(screen, first.id)
        await pilot.press("shift+down")
        await settle(pilot)
        texts = shown_texts(screen)
        assert texts.index("二是" + assemble(report).blocks_for_point(first.id)[0].rest) > 0
        assert screen.query_one(DraftView).current.point_id == first.id
        with ReportStore.open(home) as s:
            ids = [p.id for p in s.get(report.id).section("organization").points]
        assert ids[:2] == [second.id, first.id]

        await pilot.press("shift+up")
        await pilot.press("shift+up")
        await settle(pilot)
        with ReportStore.open(home) as s:
            ids = [p.id for p in s.get(report.id).section("organization").points]
        assert ids[:2] == [first.id, second.id]


async def test_coverage_and_preflight_are_one_key_away(home: Path, store, example_report):
    example_report.assessment = None
    example_report.section("business").points[2].status = None
    report = store.create(example_report)
    async with draft_app(home, report.id) as (app, pilot, screen):
        await pilot.press("c")
        await settle(pilot)
        from textual.widgets import DataTable

        from tui.widgets.draft_panels import CoverageScreen, PreflightScreen

        assert isinstance(app.screen, CoverageScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 6
        org = table.get_row("organization")
        assert org[0] == "组织机构控制"
        assert str(org[1]).startswith("4/")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen

        panel = await press_for(pilot, "p", PreflightScreen)
        assert any("总体评价" in i.message for i in panel.items)
        pointed = next(i for i, item in enumerate(panel.items) if "未标明" in item.message)
        assert panel.items[pointed].point_id == report.section("business").points[2].id
        panel.query_one("#preflight-options").highlighted = pointed
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert screen.query_one(DraftView).current.point_id == panel.items[pointed].point_id


async def test_palette_offers_the_draft_actions(home: Path, store, example_report):
    from textual.command import CommandInput, CommandList, CommandPalette

    report = store.create(example_report)
    async with draft_app(home, report.id) as (app, pilot, screen):
        titles = [c.title for c in screen.palette_commands()]
        assert {"切换编号样式", "覆盖情况", "导出前预检", "导出报告"} <= set(titles)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        palette = app.screen
        palette.query_one(CommandInput).value = "切换编号样式"
        for _ in range(100):  # the palette searches asynchronously
            await pilot.pause(0.05)
            if palette.query_one(CommandList).option_count:
                break
        await pilot.press("enter")
        await settle(pilot)
        await settle(pilot)
        assert app.screen is screen
        assert screen.numbering == "headings"


async def test_missing_report_says_so_without_a_traceback(home: Path):
    async with draft_app(home, 999) as (app, pilot, screen):
        assert app.screen is screen
        info = str(screen.query_one("#draft-info").render())
        assert "无法打开报告" in info and "找不到编号为 999 的报告" in info
        assert shown_texts(screen) == []
        await pilot.press("e", "c", "p", "shift+down")
        await settle(pilot)
        assert app.screen is screen
