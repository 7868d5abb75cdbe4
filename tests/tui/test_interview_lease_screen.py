"""One interview per report in the full-screen app: a report another live session is
interviewing opens read-only, naming the holder; nothing typed here reaches its state."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from tui_helpers import open_interview, settle

from report.store import ReportStore
from tui.app import ZichaApp
from tui.widgets.answer_box import AnswerBox
from tui.widgets.chat_log import ChatLog

pytestmark = pytest.mark.usefixtures("no_library")


def _hold_lease(home, report_id: int, owner: str) -> subprocess.Popen:
    """Another process (a second PC session) interviewing the report."""
    code = (
        "import sys, time\n"
        "from report.store import ReportStore\n"
        "s = ReportStore.open(sys.argv[1])\n"
        "s.take_lease(int(sys.argv[2]), sys.argv[3])\n"
        "print('held', flush=True)\n"
        "time.sleep(120)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(home), str(report_id), owner],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


async def test_the_interview_takes_the_lease_and_gives_it_back(home, blank_report):
    with ReportStore.open(home) as store:
        report_id = store.create(blank_report).id or 0
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_interview(pilot, report_id)
        assert not screen.query_one(AnswerBox).read_only
        with ReportStore.open(home) as store:
            held = store.lease_holder(report_id)
        assert held is not None and held.owner == app.actor
        app.pop_screen()
        await settle(pilot)
        for _ in range(50):  # released on the engine thread as the screen goes
            with ReportStore.open(home) as store:
                if store.lease_holder(report_id) is None:
                    break
            time.sleep(0.05)
        else:
            raise AssertionError("the lease was not released when the interview closed")


async def test_a_report_interviewed_elsewhere_opens_read_only(home, blank_report):
    with ReportStore.open(home) as store:
        report_id = store.create(blank_report).id or 0
    holder = _hold_lease(home, report_id, "李四")
    try:
        app = ZichaApp(home, resume=False)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_interview(pilot, report_id)
            box = screen.query_one(AnswerBox)
            assert box.read_only
            notices = [m.text for m in screen.query_one(ChatLog).messages() if m.role == "notice"]
            assert any("李四" in n and "只读" in n for n in notices), notices
            screen.save_draft()  # leaving the screen saves unsent text: not here
        with ReportStore.open(home) as store:
            assert store.get_state(report_id, "interview.unsent") is None
            held = store.lease_holder(report_id)
            assert held is not None and held.owner == "李四"
    finally:
        holder.kill()
        holder.wait()
