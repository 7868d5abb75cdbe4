"""The multi-line answer box: Ctrl+S sends (Alt+Enter / Ctrl+Enter where the terminal has them)."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.message import Message

from tui.keys import after_typed_keys
from tui.widgets.cjk_text_area import CjkTextArea

SEND_LABEL = "发送"


class AnswerBox(CjkTextArea):
    """Posts AnswerBox.Submitted with the text; the screen clears it once the answer is saved.

    Ctrl+S reaches the app in xterm, GNOME Terminal, Windows Terminal and tmux, because
    Textual puts the tty in raw mode (no XON/XOFF). Plain Enter stays a newline so that
    pasted paragraphs and input-method commits are never sent half-way.
    """

    BINDINGS = [
        Binding("ctrl+s", "submit", SEND_LABEL, priority=True),
        Binding("alt+enter,ctrl+enter", "submit", SEND_LABEL, show=False),
    ]

    class Submitted(Message):
        def __init__(self, box: AnswerBox, text: str) -> None:
            super().__init__()
            self.box = box
            self.text = text

        @property
        def control(self) -> AnswerBox:
            return self.box

    class EmptyEnter(Message):
        """Enter in an empty box while a proposed status waits: confirm it."""

        def __init__(self, box: AnswerBox) -> None:
            super().__init__()
            self.box = box

        @property
        def control(self) -> AnswerBox:
            return self.box

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(text, id=id, soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
        # Set by the screen while a proposed status waits for the officer's Enter.
        self.confirm_waiting = False

    async def _on_key(self, event: events.Key) -> None:
        if (
            event.key == "enter"
            and self.confirm_waiting
            and not self.read_only
            and not self.text.strip()
        ):
            event.stop()
            event.prevent_default()
            self.post_message(self.EmptyEnter(self))
            return
        await super()._on_key(event)

    async def _on_paste(self, event: events.Paste) -> None:
        # A paste may carry terminal escapes or other controls: only text reaches the box.
        from report.limits import clean_text

        event.prevent_default()
        if self.read_only:
            return
        text = clean_text(event.text)
        if text:
            result = self.replace(text, *self.selection)
            self.move_cursor(result.end_location)
            self.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A locked box offers no 发送: Ctrl+S then reaches the screen, which says why.
        if action == "submit" and self.read_only:
            return False
        return True

    @after_typed_keys
    def action_submit(self) -> None:
        self.post_message(self.Submitted(self, self.text))
