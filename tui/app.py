"""ZichaApp: the Textual application shell.

What screens may rely on (attributes down, messages up):

- ``app.home`` (Path): the data home.
- ``app.actor`` (str): who is acting; pass it to ``store.save(..., actor=app.actor)``.
  With users in the data home and no actor given, the app starts on the login screen
  and ``app.actor`` becomes the logged-in user (``app.logged_in(user)``).
- ``app.store`` (report.store.ReportStore): opened on first use, never at import.
  For the UI thread only; slow work and writes go through tui/jobs.py (thread workers on a
  store of their own: ``run_on_store``).
- ``app.db_path`` (report.backend.StoreTarget): zicha.db in the data home, or the shared
  PostgreSQL database (``--db``, ZICHA_DB, config.toml); ``ReportStore(app.db_path)`` opens it.
- ``app.db`` (report.backend.Conn): opened in ``on_mount`` (schema migrated) for the cheap,
  pydantic-free reads of report.listing; UI thread only.
- ``app.library()`` -> knowledge.library.Library on ``knowledge_db_path(home)``: created on
  the first call and cached; the first call may be slow, so call it from a thread worker.
- ``app.question_bank()`` -> interview.bank.Bank: loaded on the first call and cached
  (thread-safe; the YAML is read once per app). Call it from a thread worker.
- ``app.bank_for(report.bank)`` -> the bank a report is answered on (an imported bank is
  loaded once per content hash; None gives ``question_bank()``). From a thread worker.
- ``app.notify_error(exc)``: a Chinese notice for any exception (ZichaError text as is).
- ``app.open_report(report_id)``: the interview screen for a report (remembered for restart).
- ``app.open_draft(report_id)``, ``app.open_library()``, ``app.open_export(report_id)``:
  push the Draft / Library / Export screens.
- ``app.remember(report_id, screen)``: what ``zicha`` reopens on the next start.

Nothing heavy is imported here: screens other than Home are imported when first opened.
Until Home has shown the reports list nothing loads pydantic (the models, ReportStore, the
question bank): the list comes from report.listing, and the progress bars from a worker.
"""

from __future__ import annotations

import os
import re
import threading
import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.binding import Binding

from report.backend import store_target
from report.errors import ZichaError
from report.labels import DEFAULT_ACTOR
from tui import strings as S
from tui.commands import ZichaCommands

if TYPE_CHECKING:
    from interview.bank import Bank
    from knowledge.library import Library
    from report.backend import Conn
    from report.models import BankRef
    from report.store import ReportStore

# Set to 1 to exit as soon as the home screen is ready (used by the startup benchmark).
EXIT_WHEN_READY_ENV = "ZICHA_EXIT_WHEN_READY"
# A file to receive time.time() at that moment (the benchmark reads it).
READY_STAMP_ENV = "ZICHA_READY_STAMP"


