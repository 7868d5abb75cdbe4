"""A report the user may not change opens read-only in the interview, saying why up front."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import open_interview, settle, submitted_report

from report import workflow
from report.models import Point
from report.store import ReportStore
from tui.app import ZichaApp
from tui.screens.interview import InterviewScreen
from tui.widgets.answer_box import AnswerBox
from tui.widgets.chat_log import ChatLog

pytestmark = pytest.mark.usefixtures("no_library")


def submitted(home: Path) -> int:
    return submitted_report(
        home, Point(text="我局按三定方案设5个科室。", control_point="ORG-01", status="符合")
    )


def notices(screen: InterviewScreen) -> list[str]:
    return [m.text for m in screen.query_one(ChatLog).messages() if m.role == "notice"]


@pytest.mark.parametrize(("actor", "reason"), [("zhang", "已提交"), ("li", "审核人")])
async def test_submitted_report_is_read_only_for_officer_and_supervisor(home, actor, reason):
    report_id = submitted(home)
    app = ZichaApp(home, actor=actor, resume=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_interview(pilot, report_id)
        box = screen.query_one(AnswerBox)
        assert box.read_only
        [line] = [t for t in notices(screen) if "只能查看" in t]
        assert reason in line


async def test_draft_stays_editable_for_its_officer(home, blank_report):
    with ReportStore.open(home) as store:
        report_id = store.create(blank_report).id
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_interview(pilot, report_id)
        assert not screen.query_one(AnswerBox).read_only
        assert not [t for t in notices(screen) if "只能查看" in t]


async def test_approved_report_offers_only_what_is_possible(home):
    report_id = submitted(home)
    with ReportStore.open(home) as store:
        workflow.approve(store, report_id, "li")
    app = ZichaApp(home, actor="zhang", resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_interview(pilot, report_id)
        shown = {a.binding.action for a in screen.active_bindings.values() if a.binding.show}
        for editing in ("submit", "skip", "edit_drafted"):
            assert editing not in shown, shown
        said = [n for n in notices(screen) if "只能查看" in n]
        assert len(said) == 1 and said[0].count("不能修改") == 1, said
        await pilot.press("ctrl+s")
        await settle(pilot)
        messages = [n.message.replace("\n", "") for n in app._notifications]
        assert "报告已审定，不能修改；如需修改请审核人重新打开。" in messages, messages
        assert not any("请先在下方输入回答" in m for m in messages)
        await pilot.press("f2")
        await settle(pilot)
    with ReportStore.open(home) as store:
        assert store.get(report_id).status == "approved"
        assert store.audit_log()[-1].action == "approve"
