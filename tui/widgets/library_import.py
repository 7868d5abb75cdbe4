"""Import pane: a path, a progress bar, a stop button and the outcome, file by file."""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Input, ProgressBar, Static
from textual.worker import Worker, WorkerState

from tui.widgets.cjk_text import Wrapped
from tui.widgets.line_input import LineInput

if TYPE_CHECKING:
    from textual import getters

    from knowledge.models import ImportProgress, ImportResult
    from knowledge.semantic import VectorProgress, VectorResult
    from tui.app import ZichaApp

TEXT = {
    "hint": "文件或文件夹路径（可导入 txt、md、docx、pdf、html；多个路径用分号隔开）：",
    "placeholder": "例如：~/法规/社会保险经办条例.docx",
    "start": "开始导入",
    "stop": "中止",
    "empty": "请先填写要导入的文件或文件夹路径。",
    "starting": "正在准备导入……",
    "progress": "已处理 {done}/{total} 个文件，{chunks} 个条文片段，{errors} 个错误　{current}",
    "stopping": "正在中止：当前文件处理完后停止……",
    "failed": "导入未完成：{error}",
    "error_line": "✗ {message}",
    "skipped_line": "· {message}",
    "warning_line": "！{message}",
    "no_files": "所给路径下没有可导入的文件（支持 txt、md、docx、pdf、html、htm）。",
    "vectors": (
        "{summary}　正在计算语义向量（{engine}）：{done}/{total} 个片段（可中止，下次导入时继续）"
    ),
    "vectors_done": "{summary}　{vectors}{engine}",
    "engine": "语义引擎：{engine}。",
}


# A path pasted from a file manager comes quoted ('…', "…" from Windows "Copy as path", or
# “…” after an input method), as file:// addresses, or with spaces escaped (\ ) by a terminal.
_QUOTED = re.compile(r"\"([^\"]*)\"|'([^']*)'|“([^”]*)”|‘([^’]*)’")


def _from_uri(text: str) -> str:
    from urllib.parse import unquote, urlsplit

    path = unquote(urlsplit(text).path)
    if os.name == "nt" and re.match(r"^/[A-Za-z]:", path):
        path = path[1:]
    return path


def _exists(path: str) -> bool:
    try:
        return Path(path).expanduser().exists()
    except (OSError, ValueError, RuntimeError):  # a name too long, no home for ~
        return False


def _paths_in(segment: str) -> list[str]:
    if _exists(segment):
        return [segment]  # a name that really holds quotes or backslashes
    if segment[0] in "\"'“‘" and not _QUOTED.sub("", segment).strip():
        found = ["".join(groups).strip() for groups in _QUOTED.findall(segment)]
        return [_from_uri(f) if f.startswith("file://") else f for f in found if f]
    if segment.startswith("file://"):
        return [_from_uri(u) for u in segment.split()]
    if os.name != "nt" and "\\" in segment:
        return [re.sub(r"\\(.)", r"\1", segment)]
    return [segment]


def split_paths(text: str) -> list[str]:
    """Paths typed or pasted into the box: separated by ; (or ；), each as the file manager
    gave it."""
    return [
        path
        for segment in text.replace("；", ";").split(";")
        if segment.strip()
        for path in _paths_in(segment.strip())
    ]


def _engine_words() -> str:
    from knowledge.semantic import load_encoder
    from tui.cli.doctor_cmd import engine_words

    return engine_words(load_encoder())


