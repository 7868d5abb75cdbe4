"""Interview screen: a proposed status waits (待 in the tree, 待确认 in the draft) until the
officer presses Enter in the empty box or changes it with F5–F8."""

from __future__ import annotations

from textual.widgets import Static
from tui_helpers import open_interview, send_answer, settle

from report.store import ReportStore
from tui.app import ZichaApp
from tui.screens.interview import InterviewScreen
from tui.widgets.answer_box import AnswerBox
from tui.widgets.chat_log import ChatLog
from tui.widgets.section_tree import SectionTree

WEAK_ORG01 = "我局按三定方案设5个科室，岗位职责手册2025年印发，但少数岗位职责还没有成文"


def first_leaf(screen: InterviewScreen) -> str:
    tree = screen.query_one(SectionTree)
    return str(tree.root.children[0].children[0].label)


async def test_f7_changes_the_proposal_and_enter_confirms(home, store, blank_report, no_library):
    report = store.create(blank_report)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_interview(pilot, report.id)
        await send_answer(pilot, WEAK_ORG01)
        texts = [m.text for m in screen.query_one(ChatLog).messages()]
        assert "拟定：基本符合 —— 因为：「……少数岗位职责还没有成文」" in texts
        assert first_leaf(screen).startswith("待")
        assert "待确认" in texts[-1]  # the next question ends with the waiting proposal

        # The draft says so too.
        await pilot.press("ctrl+r")
        await settle(pilot)
        info = str(app.screen.query_one("#draft-info", Static).render())
        assert "待确认" in info and "ORG-01 基本符合" in info
        await pilot.press("escape")
        await settle(pilot)

        await pilot.press("f7")  # 不符合, for the point just answered
        await settle(pilot)
        assert first_leaf(screen).startswith("完")
        assert screen.prompt.confirm is None
        with ReportStore.open(home) as s:
            point = s.get(report.id).section("organization").points[0]
        assert point.status == "不符合" and point.status_confirmed
        # Nothing waits now: Enter in the empty box is a plain newline again.
        await pilot.press("enter")
        await settle(pilot)
        assert screen.query_one(AnswerBox).text == "\n"
