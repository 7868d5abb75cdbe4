"""The yearly cycle in the TUI: 以上年度报告为基础新建 on Home, overdue flag, the interview's
上年 line with one key to keep, the tree and draft marks, ledger out and in, evidence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from textual.widgets import Button, Input, Static
from tui_helpers import send_answer, settle, tree_text

from report.store import ReportStore
from tui.app import ZichaApp
from tui.screens.cycle_dialogs import ApplyLedgerScreen, PathInputScreen
from tui.screens.draft import DraftScreen
from tui.screens.home import HomeScreen
from tui.screens.interview import InterviewScreen
from tui.widgets.chat_log import ChatLog
from tui.widgets.draft_blocks import BlockItem, DraftView


async def test_home_carries_forward_and_flags_overdue(home, example_report, no_library):
    example_report.section("rectification").points[0].due = dt.date(2001, 1, 31)
    with ReportStore.open(home) as store:
        rid = store.create(example_report).id
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        notice = app.screen.query_one("#home-overdue", Static)
        assert notice.display and f"报告 {rid} 有 1 项" in str(notice.render())
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("enter")  # 是, in the dialog naming the report and the new year
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)
        messages = app.screen.query_one(ChatLog).messages()
        assert "上年度整改项：" in messages[0].text
        assert "上年度整改落实情" in tree_text(app.screen)  # shortened if the tree is narrow
    with ReportStore.open(home) as store:
        new = store.get(rid + 1)
        assert new.year == example_report.year + 1 and new.predecessor.report_id == rid


async def test_interview_shows_last_year_and_keeps_with_one_key(home, example_report, no_library):
    from report.carry import carry_forward

    with ReportStore.open(home) as store:
        base = store.create(example_report)
        new = carry_forward(store, base.id)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_report(new.id)
        await settle(pilot)
        screen = app.screen
        for _ in new.prior_items:
            await send_answer(pilot, "已完成，2027年3月完成")
        chat = [m.text for m in screen.query_one(ChatLog).messages()]
        previous = next(t for t in reversed(chat) if t.startswith("上年："))
        assert previous.split("\n")[0].endswith("（符合）") and "〔待复核〕" in previous
        assert "复 未变" in tree_text(screen)
        await pilot.press("f10")
        await settle(pilot)
        chat = [m.text for m in screen.query_one(ChatLog).messages()]
        assert any("沿用上年内容（上年：符合）" in t for t in chat)
        # kept: 未变, its status a proposal (待) until confirmed with an empty send
        assert "待 未变" in tree_text(screen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "完 未变" in tree_text(screen)
        # an empty send on the next 待复核 point keeps it too, then confirms
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await send_answer(
            pilot, "我局2027年起实行不相容岗位分离，由三名工作人员分别负责受理、复核和审批。"
        )
        tree = tree_text(screen)
        assert tree.count("完 未变") == 2 and "修改" in tree
    with ReportStore.open(home) as store:
        org = store.get(new.id).section("organization").points
        assert [p.review_pending for p in org[:3]] == [False, False, False]


async def _draft(app: ZichaApp, pilot, rid: int) -> DraftScreen:
    await pilot.pause()
    screen = DraftScreen(rid)
    await app.push_screen(screen)
    await settle(pilot)
    return screen


async def _type_path(app: ZichaApp, pilot, path: Path) -> None:
    assert isinstance(app.screen, PathInputScreen)
    app.screen.query_one(Input).value = str(path)
    app.screen.query_one("#path-ok", Button).press()
    await settle(pilot)


async def test_draft_marks_ledger_out_and_in_and_evidence(home, example_report, tmp_path):
    from report.carry import carry_forward

    with ReportStore.open(home) as store:
        base = store.create(example_report)
        new = carry_forward(store, base.id)
        r = store.get(new.id)
        r.section("organization").points[0].review_pending = False
        r.section("organization").points[1].review_pending = False
        r.section("organization").points[1].drafted = "本年度改写。"
        store.save(r)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _draft(app, pilot, base.id)
        out = tmp_path / "台账.xlsx"
        await pilot.press("l")
        await _type_path(app, pilot, out)
        assert out.exists()
        wb = openpyxl.load_workbook(out)
        wb["整改台账"]["H3"] = "已完成"
        wb["整改台账"]["E4"] = "王五"
        wb.save(out)
        await pilot.press("u")
        await _type_path(app, pilot, out)
        assert isinstance(app.screen, ApplyLedgerScreen)
        await pilot.click("#ledger-apply")
        await settle(pilot)
        assert isinstance(app.screen, DraftScreen)
        # evidence on the selected paragraph
        view = screen.query_one(DraftView)
        items = [it for it in view.children if isinstance(it, BlockItem)]
        view.index = next(i for i, it in enumerate(items) if it.block.point_id)
        scan = tmp_path / "制度文件.pdf"
        scan.write_bytes(b"%PDF scan")
        await pilot.press("a")
        await _type_path(app, pilot, scan)
        app.pop_screen()
        await settle(pilot)
        screen = await _draft(app, pilot, new.id)
        texts = [
            str(it.query_one(".block-text").render()) for it in screen.query_one(DraftView).children
        ]
        assert any(t.startswith("〔未变〕") for t in texts)
        assert any(t.startswith("〔修改〕") for t in texts)
        assert any(t.startswith("〔待复核〕") for t in texts)
        assert "与上年相比：" in str(screen.query_one("#draft-info", Static).render())
    with ReportStore.open(home) as store:
        old = store.get(base.id)
        items = old.section("rectification").points
        assert items[0].progress == "已完成" and items[1].person == "王五"
        assert [e.action for e in store.audit_log(base.id)][-3:] == [
            "ledger_export",
            "ledger_import",
            "evidence_add",
        ]


async def test_ledger_import_dialog_stays_open_on_a_wrong_path(home, example_report, tmp_path):
    """A missing file, a folder or a file that is not a ledger: the dialog says so in Chinese,
    what to do, and keeps what was typed; the report is unchanged."""
    with ReportStore.open(home) as store:
        rid = store.create(example_report).id
        revision = store.get(rid).revision
    not_a_ledger = tmp_path / "会议纪要.xlsx"
    not_a_ledger.write_bytes(b"plain text, not a workbook")
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await _draft(app, pilot, rid)
        await pilot.press("u")
        await settle(pilot)
        expected = [
            (tmp_path / "没有这个文件.xlsx", "找不到台账文件"),
            (tmp_path, "是一个文件夹"),
            (not_a_ledger, "不是 Excel 台账文件"),
        ]
        for typed, said in expected:
            await _type_path(app, pilot, typed)
            dialog = app.screen
            assert isinstance(dialog, PathInputScreen)
            assert dialog.query_one(Input).value == str(typed)
            error = str(dialog.query_one("#path-error", Static).render())
            assert said in error and "请" in error
            assert not dialog.query_one("#path-ok").disabled
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DraftScreen)
    with ReportStore.open(home) as store:
        assert store.get(rid).revision == revision


async def test_ledger_export_dialog_stays_open_on_a_missing_folder(home, example_report, tmp_path):
    with ReportStore.open(home) as store:
        rid = store.create(example_report).id
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await _draft(app, pilot, rid)
        await pilot.press("l")
        await settle(pilot)
        typed = tmp_path / "没有的文件夹" / "台账.xlsx"
        await _type_path(app, pilot, typed)
        dialog = app.screen
        assert isinstance(dialog, PathInputScreen)
        assert dialog.query_one(Input).value == str(typed)
        assert "不存在" in str(dialog.query_one("#path-error", Static).render())
        dialog.query_one(Input).value = str(tmp_path / "台账.xlsx")
        app.screen.query_one("#path-ok", Button).press()
        await settle(pilot)
        assert isinstance(app.screen, DraftScreen)
        assert (tmp_path / "台账.xlsx").exists()
