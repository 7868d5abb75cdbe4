"""the new-report form speaks only Chinese (no answers-file keys like "（unit）")."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import Static
from tui_helpers import press_for, settle

from tui.app import ZichaApp
from tui.screens.new_report import NewReportScreen


async def test_empty_form_messages_name_fields_without_english_keys(home: Path) -> None:
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await press_for(pilot, "n", NewReportScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        shown = {
            field: str(form.query_one(f"#e-{field}", Static).render())
            for field in ("unit", "addressee", "basis_title", "basis_number")
        }
        assert shown["unit"] == "单位全称不能为空，请填写"
        assert shown["addressee"] == "主送机关不能为空，请填写"
        for text in shown.values():
            assert text and not re.search(r"[A-Za-z]", text), text
