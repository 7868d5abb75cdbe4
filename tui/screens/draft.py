"""Draft screen: the report as it will be exported; edit paragraphs, reorder points, check it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, ListView, Static

from report.errors import ConflictError, ZichaError
from tui.widgets.draft_blocks import BlockItem, DraftView

if TYPE_CHECKING:
    from exports.assemble import Block
    from report.models import Report

TEXT = {
    "title": "成稿",
    "info": "{unit}　{year}年度　第 {revision} 版　编号：{numbering}",
    "runin": "一是、二是",
    "headings": "（一）（二）",
    "edit_point": "修改段落（{section}）",
    "edit_opening": "修改开头段",
    "edit_assessment": "修改总体评价",
    "not_editable": "这一行由报告信息生成（标题、主送机关、落款），请在首页修改报告信息。",
    "not_movable": "只有各部分中的要点段落可以上下移动。",
    "saved": "已保存。",
    "moved": "已移动。",
    "edge": "已经到头了。",
    "conflict": "{error}\n已载入最新内容。",
    "conflict_retry": "报告已被他人修改，已载入最新内容。您刚才的修改仍在编辑框中，确认后再保存。",
    "gone": "这一段已被他人删除，您的修改未保存。",
    "load_failed": "无法打开报告：{error}",
}


class DraftScreen(Screen[None]):
    CSS_PATH = "../draft.tcss"
    BINDINGS = [
        Binding("escape", "back", "返回"),
        Binding("enter,e", "edit", "修改"),
        Binding("shift+up,ctrl+up", "move(-1)", "上移", key_display="⇧↑"),
        Binding("shift+down,ctrl+down", "move(1)", "下移", key_display="⇧↓"),
        Binding("left_square_bracket", "section(-1)", "上一部分", show=False),
        Binding("right_square_bracket", "section(1)", "下一部分", show=False),
        Binding("n", "numbering", "编号"),
        Binding("c", "coverage", "覆盖"),
        Binding("p", "preflight", "预检"),
        Binding("x", "export", "导出"),
        Binding("r", "reload", "刷新", show=False),
    ]

    def __init__(self, report_id: int) -> None:
        super().__init__()
        self.report_id = report_id
        self.report: Report | None = None
        self.numbering = "runin"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="draft-info")
        yield DraftView(id="draft-doc")
        yield Footer()

    async def on_mount(self) -> None:
        self.sub_title = TEXT["title"]
        await self.reload()
        self.query_one(DraftView).focus()

    # --- loading ------------------------------------------------------------------
    async def reload(self, focus_point: str | None = None) -> None:
        from exports.assemble import assemble

        try:
            self.report = self.app.store.get(self.report_id)
        except ZichaError as exc:
            self.query_one("#draft-info", Static).update(
                Text(TEXT["load_failed"].format(error=exc))
            )
            return
        report = self.report
        self.query_one("#draft-info", Static).update(
            Text(
                TEXT["info"].format(
                    unit=report.unit,
                    year=report.year,
                    revision=report.revision,
                    numbering=TEXT[self.numbering],
                )
            )
        )
        await self.query_one(DraftView).show(assemble(report, self.numbering), focus_point)

    async def action_reload(self) -> None:
        await self.reload(self._current_point())

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

    async def action_numbering(self) -> None:
        self.numbering = "headings" if self.numbering == "runin" else "runin"
        await self.reload(self._current_point())

    # --- editing --------------------------------------------------------------------
    @on(ListView.Selected, "#draft-doc")
    def _selected(self, event: ListView.Selected) -> None:
        event.stop()
        self.action_edit()

    def action_edit(self, notice: str = "", text: str | None = None) -> None:
        from report.models import SECTION_TITLES
        from tui.widgets.draft_edit import EditParagraphScreen

        block = self.query_one(DraftView).current
        if block is None or self.report is None:
            return
        if block.point_id is not None:
            try:
                _, point = self.report.find_point(block.point_id)
            except KeyError:
                return
            heading = TEXT["edit_point"].format(section=SECTION_TITLES[block.section_key or ""])
            original = point.body
        elif block.kind == "opening":
            heading, original = TEXT["edit_opening"], self.report.display_opening()
        elif block.kind == "assessment":
            heading, original = TEXT["edit_assessment"], self.report.assessment or ""
        else:
            self.notify(TEXT["not_editable"])
            return
        screen = EditParagraphScreen(heading, text if text is not None else original, notice)
        self.app.push_screen(screen, lambda new: self._save_edit(block, new))

    def _save_edit(self, block: Block, new_text: str | None) -> None:
        if new_text is None or self.report is None:
            return
        self.run_worker(self._write_edit(block, new_text), group="draft-save", exclusive=True)

    async def _write_edit(self, block: Block, new_text: str) -> None:
        try:
            if block.point_id is not None:
                self._engine().edit_drafted(block.point_id, new_text)
            else:
                field = "opening" if block.kind == "opening" else "assessment"
                report = self.report.model_copy(update={field: new_text})
                self.app.store.save(
                    report, actor=self.app.actor, action="edit", detail=TEXT["edit_" + field]
                )
        except ConflictError:
            await self._after_conflict(block, new_text)
            return
        except (ZichaError, ValueError, KeyError) as exc:
            self._error(exc)
            return
        await self.reload(block.point_id)
        self.notify(TEXT["saved"])

    async def _after_conflict(self, block: Block, new_text: str) -> None:
        """Someone saved first: show their version and give the user's text back to save again."""
        await self.reload(block.point_id)
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
    async def action_move(self, delta: int) -> None:
        block = self.query_one(DraftView).current
        if block is None or block.point_id is None or block.section_key is None:
            self.notify(TEXT["not_movable"])
            return
        try:
            moved = self._engine().move_point(block.section_key, block.point_id, delta)
        except ConflictError as exc:
            await self.reload(block.point_id)
            self.notify(TEXT["conflict"].format(error=exc), severity="warning", markup=False)
            return
        except (ZichaError, ValueError, KeyError) as exc:
            self._error(exc)
            return
        await self.reload(block.point_id)
        if moved is False:
            self.notify(TEXT["edge"])

    # --- panels ---------------------------------------------------------------------
    def action_coverage(self) -> None:
        from tui.widgets.draft_panels import CoverageScreen

        if self.report is not None:
            try:
                coverage = self._engine().coverage()
            except (ZichaError, ValueError) as exc:
                self._error(exc)
                return
            self.app.push_screen(CoverageScreen(coverage))

    def action_preflight(self) -> None:
        from exports.preflight import preflight
        from tui.widgets.draft_panels import PreflightScreen

        if self.report is not None:
            self.app.push_screen(PreflightScreen(preflight(self.report)))

    def action_export(self) -> None:
        from tui.screens.export import ExportScreen

        def done(path) -> None:
            if path is not None:
                self.notify(f"已导出：{path}", markup=False, timeout=10)

        self.app.push_screen(ExportScreen(self.report_id), done)

    # --- helpers --------------------------------------------------------------------
    def _engine(self):
        from interview.engine import InterviewEngine

        return InterviewEngine(self.app.store, self.report, actor=self.app.actor)

    def _error(self, exc: Exception) -> None:
        notify_error = getattr(self.app, "notify_error", None)
        if notify_error is not None:
            notify_error(exc)
        else:
            self.notify(str(exc), severity="error", markup=False)
