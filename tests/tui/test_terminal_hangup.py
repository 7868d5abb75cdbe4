"""A terminal that goes away ends zicha: the typed text is kept and the interview freed.

Closing the terminal window or losing the SSH session does not always deliver SIGHUP to
zicha: started through `make run` or `sh -c`, the shell in between takes the signal and
zicha is left on a hung-up terminal. Textual then spins on it and the interview lease stays
held by a process nobody can reach, so the officer's next start could only read the report.

The test starts zicha (with SIGHUP ignored, as when it does not reach zicha) under a small
parent process that leads the terminal's session, types into the answer box, closes the
terminal, and checks that zicha exits on its own, the lease is released and the typed text
is saved as unsent.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import sys
import threading
import time
from pathlib import Path

import pytest

from report.labels import DEFAULT_ACTOR
from report.store import ReportStore
from tui.resume import ResumeState, save_resume

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux pseudo-terminal"),
]

TYPED = "信息系统口令每90天更换一次"
WAIT_SECONDS = 120  # generous: a loaded 2-core machine starts Textual slowly

APP = """
import signal, sys
from tui.app import ZichaApp

signal.signal(signal.SIGHUP, signal.SIG_IGN)  # the hang-up signal does not reach zicha

class NoLibrary:
    def search(self, query, k=5):
        return []

ZichaApp.library = lambda self: NoLibrary()
from tui.cli import main
main(["--home", sys.argv[1]])
"""
# The session leader: like `sh -c "zicha; …"`, it takes the hang-up and zicha does not.
LEADER = """
import subprocess, sys
child = subprocess.Popen([sys.executable, "-c", sys.argv[1], sys.argv[2]])
sys.stdout.write(f"CHILD-PID={child.pid}\\n")
sys.stdout.flush()
child.wait()
"""


def _wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"waited {WAIT_SECONDS}s for {what}")


def _query(db: Path, sql: str, *args: object) -> list[tuple[object, ...]] | None:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, args).fetchall()
    except sqlite3.OperationalError:  # locked for a moment by the child: ask again
        return None
    finally:
        conn.close()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split(") ", 1)[1][:1] != "Z"


def test_closed_terminal_ends_zicha_and_frees_the_interview(
    home: Path, blank_report, no_library
) -> None:
    import fcntl
    import pty
    import struct
    import termios

    with ReportStore.open(home) as store:
        report_id = store.create(blank_report).id
    save_resume(home, ResumeState(report_id=report_id, screen="interview", actor=DEFAULT_ACTOR))
    db = home / "zicha.db"

    pid, fd = pty.fork()
    if pid == 0:
        env = dict(os.environ, TERM="xterm-256color", COLUMNS="100", LINES="30")
        env.pop("ZICHA_USER", None)
        os.execvpe(sys.executable, [sys.executable, "-c", LEADER, APP, str(home)], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
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
        _wait_for(lambda: b"CHILD-PID=" in screen, "the app process")
        child = int(bytes(screen).split(b"CHILD-PID=")[1].split(b"\r")[0].split(b"\n")[0])
        _wait_for(lambda: b"ORG-01" in screen, "the interview screen")
        _wait_for(lambda: _query(db, "SELECT owner FROM leases") == [(DEFAULT_ACTOR,)], "lease")
        time.sleep(1.0)  # let the answer box take focus after the first paint
        os.write(fd, TYPED.encode("utf-8"))
        _wait_for(lambda: "更换一次".encode() in screen, "the typed text on screen")
        stop.set()
        reader.join()
        os.close(fd)  # the terminal window is closed
        fd = -1
        os.waitpid(pid, 0)  # the session leader died of the hang-up
        _wait_for(lambda: not _alive(child), "zicha to leave its hung-up terminal")
    finally:
        stop.set()
        reader.join()
        if fd >= 0:
            os.close(fd)
        if child and _alive(child):
            os.kill(child, signal.SIGKILL)
    assert _query(db, "SELECT owner FROM leases") == []
    unsent = _query(
        db,
        "SELECT value FROM report_state WHERE report_id = ? AND key = 'interview.unsent'",
        report_id,
    )
    assert unsent == [(TYPED,)]
