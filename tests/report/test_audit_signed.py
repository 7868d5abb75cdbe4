"""The signed audit head: every covered table, full rewrites without the unit key, anchors.

Each attack edits zicha.db with plain sqlite3, as someone who can write the file but does not
hold the unit key would, then runs `zicha audit verify` as a user would.
"""

from __future__ import annotations

import base64
import json
import shutil
import stat

import pytest
from click.testing import CliRunner
from review_helpers import add_team, new_report, raw_connect, run_sql, verify_cli, verify_fails

from report import audit, comments, keys, seal, workflow
from report.store import ReportStore
from tui.cli import main


@pytest.fixture
def signed(home):
    """A team, a key, and a report that went through submit, return, reply, submit, approve."""
    with ReportStore.open(home) as store:
        add_team(store)
        store.create_unit_key("admin")
        r = new_report(store)
        workflow.submit(store, r.id, "zhang")
        workflow.return_report(store, r.id, "li", "请补充。")
        comments.reply(store, 1, "zhang", "已补充。")
        workflow.submit(store, r.id, "zhang")
        workflow.approve(store, r.id, "li")
        r2 = new_report(store)
        workflow.submit(store, r2.id, "zhang")
        comments.add_comment(store, r2.id, "li", "第二份的意见。")
        users_mod = __import__("report.users", fromlist=["disable_user"])
        users_mod.disable_user(store.conn, "wang", "admin")
        return store.path


def test_intact_signed_log_verifies_and_prints_its_head(signed, home):
    code, out = verify_cli(home)
    assert code == 0, out
    assert "完好" in out and "单位密钥（指纹" in out
    with ReportStore.open(signed.parent) as store:
        head = store.audit_head_label()
    assert f"日志末尾：{head}" in out


def test_key_files_are_private_and_public_key_is_exported(signed, home, tmp_path):
    assert stat.S_IMODE((home / keys.KEY_FILE).stat().st_mode) == 0o600
    out_file = tmp_path / "unit.pub"
    r = CliRunner().invoke(main, ["--home", str(home), "key", "export-public", "-o", str(out_file)])
    assert r.exit_code == 0, r.output
    assert out_file.read_bytes().startswith(b"-----BEGIN PUBLIC KEY-----")
    code, out = verify_cli(home, "--key", str(out_file))
    assert code == 0, out


def test_second_key_new_is_refused_and_keeps_the_first(signed, home):
    before = (home / keys.KEY_FILE).read_bytes()
    r = CliRunner().invoke(
        main,
        ["--home", str(home), "--user", "admin", "key", "new"],
        env={"ZICHA_PASSWORD": "admin-pass-1"},
    )
    assert r.exit_code == 1 and "已有单位密钥" in r.output
    assert (home / keys.KEY_FILE).read_bytes() == before


# --- each covered table, edited behind the program's back -----------------------------------
TAMPERS = {
    "officer made supervisor": (
        ["UPDATE users SET role = 'supervisor' WHERE name = 'zhang'"],
        "用户表",
    ),
    "disabled user re-enabled": (["UPDATE users SET disabled = 0 WHERE name = 'wang'"], "用户表"),
    "password hash swapped": (
        [
            "UPDATE users SET pw_hash = (SELECT pw_hash FROM users WHERE name = 'zhang')"
            " WHERE name = 'li'"
        ],
        "用户表",
    ),
    "new admin inserted": (
        [
            "INSERT INTO users (name, role, pw_hash, created_at)"
            " SELECT 'mallory', 'admin', pw_hash, created_at FROM users WHERE name = 'zhang'"
        ],
        "用户表",
    ),
    "user deleted": (["DELETE FROM users WHERE name = 'wang'"], "用户表"),
    "approver changed": (["UPDATE reviews SET approved_by = 'wang' WHERE report_id = 1"], "审核表"),
    "approval erased": (
        ["UPDATE reviews SET approved_by = NULL, approved_at = NULL WHERE report_id = 1"],
        "审核表",
    ),
    "comment deleted": (["DELETE FROM comments WHERE id = 3"], "批注表"),
    "comment un-resolved": (
        ["UPDATE comments SET resolved_by = NULL, resolved_at = NULL WHERE id = 1"],
        "批注表",
    ),
    "return round cleared": (["UPDATE comments SET return_round = NULL"], "批注表"),
    "snapshot deleted": (
        ["DROP TRIGGER snapshots_no_delete", "DELETE FROM snapshots WHERE id = 1"],
        "快照表",
    ),
    "report deleted": (
        ["PRAGMA foreign_keys = OFF", "DELETE FROM reports WHERE id = 2"],
        "报告表",
    ),
    "report author changed": (
        [
            "UPDATE reports SET created_by = 'li',"
            ' body = replace(body, \'"created_by":"zhang"\', \'"created_by":"li"\')'
            " WHERE id = 2"
        ],
        "报告",
    ),
}


