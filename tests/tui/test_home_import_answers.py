"""importing answers from a folder path says it is a folder, not "file not found"."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static
from tui_helpers import press_for, settle

from tui.app import ZichaApp
from tui.screens.new_report import ImportAnswersScreen


async def test_folder_path_is_named_as_a_folder(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "答案"
    folder.mkdir()
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await press_for(pilot, "i", ImportAnswersScreen)
        dialog.query_one("#import-path", Input).value = str(folder)
        await pilot.press("enter")
        await settle(pilot)
        error = str(dialog.query_one("#import-error", Static).render())
        assert "文件夹" in error and "找不到" not in error
        assert app.screen is dialog
