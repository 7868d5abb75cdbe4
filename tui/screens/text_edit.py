"""A modal multi-line editor: dismisses with the edited text, or None when cancelled."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static, TextArea

from tui import strings as S
from tui.keys import HELP_FIRST, after_typed_keys

if TYPE_CHECKING:
    from textual.timer import Timer

    from tui.unsent import UnsentSlot


class TextEditScreen(ModalScreen[str | None]):
    BINDINGS = [
        HELP_FIRST,
        Binding("ctrl+s", "save", S.TEXT_EDIT["save"], priority=True),
        Binding("escape", "cancel", S.TEXT_EDIT["cancel"]),
    ]

    KEEP_AFTER_S = 0.5  # quiet time before what was typed is written to the slot

    def __init__(self, title: str, text: str = "", unsent: UnsentSlot | None = None) -> None:
        """unsent: where what is typed is kept until the screen has saved it (it drops the
        slot then; Esc drops it too), so a closed terminal or a refused save loses nothing."""
        super().__init__()
        self.title_text = title
        self.unsent = unsent
        kept = unsent.recall() if unsent is not None else None
        self.restored = kept is not None and kept.strip() != text.strip()
        self.initial = kept if self.restored and kept is not None else text
        self._keep_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="text-edit-box", classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            if self.restored:
                yield Static(S.TEXT_EDIT["restored"], id="text-edit-restored")
            yield TextArea(self.initial, id="text-edit-area", soft_wrap=True)
            yield Static("", id="text-edit-error", classes="field-error")
        yield Footer(compact=True)

    @on(TextArea.Changed, "#text-edit-area")
    def _typed(self) -> None:
        if self.unsent is None:
            return
        if self._keep_timer is not None:
            self._keep_timer.stop()
        self._keep_timer = self.set_timer(self.KEEP_AFTER_S, self.save_draft)

    def save_draft(self) -> None:
        """Also called by the app before it quits or when the terminal is gone."""
        if self.unsent is not None and self.is_mounted:
            self.unsent.keep(self.query_one("#text-edit-area", TextArea).text)

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
        self.save_draft()
        self.dismiss(text)

    def action_cancel(self) -> None:
        if self.unsent is not None:
            self.unsent.drop()
        self.dismiss(None)
