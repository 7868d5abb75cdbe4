"""A modal multi-line editor: dismisses with the edited text, or None when cancelled."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static, TextArea

from tui import strings as S
from tui.keys import HELP_FIRST, after_typed_keys


class TextEditScreen(ModalScreen[str | None]):
    BINDINGS = [
        HELP_FIRST,
        Binding("ctrl+s", "save", S.TEXT_EDIT["save"], priority=True),
        Binding("escape", "cancel", S.TEXT_EDIT["cancel"]),
    ]

    def __init__(self, title: str, text: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.initial = text

    def compose(self) -> ComposeResult:
        with Vertical(id="text-edit-box", classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            yield TextArea(self.initial, id="text-edit-area", soft_wrap=True)
            yield Static("", id="text-edit-error", classes="field-error")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        area = self.query_one("#text-edit-area", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @after_typed_keys
    def action_save(self) -> None:
        text = self.query_one("#text-edit-area", TextArea).text.strip()
        if not text:
            self.query_one("#text-edit-error", Static).update(S.TEXT_EDIT["empty"])
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)
