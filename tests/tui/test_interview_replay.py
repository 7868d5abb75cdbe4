"""Reopening an interview replays the current section's answered points into the chat."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import open_interview

from report.models import Point
from tui.app import ZichaApp
from tui.widgets.chat_log import ChatLog

pytestmark = pytest.mark.usefixtures("no_library")


async def test_reopening_shows_answered_points_of_the_section_before_the_question(
    home: Path, store, blank_report
) -> None:
    org = blank_report.section("organization")
    org.points.append(
        Point(
            text="我们按三定方案设了5个科室",
            drafted="我局按三定方案设置5个科室，岗位职责以2025年岗位职责手册印发。",
            control_point="ORG-01",
            status="符合",
        )
    )
    org.points.append(Point(text="（未作答，已跳过）", control_point="ORG-02", skipped=True))
    org.points.append(Point(text="我局自行建立了科室周例会制度。", custom=True, status="符合"))
    blank_report.section("business").points.append(
        Point(text="参保登记按规程办理。", control_point="BUS-01", status="符合")
    )
    report = store.create(blank_report)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_interview(pilot, report.id)
        assert screen.prompt is not None and screen.prompt.control.id == "ORG-03"
        messages = [(m.role, m.text) for m in screen.query_one(ChatLog).messages()]
        bank = app.question_bank()
        assert messages[0] == ("notice", "「组织机构控制」已答的要点（供参考）：")
        assert messages[1] == ("assistant", bank.get("ORG-01").question)
        assert messages[2] == (
            "drafted",
            "我局按三定方案设置5个科室，岗位职责以2025年岗位职责手册印发。",
        )
        assert messages[3] == ("assistant", "（自拟要点）")
        assert messages[4] == ("drafted", "我局自行建立了科室周例会制度。")
        # Then the question now asked; nothing from the skipped point or other sections.
        assert messages[5][0] == "assistant" and bank.get("ORG-03").question in messages[5][1]
        texts = "\n".join(t for _, t in messages)
        assert "未作答" not in texts and "参保登记" not in texts
