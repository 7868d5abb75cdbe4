"""Every main screen at 80x24, the smallest terminal zicha supports: nothing cut, F1 in every
footer. Fixed data and times; cursors do not blink.

Update after an intended change with: pytest tests/tui/test_snapshots_80x24.py --snapshot-update
"""

from __future__ import annotations

from pathlib import Path

import pytest
from snapshot_helpers import steady

from report import users, workflow
from report.store import ReportStore
from tui.app import ZichaApp

SIZE = (80, 24)
FIXED_TIME = "2026-11-20T09:30:00+08:00"

# Fixed clock and time zone (tests/tui/conftest.py): times are shown in local time.
pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("fixed_clock")]


async def _steady(pilot) -> None:
    """Wait for workers and stop cursor blinking so the picture is the same every run."""
    await steady(pilot)


@pytest.fixture
def example_home(home: Path, example_report) -> tuple[Path, int]:
    with ReportStore.open(home) as s:
        report = s.create(example_report)
        s.conn.execute("UPDATE reports SET updated_at = ?", (FIXED_TIME,))
    return home, report.id


def test_home_first_start_80x24(snap_compare, home: Path) -> None:
    assert snap_compare(ZichaApp(home, resume=False), terminal_size=SIZE, run_before=_steady)


def test_home_list_80x24(snap_compare, example_home) -> None:
    home, _ = example_home
    assert snap_compare(ZichaApp(home, resume=False), terminal_size=SIZE, run_before=_steady)


def test_new_report_form_80x24(snap_compare, home: Path) -> None:
    async def form(pilot) -> None:
        await pilot.press("n")
        await _steady(pilot)

    assert snap_compare(ZichaApp(home, resume=False), terminal_size=SIZE, run_before=form)


def test_interview_80x24(snap_compare, home: Path, blank_report, no_library) -> None:
    with ReportStore.open(home) as s:
        report_id = s.create(blank_report).id

    async def interview(pilot) -> None:
        from tui.widgets.answer_box import AnswerBox

        pilot.app.open_report(report_id)
        await _steady(pilot)
        pilot.app.screen.query_one(AnswerBox).text = "有规定"
        await pilot.press("ctrl+s")
        await _steady(pilot)

    assert snap_compare(ZichaApp(home, resume=False), terminal_size=SIZE, run_before=interview)


def test_draft_80x24(snap_compare, example_home) -> None:
    home, report_id = example_home

    async def draft(pilot) -> None:
        pilot.app.open_draft(report_id)
        await _steady(pilot)
        await pilot.press("down", "down", "down")
        await _steady(pilot)

    assert snap_compare(ZichaApp(home, resume=False), terminal_size=SIZE, run_before=draft)


def test_review_paragraph_comment_80x24(snap_compare, example_home) -> None:
    home, report_id = example_home
    with ReportStore.open(home) as s:
        users.add_user(s.conn, "admin", "admin", "admin-pass-1", "本机用户")
        users.add_user(s.conn, "张三", "officer", "zhang-pass-1", "admin")
        users.add_user(s.conn, "李四", "supervisor", "lisi-pass-12", "admin")
        workflow.submit(s, report_id, "张三")
        s.conn.execute("UPDATE comments SET created_at = ?", (FIXED_TIME,))

    async def review(pilot) -> None:
        await _steady(pilot)
        await pilot.press("v", "enter", "down", "down", "c")
        await _steady(pilot)
        await pilot.press(*"请写明岗位职责说明书的修订时间")
        await pilot.press("ctrl+s")
        await _steady(pilot)
        pilot.app.clear_notifications()
        await _steady(pilot)

    app = ZichaApp(home, actor="李四", resume=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=review)


def test_help_on_review_80x24(snap_compare, example_home) -> None:
    home, _ = example_home

    async def help_page(pilot) -> None:
        await _steady(pilot)
        await pilot.press("v", "f1")
        await _steady(pilot)

    assert snap_compare(ZichaApp(home, resume=False), terminal_size=SIZE, run_before=help_page)


def test_library_80x24(snap_compare, home: Path, no_library) -> None:
    async def library(pilot) -> None:
        await _steady(pilot)
        await pilot.press("l")
        await _steady(pilot)

    assert snap_compare(ZichaApp(home, resume=False), terminal_size=SIZE, run_before=library)
