"""The import pane lists a file in traditional Chinese with what to do, like `zicha kb import`:
it is imported, but simplified questions may not find it."""

from __future__ import annotations

from pathlib import Path

from test_library_screen import open_library, status
from textual.widgets import Input
from tui_helpers import settle

from tui.app import ZichaApp
from tui.widgets.library_import import ImportPane

TRADITIONAL = (
    "社會保險經辦條例\n"
    "第一條 為了規範社會保險經辦，優化社會保險服務，保障社會保險基金安全，"
    "維護用人單位和個人的合法權益，促進社會公平，制定本條例。\n"
)
SIMPLIFIED = (
    "社会保险稽核办法\n"
    "第一条 稽核机构应当对缴费基数进行稽核，参照台湾地区《勞工保險條例》的做法公开稽核结果。\n"
)


async def test_import_pane_warns_on_a_traditional_file(home: Path, tmp_path: Path, fake_encoder):
    folder = tmp_path / "法规"
    folder.mkdir()
    (folder / "經辦條例.txt").write_text(TRADITIONAL, encoding="utf-8")
    (folder / "稽核办法.txt").write_bytes(SIMPLIFIED.encode("gbk"))
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_library(app, pilot)
        pane = screen.query_one(ImportPane)
        pane.query_one("#import-path", Input).value = str(folder)
        await pilot.press("f3", "enter")
        await settle(pilot)
        assert "新增 2 个" in status(screen, "#import-status")
        shown = "".join(status(screen, "#import-result").split())
    assert "！經辦條例.txt：《社會保險經辦條例》似乎是繁体中文，已导入" in shown
    assert "繁转简" in shown and "稽核办法" not in shown
