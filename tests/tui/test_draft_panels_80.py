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


async def test_scored_coverage_fits_at_80x24(scored_home: Path) -> None:
    """A scored bank adds 得分: the table was 80 cells in a 76-cell panel and 得分 was cut to
    「8」 (it scrolled sideways); area titles now take their short form when room is short."""
    from textual.widgets import DataTable

    async with draft_app(scored_home, 1, size=(80, 24)) as (app, pilot, _screen):
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CoverageScreen)
        table = app.screen.query_one(DataTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width
        lines = screen_lines(app)
        header = next(line for line in lines if "部分" in line and "已答" in line)
        assert header.split()[-3:] == ["待确认", "得分", "█"], header
        org = next(line for line in lines if "组织机构控制" in line and "4/4" in line)
        assert org.split()[-2:] == ["8/15", "█"], org  # the panel's right border after it
        total = next(line for line in lines if "合计" in line and "4/14" in line)
        assert total.split()[-2:] == ["8/95", "█"], total
        assert any("管理和监督" in line and "0/2" in line for line in lines), lines
    async with draft_app(scored_home, 1, size=(120, 40)) as (app, pilot, _screen):
        await pilot.press("c")
        await settle(pilot)
        lines = screen_lines(app)  # room enough: the full area title
        assert any("内部控制的管理和监督" in line and "0/2" in line for line in lines), lines
