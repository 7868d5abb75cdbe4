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


# How a proposed status waiting for the officer's Enter or F5–F8 begins (tui/strings.py).
PENDING_PREFIX = "待确认："


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

    def replace_text(self, text: str) -> None:
        self.text = text
        body = Text()
        body.append(ROLE_LABELS[self.role], style="bold")
        body.append("\n")
        body.append(text)
        self.update(Wrapped(body))


class ChatLog(VerticalScroll, can_focus=True):
    """Auto-scrolls on a new message only when the reader is already at the bottom, or
    when the officer has just acted (sent, confirmed, skipped): then they want the reply."""

    _catching_up = False

    def at_bottom(self) -> bool:
        return self.scroll_y >= self.max_scroll_y - 1

    def catch_up(self) -> None:
        """The officer acted: the messages added next are shown even if they had scrolled up."""
        self._catching_up = True

    def add(self, role: Role, text: str, note: str = "") -> ChatMessage:
        follow = self._catching_up or self.at_bottom()
        message = ChatMessage(role, text, note)
        self.mount(message)
        if follow:
            self.call_after_refresh(self._follow)
        return message

    def _follow(self) -> None:
        self._catching_up = False
        self.scroll_end(animate=False)

    def settle_pending(self, note: str) -> bool:
        """The status the last 待确认 tip asked for is settled: the tip says so in place of
        its instructions (keeping what was proposed and why), so no stale 按回车确认 is left
        above the next question. False when there is no such tip."""
        for message in reversed(self.messages()):
            if message.role == "notice" and message.text.startswith(PENDING_PREFIX):
                proposed = message.text.split("\n", 1)[0].removeprefix(PENDING_PREFIX)
                message.replace_text(f"{note}\n（{proposed}）")
                return True
            if message.role in ("assistant", "followup", "user"):
                break  # only a tip since the last question or answer
        return False

    def current_question(self) -> ChatMessage | None:
        """The last question or follow-up asked: what the status line's 第N项 refers to."""
        for message in reversed(self.messages()):
            if message.role in ("assistant", "followup"):
                return message
        return None

    def on_resize(self) -> None:
        # Re-wrapping changes every message's height: without this the view jumps to the top.
        self.call_after_refresh(self.keep_question_in_view)

    def keep_question_in_view(self) -> None:
        question = self.current_question()
        if question is None:
            return
        after = self.messages()
        # The question and what follows it (the answer, a draft sentence) from the top if they
        # fit; else the question itself at the top.
        top = question.region.y - self.region.y + self.scroll_y
        if after[-1].region.bottom - question.region.y <= self.size.height:
            self.scroll_end(animate=False)
        else:
            self.scroll_to(y=top, animate=False)

    def clear_messages(self) -> None:
        self.remove_children()

    def messages(self) -> list[ChatMessage]:
        return list(self.query(ChatMessage))
