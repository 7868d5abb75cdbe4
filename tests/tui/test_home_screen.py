"""Home screen: the reports table, the new-report form, import from answers, typed delete."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.widgets import DataTable, Input, Static
from tui_helpers import settle

from interview.bank import load_bank
from interview.coverage import compute_coverage
from report.models import Report
from report.store import ReportStore
from tui.app import ZichaApp
from tui.screens.confirm import ConfirmScreen
from tui.screens.home import HomeScreen, progress_cell, shorten
from tui.screens.new_report import ImportAnswersScreen, NewReportScreen, form_errors

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "answers.yaml"


def reports_in(home: Path) -> list[Report]:
    with ReportStore.open(home) as s:
        return [s.get(r.id) for r in s.list()]


async def test_empty_home_says_how_to_start(home: Path) -> None:
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        empty = app.screen.query_one("#home-empty", Static)
        assert empty.display
        assert "① 新建报告　按 N" in str(empty.render())
        assert not app.screen.query_one("#reports", DataTable).display


async def test_table_lists_reports_with_status_and_progress(home: Path, store, example_report):
    created = store.create(example_report)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#reports", DataTable)
        assert table.row_count == 1
        row = table.get_row(str(created.id))
        assert str(row[1]) == shorten(created.unit, 20)
        assert row[2] == "2026"
        assert row[3] == "草稿"
        # Progress counts the question bank's points (filled in by a worker), not the
        # report's own paragraphs.
        await app.workers.wait_for_complete()
        await settle(pilot)
        row = table.get_row(str(created.id))
        expected = compute_coverage(store.get(created.id), load_bank())
        assert expected.total == 36
        assert str(row[4]).endswith(f"{expected.answered}/{expected.total}")


def test_progress_bar_and_shorten_count_cells() -> None:
    assert progress_cell(0, 0).cell_len == progress_cell(5, 10).cell_len - 1
    cut = shorten("某某市社会保险事业管理中心业务科", 12)
    assert cut.endswith("…")
    from rich.cells import cell_len

    assert cell_len(cut) <= 12


def test_form_errors_use_model_messages() -> None:
    values = {
        "unit": " ",
        "short_name": "我局",
        "addressee": "市人社局",
        "year": "26年",
        "basis_title": "关于开展内控检查的通知",
        "basis_number": "某人社函〔2026〕1号",
        "date": "2026/11/29",
    }
    report, errors = form_errors(values)
    assert report is None
    assert errors["unit"] == "单位全称不能为空，请填写"
    assert "四位数字" in errors["year"]
    assert "2026-11-29" in errors["date"]
    values.update(unit="某县社保局", year="2026", date="2026-11-29")
    report, errors = form_errors(values)
    assert errors == {}
    assert report is not None and report.unit == "某县社保局"


async def test_new_report_form_validates_inline_then_creates(home: Path) -> None:
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, NewReportScreen)
        form.query_one("#f-year", Input).value = "两千"
        await settle(pilot)
        assert "四位数字" in str(form.query_one("#e-year", Static).render())
        # Not touched yet: no message under the unit field until the user tries to create.
        assert str(form.query_one("#e-unit", Static).render()) == ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "不能为空" in str(form.query_one("#e-unit", Static).render())
        assert "还有" in str(form.query_one("#new-summary", Static).render())
        assert reports_in(home) == []

        for field, value in {
            "unit": "某县社会保险事业局",
            "addressee": "市社会保险事业管理处",
            "year": "2026",
            "basis_title": "关于开展内部控制检查评估工作的通知",
            "basis_number": "某社险函〔2026〕71号",
            "date": "2026-11-29",
        }.items():
            form.query_one(f"#f-{field}", Input).value = value
        await settle(pilot)
        assert str(form.query_one("#e-unit", Static).render()) == ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not form
    [report] = reports_in(home)
    assert report.unit == "某县社会保险事业局"
    assert report.basis_number == "某社险函〔2026〕71号"
    assert report.date.isoformat() == "2026-11-29"


async def test_import_answers_file_creates_report(home: Path) -> None:
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ImportAnswersScreen)
        dialog.query_one("#import-path", Input).value = str(home / "nope.yaml")
        await pilot.press("enter")
        await settle(pilot)
        assert "找不到文件" in str(dialog.query_one("#import-error", Static).render())
        dialog.query_one("#import-path", Input).value = str(EXAMPLE)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is not dialog
    [report] = reports_in(home)
    assert sum(len(s.points) for s in report.sections) > 0


async def test_delete_needs_the_typed_word(home: Path, store, blank_report) -> None:
    store.create(blank_report)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "不一致" in str(app.screen.query_one("#confirm-error", Static).render())
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert len(reports_in(home)) == 1

        await pilot.press("d")
        await settle(pilot)
        app.screen.query_one("#confirm-input", Input).value = "删除"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#home-empty", Static).display
    assert reports_in(home) == []


LONG_UNIT = "临川市青禾县人力资源和社会保障局社会保险事业管理中心"  # 26 characters, 52 cells


@pytest.mark.parametrize(("width", "whole"), [(100, False), (120, True), (80, False)])
async def test_unit_column_takes_the_room_the_others_leave(
    home: Path, store, example_report, width: int, whole: bool
) -> None:
    """The unit is cut only when the window has no room for it, and every column stays on
    screen; the columns follow the window when it is resized."""
    from snapshot_helpers import screen_lines

    example_report.unit = LONG_UNIT
    store.create(example_report)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(width, 30)) as pilot:
        await settle(pilot)
        lines = screen_lines(app)
        header = next(line for line in lines if "单位" in line and "最后修改" in line)
        row = next(line for line in lines if line.lstrip().startswith("1 "))
        assert (LONG_UNIT in row) is whole, row
        if not whole:
            assert LONG_UNIT[:8] in row and "…" in row
        assert cell_len(header.rstrip()) <= width and cell_len(row.rstrip()) <= width
        table = app.screen.query_one("#reports", DataTable)
        assert table.virtual_size.width <= table.size.width  # no sideways scrolling
        if width == 80:
            await pilot.resize_terminal(120, 30)
            await settle(pilot)
            assert any(LONG_UNIT in line for line in screen_lines(app))
        elif width == 120:
            await pilot.resize_terminal(100, 30)
            await settle(pilot)
            assert not any(LONG_UNIT in line for line in screen_lines(app))
            assert table.virtual_size.width <= table.size.width


async def test_home_shows_the_last_change_in_local_time(
    home: Path, store, example_report, fixed_clock
) -> None:
    created = store.create(example_report)
    store.conn.execute("UPDATE reports SET updated_at = '2026-11-30T22:10:05+00:00'")
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        row = app.screen.query_one("#reports", DataTable).get_row(str(created.id))
        assert row[5] == "2026-12-01 06:10"  # Beijing time (fixed_clock's zone)
