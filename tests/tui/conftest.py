"""Fixtures for the TUI tests.

Every TUI test runs with the text cursors not blinking (a blink timer firing between two
frames made the snapshot tests flaky); snapshot tests also get a fixed clock and time zone
(`fixed_clock`, used by the snapshot modules) and a fixed terminal size (their SIZE).
"""

from __future__ import annotations

import inspect
import os
import time
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from tui.app import ZichaApp

FIXED_NOW = "2026-11-20T09:30:00+08:00"
TUI_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A test that drives the whole Textual app (async, or a snapshot) is `slow`: these take
    most of the run, and `make test-fast` leaves them out. CI runs everything."""
    for item in items:
        if TUI_DIR not in Path(str(item.path)).parents:
            continue
        func = getattr(item, "function", None)
        fixtures = getattr(item, "fixturenames", ())
        if inspect.iscoroutinefunction(func) or "snap_compare" in fixtures:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """Inputs and text areas start with cursor_blink off: the cursor is drawn, steadily."""
    for widget in (Input, TextArea):
        reactive = widget.__dict__["cursor_blink"]
        monkeypatch.setattr(reactive, "_default", False)


@pytest.fixture
def fixed_clock(monkeypatch: pytest.MonkeyPatch):
    """Every time the store writes is FIXED_NOW, shown in Beijing time whatever the machine's."""
    from report import audit

    monkeypatch.setattr(audit, "now_iso", lambda: FIXED_NOW)
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield FIXED_NOW
    monkeypatch.undo()
    if "TZ" not in os.environ:
        time.tzset()


class NoLibrary:
    """An empty regulation library: the interview shows no excerpts and never builds an index."""

    def search(self, query: str, k: int = 5) -> list:
        return []

    def documents(self) -> list:
        return []  # the library screen's 文档 tab: nothing imported


@pytest.fixture
def no_library(monkeypatch: pytest.MonkeyPatch) -> NoLibrary:
    lib = NoLibrary()
    monkeypatch.setattr(ZichaApp, "library", lambda self: lib)
    return lib
