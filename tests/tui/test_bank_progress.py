"""Progress on a report answered on an imported bank counts that bank's points (x/14), not the
built-in bank's 36: on Home, in `zicha report list` and on the interview status line."""

from __future__ import annotations

from pathlib import Path

import pytest
from province_tables import cli, new_report
from textual.widgets import DataTable, Static

from report.models import Point
from report.store import ReportStore
from tui.app import ZichaApp


def run(home: Path, *args: str):
    return cli(home)(*args)


@pytest.fixture
def two_reports(province_home: Path) -> Path:
    """Report 1 on an imported 14-item table, report 2 on the built-in bank; one point
    answered and one skipped on each."""
    home = province_home
    new_report(cli(home))
    with ReportStore.open(home) as store:
        for report_id in (1, 2):
            report = store.get(report_id)
            org = report.section("organization")
            org.points.append(Point(text="成立了内控领导小组。", control_point="ORG-01"))
            org.points.append(Point(text="未作答", control_point="ORG-02", skipped=True))
            store.save(report, "tester", action="answer", detail="test")
    return home


def progress_text(app: ZichaApp, report_id: int) -> str:
    table = app.screen.query_one("#reports", DataTable)
    return str(table.get_row(str(report_id))[4]).strip()


async def test_home_counts_each_report_against_its_own_bank(two_reports: Path) -> None:
    app = ZichaApp(two_reports, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert progress_text(app, 1) == "1/14"
        assert progress_text(app, 2) == "1/36"


async def test_home_marks_a_report_whose_bank_is_gone(two_reports: Path) -> None:
    assert run(two_reports, "bank", "remove", "省表").exit_code == 0
    app = ZichaApp(two_reports, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert progress_text(app, 1) == "缺题库"
        assert progress_text(app, 2) == "1/36"


def test_report_list_counts_the_reports_bank(two_reports: Path) -> None:
    lines = run(two_reports, "report", "list").output.splitlines()
    assert "已答 1/14" in lines[0]
    assert "已答 1/36" in lines[1]
    assert run(two_reports, "bank", "remove", "省表").exit_code == 0
    listed = run(two_reports, "report", "list")
    assert listed.exit_code == 0
    assert "缺题库「省表」" in listed.output.splitlines()[0]


async def test_interview_status_line_counts_the_imported_bank(
    two_reports: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.screens.interview import InterviewScreen

    class NoLibrary:
        def search(self, query: str, k: int = 5) -> list:
            return []

    lib = NoLibrary()
    monkeypatch.setattr(ZichaApp, "library", lambda self: lib)
    app = ZichaApp(two_reports, resume=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        app.open_report(1)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        status = str(app.screen.query_one("#status-line", Static).render())
        assert "总进度 1/14" in status
