"""The New Report form fills the self-name from the unit's name; the officer's own choice wins."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input
from tui_helpers import press_for, settle

from tui.app import ZichaApp
from tui.screens.new_report import NewReportScreen


async def test_form_self_name_follows_unit_until_edited(home: Path) -> None:
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 40)) as pilot:
        form = await press_for(pilot, "n", NewReportScreen)
        short = form.query_one("#f-short_name", Input)
        form.query_one("#f-unit", Input).focus()
        await pilot.press(*"某县医疗保障事务中心")
        await settle(pilot)
        assert short.value == "我中心"
        short.value = "本中心"
        await settle(pilot)
        form.query_one("#f-unit", Input).value = "某县社会保险事业局"
        await settle(pilot)
        assert short.value == "本中心"  # a hand-typed self-name is never overwritten
        for field, value in (
            ("addressee", "市医疗保障局"),
            ("basis_title", "关于开展内控检查的通知"),
            ("basis_number", "某医保函〔2026〕8号"),
        ):
            form.query_one(f"#f-{field}", Input).value = value
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.store.get(1).short_name == "本中心"
