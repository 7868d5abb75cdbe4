"""The interview's status line is read whole at 80×24.

At 80 columns the middle pane leaves 36 cells: 「总进度 30/36　内部控制的管理和监督　第1/6项」 is 43,
and the line (one row high) was cut after 「监督」, the user never saw which point of how many.
Now it wraps between its items, never inside one.
"""

from __future__ import annotations

from pathlib import Path

from snapshot_helpers import screen_lines
from textual.widgets import Static
from tui_helpers import open_interview

from report.answers import load_answers
from report.store import ReportStore
from tui.app import ZichaApp


async def test_status_line_is_whole_at_80x24(
    home: Path, complete_answers: Path, no_library
) -> None:
    report = load_answers(complete_answers).new_report()
    report.section("supervision").points.clear()
    with ReportStore.open(home) as store:
        rid = store.create(report).id
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_interview(pilot, rid)
        status = screen.query_one("#status-line", Static)
        text = str(status.render())
        assert "内部控制的管理和监督" in text and "第1/" in text, text
        region = status.content_region
        shown = [
            line[: region.width].strip()
            for line in screen_lines(app, x=region.x)[region.y : region.bottom]
        ]
        # every item of the line is on screen, whole
        for item in text.split("　"):
            assert any(item in line for line in shown), (item, shown)
        # and the answer box below it is still there
        assert screen.query_one("#answer").region.y >= region.bottom