class ImportPane(Vertical):
    """Runs Library.import_paths in a thread worker; stopping waits for the current file."""

    if TYPE_CHECKING:  # the running app is always ZichaApp
        app = getters.app(ZichaApp)

    class Finished(Message):
        """Posted after an import that changed the library (documents list must refresh)."""

        def __init__(self, result: ImportResult) -> None:
            super().__init__()
            self.result = result

    class _Progressed(Message):
        def __init__(self, progress: ImportProgress) -> None:
            super().__init__()
            self.progress = progress

    class _VectorsProgressed(Message):
        def __init__(self, progress: VectorProgress, engine: str) -> None:
            super().__init__()
            self.progress = progress
            self.engine = engine

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._stop = threading.Event()
        self._worker: Worker[ImportResult] | None = None
        self._vectors: Worker[tuple[VectorResult, str]] | None = None
        self._summary = ""
        self._skipped: list[Path] = []
        self._warnings: list[str] = []
        self._audit_error: Exception | None = None

    def compose(self) -> ComposeResult:
        yield Static(TEXT["hint"], classes="hint")
        yield LineInput(placeholder=TEXT["placeholder"], id="import-path")
        with Horizontal(classes="buttons"):
            yield Button(TEXT["start"], id="import-start", variant="primary")
            yield Button(TEXT["stop"], id="import-stop", disabled=True)
        yield ProgressBar(id="import-progress", show_eta=False)
        yield Static("", id="import-status")
        with VerticalScroll(id="import-log"):
            yield Static("", id="import-result")

    @property
    def running(self) -> bool:
        return any(w is not None and not w.is_finished for w in (self._worker, self._vectors))

    @on(Input.Submitted, "#import-path")
    @on(Button.Pressed, "#import-start")
    def start(self) -> None:
        if self.running:
            return
        paths = [Path(p).expanduser() for p in split_paths(self.query_one(Input).value)]
        if not paths:
            self._status(TEXT["empty"], error=True)
            return
        self._stop.clear()
        self.query_one("#import-start", Button).disabled = True
        self.query_one("#import-stop", Button).disabled = False
        self.query_one(ProgressBar).update(total=None, progress=0)
        self.query_one("#import-result", Static).update("")
        self._status(TEXT["starting"])
        self._worker = self._import(paths)

    @on(Button.Pressed, "#import-stop")
    def stop(self) -> None:
        if self.running:
            self._stop.set()
            self.query_one("#import-stop", Button).disabled = True
            self._status(TEXT["stopping"])

    def on_unmount(self) -> None:
        self._stop.set()

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def _import(self, paths: list[Path]) -> ImportResult:
        from knowledge.importer import unsupported_in_folders
        from knowledge.traditional import import_warnings
        from report.store import ReportStore
        from tui.library_audit import imported_since, record_import, snapshot

        # read by the UI thread once this worker has finished
        self._skipped = unsupported_in_folders(paths)
        self._warnings = []
        self._audit_error = None
        library = self.app.library()
        actor, where = self.app.actor, self.app.db_path
        before = snapshot(library)
        result: ImportResult | None = None
        try:
            result = library.import_paths(
                paths,
                progress=self._progressed,
                should_stop=self._stop.is_set,
            )
            self._warnings = import_warnings(library, result)
            return result
        finally:
            # Logged here, not on the UI thread: when the app is closed during an import this
            # thread still ends the current file, and what it wrote must be in the log.
            try:
                done = result if result is not None else imported_since(library, before)
                with ReportStore(where) as store:
                    record_import(store, actor, done)
            except Exception as exc:  # noqa: BLE001 - said on the UI; the import stands
                self._audit_error = exc

    @work(thread=True, exclusive=True, group="vectors", exit_on_error=False)
    def _build_vectors(self) -> tuple[VectorResult, str]:
        """The import's second phase (semantic search); stopping keeps the batches done. With
        the result, the engine that ran, in the words of `zicha kb import` (「C 引擎」…)."""
        engine = ""

        def progressed(p: VectorProgress) -> None:
            nonlocal engine
            if not engine:  # the model is loaded before the first progress
                engine = _engine_words()
            self.post_message(self._VectorsProgressed(p, engine))  # shown on the UI thread

        library = self.app.library()
        return library.build_vectors(progress=progressed, should_stop=self._stop.is_set), engine

    @on(_VectorsProgressed)
    def _show_vectors(self, event: _VectorsProgressed) -> None:
        p = event.progress
        if p.done < p.total:
            self._status(
                TEXT["vectors"].format(
                    summary=self._summary, engine=event.engine, done=p.done, total=p.total
                )
            )

    def _progressed(self, progress: ImportProgress) -> None:
        self.post_message(self._Progressed(progress))  # thread-safe; shown on the UI thread

    @on(_Progressed)
    def _show_progress(self, event: _Progressed) -> None:
        p = event.progress
        self.query_one(ProgressBar).update(total=max(p.total, 1), progress=p.done)
        current = Path(p.current).name if p.current else ""
        self._status(
            TEXT["progress"].format(
                done=p.done, total=p.total, chunks=p.chunks, errors=p.errors, current=current
            )
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "vectors" and event.worker.is_finished:
            event.stop()
            self._vectors_finished(event)
            return
        if event.worker.group != "import" or not event.worker.is_finished:
            return
        event.stop()
        self.query_one("#import-start", Button).disabled = False
        self.query_one("#import-stop", Button).disabled = True
        if event.state == WorkerState.ERROR:
            self._status(TEXT["failed"].format(error=event.worker.error), error=True)
            return
        result = event.worker.result
        if event.state != WorkerState.SUCCESS or result is None:
            return
        if self._audit_error is not None:
            self.app.notify_error(self._audit_error)
        self._summary = result.summary()
        self._status(self._summary, error=result.count("failed") > 0)
        # a file skipped as a copy of one already in the library says which one, like a failure
        lines = [
            TEXT["error_line" if not o.ok else "skipped_line"].format(message=o.message)
            for o in result.outcomes
            if not o.ok or o.status == "duplicate"
        ]
        lines += [TEXT["warning_line"].format(message=w) for w in self._warnings]
        if self._skipped:
            from knowledge.importer import unsupported_line

            lines.append(TEXT["skipped_line"].format(message=unsupported_line(self._skipped)))
        elif not result.outcomes and not result.stopped:
            lines.append(TEXT["no_files"])
        # broken by the 避头尾 rules: a long file name must not push a line's text off its mark
        self.query_one("#import-result", Static).update(Wrapped("\n".join(lines)))
        bar = self.query_one(ProgressBar)
        if bar.total is None:
            bar.update(total=1, progress=1)
        self.post_message(self.Finished(result))
        if not result.stopped:
            self.query_one("#import-start", Button).disabled = True
            self.query_one("#import-stop", Button).disabled = False
            self._vectors = self._build_vectors()

    def _vectors_finished(self, event: Worker.StateChanged) -> None:
        self.query_one("#import-start", Button).disabled = False
        self.query_one("#import-stop", Button).disabled = True
        ran = event.worker.result if event.state == WorkerState.SUCCESS else None
        if ran is None:  # a failed vector phase leaves the import as it is (words only)
            return
        done, engine = ran
        status = self.query_one("#import-status", Static)
        failed = status.has_class("error")
        if done.available or done.added or done.total:
            self._status(
                TEXT["vectors_done"].format(
                    summary=self._summary,
                    vectors=done.summary(),
                    engine=TEXT["engine"].format(engine=engine) if engine else "",
                ),
                error=failed,
            )

    def _status(self, text: str, error: bool = False) -> None:
        status = self.query_one("#import-status", Static)
        status.update(Text(text))
        status.set_class(error, "error")
