"""Users and passwords: first user is admin, scrypt hashes, refusals, slow-down after failures."""

from __future__ import annotations

import pytest
from review_helpers import PASSWORDS, add_team, dump

from report import users
from report.errors import PermissionDenied, ZichaError
from report.users import AuthError


def test_first_user_becomes_admin_whatever_role_was_asked(store):
    u = users.add_user(store.conn, "zhang", "officer", "zhang-pass-1", "本机用户")
    assert u.role == "admin"
    second = users.add_user(store.conn, "li", "supervisor", "li-pass-123", "zhang")
    assert second.role == "supervisor"


def test_only_admin_adds_users_and_refusal_changes_nothing(store):
    add_team(store)
    before = dump(store.path)
    for actor in ("zhang", "li", "本机用户"):
        with pytest.raises(PermissionDenied, match="只有管理员"):
            users.add_user(store.conn, "zhao", "officer", "zhao-pass-1", actor)
    assert dump(store.path) == before


def test_short_password_and_duplicate_name_are_refused(store):
    add_team(store)
    before = dump(store.path)
    with pytest.raises(ZichaError, match="至少需要 8 个字符"):
        users.add_user(store.conn, "zhao", "officer", "short", "admin")
    with pytest.raises(ZichaError, match="已存在"):
        users.add_user(store.conn, "zhang", "officer", "another-pass", "admin")
    with pytest.raises(ZichaError, match="角色只能是"):
        users.add_user(store.conn, "zhao", "boss", "zhao-pass-1", "admin")
    assert dump(store.path) == before


def test_password_is_hashed_with_salt_and_never_stored_in_clear(store):
    add_team(store)
    users.add_user(store.conn, "zhao", "officer", "zhang-pass-1", "admin")  # same as zhang's
    rows = dict(store.conn.execute("SELECT name, pw_hash FROM users").fetchall())
    assert rows["zhao"] != rows["zhang"], "per-user salt"
    assert rows["zhang"].startswith("scrypt$")
    store.close()
    raw = b"".join(p.read_bytes() for p in store.path.parent.glob("zicha.db*"))
    for pw in PASSWORDS.values():
        assert pw.encode() not in raw


def test_right_password_logs_in_wrong_one_is_refused(store):
    add_team(store)
    assert users.authenticate(store.conn, "zhang", PASSWORDS["zhang"]).role == "officer"
    with pytest.raises(AuthError, match="用户名或密码不正确"):
        users.authenticate(store.conn, "zhang", "wrong-password")
    with pytest.raises(AuthError, match="用户名或密码不正确"):
        users.authenticate(store.conn, "nobody", "wrong-password")


def test_failed_login_is_audited_without_the_password(store):
    add_team(store)
    with pytest.raises(AuthError):
        users.authenticate(store.conn, "zhang", "guess-number-1")
    events = store.audit_log()
    assert events[-1].action == "login_failed" and events[-1].actor == "zhang"
    text = repr([e.model_dump() for e in events])
    assert "guess-number-1" not in text
    for pw in PASSWORDS.values():
        assert pw not in text


def test_repeated_failures_are_slowed_down_and_persisted(store):
    add_team(store)
    now = [1000.0]

    def clock() -> float:
        return now[0]

    for _ in range(users.FREE_ATTEMPTS):
        with pytest.raises(AuthError, match="不正确"):
            users.authenticate(store.conn, "li", "bad-password", clock=clock)
    # Even the right password must wait now; the counter lives in the database.
    with pytest.raises(AuthError, match="秒后再试"):
        users.authenticate(store.conn, "li", PASSWORDS["li"], clock=clock)
    now[0] += users.retry_delay(users.FREE_ATTEMPTS) + 0.1
    with pytest.raises(AuthError, match="不正确"):
        users.authenticate(store.conn, "li", "bad-password", clock=clock)
    count = store.conn.execute("SELECT failed_count FROM users WHERE name = 'li'").fetchone()[0]
    assert count == users.FREE_ATTEMPTS + 1
    with pytest.raises(AuthError, match="秒后再试"):
        users.authenticate(store.conn, "li", PASSWORDS["li"], clock=clock)
    now[0] += users.retry_delay(count) + 0.1
    assert users.authenticate(store.conn, "li", PASSWORDS["li"], clock=clock).name == "li"
    again = store.conn.execute("SELECT failed_count FROM users WHERE name = 'li'").fetchone()[0]
    assert again == 0


def test_delay_grows_and_is_capped():
    delays = [users.retry_delay(n) for n in range(20)]
    assert delays[: users.FREE_ATTEMPTS] == [0.0] * users.FREE_ATTEMPTS
    assert delays == sorted(delays)
    assert max(delays) == users.MAX_DELAY_S


def test_passwd_by_self_or_admin_only(store):
    add_team(store)
    users.set_password(store.conn, "zhang", "new-zhang-pass", "zhang")
    users.authenticate(store.conn, "zhang", "new-zhang-pass")
    users.set_password(store.conn, "zhang", "admin-set-pass", "admin")
    before = dump(store.path)
    with pytest.raises(PermissionDenied):
        users.set_password(store.conn, "zhang", "li-sets-this", "li")
    assert dump(store.path) == before
    with pytest.raises(AuthError):
        users.authenticate(store.conn, "zhang", "new-zhang-pass")


def test_disabled_user_cannot_log_in_and_last_admin_stays(store):
    add_team(store)
    users.disable_user(store.conn, "zhang", "admin")
    with pytest.raises(AuthError, match="已停用"):
        users.authenticate(store.conn, "zhang", PASSWORDS["zhang"])
    before = dump(store.path)
    with pytest.raises(PermissionDenied, match="最后一个管理员"):
        users.disable_user(store.conn, "admin", "admin")
    assert dump(store.path) == before


def test_hash_check_rejects_garbage():
    stored = users.hash_password("abcdefgh")
    assert users.check_password("abcdefgh", stored)
    assert not users.check_password("abcdefgi", stored)
    assert not users.check_password("abcdefgh", "md5$whatever")
    assert not users.check_password("abcdefgh", "scrypt$x$y$z$00$00")
