"""F1 help over the interview lists only Chinese key descriptions (no TextArea "Cursor up")."""

from __future__ import annotations

import re

from tui_helpers import open_interview

from tui.app import ZichaApp
from tui.screens.help import HelpScreen
from tui.widgets.answer_box import AnswerBox


async def test_help_over_answer_box_has_no_english_rows(home, store, blank_report, no_library):
    report = store.create(blank_report)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_interview(pilot, report.id)
        assert screen.focused is screen.query_one(AnswerBox)
        await pilot.press("f1")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        from tui.help_text import keys_table

        table = keys_table(screen)
        rows = [line for line in table.splitlines() if line.startswith("| `")]
        assert any("发送" in row for row in rows)
        for row in rows:
            description = row.rsplit("|", 2)[-2]
            assert not re.search(r"[A-Za-z]{3,}", description), row


async def test_help_on_home_lists_enter_as_open(home, store, blank_report):
    """The reports table binds Enter in English; Home's own 打开 is what F1 shows for it."""
    store.create(blank_report)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        from tui.help_text import keys_table

        table = keys_table(app.screen)
        assert any(line.endswith("| 打开 |") for line in table.splitlines())
