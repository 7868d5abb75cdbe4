"""One stray Esc threw away everything typed into the new-report form; like the paragraph
editor, the first Esc now says so and the second discards."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static
from tui_helpers import settle

from tui.app import ZichaApp
from tui.screens.home import HomeScreen
from tui.screens.new_report import NewReportScreen


async def test_escape_after_typing_asks_once_before_discarding(home: Path) -> None:
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, NewReportScreen)
        form.query_one("#f-unit", Input).value = "青禾县社会保险事业局"
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is form
        assert "再按一次 Esc 放弃" in str(form.query_one("#new-summary", Static).render())
        assert form.query_one("#f-unit", Input).value == "青禾县社会保险事业局"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_escape_on_an_untouched_form_leaves_at_once(home: Path) -> None:
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_emptied_date_shows_an_example_not_a_date(home: Path) -> None:
    # The placeholder 「2026-11-29」 looked like a date already filled in, next to the message
    # 「成文日期应为日期」; like the other fields it now reads as an example.
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await settle(pilot)
        date = app.screen.query_one("#f-date", Input)
        assert date.placeholder.startswith("例如：")
