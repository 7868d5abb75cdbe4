"""The import pane names the file a skipped copy duplicates (the .pdf of an imported .docx)."""

from __future__ import annotations

import sys
from pathlib import Path

from test_library_screen import open_library, status
from textual.widgets import Input
from tui_helpers import settle

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


async def test_pdf_copy_of_imported_docx_is_named_in_the_result(home: Path, tmp_path: Path):
    folder = tmp_path / "法规 文件"
    folder.mkdir()
    docx_path = write_docx(folder / "财务办法.docx", "\n".join(LINES))
    with Library(knowledge_db_path(home)) as lib:
        lib.import_paths([docx_path])
    pdf = folder / "财务办法.pdf"
    pdf.write_bytes(pdf_bytes(LINES))
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_library(app, pilot)
        pane = screen.query_one(ImportPane)
        pane.query_one("#import-path", Input).value = str(pdf)
        await pilot.press("f3", "enter")
        await settle(pilot)
        assert "未变 1 个" in status(screen, "#import-status")
        shown = status(screen, "#import-result")
        assert shown.startswith("· 财务办法.pdf：")
        assert "已在法规库中（财务办法.docx）" in shown and "「文档」页" in shown
    with Library(knowledge_db_path(home)) as lib:
        assert [d.source_path for d in lib.documents() if not d.is_starter] == [
            str(docx_path.resolve())
        ]
