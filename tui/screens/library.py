"""Library screen: search as you type, open an article, import files, list and remove documents."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, ListView, Static, TabbedContent, TabPane
from textual.worker import Worker, WorkerState, get_current_worker

from tui.keys import HELP_FIRST
from tui.widgets.library_documents import DocumentsPane
from tui.widgets.library_import import ImportPane
from tui.widgets.library_results import HitItem, ResultList
from tui.widgets.line_input import LineInput

if TYPE_CHECKING:
    from textual import getters

    from knowledge.models import SearchHit
    from tui.app import ZichaApp
    from tui.commands import PaletteCommand

TEXT = {
    "title": "法规库",
    "tab_search": "检索",
    "tab_import": "导入",
    "tab_docs": "文档",
    "placeholder": "输入要查的内容，例如：缴费基数核定、不相容岗位、查账",
    "idle": "输入关键词即时检索；↑↓ 选择，回车查看全文。",
    "searching": "正在检索……",
    "found": "找到 {n} 条。↑↓ 选择，回车查看全文。",
    "nothing": "没有找到与「{query}」相关的条文。换个说法试试，或到「导入」页导入法规原文。",
    "failed": "检索未完成：{error}",
    "article_failed": "无法打开条文：{error}",
}

DEBOUNCE_SECONDS = 0.25
RESULTS = 20


class LibraryScreen(Screen[None]):
    if TYPE_CHECKING:  # the running app is always ZichaApp
        app = getters.app(ZichaApp)

    CSS_PATH = "../library.tcss"
    BINDINGS = [
        HELP_FIRST,
        Binding("escape", "back", "返回"),
        Binding("f2", "tab('tab-search')", TEXT["tab_search"]),
        Binding("f3", "tab('tab-import')", TEXT["tab_import"]),
        Binding("f4", "tab('tab-docs')", TEXT["tab_docs"]),
        Binding("down", "to_results", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="lib-tabs"):
            with TabPane(TEXT["tab_search"], id="tab-search"):
                yield LineInput(placeholder=TEXT["placeholder"], id="search-input")
                yield Static(TEXT["idle"], id="search-status")
                yield ResultList(id="search-results")
            with TabPane(TEXT["tab_import"], id="tab-import"):
                yield ImportPane(id="import-pane")
            with TabPane(TEXT["tab_docs"], id="tab-docs"):
                yield DocumentsPane(id="docs-pane")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = TEXT["title"]
        self.query_one("#search-input", Input).focus()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        focus = {"tab-search": "#search-input", "tab-import": "#import-path"}.get(tab)
        if focus:
            self.query_one(focus).focus()
        else:
            self.query_one("#docs-table").focus()

    def palette_commands(self) -> list[PaletteCommand]:
        from functools import partial

        from tui.commands import PaletteCommand

        act = partial(partial, self.run_action)
        return [
            PaletteCommand("检索法规", "输入即检索（F2）", act("tab('tab-search')")),
            PaletteCommand("导入法规文件", "文件或文件夹（F3）", act("tab('tab-import')")),
            PaletteCommand("法规库文档列表", "查看和移除（F4）", act("tab('tab-docs')")),
            PaletteCommand("返回", "Esc", act("back")),
        ]

    # --- search -----------------------------------------------------------------
    @on(Input.Changed, "#search-input")
    def _query_changed(self, event: Input.Changed) -> None:
        query = event.value.strip()
        if not query:
            self.workers.cancel_group(self, "search")
            self.call_later(self.query_one(ResultList).show, [])
            self._status(TEXT["idle"])
            return
        self._status(TEXT["searching"])
        self._search(query)

    def action_to_results(self) -> None:
        # The hint under the box says ↑↓ selects: Down leaves the search box for the results.
        if self.focused is self.query_one("#search-input", Input):
            self._to_results()

    @on(Input.Submitted, "#search-input")
    def _to_results(self) -> None:
        results = self.query_one(ResultList)
        if results.children:
            results.focus()

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, query: str) -> tuple[str, list[SearchHit]] | None:
        worker = get_current_worker()
        # Debounce: a newer keystroke cancels this worker before it queries.
        deadline = time.monotonic() + DEBOUNCE_SECONDS
        while time.monotonic() < deadline:
            if worker.is_cancelled:
                return None
            time.sleep(0.02)
        hits = self.app.library().search(query, k=RESULTS)
        return None if worker.is_cancelled else (query, hits)

    async def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.node is not self:
            return
        if event.worker.group == "search":
            await self._search_done(event)
        elif event.worker.group == "article" and event.state == WorkerState.ERROR:
            self.notify(
                TEXT["article_failed"].format(error=event.worker.error),
                severity="error",
                markup=False,
            )
        elif event.worker.group == "article" and event.state == WorkerState.SUCCESS:
            from tui.widgets.library_article import ArticleScreen

            hit = event.worker.result
            if hit is not None:
                self.app.push_screen(ArticleScreen(hit))

    async def _search_done(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self._status(TEXT["failed"].format(error=event.worker.error), error=True)
            return
        if event.state != WorkerState.SUCCESS or event.worker.result is None:
            return
        query, hits = event.worker.result
        if query != self.query_one("#search-input", Input).value.strip():
            return
        await self.query_one(ResultList).show(hits)
        if hits:
            self._status(TEXT["found"].format(n=len(hits)))
        else:
            self._status(TEXT["nothing"].format(query=query))

    # --- article ------------------------------------------------------------------
    @on(ListView.Selected, "#search-results")
    def _open(self, event: ListView.Selected) -> None:
        if isinstance(event.item, HitItem):
            self._article(event.item.hit)

    @work(thread=True, exclusive=True, group="article", exit_on_error=False)
    def _article(self, hit: SearchHit) -> SearchHit:
        from knowledge.ranking import highlight

        full = self.app.library().article(hit.chunk_id)
        marked = highlight(full.text, tuple(hit.matched_terms))
        return full.model_copy(update={"highlighted": marked, "matched_terms": hit.matched_terms})

    # --- documents ----------------------------------------------------------------
    @on(ImportPane.Finished)
    def _imported(self) -> None:
        self.query_one(DocumentsPane).action_refresh()

    def _status(self, text: str, error: bool = False) -> None:
        status = self.query_one("#search-status", Static)
        status.update(Text(text))
        status.set_class(error, "error")
