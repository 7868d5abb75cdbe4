"""Unsent text in the TUI answer box survives kill -9 (a dropped SSH session), issue 9.

The app runs in a child process on a pseudo-terminal; the test types an answer, waits until
the database holds it as unsent (saved by the debounce, no send), kills the child with SIGKILL,
then starts the app again and checks the text is back in the box with a notice. Deterministic:
fixed text, fixed terminal size, no assertion on time beyond generous waits for a condition.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest
from pty_helpers import WAIT_SECONDS, fork_on_pty, interview_to_resume, unsent_text, wait_for

from report.store import ReportStore
from tui.app import ZichaApp
from tui.widgets.answer_box import AnswerBox
from tui.widgets.chat_log import ChatLog

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
]

TYPED = "我局按三定方案设置5个股室，岗位职责每年修订"  # the inputs (logged below)

CHILD = """
import sys
from tui.app import ZichaApp

class NoLibrary:
    def search(self, query, k=5):
        return []

ZichaApp.library = lambda self: NoLibrary()  # no index to build: the test is about typing
from tui.cli import main
main(["--home", sys.argv[1]])
"""


def _spawn(home: Path) -> tuple[int, int, bytearray]:
    pid, fd = fork_on_pty(CHILD, str(home))
    screen = bytearray()

    def drain() -> None:  # keep reading, or the child blocks on a full terminal
        while True:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            screen.extend(chunk)

    threading.Thread(target=drain, daemon=True).start()
    return pid, fd, screen


async def test_unsent_text_survives_kill_9(home: Path, blank_report, no_library) -> None:
    from tui.screens.interview import InterviewScreen

    print(f"inputs: typed={TYPED!r} terminal=100x30 wait={WAIT_SECONDS}s")
    report_id, db = interview_to_resume(home, blank_report)

    pid, fd, screen_bytes = _spawn(home)
    try:
        # The interview is up when the first point's id is on the screen.
        wait_for(lambda: b"ORG-01" in screen_bytes, "the interview screen")
        time.sleep(1.0)  # let the answer box take focus after the first paint
        os.write(fd, TYPED.encode("utf-8"))
        wait_for(lambda: unsent_text(db, report_id) == TYPED, "the debounced save of unsent text")
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    with ReportStore.open(home) as store:
        assert store.get(report_id).revision == 1  # nothing was sent: no answer recorded

    # Started again, zicha reopens the interview with the text in the box and says so.
    app = ZichaApp(home)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(100):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if isinstance(app.screen, InterviewScreen) and app.screen.prompt is not None:
                break
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        assert screen.query_one(AnswerBox).text == TYPED
        notices = [m.text for m in screen.query_one(ChatLog).messages() if m.role == "notice"]
        assert "已恢复上次未发送的文字。" in notices
