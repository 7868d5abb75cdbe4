"""Home asks before 以上年度报告为基础新建 (C), and hides create/import/delete/example keys
from a role that may not use them."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static
from tui_helpers import settle

from report import users
from report.models import Report
from report.store import ReportStore
from tui.app import ZichaApp
from tui.screens.confirm import AskScreen
from tui.screens.home import HomeScreen
from tui.screens.interview import InterviewScreen

WRITER_KEYS = {"new", "import_answers", "delete", "load_example", "carry"}


def shown_actions(screen: HomeScreen) -> set[str]:
    return {a.binding.action for a in screen.active_bindings.values() if a.binding.show}


def enabled_actions(screen: HomeScreen) -> set[str]:
    return {a.binding.action for a in screen.active_bindings.values()}


async def test_carry_asks_first_and_esc_creates_nothing(
    home: Path, example_report: Report, no_library
):
    with ReportStore.open(home) as store:
        rid = store.create(example_report).id
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, AskScreen)
        question = str(app.screen.query_one("#ask-question", Static).render())
        year = example_report.year
        assert example_report.unit in question and f"{year}年度" in question
        assert f"{year + 1} 年度" in question
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("c")
        await settle(pilot)
        await pilot.click("#ask-no")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    with ReportStore.open(home) as store:
        assert [r.id for r in store.list()] == [rid]


async def test_carry_goes_on_after_yes(home: Path, example_report: Report, no_library):
    with ReportStore.open(home) as store:
        rid = store.create(example_report).id
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("enter")  # 是 has the focus
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)
    with ReportStore.open(home) as store:
        assert store.get(rid + 1).year == example_report.year + 1


def _users(home: Path) -> None:
    with ReportStore.open(home) as store:
        users.add_user(store.conn, "admin", "admin", "admin-pass-1", "本机用户")
        users.add_user(store.conn, "zhang", "officer", "zhang-pass-1", "admin")
        users.add_user(store.conn, "li", "supervisor", "li-pass-123", "admin")


async def test_supervisor_home_hides_writer_keys(home: Path, example_report: Report, no_library):
    _users(home)
    with ReportStore.open(home) as store:
        store.create(example_report, actor="zhang")
    app = ZichaApp(home, actor="li", resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        assert not (enabled_actions(screen) & WRITER_KEYS)
        assert {"library", "review"} <= shown_actions(screen)
        await pilot.press("n", "c", "e")
        await settle(pilot)
        assert app.screen is screen  # nothing opened
        titles = {c.title for c in screen.palette_commands()}
        assert "以上年度报告为基础新建" not in titles
    with ReportStore.open(home) as store:
        assert len(store.list()) == 1


async def test_officer_home_keeps_writer_keys(home: Path, no_library):
    _users(home)
    app = ZichaApp(home, actor="zhang", resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        assert {"new", "import_answers", "delete", "load_example"} <= shown_actions(screen)
        assert "carry" in enabled_actions(screen)