@pytest.mark.parametrize("name", list(TAMPERS))
def test_each_covered_table_tampered_is_caught(signed, home, name):
    statements, where = TAMPERS[name]
    run_sql(signed, *statements)
    out = verify_fails(home)
    assert where in out and "完好" not in out


def test_author_column_alone_changed_is_named(signed, home):
    run_sql(signed, "UPDATE reports SET created_by = 'li' WHERE id = 2")
    assert "报告 2 的起草人与报告内容不符" in verify_fails(home)


# --- the head and the tables themselves -------------------------------------------------------
def test_dropped_head_is_an_error_not_a_skip(signed, home):
    run_sql(signed, "DROP TABLE audit_head")
    assert "缺少表 audit_head" in verify_fails(home)


def test_deleted_head_row_is_caught(signed, home):
    run_sql(signed, "DELETE FROM audit_head")
    assert "末尾标记被删除" in verify_fails(home)


def test_dropped_comments_table_is_caught(signed, home):
    run_sql(signed, "DROP TABLE comments")
    assert "缺少表 comments" in verify_fails(home)


def test_emptied_database_is_not_whole(signed, home):
    run_sql(
        signed,
        "PRAGMA foreign_keys = OFF",
        "DROP TRIGGER snapshots_no_delete",
        *(
            f"DELETE FROM {t}"
            for t in ("audit", "audit_head", "users", "reports", "reviews", "comments", "snapshots")
        ),
    )
    out = verify_fails(home)
    assert "完好" not in out


def test_emptied_database_without_key_files_is_still_caught_by_the_anchor(signed, home):
    run_sql(
        signed,
        "PRAGMA foreign_keys = OFF",
        "DROP TRIGGER snapshots_no_delete",
        *(
            f"DELETE FROM {t}"
            for t in ("audit", "audit_head", "users", "reports", "reviews", "comments", "snapshots")
        ),
    )
    (home / keys.KEY_FILE).unlink()
    (home / keys.PUBLIC_FILE).unlink()
    assert "锚点" in verify_fails(home)


def test_fresh_empty_home_is_not_reported_whole(home):
    ReportStore.open(home).close()
    out = verify_fails(home)
    assert "空的" in out and "完好" not in out


# --- full rewrites by someone without the key ------------------------------------------------
def _rewrite_chain(path, edit_sql: str, sign_with=None, keep_key_id: str | None = None) -> None:
    """Apply edit_sql, then recompute every hash, the head and the seal, as an attacker would."""
    conn = raw_connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute(edit_sql)
    prev = audit.GENESIS
    rows = conn.execute(
        "SELECT id, ts, actor, action, report_id, digest, detail FROM audit ORDER BY id"
    ).fetchall()
    for new_id, row in enumerate(rows, start=1):
        fields = dict(zip(audit.ROW_FIELDS, (new_id, *row[1:]), strict=True))
        h = audit._row_hash(prev, fields)
        conn.execute(
            "UPDATE audit SET id = ?, prev_hash = ?, hash = ? WHERE id = ?",
            (new_id, prev, h, row[0]),
        )
        prev = h
    last_id = len(rows)
    new_seal = seal.compute_seal(conn)
    sig, key_id = "", keep_key_id or ""
    if sign_with is not None:
        key_id = keep_key_id or sign_with.fingerprint
        sig = base64.b64encode(
            sign_with.sign(seal.signed_message(last_id, prev, new_seal, key_id))
        ).decode()
    conn.execute(
        "UPDATE audit_head SET last_id = ?, last_hash = ?, seal = ?, sig = ?, key_id = ?",
        (last_id, prev, json.dumps(new_seal, sort_keys=True), sig, key_id),
    )
    conn.commit()
    conn.close()


def test_full_rewrite_without_key_is_caught(signed, home):
    # Approved by wang instead of li, every hash and the seal recomputed, signature dropped.
    _rewrite_chain(signed, "UPDATE reviews SET approved_by = 'wang'")
    assert "没有单位密钥的签名" in verify_fails(home)


