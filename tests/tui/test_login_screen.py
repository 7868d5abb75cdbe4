"""Login screen: shown when the data home has users; same rules as the command line."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner
from textual.widgets import Input, Static
from tui_helpers import settle

from report import users
from report.store import ReportStore
from tui.app import ZichaApp
from tui.screens.home import HomeScreen
from tui.screens.login import LoginScreen

PASSWORDS = {"admin": "admin-pass-1", "zhang": "zhang-pass-1", "li": "li-pass-123"}


def add_team(home: Path, temporary: bool = False) -> None:
    """admin, zhang, li; unless temporary, zhang and li already chose their own passwords."""
    with ReportStore.open(home) as store:
        users.add_user(store.conn, "admin", "admin", PASSWORDS["admin"], "本机用户")
        users.add_user(store.conn, "zhang", "officer", PASSWORDS["zhang"], "admin")
        users.add_user(store.conn, "li", "supervisor", PASSWORDS["li"], "admin")
        if not temporary:
            for name in ("zhang", "li"):
                users.set_password(store.conn, name, PASSWORDS[name], name)


async def log_in(app: ZichaApp, pilot, name: str, password: str) -> None:
    screen = app.screen
    screen.query_one("#login-name", Input).value = name
    screen.query_one("#login-password", Input).value = password
    screen.query_one("#login-password", Input).focus()
    await pilot.press("enter")
    await settle(pilot)


def error_text(app: ZichaApp) -> str:
    return str(app.screen.query_one("#login-error", Static).render())


def failed_logins(home: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(home / "zicha.db")
    try:
        return conn.execute(
            "SELECT actor, detail FROM audit WHERE action = 'login_failed'"
        ).fetchall()
    finally:
        conn.close()


async def test_no_users_starts_at_home_as_the_local_user(home: Path) -> None:
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.actor == "本机用户"


async def test_wrong_password_is_refused_with_a_message_then_right_one_reaches_home(
    home: Path,
) -> None:
    add_team(home)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)
        password_box = app.screen.query_one("#login-password", Input)
        assert password_box.password  # typed characters are masked

        await log_in(app, pilot, "zhang", "not-the-password")
        assert isinstance(app.screen, LoginScreen)
        assert "用户名或密码不正确" in error_text(app)
        assert app.screen.query_one("#login-password", Input).value == ""
        assert app.actor == "本机用户"

        await log_in(app, pilot, "zhang", PASSWORDS["zhang"])
        assert isinstance(app.screen, HomeScreen)
        assert app.actor == "zhang"
        assert "zhang（经办人）" in app.sub_title
    # The failed attempt is in the audit log, without the password.
    assert failed_logins(home) == [("zhang", "zhang")]


async def test_empty_fields_and_unknown_user_are_refused(home: Path) -> None:
    add_team(home)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await log_in(app, pilot, "", "whatever-1")
        assert "请输入用户名" in error_text(app)
        await log_in(app, pilot, "zhang", "")
        assert "请输入密码" in error_text(app)
        await log_in(app, pilot, "nobody", "whatever-1")
        assert "用户名或密码不正确" in error_text(app)
        assert isinstance(app.screen, LoginScreen)


async def test_disabled_user_is_refused_even_with_the_right_password(home: Path) -> None:
    add_team(home)
    with ReportStore.open(home) as store:
        users.disable_user(store.conn, "zhang", "admin")
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await log_in(app, pilot, "zhang", PASSWORDS["zhang"])
        assert isinstance(app.screen, LoginScreen)
        assert "已停用" in error_text(app)
        assert app.actor == "本机用户"


async def test_repeated_wrong_passwords_are_slowed_down(home: Path) -> None:
    add_team(home)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for _ in range(users.FREE_ATTEMPTS):
            await log_in(app, pilot, "li", "wrong-password")
        # Now even the right password must wait.
        await log_in(app, pilot, "li", PASSWORDS["li"])
        assert isinstance(app.screen, LoginScreen)
        assert "秒后再试" in error_text(app)
    assert len(failed_logins(home)) == users.FREE_ATTEMPTS


async def test_user_name_from_the_command_line_is_filled_in(home: Path) -> None:
    add_team(home)
    app = ZichaApp(home, resume=False, login_name="li")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#login-name", Input).value == "li"
        assert app.screen.focused is app.screen.query_one("#login-password", Input)


def test_zicha_with_user_and_password_in_the_environment_logs_in_directly(
    home: Path, monkeypatch
) -> None:
    from tui.cli import main

    add_team(home)
    started: list[tuple[str, str | None]] = []
    monkeypatch.setattr(
        ZichaApp, "run", lambda self, *a, **k: started.append((self.actor, self._login_name))
    )
    monkeypatch.setenv("ZICHA_USER", "li")
    monkeypatch.setenv("ZICHA_PASSWORD", PASSWORDS["li"])
    result = CliRunner().invoke(main, ["--home", str(home)])
    assert result.exit_code == 0, result.output
    assert started == [("li", "li")]

    monkeypatch.setenv("ZICHA_PASSWORD", "wrong-password")
    result = CliRunner().invoke(main, ["--home", str(home)])
    assert result.exit_code == 1
    assert "用户名或密码不正确" in result.output
    assert len(started) == 1


def test_zicha_with_only_a_user_name_opens_the_login_screen(home: Path, monkeypatch) -> None:
    from tui.cli import main

    add_team(home)
    started: list[tuple[str, str | None]] = []
    monkeypatch.setattr(
        ZichaApp, "run", lambda self, *a, **k: started.append((self.actor, self._login_name))
    )
    monkeypatch.delenv("ZICHA_PASSWORD", raising=False)
    result = CliRunner().invoke(main, ["--home", str(home), "--user", "zhang"])
    assert result.exit_code == 0, result.output
    assert started == [("本机用户", "zhang")]  # no terminal prompt: the login screen asks


async def test_another_user_is_not_taken_into_the_last_users_report(
    home: Path, blank_report, monkeypatch
) -> None:
    from tui.resume import ResumeState, save_resume

    add_team(home)
    with ReportStore.open(home) as store:
        report = store.create(blank_report, actor="zhang")
    save_resume(home, ResumeState(report_id=report.id, screen="draft", actor="zhang"))
    opened: list[int] = []
    monkeypatch.setattr(ZichaApp, "open_draft", lambda self, rid: opened.append(rid))
    app = ZichaApp(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await log_in(app, pilot, "li", PASSWORDS["li"])
        assert isinstance(app.screen, HomeScreen)
    assert opened == []
    app = ZichaApp(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await log_in(app, pilot, "zhang", PASSWORDS["zhang"])
    assert opened == [report.id]


async def test_typing_name_enter_password_enter_logs_in(home: Path) -> None:
    add_team(home)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"li", "enter", *PASSWORDS["li"], "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.actor == "li"


async def test_temporary_password_must_be_replaced_before_home(tmp_path: Path):
    home = tmp_path / "home"
    add_team(home, temporary=True)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await log_in(app, pilot, "zhang", PASSWORDS["zhang"])
        assert isinstance(app.screen, LoginScreen)  # not Home yet
        assert "临时密码" in str(app.screen.query_one("#login-hint", Static).render())
        app.screen.query_one("#login-new", Input).value = "zhang-own-pass"
        app.screen.query_one("#login-new2", Input).value = "zhang-own-typo"
        app.screen.query_one("#login-new2", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen) and "不一致" in error_text(app)
        app.screen.query_one("#login-new", Input).value = "zhang-own-pass"
        app.screen.query_one("#login-new2", Input).value = "zhang-own-pass"
        app.screen.query_one("#login-new2", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen) and app.actor == "zhang"
    with ReportStore.open(home) as store:
        assert users.authenticate(store.conn, "zhang", "zhang-own-pass").must_change is False
