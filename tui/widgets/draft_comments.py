"""Review comments in the draft: where each thread sits among the blocks, the 「批注 N」 mark,
and a modal with the threads of one paragraph (reply, resolve).

Placement: a point's comments go on its first block; a section's (or a comment whose paragraph is
no longer shown) on the section heading; anything else on the first block (the title).
Every rule (who may reply or resolve, in which state) is report.comments'; refusals are shown as is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, ListItem, ListView, Static

from report.errors import ZichaError
from tui.jobs import run_on_store
from tui.keys import HELP_FIRST
from tui.screens.review_dialogs import TextDialog

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from textual import getters

    from exports.assemble import Block
    from report.comments import Thread
    from report.store import ReportStore
    from tui.app import ZichaApp

TEXT = {
    "mark": "批注 {n}",
    "mark_answered": "批注 {n}·已回复",
    "title": "批注：{anchor}（Esc 关闭）",
    "hint": "↑↓ 选择　Y 回复　X 标为已解决　Esc 关闭",
    "empty": "这里没有批注。",
    "from_return": "退回意见",
    "waiting": "待回复",
    "answered": "已回复",
    "resolved": "已解决",
    "resolved_line": "✓ 已由 {who} 于 {when} 标为已解决",
    "reply_title": "回复批注 #{id}（{author}：{body}）",
    "reply_hint": "写明如何修改或说明理由；回复后审核人可以看到。",
    "replied": "已回复批注 #{id}。",
    "resolved_done": "批注 #{id} 已标为已解决。",
    "ready": "退回时的批注都已回复或解决，可以再次提交（首页按 V 进入审核）。",
    "still_pending": "退回时的批注还有 {n} 条未回复或解决，回复后才能再次提交。",
    "summary": "{status}：审核批注 {open} 条未解决，{waiting} 条待回复；带「批注」的段落按 M 查看。",
    "summary_none_waiting": "{status}：审核批注 {open} 条未解决，均已回复；带「批注」的段落按 M 查看。",
}


# --- placement ---------------------------------------------------------------------------
def carrier_index(blocks: Sequence[Block], i: int) -> int:
    """The block that carries the comments of block i: a point split over two blocks
    (（一）lead + body) carries them on its first block."""
    pid = blocks[i].point_id
    if pid is None:
        return i
    return next(j for j, b in enumerate(blocks) if b.point_id == pid)


def place_threads(blocks: Sequence[Block], threads: Sequence[Thread]) -> dict[int, list[Thread]]:
    """Block index -> the threads shown beside it (every thread lands somewhere)."""
    first_of_point: dict[str, int] = {}
    heading_of: dict[str, int] = {}
    for i, b in enumerate(blocks):
        if b.point_id is not None:
            first_of_point.setdefault(b.point_id, i)
        if b.kind == "heading1" and b.section_key:
            heading_of.setdefault(b.section_key, i)
    out: dict[int, list[Thread]] = {}
    if not blocks:
        return out
    for t in threads:
        c = t.comment
        found = first_of_point.get(c.point_id or "")
        i = found if found is not None else heading_of.get(c.section_key or "", 0)
        out.setdefault(i, []).append(t)
    return out


def mark_text(threads: Sequence[Thread]) -> Text | None:
    """「批注 N」 for N open threads; muted once every one has an answer."""
    open_threads = [t for t in threads if t.open]
    if not open_threads:
        return None
    if all(t.answered for t in open_threads):
        return Text(TEXT["mark_answered"].format(n=len(open_threads)), "dim")
    return Text(TEXT["mark"].format(n=len(open_threads)), "bold")


def summary_text(status_label: str, threads: Sequence[Thread]) -> str:
    """One line for the draft's info bar; empty when nothing is open."""
    open_threads = [t for t in threads if t.open]
    if not open_threads:
        return ""
    waiting = sum(1 for t in open_threads if not t.answered)
    key = "summary" if waiting else "summary_none_waiting"
    return TEXT[key].format(status=status_label, open=len(open_threads), waiting=waiting)


# --- formatting ----------------------------------------------------------------------------
def local_time(iso: str | None) -> str:
    """Stored times are ISO strings; show them as local minutes."""
    from report.local_time import local_minutes

    return local_minutes(iso)


def who(name: str, roles: dict[str, str]) -> str:
    role = roles.get(name)
    return f"{name}（{role}）" if role else name


def thread_text(thread: Thread, roles: dict[str, str]) -> Text:
    c = thread.comment
    dim = "dim" if c.resolved else ""
    out = Text()
    out.append("✓ " if c.resolved else "▶ ", "green" if c.resolved else "bold yellow")
    out.append(f"#{c.id} {who(c.author, roles)}　{local_time(c.created_at)}", dim or "bold")
    tags = []
    if c.return_round is not None:
        tags.append(TEXT["from_return"])
    if c.resolved:
        tags.append(TEXT["resolved"])
    else:
        tags.append(TEXT["answered" if thread.answered else "waiting"])
    out.append("　" + "·".join(tags), "dim" if c.resolved or thread.answered else "yellow")
    out.append("\n" + c.body, dim)
    for r in thread.replies:
        # Header and text on separate lines: Rich would break the time at its space.
        out.append(f"\n  ↳ {who(r.author, roles)}　{local_time(r.created_at)}", dim or "cyan")
        out.append("\n    " + r.body, dim)
    if c.resolved:
        line = TEXT["resolved_line"].format(who=c.resolved_by, when=local_time(c.resolved_at))
        out.append("\n  " + line, "green")
    return out


