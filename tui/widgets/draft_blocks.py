"""The assembled report as list items: one per exported paragraph, styled by its kind."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Label, ListItem, ListView

from tui.widgets.cjk_text import Wrapped

if TYPE_CHECKING:
    from exports.assemble import AssembledReport, Block
    from report.comments import Thread

INDENT = "　　"  # two full-width spaces: the official first-line indent
INDENTED = {"opening", "body", "placeholder", "assessment"}
EDITABLE = {"opening", "assessment"}


CHANGE_STYLES = {"新增": "cyan", "修改": "yellow", "未变": "dim", "待复核": "bold yellow"}


# The overall assessment is a paragraph of its own between the areas and 整改 with no heading
# (REPORT_FORMAT.md, part 5): named here so it is not read as the last point of the area above.
ASSESSMENT_MARK = "〔总体评价〕"


def block_text(block: Block, change: str = "") -> Text:
    text = Text()
    if change:
        # Against last year: not part of the document, only shown here.
        text.append(f"〔{change}〕", CHANGE_STYLES.get(change, "dim"))
    if block.kind == "assessment":
        text.append(ASSESSMENT_MARK + "\n", "bold cyan")  # not part of the document either
    if block.kind in INDENTED:
        text.append(INDENT)
    if block.number:
        text.append(block.number + block.lead, "bold")
        text.append(block.body_text)
    else:
        text.append(block.text)
    return text


def keep_highlight_in_view(view: ListView) -> None:
    """After a resize the paragraphs re-wrap: scroll the selected one back into view."""

    def scroll() -> None:
        item = view.highlighted_child
        if item is not None:
            view.scroll_to_widget(item, animate=False)

    view.call_after_refresh(scroll)


class BlockItem(ListItem):
    """One paragraph; with open review comments it gets a 「批注 N」 mark on the right."""

    def __init__(self, block: Block, threads: list[Thread] | None = None, change: str = "") -> None:
        from tui.widgets.draft_comments import mark_text

        mark = mark_text(threads or [])
        children = [Label(Wrapped(block_text(block, change)), classes="block-text")]
        classes = f"b-{block.kind}"
        if mark is not None:
            children.append(Label(mark, classes="comment-mark"))
            classes += " has-comments"
        super().__init__(*children, classes=classes)
        self.block = block
        self.threads = list(threads or [])
        self.mark = mark

    @property
    def editable(self) -> bool:
        return self.block.point_id is not None or self.block.kind in EDITABLE


class KeepInViewList(ListView):
    """A ListView whose selected item stays in view when the terminal is resized."""

    def on_resize(self) -> None:
        keep_highlight_in_view(self)


class DraftView(KeepInViewList):
    """Shows an AssembledReport; keeps the cursor on the same point across reloads."""

    async def show(
        self,
        assembled: AssembledReport,
        focus_point: str | None = None,
        threads: dict[int, list[Thread]] | None = None,
        changes: dict[str, str] | None = None,
    ) -> None:
        """threads: block index -> review threads beside it (see draft_comments.place_threads);
        changes: point id -> 新增 / 修改 / 未变 / 待复核 against last year (first block only)."""
        old = self.index
        await self.clear()
        threads = threads or {}
        changes = changes or {}
        marked: set[str] = set()
        items = []
        for i, b in enumerate(assembled.blocks):
            change = ""
            if b.point_id and b.point_id in changes and b.point_id not in marked:
                change = changes[b.point_id]
                marked.add(b.point_id)
            items.append(BlockItem(b, threads.get(i), change))
        await self.extend(items)
        target = None
        if focus_point is not None:
            target = next(
                (i for i, it in enumerate(items) if it.block.point_id == focus_point), None
            )
        if target is None and old is not None:
            target = min(old, len(items) - 1)
        self.index = target if target is not None else 0

    @property
    def current(self) -> Block | None:
        item = self.highlighted_child
        return item.block if isinstance(item, BlockItem) else None

    def section_starts(self) -> list[int]:
        return [
            i
            for i, item in enumerate(self.children)
            if isinstance(item, BlockItem) and item.block.kind == "heading1"
        ]
