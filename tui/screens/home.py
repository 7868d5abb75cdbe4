"""Home: this data home's reports; open, create, import from an answers file, delete.

The progress column counts the points of the bank each report is answered on (e.g. 17/36 on
the built-in bank, 5/14 on an imported provincial table). Loading the bank and
reading every report takes a moment, so the table is shown first and the bars are filled in
by a thread worker; results are kept per report revision, so coming back to Home only
recomputes the reports that changed.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static
from textual.worker import Worker, WorkerState

from report.errors import ZichaError
from report.listing import ReportRow, report_rows
from tui import strings as S
from tui.commands import PaletteCommand
from tui.jobs import run_on_store
from tui.keys import HELP_FIRST

if TYPE_CHECKING:
    from textual import getters

    from report.backend import StoreTarget
    from report.models import Report
    from tui.app import ZichaApp

# Keys that create, import or delete reports: only a writer (经办人) may use them.
WRITER_ACTIONS = frozenset({"new", "import_answers", "delete", "load_example", "carry"})
UNIT_CELLS = 20  # the unit column's least width; it takes the room the other columns leave
BAR_CELLS = 8
CELL_PADDING = 1  # DataTable's default, either side of every cell
SCROLLBAR_CELLS = 2  # kept free: the vertical scrollbar appears once the list is long


def shorten(text: str, cells: int) -> str:
    """Cut text to at most `cells` terminal cells (Chinese counts as two), with an ellipsis."""
    if cell_len(text) <= cells:
        return text
    out = ""
    for ch in text:
        if cell_len(out + ch) > cells - 1:
            break
        out += ch
    return out + "…"


def progress_cell(answered: int, total: int) -> Text:
    """A bar drawn with coloured spaces (block glyphs are double-width in some CJK terminals)."""
    filled = round(BAR_CELLS * answered / total) if total else 0
    bar = Text(" " * filled, style="on green") + Text(" " * (BAR_CELLS - filled), style="on grey30")
    return bar + Text(f" {answered}/{total}")


def pending_progress_cell() -> Text:
    """Shown until the worker has counted the bank's points for this report."""
    return Text(" " * BAR_CELLS, style="on grey30") + Text(" …")


def missing_bank_cell() -> Text:
    """The report's imported bank is not on this computer: nothing to count against."""
    return Text(S.HOME["bank_missing"], style="yellow")


# report id -> (revision counted, points done, bank points, overdue rectification items);
# bank points is MISSING_BANK when the report's bank is gone.
Progress = dict[int, tuple[int, int, int, int]]
MISSING_BANK = -1


def bank_progress(
    db_path: StoreTarget,
    bank_for: Callable[[Any], Any],
    report_ids: list[int],
    today: dt.date | None = None,
) -> Progress:
    """Count each report's answered/skipped points of its own bank (bank_for(report.bank))
    and its overdue rectification items (runs in a thread: own connection)."""
    from interview.coverage import compute_progress
    from report.ledger import overdue
    from report.store import ReportStore

    today = today or dt.date.today()
    out: Progress = {}
    with ReportStore(db_path) as store:
        for report_id in report_ids:
            try:
                report = store.get(report_id)
            except ZichaError:
                continue  # deleted meanwhile
            late = len(overdue(report, today))
            try:
                bank = bank_for(report.bank)
            except ZichaError:
                out[report_id] = (report.revision, 0, MISSING_BANK, late)
                continue
            p = compute_progress(report, bank)
            out[report_id] = (report.revision, p.answered, p.total, late)
    return out


def unit_cell(unit: str, cells: int = UNIT_CELLS) -> Text:
    """The unit name in `cells` cells; an example report's 示例 mark stays visible however
    long the name."""
    from report.examples import EXAMPLE_MARK

    if unit.endswith(EXAMPLE_MARK):
        name = shorten(unit[: -len(EXAMPLE_MARK)], cells - 5)
        return Text("示例", style="bold reverse") + Text(" " + name)
    return Text(shorten(unit, cells))


def unit_cells(table_width: int, last_id: int) -> int:
    """The unit column's width: what the other columns, at their widest, leave of the table."""
    from report.labels import STATE_LABELS

    widest = [
        max(cell_len(str(last_id)), cell_len(S.HOME["col_id"])),
        max(cell_len("2026"), cell_len(S.HOME["col_year"])),
        max(cell_len(S.HOME["col_status"]), *(cell_len(v) for v in STATE_LABELS.values())),
        BAR_CELLS + 6,  # the progress column's fixed width
        max(cell_len("2026-11-30 22:10"), cell_len(S.HOME["col_updated"])),
    ]
    padding = 2 * CELL_PADDING * (len(widest) + 1)
    return max(UNIT_CELLS, table_width - sum(widest) - padding - SCROLLBAR_CELLS)


