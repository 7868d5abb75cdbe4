"""The full-screen app's own last line of defence: a bug in a handler ends the app with one
Chinese sentence naming a log file; the traceback is in that file, never on the screen."""

from __future__ import annotations

import os

import pytest

from tui.app import ZichaApp
from tui.screens.home import HomeScreen

pytestmark = pytest.mark.usefixtures("no_library")


class Boom(RuntimeError):
    pass


async def test_a_bug_in_a_handler_is_a_chinese_line_and_a_log(home, monkeypatch):
    def broken(self) -> None:
        secret = "zhang-pass-1"  # a local Textual's traceback would have printed
        raise Boom(f"unexpected {len(secret)}")

    monkeypatch.setattr(HomeScreen, "action_new", broken)
    app = ZichaApp(home, resume=False)
    with pytest.raises(Boom):  # run_test re-raises for the test; a user sees the sentence
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            await pilot.press("n")
            await pilot.pause()
            await pilot.pause()
    assert app.return_code == 1
    message = app.crash_message or ""
    assert "程序内部出错" in message and "Traceback" not in message
    logs = sorted((home / "logs").glob("zicha-error-*.log"))
    assert logs and str(logs[-1]) in message
    text = logs[-1].read_text(encoding="utf-8")
    assert "Traceback" in text and "Boom" in text
    if os.name == "posix":
        assert logs[-1].stat().st_mode & 0o077 == 0


CHILD = """
import sys
from tui.app import ZichaApp
from tui.screens.home import HomeScreen

class NoLibrary:
    def search(self, query, k=5):
        return []

def broken(self):
    password = "zhang-pass-1"
    raise RuntimeError("bug " + password)

ZichaApp.library = lambda self: NoLibrary()
HomeScreen.action_new = broken

async def press_n(pilot):
    await pilot.pause()
    await pilot.press("n")

app = ZichaApp(sys.argv[1], resume=False)
app.run(headless=True, size=(100, 30), auto_pilot=press_n)
sys.exit(app.return_code or 0)
"""


def test_what_the_terminal_shows_after_a_bug(home):
    import subprocess
    import sys

    home.mkdir(parents=True)
    run = subprocess.run(
        [sys.executable, "-c", CHILD, str(home)], capture_output=True, text=True, timeout=120
    )
    shown = run.stdout + run.stderr
    assert run.returncode == 1, shown[-2000:]
    # the console wraps a long path at its width (xdist's tmp paths are longer)
    assert "程序内部出错" in shown and str(home / "logs") in shown.replace("\n", "")
    assert "Traceback" not in shown and "zhang-pass-1" not in shown


async def test_an_unexpected_error_in_a_worker_is_a_notice_without_english(home):
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.notify_error(KeyError("section_key"))
        await pilot.pause()
        shown = [str(n.message) for n in app._notifications]
    assert any("操作未完成" in s for s in shown), shown
    assert not any("KeyError" in s or "section_key" in s for s in shown), shown
    assert sorted((home / "logs").glob("zicha-error-*.log"))
