"""The 汇总 screen, driven by keys: units with bars, filters, a unit's report read-only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rollup_helpers import make_city_with, unit_of


async def test_rollup_screen_lists_filters_and_opens(tmp_path: Path, city: Path) -> None:
    from textual.widgets import DataTable, Markdown

    from tui.app import ZichaApp
    from tui.screens.rollup import RollupScreen, UnitReportScreen

    make_city_with(tmp_path, city, ("青禾县", "东山区"), drafts={"东山区"})

    app = ZichaApp(city, "市管理员", resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(RollupScreen(today=dt.date(2026, 12, 1)))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RollupScreen)
        table = screen.query_one("#units", DataTable)
        assert table.row_count == 2
        units = [table.get_row_at(i)[0] for i in range(table.row_count)]
        assert units == sorted([unit_of("青禾县"), unit_of("东山区")])
        assert [table.get_row_at(i)[1] for i in range(2)] == ["草稿", "已审定"]

        # Only drafts: the status filter, reached by key.
        screen.query_one("#status").value = "draft"
        await pilot.pause()
        assert table.row_count == 1 and table.get_row_at(0)[0] == unit_of("东山区")
        screen.query_one("#status").clear()
        await pilot.pause()

        # Enter opens the unit's report read-only; Esc comes back.
        table.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, UnitReportScreen)
        text = app.screen.query_one(Markdown).source
        assert "东山区" in text and "组织机构控制" in text and "草稿" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RollupScreen)

        # Overdue only (none of the example's deadlines has passed on 2026-12-01).
        await pilot.press("o")
        await pilot.pause()
        assert table.row_count == 0


async def test_rollup_screen_empty_says_what_to_do(tmp_path: Path) -> None:
    from textual.widgets import Static

    from tui.app import ZichaApp
    from tui.screens.rollup import RollupScreen

    app = ZichaApp(tmp_path / "空", resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(RollupScreen())
        await app.workers.wait_for_complete()
        await pilot.pause()
        info = str(app.screen.query_one("#rollup-info", Static).render())
        assert "zicha rollup import" in info
