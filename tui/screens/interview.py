"""Interview: sections on the left, the conversation in the middle, regulation excerpts right.

Every engine call runs in a Textual thread worker (tui/jobs.py), one at a time (the screen's
lock: the engine is not thread-safe), and brings back what the side panes show (coverage,
open review threads), so the UI thread never touches the database and never freezes during a
library search.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Static

from report.models import AREA_KEYS, SECTION_TITLES, STATUSES, is_area_key
from tui import strings as S
from tui.commands import PaletteCommand
from tui.jobs import run_job
from tui.keys import HELP_FIRST
from tui.screens import interview_view as view
from tui.widgets.answer_box import AnswerBox
from tui.widgets.chat_log import ChatLog
from tui.widgets.cjk_text import Segmented
from tui.widgets.excerpts_panel import ExcerptsPanel
from tui.widgets.section_tree import SectionTree

if TYPE_CHECKING:
    from textual import getters

    from interview.commands import Invocation, Outcome
    from interview.coverage import Coverage
    from interview.engine import InterviewEngine
    from interview.models import Accepted, FollowUp, Prompt
    from report.comments import Thread
    from report.store import ReportStore
    from tui.app import ZichaApp
    from tui.unsent import UnsentSlot

I = S.INTERVIEW  # noqa: E741
STATUS_KEYS = ("f5", "f6", "f7", "f8")
# Unsent text is saved this long after the last keystroke (the issue asks within 2 seconds),
# so a killed terminal (a dropped SSH session) loses at most the last second of typing.
UNSENT_SAVE_DELAY = 1.0


class Side(NamedTuple):
    """What the side panes show after an engine call (read on the engine's thread)."""

    prompt: Prompt | None
    coverage: Coverage
    threads: dict[str, list[Thread]]


class _Failed(NamedTuple):
    error: Exception


class InterviewScreen(Screen[None]):
    if TYPE_CHECKING:  # the running app is always ZichaApp
        app = getters.app(ZichaApp)

    BINDINGS = [
        HELP_FIRST,
        Binding("f2", "skip", I["skip"]),
        # Not in the footer (room for F9 回复 at 80 columns); F1 and Ctrl+P list it.
        Binding("f3", "back", I["back"], show=False),
        Binding("f4", "edit_drafted", I["edit"]),
        *[
            # priority: TextArea binds F6/F7 to select line / select all.
            Binding(
                key,
                f"status('{status}')",
                I["status_key"].format(status=status),
                show=False,
                priority=True,
            )
            for key, status in zip(STATUS_KEYS, STATUSES, strict=True)
        ],
        Binding("f9", "reply_comment", I["reply"], priority=True),
        Binding("ctrl+r", "draft", I["draft"]),
        Binding("escape", "home", I["home"]),
        # Not in the footer, so 成稿 / 首页 / 帮助 still fit at 80 columns; F1 and Ctrl+P list them.
        Binding("ctrl+n", "own_point", I["own"], show=False),
        Binding("ctrl+g", "goto", I["goto"], show=False),
        Binding("ctrl+o", "open_article", I["article"], show=False),
        # Reached only when the answer box is locked (its own Ctrl+S is then switched off).
        Binding("ctrl+s", "explain_read_only", I["send"], show=False),
        Binding("ctrl+l", "focus_excerpts", I["excerpts"], show=False),
        # F10: Ctrl+K is the answer box's delete-to-end-of-line.
        Binding("f10", "keep_previous", I["keep"], show=False, priority=True),
    ]
    # Actions that change the report: not offered (nor shown) on a report that is read-only.
    EDITING_ACTIONS = frozenset({"skip", "edit_drafted", "status", "own_point"})

    def __init__(self, report_id: int) -> None:
        super().__init__()
        self.report_id = report_id
        self.engine: InterviewEngine | None = None
        self.prompt: Prompt | None = None
        # What the slash commands remember (the point last recorded, a suggestion to take):
        # the same CommandState the line mode keeps, see interview/commands.py.
        from interview.commands import CommandState

        self.command_state = CommandState()
        self.busy = False
        self.refusal: str | None = None  # why this report is read-only for this user
        # open review threads by point id / section key / "" (whole report)
        self.threads: dict[str, list[Thread]] = {}
        self._comments_section: str | None = None  # section whose threads were last shown
        self._unsent_timer: Timer | None = None
        # Held by every engine call (jobs and the last save on quit): one at a time.
        self._lock = threading.Lock()
        self._side: Side | None = None  # as read after the last engine call

    # --- layout ----------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="interview-body"):
            yield SectionTree(id="sections")
            with Vertical(id="middle"):
                yield ChatLog(id="chat")
                yield Static(I["loading"], id="status-line")
                yield AnswerBox(id="answer")
            yield ExcerptsPanel(id="excerpts")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(AnswerBox).focus()
        self.busy = True
        run_job(self, self._opening, self._opened, failed=self._open_failed, lock=self._lock)

    def _make_engine(self) -> InterviewEngine:
        from interview.engine import InterviewEngine
        from report.store import ReportStore

        app = self.app
        store = ReportStore(app.db_path)
        ref = store.get(self.report_id).bank
        self._take_lease(store, app.actor)
        return InterviewEngine(
            store,
            self.report_id,
            bank=app.bank_for(ref),
            retriever=app.library(),
            actor=app.actor,
        )

    _lease_refusal: str | None = None

    def _take_lease(self, store: ReportStore, actor: str) -> None:
        """One interview per report: another live session's lease opens this one read-only,
        naming who holds it (report/lease.py); nothing of this session's is written then."""
        from report.lease import LeaseHeldError

        if store.edit_refusal(actor, self.report_id):
            return  # read-only anyway (submitted, another's report): no lease to hold
        try:
            store.take_lease(self.report_id, actor)
        except LeaseHeldError as exc:
            store.view_only = True
            self._lease_refusal = str(exc)

    def _edit_refusal(self, engine: InterviewEngine) -> str | None:
        if self._lease_refusal:
            return self._lease_refusal
        return engine.store.edit_refusal(engine.actor, engine.report_id)

    def _opening(self) -> tuple[InterviewEngine, str, view.Lines, str | None, Side]:
        """On the worker: the engine, the unsent text, the transcript so far, the refusal."""
        engine = self._make_engine()
        prompt = engine.resume()
        unsent = engine.unsent()
        replay = view.replay_lines(engine.report, engine.bank, prompt)
        refusal = self._edit_refusal(engine)
        return engine, unsent, replay, refusal, _side(engine)

    def _open_failed(self, exc: Exception) -> None:
        self.busy = False
        self.app.notify_error(exc)
        self.app.pop_screen()

    async def _opened(
        self, opened: tuple[InterviewEngine, str, view.Lines, str | None, Side]
    ) -> None:
        self.busy = False
        self.engine, unsent, replay, refusal, side = opened
        self.sub_title = self.engine.report.unit
        from report.lease import HEARTBEAT_EVERY_S

        self.set_interval(HEARTBEAT_EVERY_S, self._heartbeat)
        box = self.query_one(AnswerBox)
        if unsent and not box.text:
            box.text = unsent
            box.move_cursor(box.document.end)
        self._say(replay)
        self._side = side
        await self._show_prompt(side.prompt, unsent)
        if refusal:
            # Say so up front and lock the box, rather than refuse an answer after it is typed.
            self.refusal = refusal
            box.read_only = True
            self.query_one(ChatLog).add("notice", I["read_only"].format(reason=refusal))
            self.refresh_bindings()
        n = sum(len(v) for v in self.threads.values())
        if n:
            chat = self.query_one(ChatLog)
            chat.add("notice", I["comments_open"].format(n=n))
            self._say(view.comment_lines(self.threads.get("", []), self.engine.report))

    # --- running engine commands ---------------------------------------------------------
    def _run(self, job: Callable[[], Any], after: Callable[[Any], Awaitable[None] | None]) -> None:
        """Run job on a worker (then read the side panes there too); then after(result) on the
        UI. A refusal or error becomes a notice and the side panes are shown afresh."""
        engine = self.engine
        if engine is None or self.busy:
            self.notify(I["wait"], severity="warning")
            return
        self.busy = True
        self._set_status(I["busy"])

        def work() -> tuple[Any, Side]:
            try:
                result = job()
            except Exception as exc:  # noqa: BLE001 - ZichaError text or a generic Chinese notice
                return _Failed(exc), _side(engine)
            return result, _side(engine)

        async def done(outcome: tuple[Any, Side]) -> None:
            self.busy = False
            result, self._side = outcome
            self.query_one(ChatLog).catch_up()
            if isinstance(result, _Failed):
                self.app.notify_error(result.error)
                await self._refresh_side()
                return
            shown = after(result)
            if shown is not None:
                await shown

        def failed(exc: Exception) -> None:
            self.busy = False
            self.app.notify_error(exc)

        run_job(self, work, done, failed=failed, lock=self._lock, group="engine")

    async def _refresh_side(self) -> None:
        """Show the side panes as read after the last engine call."""
        side = self._side
        if side is None:
            return
        self.prompt = side.prompt
        self.query_one(AnswerBox).confirm_waiting = (
            side.prompt is not None and side.prompt.confirm is not None
        )
        self._set_threads(side.threads)
        self._show_side(side.prompt, side.coverage)

    def _show_side(self, prompt: Prompt | None, cov: Coverage) -> None:
        report = self.engine.report if self.engine else None
        counts = view.comment_counts(self.threads, report)
        self.query_one(SectionTree).show(view.tree_rows(cov, prompt, counts, report))
        if prompt is None:
            self._set_status(I["finished_short"])
            return
        # Shown: answered points only (a skipped point is still to do).
        line = I["status_line"].format(
            done=prompt.progress.answered,
            total=prompt.progress.total,
            where=view.prompt_where(prompt),
        )
        if prompt.status:
            line += I["status_line_status"].format(status=view.shown_status(prompt))
        here = len(self.current_threads())
        if here:
            line += I["status_comments"].format(n=here)
        self._set_status(line)

    def _set_status(self, text: str) -> None:
        # At 80 columns the middle pane has 36 cells: the line wraps between its items
        # (总进度, the section, 第4/6项, 符合情况, 批注), never inside one and never cut off.
        self.query_one("#status-line", Static).update(Segmented(text.split("　")))

    async def _show_prompt(self, prompt: Prompt | None, unsent: str = "") -> None:
        chat = self.query_one(ChatLog)
        entering = (
            prompt is not None
            and prompt.section_key == "rectification"
            and (self.prompt is None or self.prompt.section_key != "rectification")
        )
        self.prompt = prompt
        self.query_one(AnswerBox).confirm_waiting = (
            prompt is not None and prompt.confirm is not None
        )
        if entering and prompt is not None:
            self._say(view.weakness_lines(prompt.weaknesses))
        if prompt is None:
            side = self._side
            report = self.engine.report if self.engine is not None else None
            chat.add("notice", view.finished_text(report, side.coverage if side else None))
            self.query_one(ExcerptsPanel).show([], I["no_excerpts"])
        else:
            for role, text, note in view.prompt_lines(prompt, unsent):
                chat.add(role, text, note)  # type: ignore[arg-type]
            self.query_one(ExcerptsPanel).show(prompt.excerpts, I["no_excerpts"])
        side = self._side
        if self.engine is not None and side is not None:
            self._set_threads(side.threads)
            self._show_side(prompt, side.coverage)
            self._say_threads(prompt)

    def _set_threads(self, threads: dict[str, list[Thread]]) -> None:
        had = any(self.threads.values())
        self.threads = threads
        if had != any(threads.values()):
            self.refresh_bindings()

    def _say_threads(self, prompt: Prompt | None) -> None:
        """Open review threads on the point now asked, and on its section when entering it."""
        if prompt is None:
            return
        report = self.engine.report if self.engine else None
        shown: list[Thread] = []
        if prompt.section_key != self._comments_section:
            self._comments_section = prompt.section_key
            shown += self.threads.get(prompt.section_key, [])
        if prompt.point_id:
            shown += self.threads.get(prompt.point_id, [])
        self._say(view.comment_lines(shown, report))

    def current_threads(self) -> list[Thread]:
        """Open threads on the current point, then on its section."""
        p = self.prompt
        if p is None:
            return []
        point = self.threads.get(p.point_id, []) if p.point_id else []
        return point + self.threads.get(p.section_key, [])

    def _say(self, lines: view.Lines) -> None:
        chat = self.query_one(ChatLog)
        for role, text, note in lines:
            chat.add(role, text, note)  # type: ignore[arg-type]

    # --- sending -------------------------------------------------------------------------
    @on(AnswerBox.Submitted)
    def _submitted(self, event: AnswerBox.Submitted) -> None:
        from report.limits import clean_text

        text = clean_text(event.text).strip()  # nothing the terminal would act on is kept
        engine = self.engine
        if engine is None:
            self.notify(I["wait"], severity="warning")
            return
        if text[:1] in ("/", "／"):
            self._slash(text)
            return
        if not text:
            if self.prompt is not None and self.prompt.confirm is not None:
                self.confirm_status()
                return
            if self.prompt is not None and (
                self.prompt.followup_question or self.prompt.proposal or self.prompt.existing_text
            ):
                self._run(engine.accept_as_is, lambda a: self._accepted(a, ""))
            else:
                self.notify(I["empty_send"], severity="warning")
            return
        self._run(functools.partial(engine.answer, text), lambda r: self._answered(r, text))

    async def _answered(self, result: FollowUp | Accepted, sent: str) -> None:
        self.query_one(AnswerBox).clear()
        if result.kind == "followup":
            self._say(view.followup_lines(result, sent))
            await self._refresh_side()
            self._rerank_excerpts()
        else:
            await self._accepted(result, sent)

    async def _accepted(self, a: Accepted, sent: str) -> None:
        self.query_one(AnswerBox).clear()
        if a.point_id:
            self.last_point = a.point_id
        self._say(view.accepted_lines(a, sent))
        await self._show_prompt(a.next)

    async def _moved(self, prompt: Prompt | None, note: str = "") -> None:
        if note:
            self.query_one(ChatLog).add("notice", note)
        await self._show_prompt(prompt)

    # --- commands (keys, palette, /slash) ------------------------------------------------
    def action_skip(self) -> None:
        if self.engine:
            self._run(self.engine.skip, lambda p: self._moved(p, I["skipped"]))

    def action_back(self) -> None:
        if self.engine:
            self._run(self.engine.back, self._moved)

    @on(AnswerBox.EmptyEnter)
    def _empty_enter(self, event: AnswerBox.EmptyEnter) -> None:
        self.confirm_status()

    def confirm_status(self) -> None:
        """The officer takes the proposed status (Enter in the empty box, /确认)."""
        if self.engine:
            self._run(self.engine.confirm_status, self._status_noted)

    def action_status(self, status: str) -> None:
        if self.engine:
            job = functools.partial(self.engine.set_status, status)
            self._run(job, self._status_noted)

    def _unsent(self, what: str, where: str) -> UnsentSlot:
        """Where this user's unsaved rewrite / reply / own point is kept until it is saved."""
        from tui.unsent import UnsentSlot

        key = "|".join([self.app.actor, "interview", what, str(self.report_id), where])
        return UnsentSlot(home=self.app.home, key=key)

    async def _noted(
        self, message: str, settles: bool = False, typed: UnsentSlot | None = None
    ) -> None:
        if typed is not None:
            typed.drop()  # saved: the dialog's kept text is done with
        chat = self.query_one(ChatLog)
        if not (settles and chat.settle_pending(message)):
            chat.add("notice", message)
        shown, now = self.prompt, self._side.prompt if self._side else None
        if _where(shown) != _where(now):
            # The command moved the interview on (F8 on an unanswered point records 不适用):
            # ask the next question, or the answer typed under the old one lands elsewhere.
            await self._show_prompt(now)
            return
        await self._refresh_side()
        if settles:
            # The status is settled: on a small screen bring back the question now to
            # answer, which the proposal and this notice pushed out of view.
            chat.call_after_refresh(chat.keep_question_in_view)

    async def _status_noted(self, message: str) -> None:
        await self._noted(message, settles=True)

    def _edit_target(self) -> str | None:
        p = self.prompt
        if p is not None and p.point_id and p.existing_text is not None:
            return p.point_id
        return self.last_point

    def action_edit_drafted(self) -> None:
        from tui.screens.text_edit import TextEditScreen

        engine, point_id = self.engine, self._edit_target()
        if engine is None:
            return
        if point_id is None:
            self.notify(I["no_point"], severity="warning")
            return
        try:
            current = engine.report.find_point(point_id)[1].body
        except KeyError:
            self.notify(I["no_point"], severity="warning")
            return

        slot = self._unsent("edit", point_id)

        def done(text: str | None) -> None:
            if text:
                job = functools.partial(engine.edit_drafted, point_id, text)
                self._run(job, lambda p: self._noted(I["edited"].format(text=p.body), typed=slot))

        self.app.push_screen(TextEditScreen(I["edit_title"], current, unsent=slot), done)

    # --- review comments -------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # F9 appears in the footer only while the report has open review comments.
        if action == "reply_comment":
            return any(self.threads.values())
        if action in self.EDITING_ACTIONS and self.refusal:
            return False
        return True

    def action_explain_read_only(self) -> None:
        if self.refusal:
            self.notify(self._read_only_hint(), severity="warning", timeout=8)

    def _read_only_hint(self) -> str:
        status = self.engine.report.status if self.engine is not None else ""
        return S.FROZEN_HINTS.get(status) or self.refusal or ""

    def _pick_thread(self, ident: int | None) -> Thread | None:
        threads = self.current_threads()
        if ident is not None:  # any open thread of the report, by its number
            everywhere = [t for items in self.threads.values() for t in items]
            found = next((t for t in everywhere if t.comment.id == ident), None)
            if found is None:
                self.notify(I["bad_comment_id"].format(id=ident), severity="warning")
            return found
        if not threads and self.last_point:
            # The point just re-answered, the interview having moved on (as F4 rewrites it).
            threads = self.threads.get(self.last_point, [])
        if not threads:
            self.notify(I["no_comments"], severity="warning", timeout=8)
            return None
        # the first one still waiting for an answer, else the first one
        return next((t for t in threads if not t.answered), threads[0])

    def action_reply_comment(self, ident: int | None = None) -> None:
        from tui.screens.text_edit import TextEditScreen

        thread = self._pick_thread(ident)
        if thread is None:
            return
        c = thread.comment
        body = c.body if len(c.body) <= 30 else c.body[:29] + "…"

        slot = self._unsent("reply", str(c.id))

        def done(text: str | None) -> None:
            if text:
                self.reply_comment(c.id, text, slot)

        title = I["reply_title"].format(id=c.id, body=body)
        self.app.push_screen(TextEditScreen(title, unsent=slot), done)

    def reply_comment(self, comment_id: int, text: str, typed: UnsentSlot | None = None) -> None:
        from report.comments import reply

        engine, actor = self.engine, self.app.actor
        if engine is None:
            return
        job = functools.partial(reply, engine.store, comment_id, actor, text)
        note = I["replied"].format(id=comment_id, text=text)
        self._run(job, lambda _: self._noted(note, typed=typed))

    def resolve_comment(self, ident: int | None = None) -> None:
        from report.comments import resolve

        engine, actor = self.engine, self.app.actor
        thread = self._pick_thread(ident)
        if engine is None or thread is None:
            return
        cid = thread.comment.id
        job = functools.partial(resolve, engine.store, cid, actor)
        self._run(job, lambda _: self._noted(I["resolved"].format(id=cid)))

    def _current_area(self) -> str | None:
        key = self.prompt.section_key if self.prompt else None
        return key if is_area_key(key) else None

    def action_own_point(self) -> None:
        from tui.screens.text_edit import TextEditScreen

        engine, section = self.engine, self._current_area()
        if engine is None:
            return
        if section is None:
            self.notify(I["own_section"], severity="warning")
            return

        slot = self._unsent("own", section)

        def done(text: str | None) -> None:
            if not text:
                return

            async def added(a: Accepted) -> None:
                slot.drop()
                await self._accepted(a, text)

            self._run(functools.partial(engine.add_own_point, section, text), added)

        title = I["own_title"].format(section=engine.report.section_title(section))
        self.app.push_screen(TextEditScreen(title, unsent=slot), done)

    def action_goto(self) -> None:
        self.query_one(SectionTree).focus()

    def goto(self, section: str, ident: str | None = None) -> None:
        if self.engine:
            job = functools.partial(self.engine.goto, section, ident)
            self._run(job, self._moved)
            self.query_one(AnswerBox).focus()

    @on(SectionTree.GoTo)
    def _tree_goto(self, event: SectionTree.GoTo) -> None:
        self.goto(event.section, event.point)

    def action_open_article(self) -> None:
        self.query_one(ExcerptsPanel).action_open()

    def action_keep_previous(self) -> None:
        engine = self.engine
        if engine is None or self.prompt is None or not self.prompt.review_pending:
            self.notify("当前要点不是待复核的上年内容。", severity="warning")
            return
        self._run(engine.keep_previous, lambda a: self._accepted(a, ""))

    def action_focus_excerpts(self) -> None:
        panel = self.query_one(ExcerptsPanel)
        if panel.hits:
            panel.focus()
        else:
            self.notify(I["no_excerpts"], severity="warning")

    @on(ExcerptsPanel.Leave)
    def _leave_excerpts(self) -> None:
        self.query_one(AnswerBox).focus()

    def _rerank_excerpts(self) -> None:
        """After an answer, search again with the officer's words beside the point's own."""
        prompt = self.prompt
        if prompt is None or not prompt.pending.strip():
            return
        query = f"{prompt.control.title} {prompt.control.question} {prompt.pending}"
        app = self.app
        target = prompt.target

        def show(hits: list[Any]) -> None:
            if hits and self.prompt is not None and self.prompt.target == target:
                self.query_one(ExcerptsPanel).show(hits, I["no_excerpts"], I["reranked"])

        def keep_shown(exc: Exception) -> None:
            """A failed search keeps the excerpts already shown."""

        def search() -> list[Any]:
            from interview.retrieval import full_text_ahead

            return full_text_ahead(list(app.library().search(query, 6)), 3)

        run_job(
            self,
            search,
            show,
            failed=keep_shown,
            group="excerpts",
            exclusive=True,
        )

    @on(ExcerptsPanel.OpenArticle)
    def _open_article(self, event: ExcerptsPanel.OpenArticle) -> None:
        from tui.widgets.library_article import ArticleScreen

        chunk_id = getattr(event.hit, "chunk_id", None)
        if chunk_id is None:
            return
        app = self.app
        run_job(
            self,
            lambda: app.library().article(chunk_id),
            lambda hit: app.push_screen(ArticleScreen(hit)),
            group="article",
        )

    def action_draft(self) -> None:
        self.app.open_draft(self.report_id)

    def action_export(self) -> None:
        self.app.open_export(self.report_id)

    def action_home(self) -> None:
        self.app.remember(None)
        engine = self.engine
        if engine is None or self.query_one(AnswerBox).read_only:
            self.app.pop_screen()
            return
        # Keep what is typed but not sent, then leave (the job waits for one in progress).
        text = self.query_one(AnswerBox).text
        run_job(
            self,
            lambda: engine.save_unsent(text),
            lambda _: self.app.pop_screen(),
            lock=self._lock,
            group="unsent",
        )

    @property
    def last_point(self) -> str | None:
        return self.command_state.last_point

    @last_point.setter
    def last_point(self, point_id: str | None) -> None:
        self.command_state.last_point = point_id

    def run_command(self, inv: Invocation) -> None:
        """Run a parsed slash command on the engine thread, then show what it did."""
        from interview.commands import CommandContext, dispatch

        engine = self.engine
        if engine is None:
            return
        ctx = CommandContext(engine, self.app.actor, self.command_state)
        self._run(lambda: dispatch(ctx, inv), lambda out: self._show_outcome(out, inv.arg))

    async def _show_outcome(self, out: Outcome, typed: str) -> None:
        box = self.query_one(AnswerBox)
        if out.ui == "reply_editor":
            self.action_reply_comment(out.comment_id)
            return
        box.clear()
        if out.weaknesses is not None:
            self._say(view.weakness_lines(out.weaknesses))
        for text in out.lines:
            self.query_one(ChatLog).add("notice", text)
        if out.accepted is not None:
            await self._accepted(out.accepted, typed)
        elif out.moved:
            await self._moved(out.prompt, out.message)
        elif out.message:
            await self._noted(out.message)
        elif out.lines:
            await self._refresh_side()

    def _slash(self, line: str) -> None:
        from tui.screens.interview_slash import run_slash

        run_slash(self, line)

    def palette_commands(self) -> list[PaletteCommand]:
        cmds = [
            PaletteCommand("跳过本题", "F2", self.action_skip),
            PaletteCommand("回到上一题", "F3", self.action_back),
            PaletteCommand("改写报告稿", "F4", self.action_edit_drafted),
            PaletteCommand("增加自拟要点", "Ctrl+N", self.action_own_point),
            PaletteCommand("沿用上年内容（待复核的要点）", "F10", self.action_keep_previous),
            PaletteCommand("查看所选条文原文", "Ctrl+O", self.action_open_article),
            PaletteCommand(
                "到右侧条文（↑↓ 选择，回车看全文）", "Ctrl+L", self.action_focus_excerpts
            ),
            PaletteCommand("回复审核批注", "F9", self.action_reply_comment),
            PaletteCommand("把审核批注标为已解决", "/解决", self.resolve_comment),
            PaletteCommand("查看成稿", "Ctrl+R", self.action_draft),
            PaletteCommand("导出报告", "Word / Markdown / 文本", self.action_export),
            PaletteCommand("回到首页", "Esc", self.action_home),
        ]
        for key, status in zip(STATUS_KEYS, STATUSES, strict=True):
            cmds.append(
                PaletteCommand(
                    f"符合情况：{status}",
                    key.upper(),
                    functools.partial(self.action_status, status),
                )
            )
        areas = self.engine.report.area_keys() if self.engine is not None else AREA_KEYS
        for key in (*areas, "assessment", "rectification"):
            report = self.engine.report if self.engine is not None else None
            title = (report.section_title(key) if report else SECTION_TITLES.get(key)) or key
            title = I["assessment"] if key == "assessment" else title
            cmds.append(
                PaletteCommand(f"转到：{title}", "跳到这一部分", functools.partial(self.goto, key))
            )
        return cmds

    # --- keeping unsent text ---------------------------------------------------------------
    @on(AnswerBox.Changed, "#answer")
    def _typed(self) -> None:
        """Debounced: save what is typed once the officer pauses."""
        if self._unsent_timer is not None:
            self._unsent_timer.stop()
        self._unsent_timer = self.set_timer(UNSENT_SAVE_DELAY, self._autosave)

    def _autosave(self) -> None:
        self._unsent_timer = None
        if self.engine is None or self.query_one(AnswerBox).read_only:
            return
        if self.busy:
            # an answer is being saved: its text must not come back as unsent; look again later
            self._unsent_timer = self.set_timer(UNSENT_SAVE_DELAY, self._autosave)
            return
        self.save_draft(wait=False)

    def save_draft(self, wait: bool = True) -> None:
        """Keep what is typed but not sent: in a job (after any engine call in progress), or
        with wait=True right here, for quitting: the app ends next, so this last write cannot
        wait for a worker (it still waits, at most 15 s, for a job in progress)."""
        engine = self.engine
        if engine is None or not self.is_mounted:
            return
        text = self.query_one(AnswerBox).text
        if not wait:
            run_job(self, lambda: engine.save_unsent(text), lock=self._lock, group="unsent")
            return
        if not self._lock.acquire(timeout=15):
            self.app.notify_error(TimeoutError())
            return
        try:
            engine.save_unsent(text)
        except Exception as exc:  # noqa: BLE001
            self.app.notify_error(exc)
        finally:
            self._lock.release()

    def on_screen_suspend(self) -> None:
        self.save_draft(wait=False)

    def on_screen_resume(self) -> None:
        # Another screen (Draft) may have saved the report: reload before the next change.
        engine = self.engine
        if engine is None:
            return
        self.app.remember(self.report_id, "interview")

        def reload() -> Side:
            engine.resume()
            return _side(engine)

        async def show(side: Side) -> None:
            self._side = side
            await self._refresh_side()

        run_job(self, reload, show, lock=self._lock, group="engine")

    def release_now(self) -> None:
        """Free the interview here and now: the terminal is gone and the app may not get to
        unmount this screen (ZichaApp._watch_terminal)."""
        engine = self.engine
        if engine is None or not self._lock.acquire(timeout=15):
            return
        try:
            engine.store.release_lease(self.report_id)
        except Exception:  # noqa: BLE001 - taken over meanwhile: nothing to release
            pass
        finally:
            self._lock.release()

    def on_unmount(self) -> None:
        engine = self.engine
        if engine is not None:
            store, report_id = engine.store, self.report_id

            def release_and_close() -> None:
                try:
                    store.release_lease(report_id)
                except Exception:  # noqa: BLE001 - taken over meanwhile: nothing to release
                    pass
                store.close()

            # after any job still running on it; on the app, as this screen is going away
            run_job(self.app, release_and_close, lock=self._lock, group="close")

    def _heartbeat(self) -> None:
        engine = self.engine
        if engine is None or engine.store.view_only or self.busy:
            return

        def beat() -> None:
            try:
                engine.store.heartbeat(self.report_id)
            except Exception:  # noqa: BLE001 - the next write says it, in Chinese
                pass

        run_job(self, beat, lock=self._lock, group="heartbeat")


def _where(prompt: Prompt | None) -> tuple[str, str | None] | None:
    return None if prompt is None else (prompt.kind, prompt.target)


def _side(engine: InterviewEngine) -> Side:
    """The current prompt, coverage and open review threads (on the engine's worker)."""
    threads = engine.store.open_threads_by_anchor(engine.report_id, engine.report)
    return Side(engine.current(), engine.coverage(), threads)
