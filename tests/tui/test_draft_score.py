"""The Draft screen's coverage panel shows 得分 per area and the 百分制 total on a scored bank,
and nothing new on the built-in bank."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from report.models import Point
from report.store import ReportStore
from tui.app import ZichaApp
from tui.screens.draft import DraftScreen
from tui.widgets.draft_panels import CoverageScreen


@pytest.fixture
def scored_home(province_home: Path) -> Path:
    """Report 1 on the province's 14-item table (100 分): ORG-01 符合 (4), ORG-02 基本符合 less a
    confirmed 2 (6), ORG-03 不适用 (5, left out), ORG-04 基本符合 with no deduction yet (5)."""
    home = province_home
    with ReportStore.open(home) as store:
        report = store.get(1)
        org = report.section("organization")
        org.points += [
            Point(text="成立了内控领导小组。", control_point="ORG-01", status="符合"),
            Point(
                text="待遇科有一人既录入又复核。",
                control_point="ORG-02",
                status="基本符合",
                deduction=2,
                deduction_reason="一处兼任",
            ),
            Point(text="本单位不涉及。", control_point="ORG-03", status="不适用"),
            Point(text="制度汇编尚在修订。", control_point="ORG-04", status="基本符合"),
        ]
        store.save(report, "tester", action="answer", detail="test")
    return home


async def open_coverage(app: ZichaApp, pilot, report_id: int) -> CoverageScreen:
    await pilot.pause()
    await app.push_screen(DraftScreen(report_id))
    await pilot.pause()
    await pilot.press("c")
    await pilot.pause()
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
