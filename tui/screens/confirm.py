"""A typed confirmation: the user must type a word (e.g. 删除) before a destructive action."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Static

from tui import strings as S
from tui.widgets.line_input import LineInput


class ConfirmScreen(ModalScreen[bool]):
    """Dismisses True only when the typed text equals `word`."""

    BINDINGS = [Binding("escape", "cancel", S.CONFIRM["cancel"])]

    def __init__(self, question: str, word: str) -> None:
        super().__init__()
        self.question = question
        self.word = word

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="dialog"):
            yield Static(self.question, id="confirm-question")
            yield Static(S.CONFIRM["type_word"].format(word=self.word))
            yield LineInput(id="confirm-input")
            yield Static("", id="confirm-error", classes="field-error")
            with Horizontal(classes="buttons"):
                yield Button(S.CONFIRM["ok"], id="confirm-ok", variant="error")
                yield Button(S.CONFIRM["cancel"], id="confirm-cancel")
        yield Footer(compact=True)  # its own keys, not those of the screen below

    def on_mount(self) -> None:
        self.query_one("#confirm-input", Input).focus()

    @on(Input.Submitted, "#confirm-input")
    @on(Button.Pressed, "#confirm-ok")
    def _confirm(self) -> None:
        typed = self.query_one("#confirm-input", Input).value.strip()
        if typed == self.word:
            self.dismiss(True)
        else:
            self.query_one("#confirm-error", Static).update(
                S.CONFIRM["mismatch"].format(word=self.word)
            )

    @on(Button.Pressed, "#confirm-cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)


class AskScreen(ModalScreen[bool]):
    """A yes/no question for an action that is not destructive: 是 goes on, 否 or Esc not."""

    BINDINGS = [Binding("escape", "cancel", S.CONFIRM["no"])]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="ask-box", classes="dialog"):
            yield Static(self.question, id="ask-question", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(S.CONFIRM["yes"], id="ask-yes", variant="primary")
                yield Button(S.CONFIRM["no"], id="ask-no")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#ask-yes", Button).focus()

    @on(Button.Pressed, "#ask-yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#ask-no")
    def action_cancel(self) -> None:
        self.dismiss(False)
