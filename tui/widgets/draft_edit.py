"""Edit one paragraph of the draft in a modal TextArea; Ctrl+S saves, Esc twice discards."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static, TextArea

from tui.keys import HELP_FIRST, after_typed_keys
from tui.widgets.cjk_text_area import CjkTextArea

TEXT = {
    "save": "保存（Ctrl+S）",
    "cancel": "取消（Esc）",
    "empty": "内容不能为空。要去掉这一段，请在访谈中跳过该要点。",
    "discard": "内容已修改。再按一次 Esc 放弃修改，按 Ctrl+S 保存。",
    "hint": "直接修改文字；编号由系统生成，不必输入。",
}


class EditParagraphScreen(ModalScreen[str | None]):
    """Dismisses with the new text, or None when the user cancels."""

    DEFAULT_CSS = """
    EditParagraphScreen { align: center middle; }
    EditParagraphScreen #edit-box {
        width: 90; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    EditParagraphScreen #edit-hint { color: $text-muted; }
    EditParagraphScreen #edit-text { height: auto; min-height: 6; max-height: 14; }
    EditParagraphScreen .buttons { margin-top: 0; height: 1; }
    """
    BINDINGS = [
        HELP_FIRST,
        Binding("ctrl+s", "save", "保存", priority=True),
        Binding("escape", "cancel", "取消", priority=True),
    ]

    def __init__(
        self,
        heading: str,
        original: str,
        notice: str = "",
        draft: str | None = None,
        keep_unsaved: Callable[[str | None], None] | None = None,
    ) -> None:
        """original: the saved text; draft: what to start editing with (the user's own retry);
        keep_unsaved: called on quit with the changed text (None when unchanged)."""
        super().__init__()
        self.heading = heading
        self.original = original
        self.draft = original if draft is None else draft
        self.notice = notice
        self.keep_unsaved = keep_unsaved
        self._warned = False

    def save_draft(self) -> None:
        """Called by the app before it quits: what was typed here must survive."""
        if self.keep_unsaved is not None:
            changed = self.value.strip() != self.original.strip()
            self.keep_unsaved(self.value if changed else None)

    def compose(self) -> ComposeResult:
        with Vertical(id="edit-box"):
            yield Static(Text(self.heading, "bold"), id="edit-heading")
            yield Static(Text(self.notice or TEXT["hint"]), id="edit-hint")
            yield CjkTextArea(self.draft, id="edit-text", soft_wrap=True, show_line_numbers=False)
            yield Static("", id="edit-error", classes="field-error")
            with Horizontal(classes="buttons"):
                yield Button(TEXT["save"], id="edit-save", variant="primary", compact=True)
                yield Button(TEXT["cancel"], id="edit-cancel", compact=True)
        yield Footer(compact=True)  # not the draft's keys, which do nothing here

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @property
    def value(self) -> str:
        return self.query_one(TextArea).text

    @on(Button.Pressed, "#edit-save")
    @after_typed_keys
    def action_save(self) -> None:
        text = self.value.strip()
        if not text:
            self._error(TEXT["empty"])
            return
        self.dismiss(None if text == self.original.strip() else text)

    @on(Button.Pressed, "#edit-cancel")
    def action_cancel(self) -> None:
        if self.value.strip() != self.original.strip() and not self._warned:
            self._warned = True
            self._error(TEXT["discard"])
            return
        self.dismiss(None)

    def _error(self, text: str) -> None:
        self.query_one("#edit-error", Static).update(Text(text))
