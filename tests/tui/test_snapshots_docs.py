"""Snapshots of the draft, library and export screens at 100x30 (fixed data, fixed dates).

Update after an intended change with: pytest tests/tui/test_snapshots_docs.py --snapshot-update
"""

from __future__ import annotations

from pathlib import Path

import pytest
from snapshot_helpers import steady

from report.store import ReportStore
from tui.app import ZichaApp

SIZE = (100, 30)
# Fixed clock and time zone (tests/tui/conftest.py); cursor blink is off for every TUI test.
pytestmark = pytest.mark.usefixtures("fixed_clock")

ARCHIVE_RULES = """青禾县社会保险档案管理办法

第一章 总则

第一条 为规范社会保险业务档案管理，保障参保人员合法权益，制定本办法。

第二章 归档与借阅

第三条 业务档案应当在业务办结后三十日内归档，归档材料须经经办人和复核人签字确认。

第四条 借阅业务档案须经科室负责人批准并登记，借阅期限不超过十五日，档案室每月核对借阅台账。
"""


@pytest.fixture
def report_home(home: Path, example_report) -> tuple[Path, int]:
    with ReportStore.open(home) as s:
        report = s.create(example_report)
    return home, report.id


def test_draft_snapshot(snap_compare, report_home) -> None:
    home, report_id = report_home

    async def open_draft(pilot) -> None:
        from tui.screens.draft import DraftScreen

        await pilot.pause()
        await pilot.app.push_screen(DraftScreen(report_id))
        await pilot.pause()
        await pilot.press("down", "down", "down")
        await pilot.pause()

    assert snap_compare(
        ZichaApp(home, resume=False), terminal_size=SIZE, run_before=then_steady(open_draft)
    )


def test_export_snapshot(snap_compare, report_home) -> None:
    home, report_id = report_home

    async def open_export(pilot) -> None:
        from tui.screens.draft import DraftScreen
        from tui.screens.export import ExportScreen

        await pilot.pause()
        # Over the draft, not Home: Home shows the report's last-change time.
        await pilot.app.push_screen(DraftScreen(report_id))
        await pilot.pause()
        await pilot.app.push_screen(ExportScreen(report_id, directory=Path("/srv/报告")))
        await pilot.pause()

    assert snap_compare(
        ZichaApp(home, resume=False), terminal_size=SIZE, run_before=then_steady(open_export)
    )


def test_library_snapshot(snap_compare, home: Path, tmp_path: Path) -> None:
    # Starter 要点 entries rank alongside the fixture: a change to the shipped starter
    # library can change this picture (update the snapshot after checking it).
    from test_library_screen import write_fixture

    from knowledge.library import Library
    from report.home import knowledge_db_path

    folder = write_fixture(tmp_path / "法规")
    with Library(knowledge_db_path(home)) as lib:
        lib.import_paths([folder / "档案管理办法.txt"])

    async def search(pilot) -> None:
        from textual.widgets import Input

        from tui.screens.library import LibraryScreen

        await pilot.pause()
        screen = LibraryScreen()
        await pilot.app.push_screen(screen)
        await pilot.pause()
        screen.query_one("#search-input", Input).value = "借阅台账"
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        # Enter moves focus to the results: no blinking cursor in the picture.
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(
        ZichaApp(home, resume=False), terminal_size=SIZE, run_before=then_steady(search)
    )


def then_steady(run_before):  # type: ignore[no-untyped-def]
    async def run(pilot) -> None:
        await run_before(pilot)
        await steady(pilot)

    return run
