"""The Draft screen's coverage panel shows 得分 per area and the 百分制 total on a scored bank,
and nothing new on the built-in bank."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Static
from tui_helpers import settle

from tui.app import ZichaApp
from tui.screens.draft import DraftScreen
from tui.widgets.draft_panels import CoverageScreen


async def open_coverage(app: ZichaApp, pilot, report_id: int) -> CoverageScreen:
    await settle(pilot)
    await app.push_screen(DraftScreen(report_id))
    await settle(pilot)
    await pilot.press("c")
    await settle(pilot)
    assert isinstance(app.screen, CoverageScreen)
    return app.screen


async def test_coverage_shows_score_per_area_and_rescaled_total(scored_home: Path) -> None:
    home = scored_home
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(110, 40)) as pilot:
        panel = await open_coverage(app, pilot, 1)
        table = panel.query_one(DataTable)
        assert [str(c.label) for c in table.columns.values()][-1] == "得分"
        org = table.get_row("organization")
        # counted against the imported bank: 4 of its 4 organisation items answered
        assert str(org[1]) == "4/4"
        assert str(org[-1]) == "8/15"  # 4 + (6 − 2) + 0 pending, of 4 + 6 + 5 (不适用 left out)
        assert str(table.get_row("business")[-1]) == "0/30"
        assert str(table.get_row("total")[-1]) == "8/95"
        line = str(panel.query_one("#coverage-score", Static).render())
        assert "合计得分 8 / 95 分（折算百分制 8.42 分）" in line
        assert "1 项尚未填写扣分" in line


async def test_builtin_bank_coverage_has_no_score(home: Path, store, example_report) -> None:
    report = store.create(example_report)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(110, 40)) as pilot:
        panel = await open_coverage(app, pilot, report.id)
        table = panel.query_one(DataTable)
        assert "得分" not in [str(c.label) for c in table.columns.values()]
        assert not panel.query("#coverage-score")
