"""Both text dialogs (the review's TextDialog, the interview's TextEditScreen) keep unsent text the
same way: what is typed reaches the slot after a quiet moment, a kept text is offered again with
a note saying so, Ctrl+S leaves it for the screen to drop once posted, Esc discards it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.app import App
from textual.screen import ModalScreen
from textual.widgets import TextArea

from tui.screens.review_dialogs import TextDialog
from tui.screens.text_edit import TextEditScreen
from tui.unsent import UnsentSlot

KEPT = "人手不足时的交叉复核要写明具体办法。"
TYPED = "补充依据的制度名称"

Dialog = Callable[[UnsentSlot], ModalScreen[str | None]]
DIALOGS: list[tuple[Dialog, str]] = [
    (lambda slot: TextDialog("批注", unsent=slot), "#text-dialog-hint"),
    (lambda slot: TextEditScreen("改写", unsent=slot), "#text-edit-restored"),
]
IDS = ["review-text-dialog", "interview-text-edit"]


class HostApp(App[None]):
    def __init__(self, dialog: ModalScreen[str | None]) -> None:
        super().__init__()
        self.dialog = dialog
        self.result: list[str | None] = []

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.result.append)


def _slot(home: Path) -> UnsentSlot:
    return UnsentSlot(home=home, key="li/report-1/review.comment")


@pytest.mark.parametrize(("make", "note"), DIALOGS, ids=IDS)
async def test_kept_text_is_offered_again_and_stays_until_posted(
    tmp_path: Path, make: Dialog, note: str
) -> None:
    slot = _slot(tmp_path)
    slot.keep(KEPT)
    app = HostApp(make(slot))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(TextArea).text == KEPT
        assert "已恢复" in str(app.screen.query_one(note).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result == [KEPT]
    assert slot.recall() == KEPT  # the screen drops it once posted, not the dialog


@pytest.mark.parametrize(("make", "note"), DIALOGS, ids=IDS)
async def test_typing_is_kept_after_a_quiet_moment(tmp_path: Path, make: Dialog, note: str) -> None:
    slot = _slot(tmp_path)
    app = HostApp(make(slot))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not app.screen.query(note)  # nothing kept: nothing offered
        app.screen.query_one(TextArea).insert(TYPED)
        for _ in range(100):  # the debounce fires after KEEP_AFTER_S; a slow machine waits longer
            if slot.recall() is not None:
                break
            await pilot.pause(0.1)
        assert slot.recall() == TYPED


@pytest.mark.parametrize(("make", "note"), DIALOGS, ids=IDS)
async def test_escape_discards_the_kept_text(tmp_path: Path, make: Dialog, note: str) -> None:
    slot = _slot(tmp_path)
    slot.keep(KEPT)
    app = HostApp(make(slot))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert app.result == [None]
    assert slot.recall() is None
