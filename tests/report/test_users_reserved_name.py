"""a user called 本机用户 would look like the author of everything done before users existed."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from report import users
from report.store import ReportStore
from tui.cli import main


def test_default_actor_name_cannot_become_a_user(tmp_path: Path):
    home = tmp_path / "home"
    env = {"ZICHA_USER": "", "ZICHA_PASSWORD": "", "ZICHA_NEW_PASSWORD": "long-enough-1"}
    result = CliRunner().invoke(main, ["--home", str(home), "user", "add", "本机用户"], env=env)
    assert result.exit_code == 1, result.output
    assert "默认身份" in result.output
    with ReportStore.open(home) as store:
        assert users.list_users(store.conn) == []


def test_names_containing_it_are_still_fine(tmp_path: Path):
    with ReportStore.open(tmp_path / "home") as store:
        created = users.add_user(store.conn, "本机用户2", "officer", "long-enough-1", "本机用户")
        assert created.name == "本机用户2"
