"""the Ctrl+P command palette speaks Chinese (placeholder and the no-match notice)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.command import CommandInput, CommandList, CommandPalette

from tui.app import ZichaApp


async def test_palette_placeholder_and_no_match_notice_in_chinese(home: Path):
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        box = palette.query_one(CommandInput)
        assert box.placeholder.startswith("输入要做的事")
        await pilot.press(*"zzzz")
        await asyncio.sleep(palette._NO_MATCHES_COUNTDOWN + 0.5)
        await pilot.pause()
        options = palette.query_one(CommandList)
        shown = [
            str(options.get_option_at_index(i).prompt.renderable)
            for i in range(options.option_count)
        ]
        assert any("没有匹配的命令" in text for text in shown), shown
        # A real command is still found and runs.
        await pilot.press(*["backspace"] * 4)
        await pilot.press(*"帮助")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
