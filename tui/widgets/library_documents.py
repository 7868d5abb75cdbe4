"""The library's documents in a table; remove one after a typed confirmation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Static
from textual.worker import Worker, WorkerState

from tui.jobs import run_on_store

if TYPE_CHECKING:
    from textual import getters

    from knowledge.models import DocumentInfo
    from tui.app import ZichaApp

TEXT = {
    "col_title": "标题",
    "col_number": "文号",
    "col_kind": "类别",
    "col_chunks": "条文",
    "col_imported": "导入日期",
    "starter": "内置要点",
    "imported": "导入",
    "count": "共 {n} 个文档，{chunks} 个条文片段。选中后按 Delete 移除。",
    "source": "文件：{source}",
    "source_starter": "内置要点，随程序提供。",
    "empty": "法规库里还没有文档。到「导入」页导入法规原文。",
    "loading": "正在读取文档列表……",
    "confirm": "从法规库移除《{title}》及其 {chunks} 个条文片段？原文件不受影响。",
    "confirm_word": "移除",
    "removed": "已移除《{title}》。",
    "starter_fixed": "《{title}》是内置要点，随程序提供，不能移除。",
    "failed": "操作未完成：{error}",
}


@dataclass
class Loaded:
    docs: list[DocumentInfo]
    removed: DocumentInfo | None = None


TITLE_WIDTH = 28
NUMBER_WIDTH = 16


class DocumentsPane(Vertical):
    if TYPE_CHECKING:  # the running app is always ZichaApp
        app = getters.app(ZichaApp)

    BINDINGS = [
        Binding("delete,backspace", "remove", "移除文档"),
        Binding("ctrl+r", "refresh", "刷新"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._docs: dict[str, DocumentInfo] = {}

    def compose(self) -> ComposeResult:
        yield Static(TEXT["loading"], id="docs-status")
        table: DataTable[str] = DataTable(id="docs-table", cursor_type="row", zebra_stripes=True)
        table.add_column(TEXT["col_title"], width=TITLE_WIDTH, key="title")
        table.add_column(TEXT["col_number"], width=NUMBER_WIDTH, key="number")
        table.add_column(TEXT["col_kind"], key="kind")
        table.add_column(TEXT["col_chunks"], key="chunks")
        table.add_column(TEXT["col_imported"], key="imported")
        yield table
        yield Static("", id="docs-source")

    def on_mount(self) -> None:
        self.action_refresh()

    def action_refresh(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="docs", exit_on_error=False)
    def _load(self) -> Loaded:
        return Loaded(docs=self.app.library().documents())

    @work(thread=True, exclusive=True, group="docs", exit_on_error=False)
    def _remove(self, doc: DocumentInfo) -> Loaded:
        library = self.app.library()
        library.remove(doc.id)
        return Loaded(docs=library.documents(), removed=doc)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "docs" or not event.worker.is_finished:
            return
        event.stop()
        if event.state == WorkerState.ERROR:
            message = TEXT["failed"].format(error=event.worker.error)
            self._status(message)
            self.notify(message, severity="error", markup=False)
        elif event.state == WorkerState.SUCCESS and isinstance(event.worker.result, Loaded):
            loaded = event.worker.result
            self.show(loaded.docs)
            if loaded.removed is not None:
                from tui.library_audit import record_remove

                actor, removed = self.app.actor, loaded.removed
                run_on_store(self, lambda store: record_remove(store, actor, removed))
                self.notify(TEXT["removed"].format(title=loaded.removed.title), markup=False)

    def show(self, docs: list[DocumentInfo]) -> None:
        from tui.screens.home import shorten

        table = self.query_one(DataTable)
        table.clear()
        self._docs = {}
        for doc in docs:
            key = str(doc.id)
            self._docs[key] = doc
            table.add_row(
                shorten(doc.title, TITLE_WIDTH),
                shorten(doc.doc_number or "", NUMBER_WIDTH),
                TEXT["starter"] if doc.is_starter else TEXT["imported"],
                Text(str(doc.chunks), justify="right"),
                doc.imported_at[:10],
                key=key,
            )
        if docs:
            chunks = sum(d.chunks for d in docs)
            self._status(TEXT["count"].format(n=len(docs), chunks=chunks))
        else:
            self._status(TEXT["empty"])

    @on(DataTable.RowHighlighted, "#docs-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        # Two documents can share a title (a .docx and its .pdf, two versions): the file
        # tells them apart before one is removed.
        doc = self._docs.get(str(event.row_key.value))
        if doc is not None:
            line = (
                TEXT["source_starter"]
                if doc.is_starter
                else TEXT["source"].format(source=doc.source_path)
            )
            self.query_one("#docs-source", Static).update(Text(line))

    @property
    def selected(self) -> DocumentInfo | None:
        table = self.query_one(DataTable)
        if not self._docs or table.cursor_row < 0:
            return None
        row_key, _ = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0))
        return self._docs.get(str(row_key.value))

    def action_remove(self) -> None:
        from tui.screens.confirm import ConfirmScreen

        doc = self.selected
        if doc is None:
            return
        if doc.is_starter:
            self.notify(TEXT["starter_fixed"].format(title=doc.title), markup=False)
            return

        def confirmed(ok: bool | None) -> None:
            if ok:
                self._remove(doc)

        question = TEXT["confirm"].format(title=doc.title, chunks=doc.chunks)
        self.app.push_screen(ConfirmScreen(question, TEXT["confirm_word"]), confirmed)

    def _status(self, text: str) -> None:
        self.query_one("#docs-status", Static).update(Text(text))
