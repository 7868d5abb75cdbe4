"""exporting from the draft keeps the numbering style the user switched to with N."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, RadioSet
from tui_helpers import press_for, settle

from tui.app import ZichaApp
from tui.screens.draft import DraftScreen
from tui.screens.export import ExportScreen


async def test_export_from_draft_uses_the_draft_numbering(home, store, example_report, tmp_path):
    report = store.create(example_report)
    out = tmp_path / "报告.md"
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_draft(report.id)
        await app.workers.wait_for_complete()
        await settle(pilot)
        draft = app.screen
        assert isinstance(draft, DraftScreen)
        await pilot.press("n")
        await settle(pilot)
        assert draft.numbering == "headings"
        dialog = await press_for(pilot, "x", ExportScreen)
        assert dialog.query_one("#export-numbering", RadioSet).pressed_index == 1
        dialog.query_one("#fmt-md").value = True
        await settle(pilot)
        dialog.query_one("#export-path", Input).value = str(out)
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await settle(pilot)
    text = Path(out).read_text(encoding="utf-8")
    assert "（一）" in text
    assert "一是" not in text
