"""Review screen: reports waiting for me; the report with comments in the margin; submit,
comment, reply, resolve, return, approve (typed dialogs) and the diff view.

Every rule lives in report/ (workflow, comments): this screen only calls it and shows refusals.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label, ListItem, ListView, Static

from report.errors import ZichaError
from report.models import STATE_LABELS
from tui.keys import HELP_FIRST
from tui.screens.home import shorten
from tui.screens.review_dialogs import DiffScreen, TextDialog
from tui.widgets.cjk_text import Wrapped
from tui.widgets.draft_blocks import KeepInViewList

if TYPE_CHECKING:
    from textual import getters

    from report.comments import Thread
    from report.models import Report
    from report.store import ReportStore
    from tui.app import ZichaApp

QUEUE_NAME_CELLS = 11  # 编号 + name + 退回修改 with cell padding fit the 29 cells inside

TEXT = {
    "title": "审核",
    "queue": "待我处理",
    "queue_empty": "没有待您处理的报告。",
    "no_report": "请在左侧选择一份报告。",
    "info": "{unit}　{year}年度　{status}　第 {edition} 稿　第 {revision} 版　操作人：{actor}",
    "whole": "【全文】",
    "no_points": "（暂无内容）",
    "comment_title": "批注：{anchor}",
    "reply_title": "回复批注 #{id}（{author}：{body}）",
    "return_title": "退回修改：{anchor}",
    "return_hint": "写明退回理由；它会作为批注，经办人须回复或解决后才能再次提交。",
    "approve_question": "审定报告 {id}（{unit} {year}年度）？审定后报告冻结，只有审核人写明理由才能重新打开。",
    "approve_word": "审定",
    "no_thread": "这一段旁边没有未解决的批注。",
    "submitted": "已提交审核：{label}。",
    "commented": "已添加批注 #{id}。",
    "replied": "已回复批注 #{id}。",
    "resolved": "批注 #{id} 已标为已解决。",
    "returned": "已退回修改。",
    "approved": "已审定。",
    "no_snapshots": "这份报告还没有提交过，没有可比较的版本。",
    "current": "当前稿",
}


class AnchorItem(ListItem):
    """One line of the report: the whole report, a section heading or a point."""

    def __init__(
        self,
        body: Text | str,
        margin: Text | str,
        section: str | None,
        point: str | None,
        classes: str = "",
    ) -> None:
        super().__init__(classes=classes)
        self.body_text = body
        self.margin_text = margin
        self.section = section
        self.point = point

    def compose(self) -> ComposeResult:
        with Horizontal(classes="anchor-row"):
            yield Static(Wrapped(self.body_text), classes="anchor-body")
            # An empty margin without its border: no stray bars down the page.
            empty = "" if str(self.margin_text) else " -empty"
            yield Static(Wrapped(self.margin_text), classes="anchor-margin" + empty)


def margin_text(threads: list[Thread]) -> Text:
    out = Text()
    for t in threads:
        c = t.comment
        mark = "✓" if c.resolved else "▶"
        out.append(f"{mark} #{c.id} {c.author}：", style="bold yellow" if not c.resolved else "dim")
        out.append(c.body + "\n", style="" if not c.resolved else "dim")
        for r in t.replies:
            out.append(f"   ↳ {r.author}：{r.body}\n", style="cyan" if not c.resolved else "dim")
    return out


class ReviewScreen(Screen[None]):
    if TYPE_CHECKING:  # the running app is always ZichaApp
        app = getters.app(ZichaApp)

    CSS_PATH = "../review.tcss"
    BINDINGS = [
        HELP_FIRST,
        Binding("c", "comment", "批注"),
        Binding("r", "reply", "回复"),
        Binding("s", "resolve", "解决"),
        Binding("t", "submit", "提交"),
        Binding("b", "return_report", "退回"),
        Binding("a", "approve", "审定"),
        Binding("d", "diff", "比较"),
        Binding("escape", "back", "返回"),
        # The draft's comment window answers with Y / X: the same keys work here too.
        Binding("y", "reply", "回复", show=False),
        Binding("x", "resolve", "解决", show=False),
    ]

    def __init__(self, report_id: int | None = None) -> None:
        super().__init__()
        self.report_id = report_id
        self.report: Report | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="review-main"):
            with Vertical(id="review-queue-pane"):
                yield Label(TEXT["queue"], classes="screen-title")
                yield DataTable(id="review-queue", cursor_type="row")
                yield Static(TEXT["queue_empty"], id="review-queue-empty")
            with Vertical(id="review-doc-pane"):
                yield Static(TEXT["no_report"], id="review-info")
                yield KeepInViewList(id="review-doc")
        yield Footer()

    async def on_mount(self) -> None:
        self.sub_title = TEXT["title"]
        table = self.query_one("#review-queue", DataTable)
        table.add_columns("编号", "报告", "状态")
        self.refresh_queue()
        if self.report_id is not None:
            await self.reload()
        self.query_one("#review-doc", ListView).focus()

    # --- loading ------------------------------------------------------------------
    @property
    def store(self) -> ReportStore:
        return self.app.store

    @property
    def actor(self) -> str:
        return self.app.actor

    def refresh_queue(self) -> None:

        table = self.query_one("#review-queue", DataTable)
        table.clear()
        ids = self.store.waiting_for(self.actor)
        for rid in ids:
            r = self.store.get(rid)
            # The pane is 30 cells wide: a long unit name would push the status out of view.
            name = shorten(r.unit, QUEUE_NAME_CELLS)
            table.add_row(str(rid), name, STATE_LABELS[r.status], key=str(rid))
        self.query_one("#review-queue-empty").display = not ids

    async def reload(self) -> None:

        doc = self.query_one("#review-doc", ListView)
        keep = doc.index
        try:
            report = self.store.get(self.report_id or 0)
        except ZichaError as exc:
            self.app.notify_error(exc)
            return
        self.report = report
        info = self.store.review_info(report.id or 0)
        self.query_one("#review-info", Static).update(
            TEXT["info"].format(
                unit=report.unit,
                year=report.year,
                status=STATE_LABELS[report.status],
                edition=info.edition,
                revision=report.revision,
                actor=self.actor,
            )
        )
        # A comment on a paragraph since deleted stays visible beside its section.
        by_anchor = self.store.threads_by_anchor(report.id or 0, report)
        items = [
            AnchorItem(
                TEXT["whole"],
                margin_text(by_anchor.get("", [])),
                None,
                None,
                classes="anchor-whole",
            )
        ]
        for section in report.sections:
            items.append(
                AnchorItem(
                    Text(section.title, style="bold"),
                    margin_text(by_anchor.get(section.key, [])),
                    section.key,
                    None,
                    classes="anchor-section",
                )
            )
            if not section.points:
                continue
            for n, p in enumerate(section.points, 1):
                items.append(
                    AnchorItem(
                        f"{n}．{p.body}",
                        margin_text(by_anchor.get(p.id, [])),
                        section.key,
                        p.id,
                        classes="anchor-point",
                    )
                )
        await doc.clear()
        await doc.extend(items)
        # Always a visible highlight: ↓ then moves from 全文 to the first heading and paragraph.
        doc.index = min(keep, len(items) - 1) if keep is not None else 0

    @on(DataTable.RowSelected, "#review-queue")
    async def _picked(self, event: DataTable.RowSelected) -> None:
        self.report_id = int(str(event.row_key.value))
        await self.reload()
        self.query_one("#review-doc", ListView).focus()

    # --- helpers ------------------------------------------------------------------
    def _anchor(self) -> AnchorItem | None:
        item = self.query_one("#review-doc", ListView).highlighted_child
        return item if isinstance(item, AnchorItem) else None

    def _anchor_label(self) -> str:
        """全文, a section's title, or 「组织机构控制 第1段：我局内设办公室……」."""
        from report.models import SECTION_TITLES

        item = self._anchor()
        if item is None or (item.section is None and item.point is None):
            return "全文"
        section = (
            self.report.section_title(item.section)
            if self.report is not None and item.section
            else SECTION_TITLES.get(item.section or "", "")
        )
        if item.point is None:
            return section
        number, _, body = str(item.body_text).partition("．")
        words = body if len(body) <= 12 else body[:12] + "……"
        return f"{section} 第{number}段：{words}"

    def _thread_here(self) -> Thread | None:
        """The open thread beside the highlighted line, else the first unanswered one."""

        if self.report is None:
            return None
        open_threads = self.store.threads(self.report.id or 0, open_only=True)
        item = self._anchor()
        if item is not None:
            for t in open_threads:
                if (t.comment.point_id, t.comment.section_key) == (item.point, item.section) or (
                    item.point is None
                    and t.comment.point_id is None
                    and t.comment.section_key == item.section
                ):
                    return t
        pending = [t for t in open_threads if not t.answered]
        return pending[0] if pending else None

    async def _run(self, fn: Callable[[], Any], message: str | Callable[[Any], str]) -> bool:
        """Call a report/ action; show its refusal, or the message, then reload."""
        try:
            result = fn()
        except ZichaError as exc:
            self.app.notify_error(exc)
            await self.reload()
            return False
        self.notify(message(result) if callable(message) else message)
        self.refresh_queue()
        await self.reload()
        return True

    # --- actions --------------------------------------------------------------------
    def action_back(self) -> None:
        self.app.pop_screen()

    async def action_submit(self) -> None:
        from report import workflow

        if self.report is None:
            return
        from tui.readiness import submission_refusal

        r = self.report
        bank = self.app.report_bank(r)
        await self._run(
            lambda: workflow.submit(
                self.store,
                r.id or 0,
                self.actor,
                r.revision,
                check=lambda report: submission_refusal(report, bank),
            ),
            lambda snap: TEXT["submitted"].format(label=snap.label),
        )

    def action_comment(self) -> None:
        from report import comments

        if self.report is None:
            return
        item = self._anchor()
        rid = self.report.id or 0

        async def done(text: str | None) -> None:
            if text:
                section, point = (item.section, item.point) if item else (None, None)
                await self._run(
                    lambda: comments.add_comment(self.store, rid, self.actor, text, section, point),
                    lambda c: TEXT["commented"].format(id=c.id),
                )

        self.app.push_screen(
            TextDialog(TEXT["comment_title"].format(anchor=self._anchor_label())), done
        )

    def action_reply(self) -> None:
        from report import comments

        thread = self._thread_here()
        if thread is None:
            self.notify(TEXT["no_thread"], severity="warning")
            return
        c = thread.comment

        async def done(text: str | None) -> None:
            if text:
                await self._run(
                    lambda: comments.reply(self.store, c.id, self.actor, text),
                    TEXT["replied"].format(id=c.id),
                )

        title = TEXT["reply_title"].format(id=c.id, author=c.author, body=c.body[:40])
        self.app.push_screen(TextDialog(title), done)

    async def action_resolve(self) -> None:
        from report import comments

        thread = self._thread_here()
        if thread is None:
            self.notify(TEXT["no_thread"], severity="warning")
            return
        cid = thread.comment.id
        await self._run(
            lambda: comments.resolve(self.store, cid, self.actor), TEXT["resolved"].format(id=cid)
        )

    def action_return_report(self) -> None:
        from report import workflow

        if self.report is None:
            return
        r = self.report
        item = self._anchor()

        async def done(text: str | None) -> None:
            if text:
                section, point = (item.section, item.point) if item else (None, None)
                await self._run(
                    lambda: workflow.return_report(
                        self.store, r.id or 0, self.actor, text, section, point, r.revision
                    ),
                    TEXT["returned"],
                )

        dialog = TextDialog(
            TEXT["return_title"].format(anchor=self._anchor_label()), TEXT["return_hint"]
        )
        self.app.push_screen(dialog, done)

    def action_approve(self) -> None:
        from report import workflow
        from tui.screens.confirm import ConfirmScreen

        if self.report is None:
            return
        r = self.report
        refusal = workflow.approve_refusal(self.store, r.id or 0, self.actor, r.revision)
        if refusal:  # say so now, not after the user typed 审定
            self.notify(refusal, severity="error", markup=False, timeout=8)
            return

        async def done(confirmed: bool | None) -> None:
            if confirmed:
                await self._run(
                    lambda: workflow.approve(self.store, r.id or 0, self.actor, r.revision),
                    TEXT["approved"],
                )

        question = TEXT["approve_question"].format(id=r.id, unit=r.unit, year=r.year)
        self.app.push_screen(ConfirmScreen(question, TEXT["approve_word"]), done)

    def action_diff(self) -> None:

        if self.report is None:
            return
        rid = self.report.id or 0
        snaps = self.store.snapshots(rid)
        if not snaps:
            self.notify(TEXT["no_snapshots"], severity="warning")
            return
        options = [(s.label, str(s.seq)) for s in snaps] + [(TEXT["current"], "当前")]
        # After a resubmission compare the last two submissions; otherwise last one vs now.
        if self.report.status == "submitted" and len(snaps) > 1:
            a, b = str(snaps[-2].seq), str(snaps[-1].seq)
        else:
            a, b = str(snaps[-1].seq), "当前"
        self.app.push_screen(DiffScreen(rid, options, a, b))
