"""The conversation: one box per message in a scrolling column (Elia style)."""

from __future__ import annotations

from typing import Literal

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.widgets.cjk_text import Wrapped

Role = Literal["assistant", "followup", "user", "drafted", "notice", "comment"]

ROLE_LABELS: dict[str, str] = {
    "assistant": "提问",
    "followup": "追问",
    "user": "我的回答",
    "drafted": "拟写入报告",
    "notice": "提示",
    "comment": "审核批注",
}


class ChatMessage(Static):
    """One message; its role is a CSS class, so themes colour it."""

    def __init__(self, role: Role, text: str, note: str = "") -> None:
        self.role = role
        self.text = text
        body = Text()
        body.append(ROLE_LABELS[role], style="bold")
        if note:
            body.append(f"　{note}", style="dim")
        body.append("\n")
        body.append(text)
        super().__init__(Wrapped(body), classes=f"chat-message chat-{role}", markup=False)


class ChatLog(VerticalScroll, can_focus=True):
    """Auto-scrolls on a new message only when the reader is already at the bottom."""

    def at_bottom(self) -> bool:
        return self.scroll_y >= self.max_scroll_y - 1

    def add(self, role: Role, text: str, note: str = "") -> ChatMessage:
        follow = self.at_bottom()
        message = ChatMessage(role, text, note)
        self.mount(message)
        if follow:
            self.call_after_refresh(self.scroll_end, animate=False)
        return message

    def clear_messages(self) -> None:
        self.remove_children()

    def messages(self) -> list[ChatMessage]:
        return list(self.query(ChatMessage))
