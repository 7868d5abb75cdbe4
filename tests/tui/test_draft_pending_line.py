"""The draft's 待确认 line names what was proposed for each point; a point answered without a
proposal showed 「INF-01 None」 there."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static
from tui_helpers import open_draft

from report.models import Point
from tui.app import ZichaApp


async def test_pending_line_says_unproposed_in_chinese(home: Path, store, blank_report):
    blank_report.section("organization").points += [
        Point(
            text="岗位职责已成文。", control_point="ORG-01", status="符合", status_confirmed=False
        ),
        Point(
            text="有的电脑是一台切换着用。",
            control_point="ORG-02",
            status=None,
            status_confirmed=False,
        ),
    ]
    report = store.create(blank_report)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_draft(app, pilot, report.id)
        info = str(screen.query_one("#draft-info", Static).render())
        assert "有 2 个要点的符合情况待确认" in info
        assert "ORG-01 符合" in info and "ORG-02 未拟定" in info
        assert "None" not in info
