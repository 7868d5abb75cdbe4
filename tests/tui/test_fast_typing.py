"""Ctrl+S right after fast typing (an input-method commit, tmux send-keys) keeps every character.

Ctrl+S is a priority binding: the app handles it on arrival, while the characters typed before
it may still be queued at the focused widget. These tests queue the keys in one go, as a
terminal delivers a burst, and check that nothing typed before Ctrl+S is lost.
"""

from __future__ import annotations

from textual import events
from textual.app import App

from tui.screens.review_dialogs import TextDialog
from tui.widgets.answer_box import AnswerBox

TYPED = "请补充人手不足时如何交叉复核依据哪项制度"


def burst(app: App, text: str) -> None:
    for ch in text:
        app.post_message(events.Key(ch, ch))
    app.post_message(events.Key("ctrl+s", None))


class DialogApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.result: list[str | None] = []

    def on_mount(self) -> None:
        self.push_screen(TextDialog("退回修改"), self.result.append)


async def test_text_dialog_keeps_a_burst_typed_before_ctrl_s():
    app = DialogApp()
    async with app.run_test() as pilot:
        await pilot.pause()
        burst(app, TYPED)
        for _ in range(5):
            await pilot.pause()
    assert app.result == [TYPED]


class BoxApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.sent: list[str] = []

    def compose(self):
        yield AnswerBox(id="answer")

    def on_mount(self) -> None:
        self.query_one(AnswerBox).focus()

    def on_answer_box_submitted(self, event: AnswerBox.Submitted) -> None:
        self.sent.append(event.text)


async def test_answer_box_keeps_a_burst_typed_before_ctrl_s():
    app = BoxApp()
    async with app.run_test() as pilot:
        await pilot.pause()
        burst(app, TYPED)
        for _ in range(5):
            await pilot.pause()
    assert app.sent == [TYPED]
