"""The 汇总 screen: the units' accepted bundles with status bars per area, filters, and each
unit's report read-only. Data from rollup/ (rollup.db in the data home)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Checkbox, DataTable, Footer, Header, Markdown, Select, Static

from tui.commands import PaletteCommand

STATUS_STYLE = {"符合": "green", "基本符合": "yellow", "不符合": "red", "": "dim"}
AREA_SHORT = {
    "organization": "组织",
    "business": "业务",
    "fund_finance": "基金",
    "information_system": "信息",
    "supervision": "监督",
}


class RollupScreen(Screen[None]):
    CSS_PATH = "../rollup.tcss"
    BINDINGS = [
        Binding("enter", "open", "查看报告", show=True),
        Binding("a", "focus_area", "方面"),
        Binding("s", "focus_status", "状态"),
        Binding("o", "toggle_overdue", "只看逾期"),
        Binding("escape", "back", "返回"),
    ]

    def __init__(self, today: dt.date | None = None) -> None:
        super().__init__()
        self.today = today or dt.date.today()
        self.year: int | None = None
        self.bundles: list[Any] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="rollup-filters"):
            yield Select([], prompt="年度", id="year", allow_blank=True)
            yield Select(
                [
                    (t, k)
                    for k, t in [
                        ("organization", "组织机构控制"),
                        ("business", "业务运行控制"),
                        ("fund_finance", "基金财务控制"),
                        ("information_system", "信息系统控制"),
                        ("supervision", "内部控制的管理和监督"),
                    ]
                ],
                prompt="全部方面",
                id="area",
            )
            yield Select(
                [("已审定", "approved"), ("草稿", "draft")], prompt="全部状态", id="status"
            )
            yield Checkbox("只看有逾期整改的", id="overdue")
        yield DataTable(id="units", cursor_type="row", zebra_stripes=True)
        yield Static("", id="rollup-info")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = "汇总"
        self.sub_title = "下级单位报送包"
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        from rollup.city import CityStore

        app: Any = self.app
        with CityStore(app.home) as city:
            bundles = city.history()
            missing = {}
            years = sorted({b.year for b in bundles}, reverse=True)
            for y in years:
                missing[y] = city.missing_units(y)
        self.app.call_from_thread(self._loaded, bundles, years, missing)

    def _loaded(self, bundles: list[Any], years: list[int], missing: dict[int, list[str]]) -> None:
        self.bundles = [b for b in bundles if b.superseded_by is None]
        self.missing = missing
        year_select = self.query_one("#year", Select)
        year_select.set_options([(f"{y}年度", y) for y in years])
        if years:
            self.year = years[0]
            year_select.value = years[0]
        self.refresh_table()

    def _filters(self) -> tuple[str | None, str | None, bool]:
        area = self.query_one("#area", Select).value
        status = self.query_one("#status", Select).value
        return (
            area if isinstance(area, str) else None,
            status if isinstance(status, str) else None,
            self.query_one("#overdue", Checkbox).value,
        )

    def refresh_table(self) -> None:
        from rollup.view import matches, status_bar

        table = self.query_one("#units", DataTable)
        table.clear(columns=True)
        area, status, overdue_only = self._filters()
        areas = [area] if area else list(AREA_SHORT)
        table.add_column("单位", key="unit")
        table.add_column("状态", key="status")
        for a in areas:
            table.add_column(AREA_SHORT[a] if not area else "符合 / 基本符合 / 不符合", key=a)
        table.add_column("整改", key="items")
        table.add_column("逾期", key="overdue")
        shown = 0
        for b in sorted(self.bundles, key=lambda b: b.unit):
            if b.year != self.year:
                continue
            facts = b.facts()
            if not matches(facts, area, status, overdue_only, self.today):
                continue
            cells: list[Any] = [facts.unit, "草稿" if facts.draft else "已审定"]
            for a in areas:
                bar = Text()
                for glyphs, st in status_bar(facts.areas[a], width=18 if area else 6):
                    bar.append(glyphs, style=STATUS_STYLE.get(st, ""))
                if area:
                    c = facts.areas[a]
                    bar.append(f" {c.get('符合', 0)}/{c.get('基本符合', 0)}/{c.get('不符合', 0)}")
                cells.append(bar)
            cells += [str(len(facts.items)), str(facts.overdue(self.today))]
            table.add_row(*cells, key=str(b.id))
            shown += 1
        info = self.query_one("#rollup-info", Static)
        if not self.bundles:
            info.update(
                "还没有接收报送包。用 zicha rollup trust 登记下级单位的公钥，再用 zicha rollup import 接收报送包。"
            )
            return
        missing = self.missing.get(self.year or 0, [])
        legend = "█ 符合  ▓ 基本符合  ░ 不符合"
        note = f"　未报送：{'、'.join(missing)}" if missing else ""
        info.update(f"{self.year}年度：显示 {shown} 个单位。{legend}{note}")

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "year" and isinstance(event.value, int):
            self.year = event.value
        self.refresh_table()

    @on(Checkbox.Changed)
    def _overdue_changed(self) -> None:
        self.refresh_table()

    @on(DataTable.RowSelected, "#units")
    def _row_selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        table = self.query_one("#units", DataTable)
        if table.row_count == 0:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        bundle = next((b for b in self.bundles if str(b.id) == key), None)
        if bundle is not None:
            self.app.push_screen(UnitReportScreen(bundle))

    def action_focus_area(self) -> None:
        self.query_one("#area", Select).focus()

    def action_focus_status(self) -> None:
        self.query_one("#status", Select).focus()

    def action_toggle_overdue(self) -> None:
        box = self.query_one("#overdue", Checkbox)
        box.value = not box.value

    def action_back(self) -> None:
        self.app.pop_screen()

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            PaletteCommand("查看所选单位的报告", "Enter（只读）", self.action_open),
            PaletteCommand("按方面筛选", "A", self.action_focus_area),
            PaletteCommand("按状态筛选", "S", self.action_focus_status),
            PaletteCommand("只看有逾期整改的单位", "O", self.action_toggle_overdue),
        ]


class UnitReportScreen(Screen[None]):
    """One unit's report as it was received, read-only."""

    CSS_PATH = "../rollup.tcss"
    BINDINGS = [Binding("escape", "back", "返回")]

    def __init__(self, bundle: Any) -> None:
        super().__init__()
        self.bundle = bundle

    def compose(self) -> ComposeResult:
        from rollup.view import report_text

        yield Header()
        with VerticalScroll(id="unit-report"):
            yield Markdown(report_text(self.bundle.report, self.bundle.manifest))
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = self.bundle.unit
        self.sub_title = f"{self.bundle.year}年度（只读）"
        self.query_one("#unit-report").focus()

    def action_back(self) -> None:
        self.app.pop_screen()
