"""Snapshots of the draft, library and export screens at 100x30 (fixed data, fixed dates).

Update after an intended change with: pytest tests/tui/test_snapshots_docs.py --snapshot-update
"""

from __future__ import annotations

from pathlib import Path

import pytest

from report.store import ReportStore
from tui.app import ZichaApp

SIZE = (100, 30)


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

    assert snap_compare(ZichaApp(home, resume=False), terminal_size=SIZE, run_before=open_draft)
