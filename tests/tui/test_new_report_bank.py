"""The New Report form offers the imported banks; the report records the one chosen."""

from __future__ import annotations

from pathlib import Path

from province_tables import cli, import_province_bank
from tui_helpers import settle


async def test_form_offers_imported_banks_and_records_the_choice(tmp_path: Path) -> None:
    from textual.widgets import Input, Select

    from report.store import ReportStore
    from tui.app import ZichaApp
    from tui.screens.new_report import NewReportScreen

    home = tmp_path / "home"
    import_province_bank(cli(home), tmp_path)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        app.push_screen(NewReportScreen())
        await settle(pilot)
        form = app.screen
        values = {
            "unit": "某县社会保险事业局",
            "addressee": "市社会保险事业管理处",
            "basis_title": "关于开展内部控制检查评估的通知",
            "basis_number": "某社险函〔2026〕1号",
        }
        for field, value in values.items():
            form.query_one(f"#f-{field}", Input).value = value
        select = form.query_one("#f-bank", Select)
        assert select.value == ""  # the built-in bank unless the officer picks another
        select.value = "省表"
        await settle(pilot)
        form.action_create()
        await settle(pilot)
    with ReportStore.open(home) as store:
        (summary,) = store.list()
        report = store.get(summary.id)
    assert report.bank is not None and report.bank.name == "省表" and report.bank.version == 1


async def test_no_choice_without_imported_banks(tmp_path: Path) -> None:
    from tui.app import ZichaApp
    from tui.screens.new_report import NewReportScreen

    app = ZichaApp(tmp_path / "home", resume=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        app.push_screen(NewReportScreen())
        await settle(pilot)
        assert not app.screen.query("#f-bank")