def test_full_rewrite_signed_with_another_key_is_caught(signed, home, tmp_path):
    mallory = keys.generate_key(tmp_path / "mallory")
    _rewrite_chain(signed, "UPDATE reviews SET approved_by = 'wang'", sign_with=mallory)
    assert "另一把密钥" in verify_fails(home)


def test_full_rewrite_claiming_the_unit_key_id_is_caught(signed, home, tmp_path):
    real = keys.home_public_key(home)
    mallory = keys.generate_key(tmp_path / "mallory")
    _rewrite_chain(
        signed,
        "UPDATE reviews SET approved_by = 'wang'",
        sign_with=mallory,
        keep_key_id=real.fingerprint,
    )
    assert "签名不符" in verify_fails(home)


def test_rewrite_that_also_swaps_the_public_key_is_caught_by_the_exported_key(
    signed, home, tmp_path
):
    exported = tmp_path / "unit.pub"
    exported.write_bytes(keys.home_public_key(home).pem())
    # The attacker replaces the key files in the data home with their own.
    (home / keys.KEY_FILE).unlink()
    (home / keys.PUBLIC_FILE).unlink()
    mallory = keys.generate_key(home)
    _rewrite_chain(signed, "UPDATE reviews SET approved_by = 'wang'", sign_with=mallory)
    # Known limit: whoever can replace the key files in the data home fools the local check;
    # the public key kept outside (exported, sent upward) does not.
    assert verify_cli(home)[0] == 0
    code, out = verify_cli(home, "--key", str(exported))
    assert code == 1 and "另一把密钥" in out


@pytest.mark.sqlite_only("an older copy of the zicha.db file put back (sqlite3 backup)")
def test_older_copy_of_the_database_is_caught_by_the_anchor(signed, home, tmp_path):
    old = tmp_path / "old.db"
    src = raw_connect(signed)
    src.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    dst = raw_connect(old)
    src.backup(dst)
    dst.close()
    src.close()
    with ReportStore.open(signed.parent) as store:
        store.record("export", 1, {"path": "x.docx"})
    for suffix in ("-wal", "-shm"):
        (signed.parent / f"zicha.db{suffix}").unlink(missing_ok=True)
    shutil.copy(old, signed)
    assert "少于上次记下的锚点" in verify_fails(home)


def test_external_anchor_longer_than_the_log_is_caught(signed, home):
    with ReportStore.open(signed.parent) as store:
        rows = len(store.audit_log())
    assert "少于您给出的锚点" in verify_fails(home, "--anchor", f"{rows + 5}:{'a' * 12}")


def test_external_anchor_with_other_hash_is_caught(signed, home):
    assert "第 3 条记录与您给出的锚点不符" in verify_fails(home, "--anchor", f"3:{'0' * 12}")


def test_external_anchor_as_printed_is_accepted(signed, home):
    with ReportStore.open(signed.parent) as store:
        head = store.audit_head_label()  # 第 N 条 abcdef…
    n, h = head.replace("第", "").replace("条", "").split()
    code, out = verify_cli(home, "--anchor", f"{n}:{h}")
    assert code == 0, out


def test_bad_anchor_text_is_a_usage_error(signed, home):
    code, out = verify_cli(home, "--anchor", "yesterday")
    assert code == 2 and "锚点" in out


# --- a key with a passphrase ------------------------------------------------------------------
def test_locked_key_refuses_writes_without_the_passphrase(home, monkeypatch, blank_report):
    # create_unit_key sets the variable in os.environ: let monkeypatch record "unset" first,
    # so it is unset again after this test (it leaked into the roll-up tests).
    monkeypatch.setenv(keys.PASSPHRASE_ENV, "recorded")
    monkeypatch.delenv(keys.PASSPHRASE_ENV)
    with ReportStore.open(home) as store:
        store.create_unit_key("本机用户", "correct horse battery")
    monkeypatch.delenv(keys.PASSPHRASE_ENV, raising=False)
    keys._load_private.cache_clear()
    with ReportStore.open(home) as store:
        before = len(store.audit_log())
        with pytest.raises(keys.UnitKeyError, match="口令"):
            store.create(blank_report)
        assert len(store.audit_log()) == before and store.list() == []
    monkeypatch.setenv(keys.PASSPHRASE_ENV, "correct horse battery")
    with ReportStore.open(home) as store:
        store.create(blank_report)
    code, out = verify_cli(home)
    assert code == 0, out


def test_unsigned_home_verifies_with_a_warning(home, blank_report):
    with ReportStore.open(home) as store:
        store.create(blank_report)
    code, out = verify_cli(home)
    assert code == 0 and "没有单位密钥" in out
