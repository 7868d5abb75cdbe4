"""Search results: one list item per hit, citation on top, matched terms marked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Label, ListItem, ListView

from tui.widgets.cjk_text import Wrapped

if TYPE_CHECKING:
    from knowledge.models import SearchHit

MARK_STYLE = "bold underline"
SUMMARY_STYLE = "italic"
EXCERPT_CHARS = 150


def marked_text(highlighted: str, limit: int | None = None) -> Text:
    """Turn 「…【词】…」 into Text with the matched words styled and the brackets gone."""
    text = Text()
    inside = False
    used = 0
    for part in highlighted.replace("】", "【").split("【"):
        if part:
            if limit is not None and used + len(part) > limit:
                text.append(part[: max(limit - used, 0)], MARK_STYLE if inside else "")
                text.append("……")
                return text
            text.append(part, MARK_STYLE if inside else "")
            used += len(part)
        inside = not inside
    return text


def hit_text(hit: SearchHit) -> Text:
    head = Text()
    head.append(f"{hit.label}｜", SUMMARY_STYLE if hit.is_summary else "bold")
    head.append(hit.citation, "bold")
    if hit.by_meaning:
        head.append(f"（{hit.found_by}）", SUMMARY_STYLE)
    head.append("\n")
    excerpt = " ".join(hit.highlighted.split())
    head.append_text(marked_text(excerpt, EXCERPT_CHARS))
    return head


class HitItem(ListItem):
    def __init__(self, hit: SearchHit) -> None:
        # Wrapped: by the 避头尾 rules, so that 「。」 never starts a line of the excerpt
        super().__init__(Label(Wrapped(hit_text(hit)), classes="hit-text"), classes="hit")
        self.hit = hit


class ResultList(ListView):
    """Posts ListView.Selected with a HitItem when the user presses Enter on a result."""

    async def show(self, hits: list[SearchHit]) -> None:
        await self.clear()
        await self.extend(HitItem(hit) for hit in hits)
        if hits:
            self.index = 0
