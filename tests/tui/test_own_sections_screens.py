"""A report on a bank with its own sections, on screen: Home's progress, the interview's
heading and status line, the section tree, the Draft's coverage panel with 得分, and the status
bars, all in the bank's sections (nothing assumes the five areas)."""

from __future__ import annotations

from pathlib import Path

import pytest
from province_tables import OWN_ROWS, cli, new_report, write_xlsx
from textual.widgets import DataTable, Static

from report.models import Point
from report.store import ReportStore
from tui.app import ZichaApp
from tui.screens.draft import DraftScreen
from tui.widgets.draft_panels import CoverageScreen


@pytest.fixture
def own_home(tmp_path: Path) -> Path:
    """市表 (four own sections) and report 1 on it: SA-01 符合, SB-01 不符合 less a confirmed 5."""
    home = tmp_path / "home"
    zicha = cli(home)
    table = write_xlsx(tmp_path / "市表.xlsx", OWN_ROWS)
    assert zicha("bank", "import", str(table), "--name", "市表").exit_code == 0
    new_report(zicha, "--bank", "市表")
    with ReportStore.open(home) as store:
        report = store.get(1)
        report.section("s01").points.append(
            Point(text="关键岗位每三年轮岗一次。", control_point="SA-01", status="符合")
        )
        report.section("s02").points.append(
            Point(
                text="复核环节有五例未留痕。",
                control_point="SB-01",
                status="不符合",
                deduction=5,
                deduction_reason="五例未复核",
            )
        )
        store.save(report, "tester", action="answer", detail="test")
    return home


class NoLibrary:
    def search(self, query: str, k: int = 5) -> list:
        return []


async def test_home_interview_and_draft_in_the_banks_sections(
    own_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.screens.interview import InterviewScreen
    from tui.widgets.status_bars import report_status_counts

    lib = NoLibrary()
    monkeypatch.setattr(ZichaApp, "library", lambda self: lib)
    app = ZichaApp(own_home, resume=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#reports", DataTable)
        assert str(table.get_row("1")[4]).strip() == "2/8"

        app.open_report(1)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        status = str(app.screen.query_one("#status-line", Static).render())
        assert "总进度 2/8" in status
        screen_text = " ".join(str(w.render()) for w in app.screen.query(Static))
        assert "岗位与人员管理" in screen_text

        await app.push_screen(DraftScreen(1))
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        panel = app.screen
        assert isinstance(panel, CoverageScreen)
        coverage = panel.query_one(DataTable)
        first = coverage.get_row("s01")
        assert str(first[0]).startswith("岗位与人员管理") and str(first[-1]) == "10/25"
        assert str(coverage.get_row("s02")[-1]) == "10/35"
        line = str(panel.query_one("#coverage-score", Static).render())
        assert "合计得分 20 / 100 分" in line

    with ReportStore.open(own_home) as store:
        rows = dict(report_status_counts(store.get(1)))
    assert list(rows) == ["岗位与人员管理", "待遇核发风险防控", "数据安全", "廉政风险防控"]
    assert rows["待遇核发风险防控"]["不符合"] == 1
