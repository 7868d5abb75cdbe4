"""Library screen on a real knowledge.db: search as you type, article view, import, remove."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Static

from knowledge.library import Library
from report.home import knowledge_db_path
from report.store import ReportStore
from tui.app import ZichaApp
from tui.screens.confirm import ConfirmScreen
from tui.screens.library import LibraryScreen
from tui.widgets.library_article import ArticleScreen
from tui.widgets.library_documents import DocumentsPane
from tui.widgets.library_import import ImportPane
from tui.widgets.library_results import MARK_STYLE, HitItem, ResultList, marked_text

REGULATION = """青禾县社会保险档案管理办法

第一章 总则

第一条 为规范社会保险业务档案管理，保障参保人员合法权益，制定本办法。

第二条 本办法适用于本县社会保险经办机构形成的业务档案。

第二章 归档与借阅

第三条 业务档案应当在业务办结后三十日内归档，归档材料须经经办人和复核人签字确认。

第四条 借阅业务档案须经科室负责人批准并登记，借阅期限不超过十五日，档案室每月核对借阅台账。
"""


def write_fixture(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "档案管理办法.txt").write_bytes(REGULATION.encode("gb18030"))
    (folder / "坏文件.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    return folder


async def open_library(app: ZichaApp, pilot) -> LibraryScreen:
    await pilot.pause()
    screen = LibraryScreen()
    await app.push_screen(screen)
    await pilot.pause()
    return screen


async def settle(app: ZichaApp, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def shown_hits(screen: LibraryScreen) -> list:
    return [item.hit for item in screen.query_one(ResultList).children if isinstance(item, HitItem)]


def status(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def test_marked_text_styles_matches_and_drops_brackets() -> None:
    text = marked_text("按规定【核定】【缴费基数】，按月核对")
    assert text.plain == "按规定核定缴费基数，按月核对"
    marked = [text.plain[s.start : s.end] for s in text.spans if s.style == MARK_STYLE]
    assert marked == ["核定", "缴费基数"]
    assert marked_text("一二【三四】五六", limit=3).plain == "一二三……"


async def test_search_as_you_type_shows_cited_highlighted_hits(home: Path):
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_library(app, pilot)
        box = screen.query_one("#search-input", Input)
        assert box.has_focus
        library = app.library()
        queries: list[str] = []
        real_search = library.search

        def recording_search(query: str, k: int = 5):
            queries.append(query)
            return real_search(query, k)

        library.search = recording_search
        box.value = "缴费"
        box.value = "缴费基数核定"  # the first search is cancelled while it waits
        await settle(app, pilot)
        assert queries == ["缴费基数核定"]

        hits = shown_hits(screen)
        assert hits, status(screen, "#search-status")
        assert f"找到 {len(hits)} 条" in status(screen, "#search-status")
        assert all(h.citation.startswith("《") for h in hits)
        first = screen.query_one(ResultList).children[0]
        rendered = first.query_one(Static).render().text  # a Wrapped (避头尾 line breaks)
        assert hits[0].citation in rendered.plain
        assert "【" not in rendered.plain
        assert any(rendered.plain[s.start : s.end] == "缴费基数" for s in rendered.spans)

        box.value = "你好"
        await settle(app, pilot)
        assert shown_hits(screen) == []
        assert "没有找到与「你好」相关的条文" in status(screen, "#search-status")


async def test_enter_opens_the_full_article(home: Path):
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_library(app, pilot)
        screen.query_one("#search-input", Input).value = "不相容岗位"
        await settle(app, pilot)
        hit = shown_hits(screen)[0]
        await pilot.press("enter")  # from the box to the results
        await pilot.press("enter")  # open the highlighted result
        await settle(app, pilot)
        article = app.screen
        assert isinstance(article, ArticleScreen)
        assert article.hit.chunk_id == hit.chunk_id
        assert status(article, "#article-citation") == hit.citation
        body = status(article, "#article-text")
        assert "不相容" in body and "【" not in body
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_import_folder_reports_progress_errors_and_lists_document(home: Path, tmp_path):
    folder = write_fixture(tmp_path / "法规")
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_library(app, pilot)
        await pilot.press("f3")
        pane = screen.query_one(ImportPane)
        pane.query_one("#import-path", Input).value = str(folder)
        await pilot.press("enter")
        await settle(app, pilot)

        summary = status(screen, "#import-status")
        assert "新增 1 个" in summary and "失败 1 个" in summary
        errors = status(screen, "#import-result")
        assert "坏文件.pdf" in errors and errors.startswith("✗")
        bar = pane.query_one("#import-progress")
        assert bar.total == 2 and bar.progress == 2

        table = screen.query_one("#docs-table", DataTable)
        titles = [table.get_row_at(i)[0] for i in range(table.row_count)]
        assert "青禾县社会保险档案管理办法" in titles

        await pilot.press("f2")
        screen.query_one("#search-input", Input).value = "档案借阅期限"
        await settle(app, pilot)
        hit = next(h for h in shown_hits(screen) if h.title == "青禾县社会保险档案管理办法")
        assert hit.article == "第四条"
        assert hit.citation.endswith("第四条")
    # The import is traced in the report store's audit log.
    with ReportStore.open(home) as store:
        assert [e.action for e in store.audit_log()] == ["kb_import"]


async def test_stop_before_the_first_file_imports_nothing(home: Path, tmp_path):
    folder = write_fixture(tmp_path / "法规")
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_library(app, pilot)
        pane = screen.query_one(ImportPane)
        pane.query_one("#import-path", Input).value = str(folder)
        # Both in one handler: the worker thread only starts after this returns.
        pane.start()
        pane.stop()
        await settle(app, pilot)
        summary = status(screen, "#import-status")
        assert "已按要求中止" in summary and "2 个文件未处理" in summary
    with Library(knowledge_db_path(home)) as lib:
        assert all(d.is_starter for d in lib.documents())
    with ReportStore.open(home) as store:
        assert store.audit_log() == []  # nothing imported, nothing logged


async def test_remove_document_after_typed_confirmation(home: Path, tmp_path):
    folder = write_fixture(tmp_path / "法规")
    with Library(knowledge_db_path(home)) as lib:
        lib.import_paths([folder / "档案管理办法.txt"])
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_library(app, pilot)
        await settle(app, pilot)
        await pilot.press("f4")
        table = screen.query_one("#docs-table", DataTable)
        row = next(i for i in range(table.row_count) if table.get_row_at(i)[0].startswith("青禾县"))
        table.move_cursor(row=row)
        before = table.row_count
        await pilot.press("delete")
        await pilot.pause()
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen)
        confirm.query_one(Input).value = "移除"
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is screen
        assert table.row_count == before - 1
        assert "共" in status(screen.query_one(DocumentsPane), "#docs-status")
    with Library(knowledge_db_path(home)) as lib:
        assert all(d.is_starter for d in lib.documents())
    with ReportStore.open(home) as store:
        assert [e.action for e in store.audit_log()] == ["kb_remove"]
