"""A modal multi-line editor: dismisses with the edited text, or None when cancelled."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Static

from tui import strings as S
from tui.keys import HELP_FIRST, after_typed_keys
from tui.unsent import KeepsUnsentText
from tui.widgets.cjk_text_area import CjkTextArea

if TYPE_CHECKING:
    from tui.unsent import UnsentSlot


class TextEditScreen(KeepsUnsentText):
    BINDINGS = [
        HELP_FIRST,
        Binding("ctrl+s", "save", S.TEXT_EDIT["save"], priority=True),
        Binding("escape", "cancel", S.TEXT_EDIT["cancel"]),
    ]

    def __init__(self, title: str, text: str = "", unsent: UnsentSlot | None = None) -> None:
        """unsent: where what is typed is kept until the screen has saved it (it drops the
        slot then; Esc drops it too), so a closed terminal or a refused save loses nothing."""
        super().__init__("text-edit-area", unsent)
        self.title_text = title
        kept = self.kept
        self.restored = kept is not None and kept.strip() != text.strip()
        self.initial = kept if self.restored and kept is not None else text

    def compose(self) -> ComposeResult:
        with Vertical(id="text-edit-box", classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            if self.restored:
                yield Static(S.TEXT_EDIT["restored"], id="text-edit-restored")
            yield CjkTextArea(self.initial, id="text-edit-area", soft_wrap=True)
            yield Static("", id="text-edit-error", classes="field-error")
        yield Footer(compact=True)

    @after_typed_keys
    def action_save(self) -> None:
        text = self.value.strip()
        if not text:
            self.query_one("#text-edit-error", Static).update(S.TEXT_EDIT["empty"])
            return
        self.save_draft()
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.drop_unsent()
        self.dismiss(None)
