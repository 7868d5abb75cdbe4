"""With users present, every write from the TUI is made as the logged-in user (never 本机用户)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from textual.widgets import Input
from tui_helpers import NEW_REPORT_FORM, fill_form, settle

from report import users
from report.errors import PermissionDenied
from report.store import ReportStore
from tui.app import ZichaApp
from tui.screens.confirm import ConfirmScreen
from tui.screens.home import HomeScreen
from tui.screens.interview import InterviewScreen
from tui.screens.new_report import NewReportScreen
from tui.widgets.answer_box import AnswerBox

PASSWORDS = {"admin": "admin-pass-1", "zhang": "zhang-pass-1"}
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "answers.yaml"


def audit_rows(home: Path) -> list[tuple[str, str, int | None]]:
    conn = sqlite3.connect(home / "zicha.db")
    try:
        return conn.execute("SELECT actor, action, report_id FROM audit ORDER BY id").fetchall()
    finally:
        conn.close()


async def test_officer_creates_answers_imports_and_deletes_as_themself(
    home: Path, no_library
) -> None:
    with ReportStore.open(home) as store:
        users.add_user(store.conn, "admin", "admin", PASSWORDS["admin"], "本机用户")
        users.add_user(store.conn, "zhang", "officer", PASSWORDS["zhang"], "admin")
        users.set_password(store.conn, "zhang", PASSWORDS["zhang"], "zhang")  # not temporary
    before = len(audit_rows(home))

    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.screen.query_one("#login-name", Input).value = "zhang"
        app.screen.query_one("#login-password", Input).value = PASSWORDS["zhang"]
        app.screen.query_one("#login-password", Input).focus()
        await pilot.press("enter")
        await settle(pilot)  # the password is checked in a worker
        assert isinstance(app.screen, HomeScreen) and app.actor == "zhang"

        # New report through the form; it opens the interview.
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, NewReportScreen)
        fill_form(form, NEW_REPORT_FORM)
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        new_id = screen.report_id

        # One answer through the interview engine.
        screen.query_one(
            AnswerBox
        ).text = "我局按三定方案设5个科室，核定编制28名，岗位职责写在2025年印发的岗位职责手册里。"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)

        # Import from an answers file.
        await pilot.press("i")
        await pilot.pause()
        app.screen.query_one("#import-path", Input).value = str(EXAMPLE)
        await pilot.press("enter")
        await settle(pilot)
        imported_id = app.screen.report_id
        await pilot.press("escape")
        await settle(pilot)

        # Delete the first report (typed confirmation).
        home_screen = app.screen
        assert isinstance(home_screen, HomeScreen)
        home_screen.refresh_reports(select=new_id)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        app.screen.query_one("#confirm-input", Input).value = "删除"
        await pilot.press("enter")
        await settle(pilot)

    rows = audit_rows(home)[before:]
    assert ("zhang", "create", new_id) in rows
    assert ("zhang", "answer", new_id) in rows
    assert ("zhang", "import", imported_id) in rows
    assert ("zhang", "delete", new_id) in rows
    assert {actor for actor, _, _ in rows} == {"zhang"}
    with ReportStore.open(home) as store:
        assert store.get(imported_id).created_by == "zhang"
        assert [r.id for r in store.list()] == [imported_id]


def test_the_local_user_is_refused_once_users_exist(home: Path, blank_report) -> None:
    with ReportStore.open(home) as store:
        users.add_user(store.conn, "admin", "admin", PASSWORDS["admin"], "本机用户")
        with pytest.raises(PermissionDenied, match="请先登录"):
            store.create(blank_report)  # default actor 本机用户
        assert store.list() == []
