"""Snapshots of Home, the new-report form and the interview at 100x30 (fixed data and times).

Update after an intended change with: pytest tests/tui/test_snapshots_core.py --snapshot-update
"""

from __future__ import annotations

from pathlib import Path

import pytest
from snapshot_helpers import steady
from tui_helpers import settle

from knowledge.models import SearchHit
from report.store import ReportStore
from tui.app import ZichaApp

SIZE = (100, 30)
# Fixed clock and time zone (tests/tui/conftest.py); cursor blink is off for every TUI test.
pytestmark = pytest.mark.usefixtures("fixed_clock")
FIXED_TIME = "2026-11-20T09:30:00+08:00"

HITS = [
    SearchHit(
        chunk_id=1,
        doc_id=1,
        title="社会保险经办机构内部控制暂行办法",
        article="第十条",
        text="经办机构应当按照精简、高效的原则设置内设机构，明确各岗位职责，实行岗位责任制。",
        highlighted="",
        citation="《社会保险经办机构内部控制暂行办法》第十条",
    ),
    SearchHit(
        chunk_id=2,
        doc_id=2,
        title="社会保险基金监督检查办法",
        article="第五条",
        text="经办机构应当建立健全内部控制制度，定期开展自查。",
        highlighted="",
        citation="《社会保险基金监督检查办法》第五条",
    ),
]


class FixedLibrary:
    def search(self, query: str, k: int = 5) -> list[SearchHit]:
        return HITS[:k]

    def article(self, chunk_id: int | str) -> SearchHit:
        return HITS[0]


@pytest.fixture
def seeded_home(home: Path, example_report, blank_report) -> tuple[Path, int]:
    with ReportStore.open(home) as s:
        s.create(example_report)
        blank = s.create(blank_report)
        s.conn.execute("UPDATE reports SET updated_at = ?", (FIXED_TIME,))
    return home, blank.id


def test_home_snapshot(snap_compare, seeded_home) -> None:
    home, _ = seeded_home

    async def counted(pilot) -> None:
        # The progress bars (question-bank counts) are filled in by a worker.
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(
        ZichaApp(home, resume=False), terminal_size=SIZE, run_before=then_steady(counted)
    )


def test_home_snapshot_120_columns(snap_compare, home: Path, example_report) -> None:
    """At 120 columns a long unit name is shown whole; the time stored in UTC is shown in
    local (Beijing) time, 2026-11-20 09:30."""
    example_report.unit = "临川市青禾县人力资源和社会保障局社会保险事业管理中心"
    with ReportStore.open(home) as s:
        s.create(example_report)
        s.conn.execute("UPDATE reports SET updated_at = ?", ("2026-11-20T01:30:00+00:00",))

    async def counted(pilot) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(
        ZichaApp(home, resume=False), terminal_size=(120, 30), run_before=then_steady(counted)
    )


def test_new_report_form_snapshot(snap_compare, home: Path) -> None:
    async def fill(pilot) -> None:
        from textual.widgets import Input

        await pilot.press("n")
        await pilot.pause()
        screen = pilot.app.screen
        screen.query_one("#f-unit", Input).value = "某县社会保险事业局"
        screen.query_one("#f-year", Input).value = "26"
        screen.query_one("#f-date", Input).value = "2026-11-29"
        for field in screen.query(Input):
            field.cursor_blink = False  # the picture must not depend on the blink phase
        await pilot.pause()

    assert snap_compare(
        ZichaApp(home, resume=False), terminal_size=SIZE, run_before=then_steady(fill)
    )


def test_interview_snapshot(snap_compare, seeded_home, monkeypatch) -> None:
    home, report_id = seeded_home
    library = FixedLibrary()
    monkeypatch.setattr(ZichaApp, "library", lambda self: library)

    async def interview(pilot) -> None:
        from tui.widgets.answer_box import AnswerBox

        app = pilot.app
        await pilot.pause()
        app.open_report(report_id)
        await settle(pilot)
        app.screen.query_one(AnswerBox).text = "有规定"
        await pilot.press("ctrl+s")
        await settle(pilot)
        box = app.screen.query_one(AnswerBox)
        box.text = "按三定方案设置五个科室"
        await settle(pilot)  # the excerpts re-rank in a worker
        await pilot.pause()

    assert snap_compare(
        ZichaApp(home, resume=False), terminal_size=SIZE, run_before=then_steady(interview)
    )


def then_steady(run_before):  # type: ignore[no-untyped-def]
    async def run(pilot) -> None:
        await run_before(pilot)
        await steady(pilot)

    return run
