"""Two panels one key away from the draft: the coverage table and the preflight list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from tui.widgets.export_preflight import LEVEL_STYLE, item_line
from tui.widgets.export_preflight import TEXT as PREFLIGHT_TEXT

if TYPE_CHECKING:
    from exports.preflight import PreflightItem
    from interview.coverage import Coverage

TEXT = {
    "coverage_title": "覆盖情况（Esc 关闭）",
    "section": "部分",
    "answered": "已答",
    "skipped": "跳过",
    "open": "未答",
    "total": "合计",
    "gaps": "尚未作答或已跳过的要点：",
    "no_gaps": "题库中的要点均已作答。",
    "gap_line": "{state}　{section}　{ident}{title}",
    "footer": "整改措施 {items} 项（{open} 项尚未写明措施）；总体评价：{assessment}。",
    "assessment_done": "已写",
    "assessment_missing": "未写",
    "preflight_title": "预检（回车跳到相关段落，Esc 关闭）",
}
STATUS_COLUMNS = ("符合", "基本符合", "不符合", "不适用", "待确认")

PANEL_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 96; max-width: 100%; height: auto; max-height: 100%;
    border: thick $primary; background: $surface; padding: 0 1;
}}
{name} .panel-title {{ text-style: bold; }}
{name} .panel-note {{ color: $text-muted; height: auto; }}
"""


def _num(n: int) -> Text:
    return Text(str(n), justify="right")


class CoverageScreen(ModalScreen[None]):
    DEFAULT_CSS = (
        PANEL_CSS.format(name="CoverageScreen")
        + """
    CoverageScreen DataTable { height: auto; max-height: 9; }
    CoverageScreen #coverage-gaps { height: auto; max-height: 8; }
    """
    )
    BINDINGS = [Binding("escape,c,q", "close", "关闭")]

    def __init__(self, coverage: Coverage) -> None:
        super().__init__()
        self.coverage = coverage

    def compose(self) -> ComposeResult:
        cov = self.coverage
        with Vertical():
            yield Static(TEXT["coverage_title"], classes="panel-title")
            table: DataTable[Text | str] = DataTable(cursor_type="row", id="coverage-table")
            table.add_columns(
                TEXT["section"], TEXT["answered"], TEXT["skipped"], TEXT["open"], *STATUS_COLUMNS
            )
            for s in cov.sections:
                table.add_row(
                    s.title,
                    Text(f"{s.answered}/{s.total}", justify="right"),
                    _num(s.skipped),
                    _num(s.unanswered),
                    *(_num(s.statuses.get(k, 0)) for k in STATUS_COLUMNS),
                    key=s.key,
                )
            table.add_row(
                Text(TEXT["total"], "bold"),
                Text(f"{cov.answered}/{cov.total}", justify="right"),
                _num(cov.skipped),
                _num(cov.unanswered),
                *(_num(cov.statuses.get(k, 0)) for k in STATUS_COLUMNS),
                key="total",
            )
            yield table
            yield OptionList(*self._gap_lines(), id="coverage-gaps")
            assessment = TEXT["assessment_done" if cov.assessment_done else "assessment_missing"]
            yield Static(
                TEXT["footer"].format(
                    items=cov.rectification_items,
                    open=cov.rectification_open,
                    assessment=assessment,
                ),
                classes="panel-note",
            )

    def _gap_lines(self) -> list[Option]:
        lines = []
        for s in self.coverage.sections:
            for row in s.rows:
                if row.state in ("未答", "跳过"):
                    ident = f"{row.control_id} " if row.control_id else ""
                    line = TEXT["gap_line"].format(
                        state=row.state, section=s.title, ident=ident, title=row.title
                    )
                    lines.append(Option(Text(line)))
        if not lines:
            return [Option(Text(TEXT["no_gaps"]), disabled=True)]
        return [Option(Text(TEXT["gaps"], "bold"), disabled=True), *lines]

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()

    def action_close(self) -> None:
        self.dismiss(None)


class PreflightScreen(ModalScreen["PreflightItem | None"]):
    """Dismisses with the chosen item, so the draft can move to its paragraph."""

    DEFAULT_CSS = (
        PANEL_CSS.format(name="PreflightScreen")
        + """
    PreflightScreen OptionList { height: auto; max-height: 18; }
    """
    )
    BINDINGS = [Binding("escape,p,q", "close", "关闭")]

    def __init__(self, items: list[PreflightItem]) -> None:
        super().__init__()
        self.items = list(items)

    def compose(self) -> ComposeResult:
        errors = sum(1 for i in self.items if i.level == "错误")
        if self.items:
            summary = PREFLIGHT_TEXT["summary"].format(
                errors=errors, warnings=len(self.items) - errors
            )
        else:
            summary = PREFLIGHT_TEXT["clean"]
        with Vertical():
            yield Static(TEXT["preflight_title"], classes="panel-title")
            yield Static(Text(summary), classes="panel-note")
            yield OptionList(
                *(Option(Text(item_line(i), LEVEL_STYLE.get(i.level, ""))) for i in self.items),
                id="preflight-options",
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected, "#preflight-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.items[event.option_index])

    def action_close(self) -> None:
        self.dismiss(None)
