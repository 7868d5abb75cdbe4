"""Dialogs of the yearly cycle: a file path (ledger out/in, evidence files) and the ledger diff."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from tui.widgets.line_input import LineInput


class PathInputScreen(ModalScreen[str | None]):
    """Asks for a path; dismisses with the typed text (stripped), or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "取消")]

    def __init__(self, title: str, hint: str, initial: str = "", ok: str = "确定") -> None:
        super().__init__()
        self.title_text = title
        self.hint = hint
        self.initial = initial
        self.ok = ok

    def compose(self) -> ComposeResult:
        with Vertical(id="path-box", classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            yield Static(self.hint)
            yield LineInput(self.initial, id="path-input")
            yield Static("", id="path-error", classes="field-error")
            with Horizontal(classes="buttons"):
                yield Button(self.ok, id="path-ok", variant="primary")
                yield Button("取消", id="path-cancel")

    def on_mount(self) -> None:
        self.query_one("#path-input", Input).focus()

    @on(Input.Submitted, "#path-input")
    @on(Button.Pressed, "#path-ok")
    def _ok(self) -> None:
        text = self.query_one("#path-input", Input).value.strip().strip('"')
        if not text:
            self.query_one("#path-error", Static).update("请填写文件路径。")
            return
        self.dismiss(text)

    @on(Button.Pressed, "#path-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ApplyLedgerScreen(ModalScreen[bool]):
    """Shows what a ledger import would change; dismisses True only on 更新."""

    BINDINGS = [Binding("escape", "cancel", "取消")]

    def __init__(self, text: str, notes: list[str]) -> None:
        super().__init__()
        self.text = text
        self.notes = notes

    def compose(self) -> ComposeResult:
        with Vertical(id="ledger-box", classes="dialog"):
            yield Static("导入整改台账：将更新以下内容", classes="dialog-title")
            with VerticalScroll(id="ledger-diff"):
                yield Static(self.text, markup=False)
                for note in self.notes:
                    yield Static(f"提示：{note}", markup=False, classes="field-error")
            with Horizontal(classes="buttons"):
                yield Button("更新报告", id="ledger-apply", variant="primary")
                yield Button("取消", id="ledger-cancel")

    def on_mount(self) -> None:
        self.query_one("#ledger-cancel", Button).focus()

    @on(Button.Pressed, "#ledger-apply")
    def _apply(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#ledger-cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
