"""Home, `zicha report list` and coverage count progress the same way: answered bank points / bank."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from textual.widgets import DataTable

from interview.bank import load_bank
from interview.coverage import compute_coverage, format_coverage
from report.store import ReportStore
from tui.app import ZichaApp
from tui.cli import main


async def test_home_list_and_coverage_agree(home: Path, example_report) -> None:
    # The example answers 17 of the 36 bank points; skip one more: skipped is not answered.
    bank = load_bank()
    with ReportStore.open(home) as store:
        report = store.create(example_report)
    cov = compute_coverage(report, bank)
    assert (cov.answered, cov.total) == (17, 36)
    assert "已答 17/36" in format_coverage(cov)

    listed = CliRunner().invoke(main, ["report", "list"], env={"ZICHA_HOME": str(home)})
    assert listed.exit_code == 0, listed.output
    assert "已答 17/36" in listed.output

    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        row = app.screen.query_one("#reports", DataTable).get_row(str(report.id))
        assert str(row[4]).strip().endswith("17/36")


async def test_carried_points_are_not_progress_until_reviewed(home: Path, example_report) -> None:
    """A report started from last year's: its points are 待复核, so Home, `report list`,
    coverage and the interview's 总进度 all start at 0, like the tree (which showed 0/7 while
    总进度 said 17/36)."""
    from interview.coverage import progress_label
    from report.carry import next_year_report

    bank = load_bank()
    with ReportStore.open(home) as store:
        last = store.create(example_report)
        new = store.create(next_year_report(last, last.id or 0, None, None))
    cov = compute_coverage(new, bank)
    assert (cov.answered, cov.total) == (0, 36)
    assert sum(1 for s in cov.sections for r in s.rows if r.state == "待复核") == 17
    assert progress_label(new, bank) == "0/36"

    listed = CliRunner().invoke(main, ["report", "list"], env={"ZICHA_HOME": str(home)})
    assert f"{new.id}\t" in listed.output and "已答 0/36" in listed.output, listed.output

    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        row = app.screen.query_one("#reports", DataTable).get_row(str(new.id))
        assert str(row[4]).strip().endswith("0/36")
