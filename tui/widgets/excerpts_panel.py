"""Right pane: the regulation excerpts for the current point, each with its citation and whether
it is the full text (原文) or a shipped summary (要点). Focused (Ctrl+L on the interview screen),
Up/Down select an excerpt, Enter opens it whole, Esc goes back to the answer box. Text is
broken into lines by the 避头尾 rules (report/linebreak.py), like the chat beside it."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from tui.widgets.cjk_text import Wrapped


class ExcerptCard(Static):
    def __init__(self, index: int, hit: Any) -> None:
        self.index = index
        self.hit = hit
        body = Text()
        body.append(f"{index + 1}. ", style="bold")
        body.append(str(hit.citation), style="bold")
        label = getattr(hit, "label", "")
        if label:
            body.append(f"（{label}）", style="dim")
        found_by = getattr(hit, "found_by", "")
        if found_by:
            body.append(f"（{found_by}）", style="dim")
        body.append("\n")
        body.append(str(hit.text))
        # Broken by the 避头尾 rules: no line of an excerpt starts with 「，」 or 「。」.
        super().__init__(Wrapped(body), classes="excerpt", markup=False)


class ExcerptsPanel(VerticalScroll, can_focus=True):
    """Up/Down pick an excerpt, Enter posts OpenArticle for it."""

    BINDINGS = [
        Binding("up,k", "move(-1)", "上一条", show=False),
        Binding("down,j", "move(1)", "下一条", show=False),
        Binding("enter", "open", "看原文"),
        Binding("escape", "leave", "回到输入框"),
    ]

    class Leave(Message):
        """Esc in the panel: focus goes back to where the officer types."""

    class OpenArticle(Message):
        def __init__(self, hit: Any) -> None:
            super().__init__()
            self.hit = hit

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hits: list[Any] = []
        self.selected = 0

    def show(self, hits: list[Any], empty_text: str, note: str = "") -> None:
        self.hits = list(hits)
        self.selected = 0
        self.remove_children()
        if note:
            self.mount(Static(Wrapped(note), classes="excerpt-note", markup=False))
        if not self.hits:
            self.mount(Static(Wrapped(empty_text), classes="excerpt-empty"))
        else:
            self.mount_all(ExcerptCard(i, hit) for i, hit in enumerate(self.hits))
            self.call_after_refresh(self._highlight)
        self.scroll_home(animate=False)

    def _highlight(self) -> None:
        for card in self.query(ExcerptCard):
            card.set_class(card.index == self.selected, "-selected")
            if card.index == self.selected:
                self.scroll_to_widget(card, animate=False)

    def action_move(self, step: int) -> None:
        if self.hits:
            self.selected = (self.selected + step) % len(self.hits)
            self._highlight()

    def action_leave(self) -> None:
        self.post_message(self.Leave())

    def action_open(self) -> None:
        if self.hits:
            self.post_message(self.OpenArticle(self.hits[self.selected]))
