"""The app shell: help on F1, theme toggle, command palette, lazy library, launch from the CLI."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from textual.command import CommandPalette

from tui.app import ZichaApp
from tui.resume import ResumeState, load_resume, save_resume
from tui.screens.help import HelpScreen
from tui.screens.home import HomeScreen
from tui.screens.new_report import NewReportScreen
from tui.widgets.cjk_text import WrappedStatic


async def test_f1_shows_chinese_help_with_this_screens_keys(home: Path) -> None:
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one("#help-text", WrappedStatic).source
        assert "本页按键" in text
        assert "新建" in text and "导入答案" in text
        assert "怎么做" in text and "按 E 载入示例报告" in text
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_theme_toggles_between_dark_and_light(home: Path) -> None:
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+t")
        assert app.theme == "textual-light"
        await pilot.press("ctrl+t")
        assert app.theme == "textual-dark"


async def test_palette_offers_the_screens_actions_in_chinese(home: Path) -> None:
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"新建报告")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NewReportScreen)


async def test_library_is_created_lazily_and_once(home: Path) -> None:
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)):
        assert app._library is None
        assert not (home / "knowledge.db").exists()
        lib = app.library()
        assert app.library() is lib
        assert (home / "knowledge.db").exists()


def test_resume_file_survives_damage(home: Path) -> None:
    save_resume(home, ResumeState(report_id=7, screen="draft"))
    assert load_resume(home) == ResumeState(report_id=7, screen="draft")
    (home / "tui_state.json").write_text("{not json", encoding="utf-8")
    assert load_resume(home) == ResumeState()


def test_zicha_without_subcommand_launches_the_app(home: Path, monkeypatch) -> None:
    from tui.cli import main

    started: list[tuple[Path, str]] = []

    def fake_run(self: ZichaApp, *args, **kwargs) -> None:
        started.append((self.home, self.actor))

    monkeypatch.setattr(ZichaApp, "run", fake_run)
    result = CliRunner().invoke(main, ["--home", str(home)])
    assert result.exit_code == 0, result.output
    assert started == [(home, "本机用户")]
