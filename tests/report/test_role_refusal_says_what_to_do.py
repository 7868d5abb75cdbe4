"""A refusal by role says what to do next, and the first user (made 管理员 whatever --role
said) learns at once that an 管理员 cannot fill in or submit a report, and how to add the
经办人 account to do it with. An officer who set up users on their own report otherwise
found out only when 提交 was refused."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from report import users
from report.errors import PermissionDenied
from report.rules import REVIEWER_ROLES, WRITER_ROLES, require_role
from report.store import ReportStore
from tui.cli import main


def test_first_user_asked_as_officer_is_told_what_an_admin_cannot_do(home):
    r = CliRunner().invoke(
        main,
        ["user", "add", "张科长", "--role", "officer"],
        env={"ZICHA_HOME": str(home), "ZICHA_NEW_PASSWORD": "zhang-pass-1"},
    )
    assert r.exit_code == 0, r.output
    assert "自动设为管理员" in r.output
    assert "不能填写或提交报告" in r.output
    assert "zicha --user 张科长 user add 名字 --role officer" in r.output


@pytest.mark.parametrize(
    ("role", "roles", "what", "hint"),
    [
        ("admin", WRITER_ROLES, "提交报告", "请用经办人账号登录后再提交报告"),
        ("supervisor", WRITER_ROLES, "提交报告", "请用经办人账号登录后再提交报告"),
        ("officer", REVIEWER_ROLES, "审定报告", "请用审核人账号登录后再审定报告"),
    ],
)
def test_role_refusal_names_the_account_to_use(home, role, roles, what, hint):
    with ReportStore.open(home) as store:
        users.add_user(store.conn, "admin", "admin", "admin-pass-1", "本机用户")
        if role != "admin":
            users.add_user(store.conn, "someone", role, "some-pass-12", "admin")
        user = users.get_user(store.conn, "someone" if role != "admin" else "admin")
    assert user is not None
    with pytest.raises(PermissionDenied) as refused:
        require_role(user, roles, what)
    message = str(refused.value)
    assert message.startswith(f"只有{'经办人' if roles == WRITER_ROLES else '审核人'}可以{what}")
    assert hint in message
