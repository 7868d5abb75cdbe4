"""in the library, Down from the search box moves into the results (the hint says ↑↓ 选择)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tui.app import ZichaApp
from tui.screens.library import LibraryScreen
from tui.widgets.library_article import ArticleScreen
from tui.widgets.library_results import ResultList


async def test_down_then_enter_opens_the_first_hit(home: Path):
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = LibraryScreen()
        await app.push_screen(screen)
        await pilot.pause()
        box = screen.query_one("#search-input", Input)
        box.value = "退休金"
        for _ in range(2):
            await app.workers.wait_for_complete()
            await pilot.pause()
        results = screen.query_one(ResultList)
        assert results.children
        await pilot.press("down")
        await pilot.pause()
        assert results.has_focus
        assert results.index == 0
        await pilot.press("enter")
        for _ in range(2):
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
