"""Startup time of `zicha` (process start -> home screen ready) next to a minimal Textual app.

Not a test. Each run starts a fresh process on a pseudo-terminal (so Textual uses its real
terminal driver), the two apps alternating. Each app writes time.time() to a file once its
first screen has been refreshed and then exits; the figure is that stamp minus the moment
just before the process was spawned. For zicha, Home signals it after the refresh that shows
the reports list (the progress bars are counted afterwards, in a worker).

    .venv/bin/python benchmarks/startup_bench.py [-n 15] [--db postgresql://…]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COLS, ROWS = 100, 30


def minimal_child(stamp: str) -> None:
    """The baseline: a Textual app with a header, one line of text and a footer."""
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class Minimal(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("hello")
            yield Footer()

        def on_mount(self) -> None:
            self.call_after_refresh(self.ready)

        def ready(self) -> None:
            Path(stamp).write_text(repr(time.time()), encoding="utf-8")
            self.exit()

    Minimal().run()


def _drain(fd: int) -> None:
    # The child writes escape sequences to the terminal; keep reading so it never blocks.
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass


def run_once(cmd: list[str], env: dict[str, str], stamp: Path) -> tuple[float, float]:
    """(seconds to ready, seconds to exit) for one process on a fresh pty."""
    stamp.unlink(missing_ok=True)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    reader = threading.Thread(target=_drain, args=(master,), daemon=True)
    reader.start()
    t0 = time.time()
    proc = subprocess.Popen(
        cmd, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    code = proc.wait(timeout=60)
    t_exit = time.time()
    os.close(master)
    reader.join(timeout=2)
    if code != 0 or not stamp.exists():
        raise SystemExit(f"{cmd[0]} exited with {code} without reaching its first screen")
    return float(stamp.read_text()) - t0, t_exit - t0


def seed_home(home: Path, db: str | None = None) -> None:
    """A home with a few reports, so Home has a table to fill (in db when given)."""
    sys.path.insert(0, str(REPO))
    from report.answers import load_answers
    from report.store import ReportStore

    with ReportStore.open(home, db) as store:
        for _ in range(3):
            store.create(load_answers(REPO / "examples" / "answers.yaml").new_report())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=15, help="runs of each app (default 15)")
    parser.add_argument("--minimal-child", metavar="STAMP", help=argparse.SUPPRESS)
    parser.add_argument(
        "--db", default=None, help="the report store on PostgreSQL: an empty database's URL"
    )
    args = parser.parse_args()
    if args.minimal_child:
        minimal_child(args.minimal_child)
        return

    work = Path(tempfile.mkdtemp(prefix="zicha-bench-"))
    home = work / "home"
    seed_home(home, args.db)
    stamp = work / "ready"
    env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(COLS), LINES=str(ROWS))
    env.update(ZICHA_EXIT_WHEN_READY="1", ZICHA_READY_STAMP=str(stamp))
    zicha = str(Path(sys.executable).parent / "zicha")
    commands = {
        "zicha": [zicha, "--home", str(home), *(["--db", args.db] if args.db else [])],
        "minimal Textual app": [sys.executable, __file__, "--minimal-child", str(stamp)],
    }
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for cmd in commands.values():  # warm-up: disk cache, .pyc files
        run_once(cmd, env, stamp)
    for _ in range(args.n):
        for name, cmd in commands.items():
            results[name].append(run_once(cmd, env, stamp))

    print(f"startup, {args.n} runs each, {COLS}x{ROWS} pty, Python {sys.version.split()[0]}")
    print(f"report store: {'PostgreSQL' if args.db else 'SQLite (zicha.db)'}")
    print(f"{'app':<22}{'ready min':>11}{'ready median':>14}{'exit median':>13}")
    for name, runs in results.items():
        ready = [r for r, _ in runs]
        done = [e for _, e in runs]
        print(
            f"{name:<22}{min(ready) * 1000:>9.0f}ms{statistics.median(ready) * 1000:>12.0f}ms"
            f"{statistics.median(done) * 1000:>11.0f}ms"
        )
    z = statistics.median(r for r, _ in results["zicha"])
    m = statistics.median(r for r, _ in results["minimal Textual app"])
    print(f"ratio zicha / minimal (median ready): {z / m:.2f}x  (target <= 1.50x)")


if __name__ == "__main__":
    main()
