"""The preflight list: what is missing or wrong before export, errors first."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

if TYPE_CHECKING:
    from exports.preflight import PreflightItem

TEXT = {
    "clean": "预检通过：没有发现缺漏或错误。",
    "summary": "预检：{errors} 个错误，{warnings} 个提醒（不影响导出，建议先处理错误）。",
    "summary_reminders": "预检：没有错误，{warnings} 个提醒（不影响导出）。",
}
_CJK_DIGIT_SPACE = re.compile(r"(?<=[\u4e00-\u9fff]) (?=\d)|(?<=\d) (?=[\u4e00-\u9fff])")
LEVEL_STYLE = {"错误": "bold red", "提醒": "yellow"}


def item_line(item: PreflightItem) -> str:
    """The item's line without spaces between Chinese and digits (they make Rich wrap early)."""
    return _CJK_DIGIT_SPACE.sub("", item.line())


def preflight_text(items: list[PreflightItem]) -> Text:
    errors = sum(1 for i in items if i.level == "错误")
    if not items:
        return Text(TEXT["clean"], "green")
    key = "summary" if errors else "summary_reminders"
    text = Text(TEXT[key].format(errors=errors, warnings=len(items) - errors), "bold")
    for item in items:
        text.append("\n")
        text.append(item_line(item), LEVEL_STYLE.get(item.level, ""))
    return text


class PreflightList(VerticalScroll):
    """Scrolls when the list is long; the summary line comes first."""

    def compose(self) -> ComposeResult:
        yield Static("", classes="preflight-text")

    def show(self, items: list[PreflightItem]) -> None:
        self.items = list(items)
        from tui.widgets.cjk_text import Wrapped

        self.query_one(".preflight-text", Static).update(Wrapped(preflight_text(items)))