def counted_cell(done: int, total: int) -> Text:
    return missing_bank_cell() if total == MISSING_BANK else progress_cell(done, total)


def overdue_text(progress: Progress, shown: list[int]) -> str:
    """「整改逾期：报告 1 有 2 项……」 for the reports listed, or "" when none is overdue."""
    parts = [
        f"报告 {rid} 有 {progress[rid][3]} 项"
        for rid in shown
        if progress.get(rid, (0, 0, 0, 0))[3]
    ]
    if not parts:
        return ""
    return "整改逾期：" + "，".join(parts) + "已过整改时限、尚未完成（成稿页按 L 导出台账跟进）。"


def when_cell(iso: str) -> str:
    """2026-05-01T06:03:22+00:00 -> 2026-05-01 14:03 (local time, here Beijing)."""
    from report.local_time import local_minutes

    return local_minutes(iso)


class HomeScreen(Screen[None]):
    if TYPE_CHECKING:  # the running app is always ZichaApp
        app = getters.app(ZichaApp)

    BINDINGS = [
        HELP_FIRST,
        Binding("enter", "open", S.HOME["open"], show=True),
        Binding("n", "new", S.HOME["new"]),
        Binding("i", "import_answers", S.HOME["import"]),
        Binding("d", "delete", S.HOME["delete"]),
        Binding("l", "library", S.HOME["library"]),
        Binding("v", "review", "审核"),
        Binding("e", "load_example", S.HOME["example"]),
        Binding("c", "carry", "以上年度报告为基础新建", show=False),
        # Ctrl+Q quits everywhere; only Home's footer shows it (room at 80 columns).
        Binding("ctrl+q", "app.quit", S.APP["quit"], priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._progress: Progress = {}
        self._counting: set[int] = set()  # report ids a worker is counting now
        self._counting_by_worker: dict[Worker[Progress], list[int]] = {}
        self._painted = False  # the first list is on screen (and "ready" was signalled)
        self._units: dict[int, str] = {}  # report id -> unit, as listed
        self._unit_cells = UNIT_CELLS
        self._writer: tuple[str, bool] | None = None  # (actor, may create) as last asked

    def may_write(self) -> bool:
        """Whether the logged-in actor may create or delete reports (single-user mode: yes)."""
        from report.listing import has_users

        actor = self.app.actor
        if self._writer is None or self._writer[0] != actor:
            try:
                # has_users first: single-user startup stays free of pydantic
                may = not has_users(self.app.db) or self.app.store.may_create(actor)
            except (ZichaError, sqlite3.Error, RuntimeError):
                may = True  # the action itself then says why it is refused
            self._writer = (actor, may)
        return self._writer[1]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in WRITER_ACTIONS and not self.may_write():
            return False  # hidden from the footer, and the key does nothing
        return True

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(S.HOME["title"], id="home-title", classes="screen-title")
        table: DataTable[str | Text] = DataTable(
            id="reports", cursor_type="row", zebra_stripes=True
        )
        yield table
        yield Static(S.HOME["guide"], id="home-empty")
        yield Static("", id="home-overdue")
        yield Static("", id="home-bars")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#reports", DataTable)
        table.add_column(S.HOME["col_id"], key="id")
        table.add_column(S.HOME["col_unit"], key="unit")
        table.add_column(S.HOME["col_year"], key="year")
        table.add_column(S.HOME["col_status"], key="status")
        # wide enough for "bar 36/36" from the start: the counts arrive after the first paint
        table.add_column(S.HOME["col_progress"], key="progress", width=BAR_CELLS + 6)
        table.add_column(S.HOME["col_updated"], key="updated")
        self.refresh_reports()

    def on_screen_resume(self) -> None:
        if self._painted:  # the first resume comes right after on_mount: listed already
            self.refresh_reports()

    def refresh_reports(self, select: int | None = None) -> None:
        table = self.query_one("#reports", DataTable)
        current = select if select is not None else self.selected_id()
        try:
            summaries = report_rows(self.app.db)
        except (ZichaError, sqlite3.Error) as exc:
            self.app.notify_error(exc)
            return
        table.clear()
        self._units = {s.id: s.unit for s in summaries}
        self._unit_cells = self._fitting_unit_cells()
        for s in summaries:
            table.add_row(*self._row(s), key=str(s.id))
        self.query_one("#home-empty").display = not summaries
        table.display = bool(summaries)
        if current is not None and str(current) in table.rows:
            table.move_cursor(row=table.get_row_index(str(current)))
        table.focus()
        if self._painted:
            self._count_progress(summaries)
        else:
            self.call_after_refresh(self._first_paint, summaries)

    def _first_paint(self, summaries: list[ReportRow]) -> None:
        # The list is on screen: now the slower counting (pydantic, the bank) may start.
        if not self._painted:
            self._painted = True
            ready = getattr(self.app, "home_ready", None)
            if callable(ready):
                ready()
        self._count_progress(summaries)
        self._show_bars()

    def _row(self, s: ReportRow) -> list[str | Text]:
        known = self._progress.get(s.id)
        if known is not None and known[0] == s.revision:
            progress = counted_cell(known[1], known[2])
        else:
            progress = pending_progress_cell()
        return [
            str(s.id),
            unit_cell(s.unit, self._unit_cells),
            str(s.year),
            s.status_label,
            progress,
            when_cell(s.updated_at),
        ]

    # --- the unit column takes the width the others leave ------------------------------
    def _fitting_unit_cells(self) -> int:
        return unit_cells(self.size.width, max(self._units, default=0))

    def on_resize(self) -> None:
        cells = self._fitting_unit_cells()
        if cells == self._unit_cells:
            return
        self._unit_cells = cells
        table = self.query_one("#reports", DataTable)
        for report_id, unit in self._units.items():
            if str(report_id) in table.rows:
                # update_width: the column also narrows when the window does
                table.update_cell(str(report_id), "unit", unit_cell(unit, cells), update_width=True)

    # --- progress against the question bank (thread worker) ----------------------------
    def _count_progress(self, summaries: list[ReportRow]) -> None:
        stale = [
            s.id
            for s in summaries
            if self._progress.get(s.id, (None,))[0] != s.revision and s.id not in self._counting
        ]
        if not stale:
            return
        self._counting.update(stale)
        app: Any = self.app
        db_path = app.db_path

        def work() -> Progress:
            return bank_progress(db_path, app.bank_for, stale)

        worker = self.run_worker(
            work, name="progress", group="progress", thread=True, exit_on_error=False
        )
        self._counting_by_worker[worker] = stale

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        ids = self._counting_by_worker.get(event.worker)
        if ids is None or not event.worker.is_finished:
            return
        del self._counting_by_worker[event.worker]
        self._counting.difference_update(ids)
        if event.state == WorkerState.ERROR:
            self.app.notify_error(event.worker.error or RuntimeError())
        elif event.state == WorkerState.SUCCESS and event.worker.result:
            self._show_progress(event.worker.result)

    def _show_progress(self, counted: Progress) -> None:
        self._progress.update(counted)
        table = self.query_one("#reports", DataTable)
        self._show_overdue()
        for report_id, (_, done, total, _overdue) in counted.items():
            if str(report_id) in table.rows:
                table.update_cell(
                    str(report_id), "progress", counted_cell(done, total), update_width=True
                )

    def selected_id(self) -> int | None:
        table = self.query_one("#reports", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return int(key.value) if key.value is not None else None

    def _require_selected(self) -> int | None:
        report_id = self.selected_id()
        if report_id is None:
            self.notify(S.HOME["none_selected"], severity="warning")
        return report_id

    def palette_commands(self) -> list[PaletteCommand]:
        commands = [
            PaletteCommand(S.HOME["cmd_open"], "Enter", self.action_open),
            PaletteCommand(S.HOME["cmd_new"], "N", self.action_new),
            PaletteCommand(S.HOME["cmd_import"], "I", self.action_import_answers),
            PaletteCommand(S.HOME["cmd_delete"], "D", self.action_delete),
            PaletteCommand(S.HOME["cmd_library"], "L", self.action_library),
            PaletteCommand("审核", "批注、退回、审定、比较版本（V）", self.action_review),
            PaletteCommand(S.HOME["cmd_example"], "E", self.action_load_example),
            PaletteCommand(
                "以上年度报告为基础新建", "选中上年的报告，新建下一年度（C）", self.action_carry
            ),
            PaletteCommand("汇总", "上级单位：查看、筛选下级单位的报送包", self.app_open_rollup),
        ]
        if self.may_write():
            return commands
        writer_only = {
            self.action_new,
            self.action_import_answers,
            self.action_delete,
            self.action_load_example,
            self.action_carry,
        }
        return [c for c in commands if c.callback not in writer_only]

    def app_open_rollup(self) -> None:
        self.app.open_rollup()

    def _show_overdue(self) -> None:
        table = self.query_one("#reports", DataTable)
        shown = [int(k.value) for k in table.rows if k.value is not None]
        text = overdue_text(self._progress, shown)
        notice = self.query_one("#home-overdue", Static)
        notice.update(text)
        notice.display = bool(text)

    def action_carry(self) -> None:
        """A new report for the next year from the selected one: points 待复核."""
        from report.carry import carry_forward
        from tui.screens.confirm import AskScreen

        report_id = self._require_selected()
        if report_id is None:
            return
        try:
            base = self.app.store.get(report_id)
        except ZichaError as exc:
            self.app.notify_error(exc)
            return

        def opened(created: Report) -> None:
            self.notify(
                f"已以上年度报告为基础新建：{created.unit} {created.year}年度（编号 {created.id}）。"
                "上年的要点均为「待复核」，访谈先问上年度整改落实情况。",
                timeout=8,
            )
            self.refresh_reports(select=created.id)
            self.app.open_report(created.id or 0)

        def answer(confirmed: bool | None) -> None:
            if confirmed:
                actor = self.app.actor
                run_on_store(
                    self, lambda store: carry_forward(store, report_id, actor=actor), opened
                )

        question = (
            f"以「{base.unit} {base.year}年度」报告为基础，新建 {base.year + 1} 年度报告？\n"
            "上年的要点将全部标为「待复核」，由您逐条确认。"
        )
        self.app.push_screen(AskScreen(question), answer)

    # --- per-area status bars of the highlighted report ----------------------------------
    @on(DataTable.RowHighlighted, "#reports")
    def _highlighted(self) -> None:
        if self._painted:  # before the first paint: keep startup free of pydantic
            self._show_bars()

    def _show_bars(self) -> None:
        from tui.widgets.status_bars import area_bars, report_status_counts

        bars = self.query_one("#home-bars", Static)
        report_id = self.selected_id()
        report = None
        if report_id is not None:
            try:
                report = self.app.store.get(report_id)
            except (ZichaError, sqlite3.Error):
                report = None
        bars.display = report is not None
        if report is not None:
            title = Text(S.HOME["bars_title"].format(id=report_id), style="bold")
            bars.update(title + Text("\n") + area_bars(report_status_counts(report)))

    # --- actions ---------------------------------------------------------------------
    @on(DataTable.RowSelected, "#reports")
    def _row_selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        report_id = self._require_selected()
        if report_id is not None:
            self.app.open_report(report_id)

    def action_review(self) -> None:
        from tui.screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen(self.selected_id()))

    def action_new(self) -> None:
        from tui.screens.new_report import NewReportScreen

        self.app.push_screen(NewReportScreen(), self._created)

    def action_import_answers(self) -> None:
        from tui.screens.new_report import ImportAnswersScreen

        self.app.push_screen(ImportAnswersScreen(), self._created)

    def _created(self, report_id: int | None) -> None:
        if report_id is not None:
            self.refresh_reports(select=report_id)
            self.app.open_report(report_id)

    def action_load_example(self) -> None:
        from report.examples import load_example

        def loaded(created: Report) -> None:
            self.refresh_reports(select=created.id)
            self.notify(S.HOME["example_loaded"].format(id=created.id), timeout=8)

        actor = self.app.actor
        run_on_store(
            self, lambda store: store.create(load_example(), actor=actor, action="import"), loaded
        )

    def action_library(self) -> None:
        self.app.open_library()

    def action_delete(self) -> None:
        from tui.screens.confirm import ConfirmScreen

        report_id = self._require_selected()
        if report_id is None:
            return
        try:
            report = self.app.store.get(report_id)
        except ZichaError as exc:
            self.app.notify_error(exc)
            return

        def answer(confirmed: bool | None) -> None:
            if not confirmed:
                return

            def deleted(_: None) -> None:
                self.notify(S.HOME["deleted"].format(unit=report.unit, year=report.year))
                self.refresh_reports()

            actor = self.app.actor
            run_on_store(
                self, lambda store: store.delete(report_id, report.revision, actor=actor), deleted
            )

        question = S.HOME["confirm_delete"].format(unit=report.unit, year=report.year)
        self.app.push_screen(ConfirmScreen(question, S.HOME["confirm_word"]), answer)
