"""One-line input boxes drop control characters as they are typed or pasted, not only when the
value is stored: what the officer sees in the box is what is stored (issue 11 follow-up)."""

from __future__ import annotations

import re
from pathlib import Path

from textual import events
from textual.widgets import Input
from tui_helpers import press_for, settle

from report.store import ReportStore
from tui.app import ZichaApp
from tui.screens.login import LoginScreen
from tui.screens.new_report import NewReportScreen

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
PASTED = "某县\x1b[2J社会保险\x1b]0;pwned\x07事业局\x9b31m"
SEEN = "某县[2J社会保险]0;pwned事业局31m"


async def paste(pilot, text: str) -> None:
    pilot.app.post_message(events.Paste(text))  # as the terminal driver delivers it
    await settle(pilot)


async def test_a_pasted_unit_is_clean_in_the_box_and_stored_as_shown(home: Path) -> None:
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 40)) as pilot:
        form = await press_for(pilot, "n", NewReportScreen)
        unit = form.query_one("#f-unit", Input)
        unit.focus()
        await settle(pilot)
        await paste(pilot, PASTED)
        assert unit.value == SEEN  # in the box now, before anything is saved
        assert unit.cursor_position == len(SEEN)  # right after the pasted text
        await pilot.press(*"试行")  # typing goes on where the paste ended
        assert unit.value == SEEN + "试行"
        unit.value = unit.value + "\x1b"  # set directly (a program, an input method)
        assert unit.value == SEEN + "试行"
        shown = unit.value
        for field, text in (
            ("addressee", "市社会保险事业管理处"),
            ("basis_title", "关于开展内部控制检查评估工作的通知"),
            ("basis_number", "某社险函〔2026〕71号"),
        ):
            form.query_one(f"#f-{field}", Input).value = text
        await pilot.press("ctrl+s")
        await settle(pilot)
    with ReportStore.open(home) as store:
        [summary] = store.list()
        assert store.get(summary.id).unit == shown


async def test_pasted_tabs_and_escapes_never_reach_the_login_boxes(home: Path) -> None:
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(LoginScreen())
        await settle(pilot)
        name = app.screen.query_one("#login-name", Input)
        name.focus()
        await paste(pilot, "张\t三\x1b[0m\n第二行")
        assert name.value == "张 三[0m"  # one line, no controls
        password = app.screen.query_one("#login-password", Input)
        password.focus()
        await paste(pilot, "pass\x00word\x7f")
        assert password.value == "password"
        assert not any(CONTROL.search(i.value) for i in app.screen.query(Input))
