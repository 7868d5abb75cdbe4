"""The command line as a user drives it: two users, a return and an approval, then tampering."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from review_helpers import raw_connect

from tui.cli import main

REPO = Path(__file__).resolve().parents[2]
ANSWERS = REPO / "examples" / "answers.yaml"


@pytest.fixture
def zicha(home: Path):
    runner = CliRunner()

    def run(*args: str, user: str | None = None, password: str | None = None, **kw):
        env = {"ZICHA_HOME": str(home), "ZICHA_USER": user, "ZICHA_PASSWORD": password}
        env.update(kw.pop("env", {}))
        return runner.invoke(main, list(args), env=env, catch_exceptions=False, **kw)

    return run


def _setup_users(zicha) -> None:
    r = zicha("user", "add", "admin", env={"ZICHA_NEW_PASSWORD": "admin-pass-1"})
    assert r.exit_code == 0 and "自动设为管理员" in r.output
    for name, role, pw in (
        ("zhang", "officer", "zhang-pass-1"),
        ("li", "supervisor", "li-pass-123"),
    ):
        r = zicha(
            "user",
            "add",
            name,
            "--role",
            role,
            user="admin",
            password="admin-pass-1",
            env={"ZICHA_NEW_PASSWORD": "temp-" + pw},
        )
        assert r.exit_code == 0, r.output
        # A password set by the admin is temporary: the first login replaces it.
        r = zicha(
            "user",
            "passwd",
            name,
            user=name,
            password="temp-" + pw,
            env={"ZICHA_NEW_PASSWORD": pw},
        )
        assert r.exit_code == 0, r.output


def test_officer_supervisor_cycle_and_audit(zicha, home, complete_answers):
    _setup_users(zicha)
    officer = {"user": "zhang", "password": "zhang-pass-1"}
    supervisor = {"user": "li", "password": "li-pass-123"}

    # every bank point answered: preflight lets it through to review (issue 9)
    r = zicha("report", "new", "--from", str(complete_answers), **officer)
    assert r.exit_code == 0, r.output
    rid = r.output.strip().splitlines()[-1]
    assert zicha("review", "submit", rid, **officer).exit_code == 0

    r = zicha("review", "approve", rid, **officer)
    assert r.exit_code == 1 and "只有审核人可以审定报告" in r.output

    r = zicha(
        "review",
        "return",
        rid,
        "基金财务部分请补充对账频次。",
        "--section",
        "fund_finance",
        **supervisor,
    )
    assert r.exit_code == 0 and "已退回修改" in r.output

    r = zicha("review", "submit", rid, **officer)
    assert r.exit_code == 1 and "尚未回复或解决" in r.output

    r = zicha("review", "comments", rid, "--open", **officer)
    assert "基金财务控制" in r.output and "未解决" in r.output
    cid = r.output.split("批注 #")[1].split()[0]
    assert zicha("review", "reply", cid, "已补充：每月对账。", **officer).exit_code == 0
    r = zicha("review", "submit", rid, **officer)
    assert r.exit_code == 0 and "第 2 次送审" in r.output

    r = zicha("review", "diff", rid, "1", "2")
    assert r.exit_code == 0 and "两个版本内容相同" in r.output

    r = zicha("review", "approve", rid, **supervisor)
    assert r.exit_code == 0 and "已审定：li" in r.output
    # The time as people read it (2026-11-30 20:12), not the stored 2026-11-30T20:12:32+08:00.
    assert re.search(r"已审定：li，\d{4}-\d\d-\d\d \d\d:\d\d。", r.output), r.output
    r = zicha("review", "list")
    assert "已审定" in r.output and "审定：li" in r.output
    assert re.search(r"审定：li \d{4}-\d\d-\d\d \d\d:\d\d$", r.output.strip()), r.output

    log = zicha("audit", "log", rid).output
    for line in (
        "zhang\t导入答案文件",
        "zhang\t提交审核",
        "li\t退回修改",
        "zhang\t回复批注",
        "li\t审定",
    ):
        assert line in log
    assert zicha("audit", "verify").exit_code == 0

    conn = raw_connect(home / "zicha.db")
    row_id = conn.execute("SELECT id FROM audit WHERE action = 'approve'").fetchone()[0]
    conn.execute("UPDATE audit SET actor = 'zhang' WHERE id = ?", (row_id,))
    conn.commit()
    conn.close()
    r = zicha("audit", "verify")
    assert r.exit_code != 0
    assert f"第 {row_id} 条" in r.output


def test_password_prompt_hidden_and_wrong_password_refused(zicha, home):
    _setup_users(zicha)
    r = zicha("report", "new", "--from", str(ANSWERS), user="zhang", input="zhang-pass-1\n")
    assert r.exit_code == 0, r.output
    assert "zhang-pass-1" not in r.output  # hidden input is not echoed
    r = zicha("report", "new", "--from", str(ANSWERS), user="zhang", password="not-my-password")
    assert r.exit_code == 1 and "用户名或密码不正确" in r.output
    r = zicha("report", "list")
    assert r.output.count("青禾县") == 1
    r = zicha("--user", "li", "review", "submit", "1", input="li-pass-123\n")
    assert r.exit_code == 1 and "只有经办人可以提交报告" in r.output


def test_single_user_mode_cli_needs_no_login(zicha):
    r = zicha("report", "new", "--from", str(ANSWERS))
    assert r.exit_code == 0
    r = zicha("review", "submit", "1")
    assert r.exit_code == 1 and "zicha user add" in r.output
    r = zicha("user", "list")
    assert "单机模式" in r.output


def test_admin_only_user_management(zicha):
    _setup_users(zicha)
    r = zicha(
        "user",
        "add",
        "zhao",
        user="zhang",
        password="zhang-pass-1",
        env={"ZICHA_NEW_PASSWORD": "zhao-pass-1"},
    )
    assert r.exit_code == 1 and "只有管理员" in r.output
    r = zicha("user", "disable", "zhang", user="admin", password="admin-pass-1")
    assert r.exit_code == 0
    r = zicha("report", "list", user="zhang", password="zhang-pass-1")
    assert r.exit_code == 0  # reading needs no login
    r = zicha("report", "new", "--from", str(ANSWERS), user="zhang", password="zhang-pass-1")
    assert r.exit_code == 1 and "已停用" in r.output
    r = zicha("user", "list")
    assert "zhang\t经办人\t已停用" in r.output


def test_admin_reset_password_is_temporary_and_shown_beside_the_approval(zicha, complete_answers):
    _setup_users(zicha)
    officer = {"user": "zhang", "password": "zhang-pass-1"}
    r = zicha("report", "new", "--from", str(complete_answers), **officer)
    rid = r.output.strip().splitlines()[-1]
    assert zicha("review", "submit", rid, **officer).exit_code == 0
    # The admin resets li's password and tries to act as li.
    r = zicha(
        "user",
        "passwd",
        "li",
        user="admin",
        password="admin-pass-1",
        env={"ZICHA_NEW_PASSWORD": "admin-knows-1"},
    )
    assert r.exit_code == 0, r.output
    r = zicha("review", "approve", rid, user="li", password="admin-knows-1")
    assert r.exit_code == 1 and "临时密码" in r.output and "ZICHA_NEW_PASSWORD" in r.output
    r = zicha("review", "list")
    assert "已审定" not in r.output
    # li sets their own password at the next login and approves; review show lists the reset.
    r = zicha(
        "review",
        "approve",
        rid,
        user="li",
        password="admin-knows-1",
        env={"ZICHA_NEW_PASSWORD": "li-own-pass-2"},
    )
    assert r.exit_code == 0, r.output
    r = zicha("review", "show", rid)
    assert "审定人账号自本报告新建以来的变动" in r.output
    assert "admin" in r.output and "临时密码" in r.output


def test_admin_cannot_write_submit_or_approve(zicha, complete_answers):
    _setup_users(zicha)
    admin = {"user": "admin", "password": "admin-pass-1"}
    r = zicha("report", "new", "--from", str(complete_answers), **admin)
    assert r.exit_code == 1 and "系统管理与业务经办分离" in r.output
    r = zicha(
        "report", "new", "--from", str(complete_answers), user="zhang", password="zhang-pass-1"
    )
    rid = r.output.strip().splitlines()[-1]
    r = zicha("review", "submit", rid, **admin)
    assert r.exit_code == 1 and "只有经办人可以提交报告" in r.output
    assert zicha("review", "submit", rid, user="zhang", password="zhang-pass-1").exit_code == 0
    r = zicha("review", "approve", rid, **admin)
    assert r.exit_code == 1 and "只有审核人可以审定报告" in r.output
