"""A terminal that goes away ends zicha: the typed text is kept and the interview freed.

Closing the terminal window or losing the SSH session does not always deliver SIGHUP to
zicha: started through `make run` or `sh -c`, the shell in between takes the signal and
zicha is left on a hung-up terminal. Textual then spins on it and the interview lease stays
held by a process nobody can reach, so the officer's next start could only read the report.

The test starts zicha (with SIGHUP ignored, as when it does not reach zicha) under a small
parent process that leads the terminal's session, types into the answer box, closes the
terminal, and checks that zicha exits on its own, the lease is released and the typed text
is saved as unsent. It does so twice: on a quiet screen, and on one that changes many times a
second, where Textual's event loop blocks on its output queue soon after the terminal goes
(so the watch cannot be a timer on that loop).
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest
from pty_helpers import (
    fork_on_pty,
    interview_to_resume,
    query,
    unsent_text,
    wait_for,
)

from report.labels import DEFAULT_ACTOR

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux pseudo-terminal"),
]

TYPED = "信息系统口令每90天更换一次"

APP = """
import signal, sys
from tui.app import ZichaApp

signal.signal(signal.SIGHUP, signal.SIG_IGN)  # the hang-up signal does not reach zicha

class NoLibrary:
    def search(self, query, k=5):
        return []

ZichaApp.library = lambda self: NoLibrary()
if sys.argv[2] == "busy":  # a header that changes 50 times a second
    # the loop blocks about half a second after the terminal goes: look less often than
    # that, so that a watch running on the loop would (almost) never get to look
    ZichaApp.TERMINAL_CHECK_S = 5.0
    _mount = ZichaApp.on_mount
    ticks = [0]

    def tick(app):
        ticks[0] += 1
        app.sub_title = f"{ticks[0]}"

    def on_mount(self):
        _mount(self)
        self.set_interval(0.02, lambda: tick(self))

    ZichaApp.on_mount = on_mount
from tui.cli import main
main(["--home", sys.argv[1]])
"""
# The session leader: like `sh -c "zicha; …"`, it takes the hang-up and zicha does not.
LEADER = """
import subprocess, sys
child = subprocess.Popen([sys.executable, "-c", *sys.argv[1:]])
sys.stdout.write(f"CHILD-PID={child.pid}\\n")
sys.stdout.flush()
child.wait()
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split(") ", 1)[1][:1] != "Z"


@pytest.mark.parametrize("screen", ["quiet", "busy"])
def test_closed_terminal_ends_zicha_and_frees_the_interview(
    home: Path, blank_report, no_library, screen: str
) -> None:
    report_id, db = interview_to_resume(home, blank_report)
    pid, fd = fork_on_pty(LEADER, APP, str(home), screen)
    screen = bytearray()
    stop = threading.Event()

    def drain() -> None:  # select with a timeout: a read in progress would keep fd open
        import select

        while not stop.is_set():
            if not select.select([fd], [], [], 0.1)[0]:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            screen.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    child = 0
    try:
        wait_for(lambda: b"CHILD-PID=" in screen, "the app process")
        child = int(bytes(screen).split(b"CHILD-PID=")[1].split(b"\r")[0].split(b"\n")[0])
        wait_for(lambda: b"ORG-01" in screen, "the interview screen")
        wait_for(lambda: query(db, "SELECT owner FROM leases") == [(DEFAULT_ACTOR,)], "lease")
        time.sleep(1.0)  # let the answer box take focus after the first paint
        os.write(fd, TYPED.encode("utf-8"))
        wait_for(lambda: "更换一次".encode() in screen, "the typed text on screen")
        stop.set()
        reader.join()
        os.close(fd)  # the terminal window is closed
        fd = -1
        os.waitpid(pid, 0)  # the session leader died of the hang-up
        wait_for(lambda: not _alive(child), "zicha to leave its hung-up terminal")
    finally:
        stop.set()
        reader.join()
        if fd >= 0:
            os.close(fd)
        if child and _alive(child):
            os.kill(child, signal.SIGKILL)
    assert query(db, "SELECT owner FROM leases") == []
    assert unsent_text(db, report_id) == TYPED
