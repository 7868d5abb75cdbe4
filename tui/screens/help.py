"""F1 help: the keys of the screen underneath and a short how-to, in Chinese."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tui import strings as S
from tui.help_text import help_page
from tui.widgets.cjk_text import WrappedStatic


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "close", "关闭"),
        Binding("f1", "close", "关闭", show=False, priority=True),
        Binding("q", "close", show=False),
    ]

    def __init__(self, under: Screen[Any]) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box", classes="dialog"):
            yield Static(S.HELP["title"], classes="dialog-title")
            yield WrappedStatic(help_page(self.under), id="help-text")

    def action_close(self) -> None:
        self.dismiss(None)
