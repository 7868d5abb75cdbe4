"""The draft's coverage table is read whole at 80×24: with the full status names the table was
81 cells wide and its last column, 待确认, was cut off."""

from __future__ import annotations

from pathlib import Path

from snapshot_helpers import screen_lines
from tui_helpers import draft_app, settle

from tui.widgets.draft_panels import CoverageScreen


async def test_coverage_columns_fit_at_80x24(home: Path, store, example_report) -> None:
    report = store.create(example_report)
    async with draft_app(home, report.id, size=(80, 24)) as (app, pilot, _screen):
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CoverageScreen)
        lines = screen_lines(app)
        header = next(line for line in lines if "部分" in line and "已答" in line)
        for name in ("符合", "基本", "不符", "不适用", "待确认"):
            assert name in header, header
        total = next(line for line in lines if "合计" in line and "/36" in line)
        # 合计 row: 已答, 跳过, 未答 and the five status counts, none cut off
        assert total.split("合计", 1)[1].split()[:8] == [
            "17/36",
            "0",
            "19",
            "13",
            "3",
            "1",
            "0",
            "0",
        ]
