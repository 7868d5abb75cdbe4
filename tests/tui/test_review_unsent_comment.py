"""A reviewer's comment typed but not posted survives the app going away (the terminal closed:
the app keeps every open dialog's text, as it does the interview's answer box), is offered
again on the same paragraph, and is gone once posted. Esc discards it on purpose."""

from __future__ import annotations

from pathlib import Path

from test_review_screen import _highlight_point, _setup
from textual.widgets import DataTable, TextArea
from tui_helpers import settle

from report import comments
from report.store import ReportStore
from tui.app import ZichaApp
from tui.screens.review import ReviewScreen
from tui.screens.review_dialogs import TextDialog

TYPED = "人手不足时的交叉复核要写明具体办法，并补充依据的制度名称。"


async def _open_comment(pilot) -> TextDialog:
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)
    _highlight_point(screen, "领导小组")
    await pilot.press("c")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, TextDialog)
    return dialog


async def _review(pilot) -> None:
    await pilot.press("v")
    await settle(pilot)
    pilot.app.screen.query_one("#review-queue", DataTable).focus()
    await pilot.press("enter")
    await settle(pilot)


async def test_unposted_comment_comes_back_after_the_app_went_away(
    home: Path, complete_answers: Path
) -> None:
    rid = _setup(home, complete_answers)
    app = ZichaApp(home, actor="li", resume=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await _review(pilot)
        dialog = await _open_comment(pilot)
        dialog.query_one(TextArea).insert(TYPED)
        await pilot.pause()
        app.save_drafts()  # what the app does when the terminal goes away or on Ctrl+Q

    app = ZichaApp(home, actor="li", resume=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await _review(pilot)
        dialog = await _open_comment(pilot)
        assert dialog.query_one(TextArea).text == TYPED
        assert "已恢复上次没有发出的文字" in str(dialog.query_one("#text-dialog-hint").render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        with ReportStore.open(home) as store:
            [thread] = comments.threads(store.conn, rid)
            assert thread.comment.body == TYPED
        dialog = await _open_comment(pilot)  # posted: nothing is offered again
        assert dialog.query_one(TextArea).text == ""


async def test_escape_discards_the_comment(home: Path, complete_answers: Path) -> None:
    _setup(home, complete_answers)
    app = ZichaApp(home, actor="li", resume=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await _review(pilot)
        dialog = await _open_comment(pilot)
        dialog.query_one(TextArea).insert("不要了")
        app.save_drafts()
        await pilot.press("escape")
        await settle(pilot)
        dialog = await _open_comment(pilot)
        assert dialog.query_one(TextArea).text == ""
