"""Left pane: the report's sections with their points, each marked done / skipped / gap,
and 批 where a reviewer's comment is still open."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel
from rich.text import Text
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

Mark = Literal["done", "confirm", "skipped", "gap", "todo", "review"]

# Single CJK characters: always two cells wide, unlike ✓ or ● in CJK terminals.
MARKS: dict[str, tuple[str, str]] = {
    "done": ("完", "green"),
    "confirm": ("待", "yellow"),  # answered; the proposed status waits for confirmation
    "skipped": ("跳", "grey50"),
    "gap": ("缺", "red"),
    "todo": ("　", ""),
    "review": ("复", "yellow"),  # carried from last year, 待复核
}
# Against last year's report (and 上年度整改 outcomes): shown before the title.
CHANGE_STYLES: dict[str, str] = {
    "新增": "cyan",
    "修改": "yellow",
    "未变": "grey50",
    "删除": "red",
    "已完成": "green",
    "部分完成": "yellow",
    "未完成": "red",
}
# Open review comments on a point or a section (also one CJK character: two cells).
COMMENT_MARK = ("批", "bold yellow")


class PointRow(BaseModel):
    id: str
    title: str
    mark: Mark = "todo"
    current: bool = False
    comments: int = 0  # open review threads on this point
    change: str = ""  # 新增 / 修改 / 未变 / 删除 against last year, or a 上年度整改 outcome


class SectionRow(BaseModel):
    key: str
    title: str
    done: bool = False
    points: list[PointRow] = []
    comments: int = 0  # open review threads on the section as a whole

    @property
    def counts(self) -> tuple[int, int]:
        # Answered points only (待确认 ones are answered too): a skipped point is still to do.
        finished = sum(1 for p in self.points if p.mark in ("done", "confirm"))
        return finished, len(self.points)


# Section names that fit a narrow tree (80 columns).
SHORT_SECTION_TITLES = {
    "organization": "组织机构",
    "business": "业务运行",
    "fund_finance": "基金财务",
    "information_system": "信息系统",
    "supervision": "管理和监督",
    "rectification": "整改意见",
    "assessment": "总体评价",
}
SECTION_GUIDE = 2  # "▼ " before a section
POINT_GUIDE = 2  # "├ " before a point's mark


def fit_title(title: str, cells: int, short: str | None = None) -> str:
    """The title, else its short form, else its first part (机构设置与岗位职责 → 机构设置),
    cut with … only when nothing else fits."""
    from report.linebreak import cells as width
    from tui.screens.home import shorten

    if width(title) <= cells:
        return title
    if short and width(short) <= cells:
        return short
    for sep in ("与", "、", "和", "及"):
        head = title.split(sep, 1)[0]
        if head != title and width(head) <= cells and len(head) >= 2:
            return head
    return shorten(short or title, cells)


class SectionTree(Tree[str]):
    """Node data is "section:<key>" or "point:<id>"; selecting one posts GoTo."""

    class GoTo(Message):
        def __init__(self, section: str, point: str | None) -> None:
            super().__init__()
            self.section = section
            self.point = point

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("自查报告", id=id)
        self._sections: list[SectionRow] = []
        self.show_root = False
        self.guide_depth = 2

    def _room(self) -> int:
        """Cells a label may use; generous before the first layout (then shown again)."""
        # As if the scrollbar were there: it appears only once the rows are in, and a title
        # measured without it lost its last character under it (「待遇领取资格认」 at 80 columns).
        width = self.content_region.width - self.styles.scrollbar_size_vertical
        return width if width > 0 else 60

    def on_resize(self) -> None:
        if self._sections:
            self.show(self._sections)

    def show(self, sections: list[SectionRow]) -> None:
        self._sections = sections
        room = self._room()
        self.clear()
        current_line = None
        for section in sections:
            finished, total = section.counts
            count = f" {finished}/{total}" if total else ""
            mark = 3 if section.comments else 0
            title = fit_title(
                section.title,
                room - SECTION_GUIDE - mark - len(count),
                SHORT_SECTION_TITLES.get(section.key),
            )
            label = Text(title, style="bold")
            if section.comments:
                label = Text(COMMENT_MARK[0], style=COMMENT_MARK[1]) + Text(" ") + label
            if count:
                label.append(count, style="green" if section.done else "dim")
            node = self.root.add(label, data=f"section:{section.key}", expand=True)
            for point in section.points:
                glyph, style = MARKS[point.mark]
                text = Text(glyph, style=style) + Text(" ")
                if point.comments:
                    text += Text(COMMENT_MARK[0], style=COMMENT_MARK[1]) + Text(" ")
                if point.change:
                    text += Text(point.change, style=CHANGE_STYLES.get(point.change, "")) + Text(
                        " "
                    )
                text += Text(fit_title(point.title, room - POINT_GUIDE - text.cell_len))
                if point.current:
                    text.stylize("reverse")
                leaf = node.add_leaf(text, data=f"point:{point.id}")
                if point.current:
                    current_line = leaf
        if current_line is not None:
            self.call_after_refresh(self._reveal, current_line)

    def _reveal(self, node: TreeNode[str]) -> None:
        if node.line >= 0:
            self.move_cursor(node)

    def on_tree_node_selected(self, event: Tree.NodeSelected[str]) -> None:
        event.stop()
        data = event.node.data or ""
        kind, _, value = data.partition(":")
        if kind == "section":
            self.post_message(self.GoTo(value, None))
        elif kind == "point" and event.node.parent is not None:
            parent = (event.node.parent.data or "").partition(":")[2]
            self.post_message(self.GoTo(parent, value))