class ZichaApp(App[None]):
    TITLE = "zicha 自查"
    SUB_TITLE = "内部控制自查报告助手"
    CSS_PATH = "app.tcss"
    COMMAND_PALETTE_DISPLAY = "Ctrl+P"
    COMMANDS = {ZichaCommands}

    BINDINGS = [
        Binding("f1", "help", S.APP["help"], priority=True, key_display="F1"),
        # Not in the footers (room at 80 columns); F1 and the palette list it.
        Binding("ctrl+t", "toggle_theme", S.APP["theme"], show=False),
        # Shown in Home's footer only (tui/screens/home.py); F1 and the palette list it.
        Binding("ctrl+q", "quit", S.APP["quit"], priority=True, show=False),
        Binding(
            "ctrl+p",
            "command_palette",
            S.APP["palette"],
            show=False,
            priority=True,
            key_display="Ctrl+P",
        ),
    ]

    def __init__(
        self,
        home: Path,
        actor: str = DEFAULT_ACTOR,
        *,
        login_name: str | None = None,
        resume: bool = True,
        exit_when_ready: bool | None = None,
        db: str | None = None,
    ) -> None:
        super().__init__()
        from tui.widgets.cjk_toast import install

        install()  # toasts keep Chinese characters over panel edges
        self.home = Path(home)
        self.actor = actor
        self._login_name = login_name
        self._resume = resume
        if exit_when_ready is None:
            exit_when_ready = os.environ.get(EXIT_WHEN_READY_ENV) == "1"
        self._exit_when_ready = exit_when_ready
        # Where the report store is: zicha.db in the home, or PostgreSQL (report/backend.py).
        self.db_path = store_target(self.home, db)
        self._db: Conn | None = None
        self._store: ReportStore | None = None
        self._library: Library | None = None
        self._library_lock = threading.Lock()
        self._bank: Bank | None = None
        self._bank_lock = threading.Lock()
        self._stop_terminal_watch = threading.Event()  # set: the terminal watch stops
        self._imported_banks: dict[str, Bank] = {}  # content hash -> Bank
        self.theme = "textual-dark"

    # --- attributes screens use ----------------------------------------------------
    @property
    def db(self) -> Conn:
        if self._db is None:
            raise RuntimeError("the database is opened in on_mount")
        return self._db

    @property
    def store(self) -> ReportStore:
        if self._store is None:
            from report.store import ReportStore

            if self._db is None:  # on_mount opens (and migrates) the database first
                raise RuntimeError("the database is opened in on_mount")
            if threading.get_ident() != self._thread_id:
                # its connection would belong to the worker: workers open ReportStore(db_path)
                raise RuntimeError("app.store is for the UI thread; use app.db_path in workers")
            self._store = ReportStore(self.db_path)
        return self._store

    def library(self) -> Library:
        """The regulation library, created on first use (call from a thread worker)."""
        with self._library_lock:
            if self._library is None:
                from knowledge.library import Library
                from report.home import knowledge_db_path

                self._library = Library(knowledge_db_path(self.home))
            return self._library

    def question_bank(self) -> Bank:
        """The interview question bank, loaded once (call from a thread worker)."""
        with self._bank_lock:
            if self._bank is None:
                from interview.bank import load_bank

                self._bank = load_bank()
            return self._bank

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Toasts broken into lines by the 避头尾 rules (Textual's wrapping cuts Chinese)."""
        if not (markup and "[" in message):
            from report.linebreak import fill

            # A toast is 60 cells wide, at most half the screen; border and padding take 3,
            # and 3 more are slack for characters moved off panel edges (widgets/cjk_toast.py).
            width = min(60, self.size.width // 2 if self.size.width else 60) - 6
            message = fill(message, width)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def bank_for(self, ref: BankRef | None) -> Bank:
        """The bank a report is answered on (ref: report.bank), loaded once per content hash
        (call from a thread worker). Raises BankImportError when that bank is gone."""
        if ref is None:
            return self.question_bank()
        with self._bank_lock:
            bank = self._imported_banks.get(ref.hash)
            if bank is None:
                from interview.bank_store import bank_for_report

                bank = self._imported_banks[ref.hash] = bank_for_report(self.home, ref)
            return bank

    def report_bank(self, report: Any) -> Any:
        """bank_for(report.bank), or None when that bank is gone (call from a thread worker)."""
        try:
            return self.bank_for(report.bank)
        except ZichaError:
            return None

    # --- the last line of defence ------------------------------------------------------
    crash_message: str | None = None  # what the user was told when the app stopped on a bug
    _crashed_with: BaseException | None = None

    def _handle_exception(self, error: Exception) -> None:
        self._crashed_with = error
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        """An unexpected exception ends the app with one Chinese sentence and the log path;
        the traceback (Textual would print it, with local variables) goes to the log only."""
        from rich.text import Text

        from tui.cli.crash import crash_message

        error = self._crashed_with or RuntimeError("unknown error")
        self.crash_message = crash_message(error, self.home)
        self.bell()
        self._exit_renderables.append(Text(self.crash_message))
        self._close_messages_no_wait()

    def get_key_display(self, binding: Binding) -> str:
        """Function keys as printed on the keyboard (F2, not Textual's f2) in every footer
        and in the help."""
        shown = super().get_key_display(binding)
        if re.fullmatch(r"f\d{1,2}", shown):
            return shown.upper()
        return shown

    def notify_error(self, exc: BaseException, prefix: str = "") -> None:
        if isinstance(exc, ZichaError):
            text = str(exc)
        else:
            # No exception name or English detail on screen: those go to the log file.
            from tui.cli.crash import known_cause, write_log

            log = write_log(exc, self.home)
            text = known_cause(exc) or S.APP["unexpected"].format(log=log or "日志")
        self.notify(f"{prefix}{text}", title=S.APP["error_title"], severity="error", timeout=8)

    # --- lifecycle -------------------------------------------------------------------
    def on_mount(self) -> None:
        from report.backend import connect
        from report.listing import has_users
        from tui.screens.home import HomeScreen

        try:
            self._db = connect(self.db_path, light=True)
        except ZichaError as exc:
            self.exit(message=str(exc), return_code=1)
            return
        self._watch_terminal()
        if self.actor == DEFAULT_ACTOR and has_users(self.db):
            from tui.screens.login import LoginScreen

            self.push_screen(LoginScreen(self._login_name))
            return
        self.push_screen(HomeScreen())
        self._started()

    # How often to look whether the terminal is still there (seconds).
    TERMINAL_CHECK_S = 2.0
    # How long a clean shutdown may take once the terminal is gone.
    TERMINAL_EXIT_S = 10.0

    def _watch_terminal(self) -> None:
        """Leave when the terminal goes away. A closed terminal window or a dropped SSH
        session does not always send SIGHUP (zicha started through `make run` or `sh -c`):
        Textual then spins on a hung-up tty and the interview lease never frees.

        The watch is a thread of its own, not a timer: once the tty is gone Textual's writer
        thread dies on the first EIO and, 30 frames later, the event loop blocks for good on
        its full output queue, so a timer on the loop may never run again."""
        if self.is_headless or os.name != "posix":
            return
        import sys

        stream = sys.__stdin__
        try:
            fd = stream.fileno() if stream is not None else -1
        except (OSError, ValueError):
            return
        if fd < 0 or not os.isatty(fd):
            return
        threading.Thread(
            target=self._terminal_watch,
            args=(fd, self._stop_terminal_watch),
            name="zicha-terminal-watch",
            daemon=True,
        ).start()

    def _terminal_watch(self, fd: int, stop: threading.Event) -> None:
        while not stop.wait(self.TERMINAL_CHECK_S):
            if os.isatty(fd):  # a hung-up tty answers EIO: isatty is False
                continue
            # Here, not on the event loop, which may be blocked: the screens' state does not
            # change under us then, and the store calls take the screens' own locks.
            try:
                self.save_drafts()
                for screen in list(self.screen_stack):
                    release = getattr(screen, "release_now", None)
                    if callable(release):
                        release()
            finally:
                # Textual's shutdown may block on output nobody can read any more: leave
                # anyway once the data is safe.
                watchdog = threading.Timer(self.TERMINAL_EXIT_S, os._exit, args=(1,))
                watchdog.daemon = True
                watchdog.start()
                loop = self._loop
                if loop is not None and not loop.is_closed():
                    loop.call_soon_threadsafe(partial(self.exit, return_code=1))
            return

    def logged_in(self, user: Any) -> None:
        """The login screen accepted `user` (report.users.User): go on to Home as them."""
        from tui.screens.home import HomeScreen

        self.actor = user.name
        self.sub_title = S.LOGIN["who"].format(name=user.name, role=user.role_label)
        self.switch_screen(HomeScreen())
        self.notify(S.LOGIN["welcome"].format(name=user.name, role=user.role_label))
        self._started()

    def _started(self) -> None:
        if self._resume and not self._exit_when_ready:
            self._reopen_last()

    def home_ready(self) -> None:
        """Home calls this once, after the first refresh that shows its reports list."""
        stamp = os.environ.get(READY_STAMP_ENV)
        if stamp:
            Path(stamp).write_text(repr(time.time()), encoding="utf-8")
        if self._exit_when_ready:
            self.exit()

    def _reopen_last(self) -> None:
        from tui.resume import ResumeState, load_resume, save_resume

        state = load_resume(self.home)
        if state.report_id is None or state.actor not in (None, self.actor):
            return
        try:
            self.store.get(state.report_id)
        except ZichaError:
            save_resume(self.home, ResumeState())
            return
        if state.screen == "draft":
            self.open_draft(state.report_id)
        else:
            self.open_report(state.report_id)

    def on_unmount(self) -> None:
        self._stop_terminal_watch.set()
        if self._store is not None:
            self._store.close()
            self._store = None
        if self._db is not None:
            self._db.close()
            self._db = None

    # --- navigation ------------------------------------------------------------------
    def remember(self, report_id: int | None, screen: str = "interview") -> None:
        from tui.resume import ResumeState, save_resume

        try:
            save_resume(
                self.home, ResumeState(report_id=report_id, screen=screen, actor=self.actor)
            )
        except OSError as exc:
            self.notify_error(exc)

    def open_report(self, report_id: int) -> None:
        from tui.screens.interview import InterviewScreen

        self.remember(report_id, "interview")
        self.push_screen(InterviewScreen(report_id))

    def open_draft(self, report_id: int) -> None:
        from tui.screens.draft import DraftScreen

        self.remember(report_id, "draft")
        self.push_screen(DraftScreen(report_id))

    def open_rollup(self) -> None:
        from tui.screens.rollup import RollupScreen

        self.push_screen(RollupScreen())

    def open_library(self) -> None:
        from tui.screens.library import LibraryScreen

        self.push_screen(LibraryScreen())

    def open_export(self, report_id: int, numbering: str = "runin") -> None:
        from tui.screens.export import ExportScreen

        def done(path: Path | None) -> None:
            if path is not None:
                self.notify(S.APP["exported"].format(path=path), timeout=10)

        self.push_screen(ExportScreen(report_id, numbering=numbering), done)

    # --- actions ---------------------------------------------------------------------
    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
        else:
            self.push_screen(HelpScreen(self.screen))

    async def action_quit(self) -> None:
        self.save_drafts()
        self.exit()

    def save_drafts(self) -> None:
        """Ask every open screen to keep what was typed but not sent."""
        for screen in self.screen_stack:
            save = getattr(screen, "save_draft", None)
            if callable(save):
                save()

    def action_help_quit(self) -> None:
        self.notify(S.APP["how_to_quit"])

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from tui.commands import chinese_palette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]  # textual types it App[object]
            self.push_screen(chinese_palette())

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"