# --- the modal -----------------------------------------------------------------------------
class ReplyDialog(TextDialog):
    DEFAULT_CSS = """
    ReplyDialog #text-dialog-input { height: 6; }
    """


class ThreadItem(ListItem):
    def __init__(self, thread: Thread, roles: dict[str, str]) -> None:
        super().__init__(Static(thread_text(thread, roles), classes="thread-text"))
        self.thread = thread


class Shown(NamedTuple):
    threads: list[Thread]
    roles: dict[str, str]  # user name -> role label


class CommentsScreen(ModalScreen[bool]):
    """The threads with the given top-level comment ids; dismisses True if something was written.

    Reusable by any screen that knows which comments sit beside a paragraph.
    """

    if TYPE_CHECKING:  # the running app is always ZichaApp
        app = getters.app(ZichaApp)

    DEFAULT_CSS = """
    CommentsScreen { align: center middle; }
    CommentsScreen > Vertical {
        width: 96; max-width: 100%; height: auto; max-height: 100%;
        border: thick $warning; background: $surface; padding: 0 1;
    }
    CommentsScreen #comments-title { text-style: bold; }
    CommentsScreen #comments-para { color: $text-muted; height: auto; max-height: 3; }
    CommentsScreen #comments-list { height: auto; max-height: 20; }
    CommentsScreen #comments-list > ListItem { padding: 0 1; margin-bottom: 1; }
    CommentsScreen #comments-hint { color: $text-muted; }
    """
    BINDINGS = [
        HELP_FIRST,
        Binding("escape,m,q", "close", "关闭"),
        Binding("y", "reply", "回复"),
        Binding("x", "resolve", "解决"),
    ]

    def __init__(self, report_id: int, anchor: str, paragraph: str, comment_ids: list[int]) -> None:
        super().__init__()
        self.report_id = report_id
        self.anchor_label = anchor
        self.paragraph = paragraph
        self.comment_ids = list(comment_ids)
        self.anything_changed = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(TEXT["title"].format(anchor=self.anchor_label)), id="comments-title")
            if self.paragraph:
                yield Static(Text(self.paragraph), id="comments-para")
            yield ListView(id="comments-list")
            yield Static(TEXT["hint"], id="comments-hint")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#comments-list", ListView).focus()
        self.refresh_threads()

    @property
    def actor(self) -> str:
        return self.app.actor

    def _job(self, job: Callable[[ReportStore], Any], done: Callable[[Any], Any]) -> None:
        run_on_store(self, job, done, group="comments")

    def load_threads(self, store: ReportStore) -> Shown:
        """On a worker: the threads (open ones first, each group in the order they were
        written) and the users' roles."""
        by_id = {t.comment.id: t for t in store.threads(self.report_id)}
        found = [by_id[i] for i in self.comment_ids if i in by_id]
        threads = [t for t in found if t.open] + [t for t in found if not t.open]
        return Shown(threads, {u.name: u.role_label for u in store.users()})

    def refresh_threads(self) -> None:
        self._job(self.load_threads, self._show)

    async def _show(self, shown: Shown) -> None:
        view = self.query_one("#comments-list", ListView)
        keep = view.index
        await view.clear()
        if not shown.threads:
            await view.append(ListItem(Static(TEXT["empty"]), disabled=True))
            return
        await view.extend(ThreadItem(t, shown.roles) for t in shown.threads)
        view.index = min(keep or 0, len(shown.threads) - 1)

    @property
    def current(self) -> Thread | None:
        item = self.query_one("#comments-list", ListView).highlighted_child
        return item.thread if isinstance(item, ThreadItem) else None

    def action_close(self) -> None:
        self.dismiss(self.anything_changed)

    def action_reply(self) -> None:
        thread = self.current
        if thread is None:
            return
        c = thread.comment
        title = TEXT["reply_title"].format(id=c.id, author=c.author, body=c.body[:30])

        def done(text: str | None) -> None:
            from report import comments

            if text:
                self._write(
                    lambda store: comments.reply(store, c.id, self.actor, text),
                    TEXT["replied"].format(id=c.id),
                )

        self.app.push_screen(ReplyDialog(title, TEXT["reply_hint"]), done)

    def action_resolve(self) -> None:
        from report import comments

        thread = self.current
        if thread is None:
            return
        cid = thread.comment.id
        self._write(
            lambda store: comments.resolve(store, cid, self.actor),
            TEXT["resolved_done"].format(id=cid),
        )

    def _write(self, fn: Callable[[ReportStore], object], message: str) -> None:
        """Run one report.comments action; its refusal is the notice and nothing changes."""

        def job(store: ReportStore) -> tuple[ZichaError | None, Shown, str]:
            try:
                fn(store)
            except ZichaError as exc:
                return exc, self.load_threads(store), ""
            return None, self.load_threads(store), self._resubmit_note(store)

        async def done(outcome: tuple[ZichaError | None, Shown, str]) -> None:
            error, shown, note = outcome
            if error is not None:
                self.app.notify_error(error)
            else:
                self.anything_changed = True
            await self._show(shown)
            if error is None:
                self.notify(message + note)

        self._job(job, done)

    def _resubmit_note(self, store: ReportStore) -> str:
        if store.get(self.report_id).status != "returned":
            return ""
        if store.resubmit_refusal(self.report_id) is None:  # the rule submit() applies
            return TEXT["ready"]
        pending = store.unanswered_return_comments(self.report_id)
        return TEXT["still_pending"].format(n=len(pending))
