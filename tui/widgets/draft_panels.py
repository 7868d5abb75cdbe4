"""Two panels one key away from the draft: the coverage table and the preflight list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, OptionList, Static
from textual.widgets.option_list import Option

from report.linebreak import cells as cell_width
from tui.widgets.cjk_text import Wrapped
from tui.widgets.export_preflight import LEVEL_STYLE, item_line
from tui.widgets.export_preflight import TEXT as PREFLIGHT_TEXT
from tui.widgets.section_tree import SHORT_SECTION_TITLES, fit_title
from tui.widgets.status_bars import SHORT

if TYPE_CHECKING:
    from exports.preflight import PreflightItem
    from interview.coverage import Coverage
    from report.scoring import ScoreRow

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
    "score": "得分",
    "score_cell": "{score:g}/{max:g}",
    "score_none": "不适用",
    "score_total": "合计得分 {score:g} / {max:g} 分（折算百分制 {hundred} 分）",
    "score_all_na": "全部不适用",
    "score_unscored": "；{n} 项尚未填写扣分，暂按 0 分计",
    "score_unconfirmed": "；{n} 项扣分待确认（访谈中输入 /扣分）",
}
STATUS_COLUMNS = ("符合", "基本符合", "不符合", "不适用", "待确认")

PANEL_WIDTH = 96
TABLE_SCROLLBAR = 2  # a bank with many areas scrolls the table
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
    CoverageScreen #coverage-gaps { height: auto; max-height: 6; }
    CoverageScreen #coverage-bars { height: auto; }
    """
    )
    BINDINGS = [Binding("escape,c,q", "close", "关闭")]

    def __init__(self, coverage: Coverage, scores: list[ScoreRow] | None = None) -> None:
        """scores: the 自查评分表 rows of a report on a scored bank (得分 column and total)."""
        super().__init__()
        self.coverage = coverage
        self.scores = scores or []
        self._title_room = -1  # the width the area titles were last fitted to

    def compose(self) -> ComposeResult:
        cov = self.coverage
        with Vertical():
            yield Static(TEXT["coverage_title"], classes="panel-title")
            yield DataTable(cursor_type="row", id="coverage-table")
            if self.scores:
                yield Static(Text(self._score_total(), "bold"), id="coverage-score")
            yield Static(self._bars(), id="coverage-bars")
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
        yield Footer(compact=True)  # not the draft's keys, which do nothing here

    def _fill_table(self) -> None:
        """The table with area titles that fit the panel: at 80 columns a scored bank's 得分
        column made it wider than the panel and its last column was cut off."""
        cov = self.coverage
        # Short status names (符合 基本 不符 不适用 待确认, as the bars below): with the full
        # ones the table was 81 cells and 待确认 was cut off at 80 columns.
        labels = [
            TEXT["answered"],
            TEXT["skipped"],
            TEXT["open"],
            *(SHORT[k] for k in STATUS_COLUMNS),
        ]
        score_cells = self._score_cells()
        rows: list[tuple[str, str, list[Text]]] = [
            (
                s.key,
                s.title,
                [
                    Text(f"{s.answered}/{s.total}", justify="right"),
                    _num(s.skipped),
                    _num(s.unanswered),
                    *(_num(s.statuses.get(k, 0)) for k in STATUS_COLUMNS),
                    *([score_cells[s.key]] if score_cells else []),
                ],
            )
            for s in cov.sections
        ]
        rows.append(
            (
                "total",
                TEXT["total"],
                [
                    Text(f"{cov.answered}/{cov.total}", justify="right"),
                    _num(cov.skipped),
                    _num(cov.unanswered),
                    *(_num(cov.statuses.get(k, 0)) for k in STATUS_COLUMNS),
                    *([score_cells["total"]] if score_cells else []),
                ],
            )
        )
        if score_cells:
            labels.append(TEXT["score"])
        numbers = sum(
            max(cell_width(label), *(cell_width(r[2][i].plain) for r in rows)) + 2
            for i, label in enumerate(labels)
        )
        room = self._table_room() - numbers - 2  # the title column's own padding
        room = max(room, cell_width(TEXT["section"]), 8)
        if room == self._title_room:
            return
        self._title_room = room
        table: DataTable[Text | str] = self.query_one("#coverage-table", DataTable)
        table.clear(columns=True)
        table.add_column(TEXT["section"])
        for label in labels:
            table.add_column(label, key="score" if label == TEXT["score"] else None)
        for key, title, values in rows:
            if key == "total":
                cell: Text | str = Text(TEXT["total"], "bold")
            else:
                cell = fit_title(title, room, SHORT_SECTION_TITLES.get(key))
            table.add_row(cell, *values, key=key)

    def _table_room(self) -> int:
        """Cells the table may use inside the panel (its border and padding, a scrollbar)."""
        return min(PANEL_WIDTH, self.app.size.width) - 4 - TABLE_SCROLLBAR

    def on_resize(self) -> None:
        self._fill_table()

    def _score_cells(self) -> dict[str, Text]:
        """得分/适用分值 per area and for the whole table; {} on a bank without 分值."""
        if not self.scores:
            return {}
        from report.scoring import section_totals, totals

        per_area = section_totals(self.scores)
        cells = {}
        for s in self.coverage.sections:
            t = per_area.get(s.key)
            if t is None or not t.applicable_max:
                cells[s.key] = Text(TEXT["score_none"], justify="right")
            else:
                cells[s.key] = Text(
                    TEXT["score_cell"].format(score=t.score, max=t.applicable_max),
                    justify="right",
                )
        t = totals(self.scores)
        cells["total"] = Text(
            TEXT["score_cell"].format(score=t.score, max=t.applicable_max), justify="right"
        )
        return cells

    def _score_total(self) -> str:
        """The rescaled total (百分制), with what is still missing from it."""
        from report.scoring import totals

        t = totals(self.scores)
        hundred = f"{t.hundred:g}" if t.hundred is not None else TEXT["score_all_na"]
        line = TEXT["score_total"].format(score=t.score, max=t.applicable_max, hundred=hundred)
        if t.unscored:
            line += TEXT["score_unscored"].format(n=t.unscored)
        waiting = sum(1 for r in self.scores if r.applicable and not r.confirmed)
        if waiting:
            line += TEXT["score_unconfirmed"].format(n=waiting)
        return line + "。"

    def _bars(self) -> Text:
        from tui.widgets.status_bars import KINDS as STATUSES
        from tui.widgets.status_bars import area_bars

        rows = [
            (s.title, {k: s.statuses.get(k, 0) for k in STATUSES}) for s in self.coverage.sections
        ]
        return area_bars(rows)

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
        self._fill_table()
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
                *(
                    Option(Wrapped(Text(item_line(i), LEVEL_STYLE.get(i.level, ""))))
                    for i in self.items
                ),
                id="preflight-options",
            )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected, "#preflight-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.items[event.option_index])

    def action_close(self) -> None:
        self.dismiss(None)
