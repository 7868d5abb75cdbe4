"""scripts that log in through a pipe (or forget to) get Chinese output only."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from report import users
from report.store import ReportStore

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "answers.yaml"
ZICHA = [sys.executable, "-c", "from tui.cli import main; main()"]


def make_home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    with ReportStore.open(home) as store:
        users.add_user(store.conn, "root", "admin", "root-pass-1", "本机用户")
        users.add_user(store.conn, "zhang", "officer", "temp-pass-1", "root")
        users.set_password(store.conn, "zhang", "zhang-pass-1", "zhang")  # own, not temporary
    return home


def run(
    home: Path, stdin: str, *args: str, user: str | None = "zhang", **zicha_env: str
) -> subprocess.CompletedProcess[str]:
    """zicha in a process of its own with stdin a pipe, as ZICHA_USER=user (None: nobody)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZICHA_")}
    env.update(ZICHA_HOME=str(home), **zicha_env)
    if user is not None:
        env["ZICHA_USER"] = user
    return subprocess.run(
        [*ZICHA, *args], input=stdin, capture_output=True, text=True, env=env, timeout=120
    )


def test_no_password_on_a_closed_stdin_is_a_chinese_error(tmp_path: Path):
    home = make_home(tmp_path)
    result = run(home, "", "report", "new", "--from", str(EXAMPLE))
    assert result.returncode == 1, result.stderr
    assert "未登录" in result.stderr and "ZICHA_PASSWORD" in result.stderr
    assert "Aborted" not in result.stderr
    with ReportStore.open(home) as store:
        assert store.list() == []


def test_piped_password_logs_in_without_an_english_warning(tmp_path: Path):
    home = make_home(tmp_path)
    result = run(home, "zhang-pass-1\n", "report", "new", "--from", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "1"
    assert "Warning" not in result.stderr and "echoed" not in result.stderr


def test_new_user_password_piped_without_an_english_warning(tmp_path: Path):
    home = tmp_path / "home"
    result = run(home, "root-pass-1\n", "user", "add", "root", "--role", "admin", user=None)
    assert result.returncode == 0, result.stderr
    assert "Warning" not in result.stderr and "echoed" not in result.stderr
    with ReportStore.open(home) as store:
        assert store.authenticate("root", "root-pass-1").name == "root"


def test_new_user_password_missing_on_a_closed_stdin_names_the_variable(tmp_path: Path):
    home = make_home(tmp_path)
    result = run(home, "", "user", "add", "li", user="root", ZICHA_PASSWORD="root-pass-1")
    assert result.returncode == 1, result.stderr
    assert "ZICHA_NEW_PASSWORD" in result.stderr
    assert "Warning" not in result.stderr and "Aborted" not in result.stderr
    with ReportStore.open(home) as store:
        assert "li" not in [u.name for u in store.users()]


def test_prompts_end_with_a_full_width_colon(tmp_path: Path):
    home = make_home(tmp_path)
    typed = "root\nroot-pass-1\nli-pass-123\nli-pass-123\n"
    result = run(home, typed, "user", "add", "li", "--role", "officer", user=None)
    assert "用户名：" in result.stderr, result.stderr
    assert "用户名:" not in result.stderr and ": " not in result.stderr
