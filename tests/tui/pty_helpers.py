"""Running zicha in a child process on a pseudo-terminal (POSIX only), and watching its
database from the test while it runs."""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from pathlib import Path

from report.labels import DEFAULT_ACTOR
from report.models import Report
from report.store import ReportStore
from tui.resume import ResumeState, save_resume

WAIT_SECONDS = 120  # generous: a loaded 2-core machine starts Textual slowly
COLUMNS, LINES = 100, 30


def wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"waited {WAIT_SECONDS}s for {what}")


def query(db: Path, sql: str, *args: object) -> list[tuple[object, ...]] | None:
    """The rows, or None while the child holds the database locked (ask again)."""
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, args).fetchall()
    except sqlite3.OperationalError:  # locked for a moment by the child: ask again
        return None
    finally:
        conn.close()


def unsent_text(db: Path, report_id: int) -> str | None:
    """The text kept in the answer box as unsent, as stored (None: none, or locked)."""
    rows = query(
        db,
        "SELECT value FROM report_state WHERE report_id = ? AND key = 'interview.unsent'",
        report_id,
    )
    return str(rows[0][0]) if rows else None


def interview_to_resume(home: Path, report: Report) -> tuple[int, Path]:
    """Store report and leave the data home so that zicha starts on its interview:
    (report id, database file)."""
    with ReportStore.open(home) as store:
        report_id = store.create(report).id or 0
    save_resume(home, ResumeState(report_id=report_id, screen="interview", actor=DEFAULT_ACTOR))
    return report_id, home / "zicha.db"


def fork_on_pty(*args: str) -> tuple[int, int]:
    """`python -c args…` in a child on a new COLUMNS x LINES pseudo-terminal, as nobody
    logged in: (child pid, the terminal's master fd)."""
    import fcntl
    import pty
    import struct
    import termios

    pid, fd = pty.fork()
    if pid == 0:  # the child
        env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(LINES))
        env.pop("ZICHA_USER", None)
        os.execvpe(sys.executable, [sys.executable, "-c", *args], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    return pid, fd
