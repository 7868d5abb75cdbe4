"""Export modal: the appendix choice and the document profile, remembered per report."""

from __future__ import annotations

from pathlib import Path

from test_export_modal import open_export, run_export
from textual.widgets import Checkbox, Input, Select

from tui.app import ZichaApp

UPWARD = """\
name: 上报市局
kind: 上行文
organ_mark: 青禾县社会保险事业局文件
doc_number: 青社险〔2026〕12号
signer: 张三
"""


async def test_appendices_and_profile_reach_the_document(home, store, example_report, tmp_path):
    from exports.profile_store import add_profile

    source = tmp_path / "up.yaml"
    source.write_text(UPWARD, encoding="utf-8")
    add_profile(home, source)
    report = store.create(example_report)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_export(app, pilot, report.id, tmp_path)
        screen = app.screen
        select = screen.query_one("#export-profile", Select)
        assert select.value == "标准"  # nothing used before: the built-in first
        for key in ("stats", "rectification"):
            box = screen.query_one(f"#export-appendix-{key}", Checkbox)
            assert box.region.bottom <= 24 and box.region.right <= 80  # visible at 80x24
        screen.query_one("#export-appendix-stats", Checkbox).value = True
        select.value = "上报市局"
        await pilot.pause()
        await run_export(app, pilot)
        written = Path(screen.query_one("#export-path", Input).value)
    import docx

    doc = docx.Document(str(written))
    texts = [p.text for p in doc.paragraphs if p.text.strip()]
    assert texts[0] == "青禾县社会保险事业局文件"
    assert "内部控制要点自查情况统计表" in texts and len(doc.tables) == 1

    # The next export of this report offers the same profile first.
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_export(app, pilot, report.id, tmp_path)
        assert app.screen.query_one("#export-profile", Select).value == "上报市局"
