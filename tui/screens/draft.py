"""Draft screen: the report as it will be exported; edit paragraphs, reorder points, check it.

Reading and writing run in Textual thread workers (tui/jobs.py) on the screen's own store, one
job at a time; each write reads the report back in the same job, so the screen is redrawn once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, ListView, Static

from report.errors import ConflictError, ZichaError
from report.store import UNCHECKED
from tui.jobs import ScreenStore, run_job
from tui.keys import HELP_FIRST
from tui.widgets.draft_blocks import BlockItem, DraftView

if TYPE_CHECKING:
    from textual import getters

    from exports.assemble import AssembledReport, Block, Numbering
    from exports.preflight import PreflightItem
    from interview.bank import Bank
    from interview.engine import InterviewEngine
    from report.comments import Thread
    from report.models import Report
    from tui.app import ZichaApp
    from tui.commands import PaletteCommand


TEXT = {
    "title": "成稿",
    "info": "{unit}　{year}年度　第 {revision} 版　编号：{numbering}",
    "runin": "一是、二是",
    "headings": "（一）（二）",
    "edit_point": "修改段落（{section}）",
    "edit_opening": "修改开头段",
    "edit_assessment": "修改总体评价",
    "not_editable": "这一行随报告的结构生成（部分标题、「待补充」提示），不能在这里修改。",
    "not_movable": "只有各部分中的要点段落可以上下移动。",
    "saved": "已保存。",
    "restored": "已恢复上次退出时未保存的修改，确认后按 Ctrl+S 保存。",
    "moved": "已移动。",
    "edge": "已经到头了。",
    "conflict": "{error}\n已载入最新内容。",
    "conflict_retry": "报告已被他人修改，已载入最新内容。您刚才的修改仍在编辑框中，确认后再保存。",
    "gone": "这一段已被他人删除，您的修改未保存。",
    "load_failed": "无法打开报告：{error}",
    "no_comments": "这份报告没有审核批注。",
    "jumped": "这一段没有批注，已跳到下一处有批注的段落；再按 M 查看。",
    "whole": "全文",
    "point_anchor": "{section}·第 {n} 段",
    "pending": "有 {n} 个要点的符合情况待确认（拟定：{which}），请回到访谈按回车确认或按 F5–F8 修改。",
}


def change_labels(report: Report) -> dict[str, str]:
    """Point id -> the mark the draft shows beside it (待复核 before its change mark)."""
    from report.carry import change_marks

    labels: dict[str, str] = dict(change_marks(report))
    for s in report.sections:
        for p in s.points:
            if p.review_pending and not p.skipped:
                labels[p.id] = "待复核"
    return labels


def year_summary(report: Report) -> str:
    """与上年相比：新增 1、修改 2、未变 10、删除 1；待复核 3."""
    from report.carry import deleted_points, mark_counts, review_pending

    counts = mark_counts(report)
    text = "与上年相比：" + "、".join(f"{k} {v}" for k, v in counts.items())
    pending = len(review_pending(report))
    if pending:
        text += f"；待复核 {pending}"
    gone = deleted_points(report)
    if gone:
        text += "；删除的：" + "；".join(p.body[:16] for _, p in gone[:3])
    return text


class Loaded(NamedTuple):
    """The report as read by a job: what the screen shows, and the engine holding its revision."""

    engine: InterviewEngine
    info: Text
    assembled: AssembledReport
    placed: dict[int, list[Thread]]
    changes: dict[str, str]


class Conflict(NamedTuple):
    """A save refused because someone saved first: their version, read in the same job."""

    loaded: Loaded | None
    message: str


class DraftScreen(Screen[None]):
    if TYPE_CHECKING:  # the running app is always ZichaApp
        app = getters.app(ZichaApp)

    CSS_PATH = "../draft.tcss"
    BINDINGS = [
        HELP_FIRST,
        Binding("escape", "back", "返回"),
        Binding("enter,e", "edit", "修改"),
        # One footer entry for both moves leaves room for 批注 at 80 columns.
        Binding("shift+up,ctrl+up", "move(-1)", "移动", key_display="⇧↑↓"),
        Binding("shift+down,ctrl+down", "move(1)", "下移", show=False),
        Binding("left_square_bracket", "section(-1)", "上一部分", show=False),
        Binding("right_square_bracket", "section(1)", "下一部分", show=False),
        Binding("n", "numbering", "编号"),
        Binding("c", "coverage", "覆盖"),
        Binding("p", "preflight", "预检"),
        Binding("m", "comments", "批注"),
        Binding("x", "export", "导出"),
        Binding("r", "reload", "刷新", show=False),
        Binding("l", "ledger_export", "导出台账", show=False),
        Binding("u", "ledger_import", "导入台账", show=False),
        Binding("a", "evidence", "佐证材料", show=False),
    ]

    def __init__(self, report_id: int) -> None:
        super().__init__()
        self.report_id = report_id
        self.report: Report | None = None
        self.engine: InterviewEngine | None = None
        self._bank: Bank | None = None
        self.numbering: Numbering = "runin"
        self._blocks: list[Block] = []
        self._placed: dict[int, list[Thread]] = {}
        self._own = ScreenStore(self)  # only this screen's jobs use it, one at a time

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="draft-info")
        yield DraftView(id="draft-doc")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = TEXT["title"]
        self.query_one(DraftView).focus()
        self.reload()

    def on_unmount(self) -> None:
        self._own.close_after_jobs()

    def _job(
        self,
        job: Callable[[], Any],
        done: Callable[[Any], Any] | None = None,
        failed: Callable[[Exception], Any] | None = None,
    ) -> None:
        run_job(self, job, done, failed=failed, lock=self._own.lock, group="draft")

    # --- loading ------------------------------------------------------------------
    def reload(self, focus_point: str | None = None) -> None:
        """Read the report afresh in a job; the engine made there holds the revision shown."""
        numbering = self.numbering
        self._job(lambda: self._load(numbering), lambda loaded: self._show(loaded, focus_point))

    def _load(self, numbering: Numbering) -> Loaded | str:
        """On a worker: the report as the screen shows it, or why it cannot be opened."""
        from exports.assemble import assemble
        from interview.engine import InterviewEngine
        from report.models import STATE_LABELS
        from tui.widgets.draft_comments import place_threads, summary_text

        store = self._own.open()
        try:
            if self._bank is None:  # the bank this report is answered on (imported or built-in)
                self._bank = self.app.bank_for(store.get(self.report_id).bank)
            engine = InterviewEngine(store, self.report_id, bank=self._bank, actor=self.app.actor)
        except (ZichaError, ValueError) as exc:
            return TEXT["load_failed"].format(error=exc)
        report = engine.report
        threads = store.threads(self.report_id)
        info = Text(
            TEXT["info"].format(
                unit=report.unit,
                year=report.year,
                revision=report.revision,
                numbering=TEXT[numbering],
            )
        )
        summary = summary_text(STATE_LABELS[report.status], threads)
        if summary:
            info.append("\n" + summary, "yellow")
        pending = [p for s in report.sections for p in s.points if p.shown_status == "待确认"]
        if pending:
            which = "、".join(
                f"{p.control_point or '自拟'} {p.status or '未拟定'}" for p in pending[:3]
            )
            which += "等" if len(pending) > 3 else ""
            info.append("\n" + TEXT["pending"].format(n=len(pending), which=which), "yellow")
        changes = change_labels(report)
        if report.predecessor is not None:
            info.append("\n" + year_summary(report), "cyan")
        assembled = assemble(report, numbering)
        placed = place_threads(list(assembled.blocks), threads)
        return Loaded(engine, info, assembled, placed, changes)

    async def _show(self, loaded: Loaded | str, focus_point: str | None = None) -> None:
        if isinstance(loaded, str):
            self.query_one("#draft-info", Static).update(Text(loaded))
            return
        self.engine = loaded.engine
        self._bank = loaded.engine.bank
        self.report = loaded.engine.report
        self.query_one("#draft-info", Static).update(loaded.info)
        self._blocks = list(loaded.assembled.blocks)
        self._placed = loaded.placed
        await self.query_one(DraftView).show(
            loaded.assembled, focus_point, loaded.placed, loaded.changes
        )

    def action_reload(self) -> None:
        self.reload(self._current_point())

    def _current_point(self) -> str | None:
        block = self.query_one(DraftView).current
        return block.point_id if block else None

    # --- navigation -----------------------------------------------------------------
    def action_back(self) -> None:
        self.app.pop_screen()

    def action_section(self, delta: int) -> None:
        view = self.query_one(DraftView)
        starts = view.section_starts()
        here = view.index or 0
        if delta < 0:
            before = [i for i in starts if i < here]
            target = before[-1] if before else 0
        else:
            after = [i for i in starts if i > here]
            target = after[0] if after else len(view.children) - 1
        view.index = target

    def action_numbering(self) -> None:
        self.numbering = "headings" if self.numbering == "runin" else "runin"
        self.reload(self._current_point())

    # --- editing --------------------------------------------------------------------
    @on(ListView.Selected, "#draft-doc")
    def _selected(self, event: ListView.Selected) -> None:
        event.stop()
        self.action_edit()

    def _edit_info(self) -> None:
        """Title, 主送机关 and 落款 come from the report's information: edit it in the form
        the report was created with (单位、自称、主送机关、年度、依据通知、成文日期)."""
        from tui.screens.new_report import NewReportScreen

        if self.report is None:
            return

        def saved(report_id: int | None) -> None:
            if report_id is not None:
                self.reload(self._current_point())

        self.app.push_screen(NewReportScreen(existing=self.report), saved)

    def action_edit(self, notice: str = "", text: str | None = None) -> None:
        from tui.widgets.draft_edit import EditParagraphScreen

        block = self.query_one(DraftView).current
        if block is None or self.report is None:
            return
        if block.point_id is not None:
            try:
                _, point = self.report.find_point(block.point_id)
            except KeyError:
                if block.section_key == "prior":
                    self.notify("上年度整改落实情况请在访谈中修改（左侧树中选择该项）。")
                return
            heading = TEXT["edit_point"].format(
                section=self.report.section_title(block.section_key or "")
            )
            original = point.body
        elif block.kind == "opening":
            heading, original = TEXT["edit_opening"], self.report.display_opening()
        elif block.kind == "assessment":
            heading, original = TEXT["edit_assessment"], self.report.assessment or ""
        elif block.kind in ("title", "addressee", "signature", "date"):
            self._edit_info()
            return
        else:
            self.notify(TEXT["not_editable"])
            return
        key = f"draft.edit:{block.point_id or block.kind}"
        rid = self.report_id

        def keep(unsaved: str | None) -> None:
            # Called as the app quits: written here and now, as no worker would run after it.
            if not self._own.lock.acquire(timeout=15):
                self.app.notify_error(TimeoutError())
                return
            try:
                # UNCHECKED: this key is written only by this dialog, and refusing it here,
                # as the app quits, would lose what the officer typed.
                self._own.open().set_state(rid, key, unsaved, expected=UNCHECKED)
            finally:
                self._own.lock.release()

        def editor(kept: str | None) -> None:
            draft, note = text, notice
            if draft is None and kept and kept.strip() != original.strip():
                draft, note = kept, notice or TEXT["restored"]
            screen = EditParagraphScreen(heading, original, note, draft=draft, keep_unsaved=keep)
            self.app.push_screen(screen, lambda new: self._save_edit(block, new, key))

        if text is not None:
            editor(None)
        else:  # text kept from an edit left unsaved last time
            self._job(lambda: self._own.open().get_state(rid, key), editor)

    def _save_edit(self, block: Block, new_text: str | None, key: str | None = None) -> None:
        engine = self.engine
        if new_text is None or self.report is None or engine is None:
            if key is not None:  # discarded
                self._job(
                    lambda: self._own.open().set_state(
                        self.report_id, key, None, expected=UNCHECKED
                    )
                )
            return
        numbering = self.numbering

        def write() -> Loaded | str | Conflict | ZichaError:
            if key is not None:
                # saved or discarded
                self._own.open().set_state(self.report_id, key, None, expected=UNCHECKED)
            try:
                if block.point_id is not None:
                    engine.edit_drafted(block.point_id, new_text)
                elif block.kind == "assessment":
                    engine.accept_suggestion(new_text)
                else:
                    engine.edit_opening(new_text)
            except ConflictError as exc:
                loaded = self._load(numbering)
                return Conflict(loaded if isinstance(loaded, Loaded) else None, str(exc))
            except ZichaError as exc:
                return exc
            return self._load(numbering)

        async def written(outcome: Loaded | str | Conflict | ZichaError) -> None:
            if isinstance(outcome, ZichaError):
                self.app.notify_error(outcome)
            elif isinstance(outcome, Conflict):
                if outcome.loaded is not None:
                    await self._show(outcome.loaded, block.point_id)
                self._after_conflict(block, new_text)
            else:
                await self._show(outcome, block.point_id)
                self.notify(TEXT["saved"])

        self._job(write, written)

    def _after_conflict(self, block: Block, new_text: str) -> None:
        """Someone saved first: their version is shown; give the user's text back to save again."""
        view = self.query_one(DraftView)
        for i, item in enumerate(view.children):
            if isinstance(item, BlockItem) and (
                (block.point_id and item.block.point_id == block.point_id)
                or (not block.point_id and item.block.kind == block.kind)
            ):
                view.index = i
                self.action_edit(notice=TEXT["conflict_retry"], text=new_text)
                return
        self.notify(TEXT["gone"], severity="warning")

    # --- moving ---------------------------------------------------------------------
    def action_move(self, delta: int) -> None:
        block = self.query_one(DraftView).current
        if block is None or block.point_id is None or block.section_key is None:
            self.notify(TEXT["not_movable"])
            return
        engine, report = self.engine, self.report
        if engine is None or report is None:
            return
        section, point = block.section_key, block.point_id
        before = [p.id for p in report.section(section).points]
        numbering = self.numbering

        def move() -> tuple[ZichaError | None, bool, Loaded | str]:
            try:
                after = engine.move_point(section, point, delta)
            except ZichaError as exc:
                return exc, False, self._load(numbering)
            return None, [p.id for p in after] == before, self._load(numbering)

        async def moved(outcome: tuple[ZichaError | None, bool, Loaded | str]) -> None:
            error, at_edge, loaded = outcome
            await self._show(loaded, point)
            if isinstance(error, ConflictError):
                self.notify(str(error), severity="warning", markup=False, timeout=8)
            elif error is not None:
                self.app.notify_error(error)
            elif at_edge:
                self.notify(TEXT["edge"])

        self._job(move, moved)

    # --- panels ---------------------------------------------------------------------
    def action_coverage(self) -> None:
        from interview.scoring import score_rows
        from tui.widgets.draft_panels import CoverageScreen

        if self.engine is not None:
            scores = score_rows(self.engine.report, self.engine.bank)
            self.app.push_screen(CoverageScreen(self.engine.coverage(), scores))

    def action_preflight(self) -> None:
        from tui.readiness import full_preflight
        from tui.widgets.draft_panels import PreflightScreen

        if self.report is not None:
            items = full_preflight(self.report, self.app.report_bank(self.report))
            self.app.push_screen(PreflightScreen(items), self._go_to_item)

    def _go_to_item(self, item: PreflightItem | None) -> None:
        """Move the cursor to the paragraph a preflight line is about."""
        if item is None:
            return
        view = self.query_one(DraftView)
        blocks = [it.block for it in view.children if isinstance(it, BlockItem)]
        for i, b in enumerate(blocks):
            if item.point_id and b.point_id == item.point_id:
                view.index = i
                return
        for i, b in enumerate(blocks):
            if item.section_key and b.section_key == item.section_key:
                view.index = i
                return

    # --- review comments ------------------------------------------------------------
    def action_comments(self) -> None:
        """Open the threads beside the selected paragraph, or move to the next one that has some."""
        from tui.widgets.draft_comments import CommentsScreen, carrier_index

        view = self.query_one(DraftView)
        here = view.index
        if here is None or self.report is None or not self._blocks:
            return
        carrier = carrier_index(self._blocks, here)
        threads = self._placed.get(carrier, [])
        if not threads:
            marked = [i for i, it in enumerate(view.children) if getattr(it, "mark", None)]
            if not marked:
                self.notify(TEXT["no_comments"])
                return
            view.index = next((i for i in marked if i > here), marked[0])
            self.notify(TEXT["jumped"])
            return
        block = self._blocks[carrier]
        paragraph = "".join(
            b.text for b in self._blocks if b.point_id and b.point_id == block.point_id
        )
        if not paragraph and block.kind != "heading1":
            paragraph = block.text
        screen = CommentsScreen(
            self.report_id,
            self._anchor_label(block),
            paragraph,
            [t.comment.id for t in threads],
        )
        self.app.push_screen(screen, self._after_comments)

    def _after_comments(self, changed: bool | None) -> None:
        if changed:
            self.reload(self._current_point())

    def _anchor_label(self, block: Block) -> str:
        from report.models import SECTION_TITLES

        keys = {s.key for s in self.report.sections} if self.report is not None else set()
        if block.point_id and block.section_key in keys and self.report is not None:
            points = self.report.section(block.section_key).points
            n = next((i for i, p in enumerate(points, 1) if p.id == block.point_id), 0)
            title = self.report.section_title(block.section_key)
            return TEXT["point_anchor"].format(section=title, n=n)
        if block.kind == "heading1" and block.section_key:
            if self.report is not None and block.section_key in keys:
                return self.report.section_title(block.section_key)
            return SECTION_TITLES.get(block.section_key, block.text)
        return TEXT["whole"]

    def action_export(self) -> None:
        self.app.open_export(self.report_id, numbering=self.numbering)

    # --- the yearly cycle: ledger and evidence -----------------------------------------
    def action_ledger_export(self) -> None:
        from tui.cycle_actions import export_ledger

        export_ledger(self.app, self.report_id)

    def action_ledger_import(self) -> None:
        from tui.cycle_actions import import_ledger

        import_ledger(self.app, self.report_id, self.action_reload)

    def action_evidence(self) -> None:
        from report.evidence import find_holder
        from tui.cycle_actions import add_evidence

        block = self.query_one(DraftView).current
        if block is None or block.point_id is None or self.report is None:
            self.notify("请先选中一段要点、整改项或上年度整改情况，再添加佐证材料。")
            return
        try:
            label, _ = find_holder(self.report, block.point_id)
        except ZichaError as exc:
            self.app.notify_error(exc)
            return
        add_evidence(
            self.app,
            self.report_id,
            block.point_id,
            label,
            lambda: self.reload(block.point_id),
        )

    def palette_commands(self) -> list[PaletteCommand]:
        from functools import partial

        from tui.commands import PaletteCommand

        act = partial(partial, self.run_action)
        return [
            PaletteCommand("修改当前段落", "回车或 E", act("edit")),
            PaletteCommand("上移要点", "Shift+↑", act("move(-1)")),
            PaletteCommand("下移要点", "Shift+↓", act("move(1)")),
            PaletteCommand("切换编号样式", "一是……／（一）（N）", act("numbering")),
            PaletteCommand("覆盖情况", "各部分作答和符合情况（C）", act("coverage")),
            PaletteCommand("导出前预检", "缺漏和错误（P）", act("preflight")),
            PaletteCommand("查看审核批注", "当前段落的批注，可回复（M）", act("comments")),
            PaletteCommand("导出报告", "docx、md、txt（X）", act("export")),
            PaletteCommand("导出整改台账", "Excel，发各部门填写（L）", act("ledger_export")),
            PaletteCommand(
                "导入整改台账", "各部门填好的 Excel，先看改动（U）", act("ledger_import")
            ),
            PaletteCommand("添加佐证材料", "给选中的段落附上文件（A）", act("evidence")),
            PaletteCommand("重新载入", "读取最新内容（R）", act("reload")),
            PaletteCommand("返回", "Esc", act("back")),
        ]
