"""Review screen: reports waiting for me; the report with comments in the margin; submit,
comment, reply, resolve, return, approve (typed dialogs) and the diff view.

Every rule lives in report/ (workflow, comments): this screen only calls it and shows refusals.
Reading and writing run in Textual thread workers (tui/jobs.py) on the screen's own store, one
job at a time; an action reads the queue and the report back in the same job.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label, ListItem, ListView, Static

from report.errors import ZichaError
from report.models import STATE_LABELS
from tui.jobs import ScreenStore, run_job
from tui.keys import HELP_FIRST
from tui.screens.home import shorten
from tui.screens.review_dialogs import DiffScreen, TextDialog
from tui.widgets.cjk_text import Segmented, Wrapped
from tui.widgets.draft_blocks import KeepInViewList

if TYPE_CHECKING:
    from textual import getters

    from report.comments import Thread
    from report.models import Report
    from report.snapshots import Snapshot
    from report.store import ReportStore
    from tui.app import ZichaApp
    from tui.unsent import UnsentSlot

QUEUE_NAME_CELLS = 11  # 编号 + name + 退回修改 with cell padding fit the 29 cells inside

TEXT = {
    "title": "审核",
    "queue": "待我处理",
    "queue_empty": "没有待您处理的报告。",
    "no_report": "请在左侧选择一份报告。",
    "info": "{unit}　{year}年度　{status}　{stage}　第 {revision} 版　操作人：{actor}",
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
    "no_snapshots": "这份报告还没有送审过，没有可比较的版本。",
    "current": "当前稿",
}

# Said when a key hidden from this role's footer is pressed anyway.
NOT_YOURS = {
    "comment": "只有审核人可以提出批注；经办人请按 R 回复批注、S 标为已解决。",
    "submit": "只有经办人可以提交送审。",
    "return_report": "只有审核人可以退回报告。",
    "approve": "只有审核人可以审定报告。",
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
    out.rstrip()  # no empty last line under the margin's bar
    return out


class Loaded(NamedTuple):
    """What a job read: the queue, and the report with its threads (None: no report chosen)."""

    queue: list[tuple[str, str, str]]  # 编号, unit, status label
    report: Report | None
    info: str
    by_anchor: dict[str, list[Thread]]
    open_threads: list[Thread]
    error: ZichaError | None = None
    role: str | None = None


# Keys a role cannot use are left out of the footer (they would only be refused).
ROLE_ACTIONS: dict[str, frozenset[str]] = {
    "officer": frozenset({"submit"}),
    "supervisor": frozenset({"comment", "return_report", "approve"}),
}
ROLE_BOUND = frozenset().union(*ROLE_ACTIONS.values())


class ReviewScreen(Screen[None]):
    if TYPE_CHECKING:  # the running app is always ZichaApp
        app = getters.app(ZichaApp)

    CSS_PATH = "../review.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
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
        # When a role's key is hidden (check_action), pressing it still says why.
        Binding("c", "not_yours('comment')", show=False),
        Binding("t", "not_yours('submit')", show=False),
        Binding("b", "not_yours('return_report')", show=False),
        Binding("a", "not_yours('approve')", show=False),
    ]

    def __init__(self, report_id: int | None = None) -> None:
        super().__init__()
        self.report_id = report_id
        self.report: Report | None = None
        self._open_threads: list[Thread] = []  # as read by the last job
        self._role: str | None = None  # None: no accounts (or not read yet), every key shown
        self._own = ScreenStore(self)  # only this screen's jobs use it, one at a time

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
        yield Footer(compact=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self._role is not None and action in ROLE_BOUND:
            return action in ROLE_ACTIONS.get(self._role, frozenset())
        return True

    def on_mount(self) -> None:
        self.sub_title = TEXT["title"]
        table = self.query_one("#review-queue", DataTable)
        table.add_columns("编号", "报告", "状态")
        self.query_one("#review-doc", ListView).focus()
        self.reload()

    def on_unmount(self) -> None:
        self._own.close_after_jobs()

    # --- loading ------------------------------------------------------------------
    @property
    def actor(self) -> str:
        return self.app.actor

    def _job(self, job: Callable[[], Any], done: Callable[[Any], Any] | None = None) -> None:
        run_job(self, job, done, lock=self._own.lock, group="review")

    def reload(self) -> None:
        """Read the queue and the chosen report afresh (in a job), then show them."""
        rid = self.report_id
        self._job(lambda: self._load(rid), self._show)

    def _load(self, report_id: int | None, error: ZichaError | None = None) -> Loaded:
        """On a worker: the queue and the report as this screen shows them."""
        store = self._own.open()
        role = store.role_of(self.actor)
        queue = []
        for rid in store.waiting_for(self.actor):
            r = store.get(rid)
            # The pane is 30 cells wide: a long unit name would push the status out of view.
            queue.append((str(rid), shorten(r.unit, QUEUE_NAME_CELLS), STATE_LABELS[r.status]))
        if report_id is None:
            return Loaded(queue, None, "", {}, [], error, role)
        try:
            report = store.get(report_id)
        except ZichaError as exc:
            return Loaded(queue, None, "", {}, [], error or exc, role)
        from report.snapshots import stage_label

        info = store.review_info(report.id or 0)
        text = TEXT["info"].format(
            unit=report.unit,
            year=report.year,
            status=STATE_LABELS[report.status],
            stage=stage_label(store.snapshots(report.id or 0), info.edition),
            revision=report.revision,
            actor=self.actor,
        )
        # A comment on a paragraph since deleted stays visible beside its section.
        by_anchor = store.threads_by_anchor(report.id or 0, report)
        open_threads = store.threads(report.id or 0, open_only=True)
        return Loaded(queue, report, text, by_anchor, open_threads, error, role)

    async def _show(self, loaded: Loaded) -> None:
        if loaded.error is not None:
            self.app.notify_error(loaded.error)
        if loaded.role != self._role:
            self._role = loaded.role
            self.refresh_bindings()
        table = self.query_one("#review-queue", DataTable)
        table.clear()
        for rid, name, status in loaded.queue:
            table.add_row(rid, name, status, key=rid)
        self.query_one("#review-queue-empty").display = not loaded.queue
        report = loaded.report
        if report is None:
            return
        self.report = report
        self._open_threads = loaded.open_threads
        # 「第 2 次送审」 and 「第 4 版」 each stay whole when the line wraps
        self.query_one("#review-info", Static).update(Segmented(loaded.info.split("　")))
        by_anchor = loaded.by_anchor
        doc = self.query_one("#review-doc", ListView)
        keep = doc.index
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
    def _picked(self, event: DataTable.RowSelected) -> None:
        self.report_id = int(str(event.row_key.value))
        self.reload()
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
        open_threads = self._open_threads
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

    def _run(
        self,
        fn: Callable[[ReportStore], Any],
        message: str | Callable[[Any], str],
        posted: UnsentSlot | None = None,
    ) -> None:
        """Call a report/ action in a job and read everything back; then show its refusal, or
        the message, and the screen afresh. `posted`: the dialog text the action wrote, kept
        until it succeeds."""
        rid = self.report_id

        def job() -> tuple[Any, Loaded]:
            try:
                result = fn(self._own.open())
            except ZichaError as exc:
                return None, self._load(rid, exc)
            return result, self._load(rid)

        async def done(outcome: tuple[Any, Loaded]) -> None:
            result, loaded = outcome
            if loaded.error is None:
                if posted is not None:
                    posted.drop()
                self.notify(message(result) if callable(message) else message)
            await self._show(loaded)

        self._job(job, done)

    def _unsent(self, what: str, report_id: int | None, *where: str | None) -> UnsentSlot:
        """Where this user's unposted comment / reply / return reason on this spot is kept."""
        from tui.unsent import UnsentSlot

        key = "|".join([self.actor, "review", what, str(report_id), *(w or "" for w in where)])
        return UnsentSlot(home=self.app.home, key=key)

    # --- actions --------------------------------------------------------------------
    def action_not_yours(self, action: str) -> None:
        self.notify(NOT_YOURS[action], severity="warning")

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_submit(self) -> None:
        from report import workflow

        if self.report is None:
            return
        from tui.readiness import submission_refusal

        r = self.report
        app = self.app
        self._run(
            lambda store: workflow.submit(
                store,
                r.id or 0,
                self.actor,
                r.revision,
                check=lambda report: submission_refusal(report, app.report_bank(r)),
            ),
            lambda snap: TEXT["submitted"].format(label=snap.label),
        )

    def action_comment(self) -> None:
        from report import comments

        if self.report is None:
            return
        item = self._anchor()
        rid = self.report.id or 0

        section, point = (item.section, item.point) if item else (None, None)
        slot = self._unsent("comment", rid, section, point)

        def done(text: str | None) -> None:
            if text:
                self._run(
                    lambda store: comments.add_comment(
                        store, rid, self.actor, text, section, point
                    ),
                    lambda c: TEXT["commented"].format(id=c.id),
                    posted=slot,
                )

        title = TEXT["comment_title"].format(anchor=self._anchor_label())
        self.app.push_screen(TextDialog(title, unsent=slot), done)

    def action_reply(self) -> None:
        from report import comments

        thread = self._thread_here()
        if thread is None:
            self.notify(TEXT["no_thread"], severity="warning")
            return
        c = thread.comment

        slot = self._unsent("reply", self.report_id, str(c.id))

        def done(text: str | None) -> None:
            if text:
                self._run(
                    lambda store: comments.reply(store, c.id, self.actor, text),
                    TEXT["replied"].format(id=c.id),
                    posted=slot,
                )

        title = TEXT["reply_title"].format(id=c.id, author=c.author, body=c.body[:40])
        self.app.push_screen(TextDialog(title, unsent=slot), done)

    def action_resolve(self) -> None:
        from report import comments

        thread = self._thread_here()
        if thread is None:
            self.notify(TEXT["no_thread"], severity="warning")
            return
        cid = thread.comment.id
        self._run(
            lambda store: comments.resolve(store, cid, self.actor),
            TEXT["resolved"].format(id=cid),
        )

    def action_return_report(self) -> None:
        from report import workflow

        if self.report is None:
            return
        r = self.report
        item = self._anchor()

        section, point = (item.section, item.point) if item else (None, None)
        slot = self._unsent("return", r.id or 0, section, point)

        def done(text: str | None) -> None:
            if text:
                self._run(
                    lambda store: workflow.return_report(
                        store, r.id or 0, self.actor, text, section, point, r.revision
                    ),
                    TEXT["returned"],
                    posted=slot,
                )

        dialog = TextDialog(
            TEXT["return_title"].format(anchor=self._anchor_label()),
            TEXT["return_hint"],
            unsent=slot,
        )
        self.app.push_screen(dialog, done)

    def action_approve(self) -> None:
        from report import workflow
        from tui.screens.confirm import ConfirmScreen

        if self.report is None:
            return
        r = self.report

        def ask(refusal: str | None) -> None:
            if refusal:  # say so now, not after the user typed 审定
                self.notify(refusal, severity="error", markup=False, timeout=8)
                return

            def done(confirmed: bool | None) -> None:
                if confirmed:
                    self._run(
                        lambda store: workflow.approve(store, r.id or 0, self.actor, r.revision),
                        TEXT["approved"],
                    )

            question = TEXT["approve_question"].format(id=r.id, unit=r.unit, year=r.year)
            self.app.push_screen(ConfirmScreen(question, TEXT["approve_word"]), done)

        self._job(
            lambda: workflow.approve_refusal(self._own.open(), r.id or 0, self.actor, r.revision),
            ask,
        )

    def action_diff(self) -> None:
        if self.report is None:
            return
        report = self.report
        rid = report.id or 0

        def compare(snaps: list[Snapshot]) -> None:
            if not snaps:
                self.notify(TEXT["no_snapshots"], severity="warning")
                return
            options = [(s.label, str(s.seq)) for s in snaps] + [(TEXT["current"], "当前")]
            # After a resubmission compare the last two submissions; otherwise last one vs now.
            if report.status == "submitted" and len(snaps) > 1:
                a, b = str(snaps[-2].seq), str(snaps[-1].seq)
            else:
                a, b = str(snaps[-1].seq), "当前"
            self.app.push_screen(DiffScreen(rid, options, a, b))

        self._job(lambda: self._own.open().snapshots(rid), compare)
