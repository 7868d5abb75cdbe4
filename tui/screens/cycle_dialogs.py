"""Dialogs of the yearly cycle: a file path (ledger out/in, evidence files) and the ledger diff."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from tui.widgets.line_input import LineInput


class PathInputScreen(ModalScreen[Any]):
    """Asks for a path; dismisses with the typed text (stripped), or None when cancelled.

    With `use`, the dialog stays open while `use(text)` runs in a thread worker and dismisses
    with its result; a refusal (a missing file, not a ledger...) is shown in the dialog, which
    keeps what was typed so it can be corrected.
    """

    BINDINGS = [Binding("escape", "cancel", "取消")]

    def __init__(
        self,
        title: str,
        hint: str,
        initial: str = "",
        ok: str = "确定",
        use: Callable[[str], Any] | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.hint = hint
        self.initial = initial
        self.ok = ok
        self.use = use

    def compose(self) -> ComposeResult:
        with Vertical(id="path-box", classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            yield Static(self.hint)
            yield LineInput(self.initial, id="path-input")
            yield Static("", id="path-error", classes="field-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(self.ok, id="path-ok", variant="primary")
                yield Button("取消", id="path-cancel")

    def on_mount(self) -> None:
        self.query_one("#path-input", Input).focus()

    def show_error(self, text: str) -> None:
        self.query_one("#path-error", Static).update(text)
        self.query_one("#path-ok", Button).disabled = False
        self.query_one("#path-input", Input).focus()

    @on(Input.Submitted, "#path-input")
    @on(Button.Pressed, "#path-ok")
    def _ok(self) -> None:
        ok = self.query_one("#path-ok", Button)
        if ok.disabled:
            return  # the file is being read: one at a time
        text = self.query_one("#path-input", Input).value.strip().strip('"')
        if not text:
            self.show_error("请填写文件路径。")
            return
        if self.use is None:
            self.dismiss(text)
            return
        from tui.jobs import run_job

        use = self.use
        ok.disabled = True
        self.query_one("#path-error", Static).update("正在读取……")
        run_job(self, lambda: use(text), self._done, failed=self._failed, group="path")

    def _done(self, result: Any) -> None:
        self.dismiss(result)

    def _failed(self, exc: Exception) -> None:
        from report.errors import ZichaError

        if isinstance(exc, ZichaError):
            self.show_error(str(exc))
            return
        self.app.notify_error(exc)  # type: ignore[attr-defined]  # ZichaApp: logged, in Chinese
        self.show_error("未能完成，文件和报告都没有改动。请检查路径后再试，或按 Esc 取消。")

    @on(Button.Pressed, "#path-cancel")
    def action_cancel(self) -> None:
        if self.query_one("#path-ok", Button).disabled:
            return  # a file is being read or written: its outcome is shown here first
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
