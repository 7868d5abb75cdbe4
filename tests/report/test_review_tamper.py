"""Rewriting review history with plain sqlite3 is caught by `zicha audit verify`."""

from __future__ import annotations

import sqlite3

import pytest
from review_helpers import (
    add_team,
    file_before_migration,
    new_report,
    raw_connect,
    run_sql,
    verify_cli,
    verify_fails,
)

from report import workflow
from report.store import ReportStore


@pytest.fixture
def reviewed(home):
    with ReportStore.open(home) as store:
        add_team(store)
        r = new_report(store)
        workflow.submit(store, r.id, "zhang")
        workflow.return_report(store, r.id, "li", "请补充。")
        return store.path


def _return_row(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT id FROM audit WHERE action = 'return'").fetchone()[0]


def test_intact_history_verifies(reviewed, home):
    code, out = verify_cli(home)
    assert code == 0 and "完好" in out


def test_reassigning_who_returned_it_is_caught(reviewed, home):
    conn = raw_connect(reviewed)
    row = _return_row(conn)
    conn.execute("UPDATE audit SET actor = 'wang' WHERE id = ?", (row,))
    conn.commit()
    assert f"第 {row} 条记录的内容与其哈希不符" in verify_fails(home)


def test_deleting_the_return_is_caught(reviewed, home):
    conn = raw_connect(reviewed)
    row = _return_row(conn)
    conn.execute("DELETE FROM audit WHERE id = ?", (row,))
    conn.commit()
    code, out = verify_cli(home)
    # The return was the last row: the chain alone cannot see a cut tail, the report can.
    assert code == 1 and f"第 {row} 条记录被删除" in out


def test_deleting_a_row_in_the_middle_is_caught(reviewed, home):
    run_sql(reviewed, "DELETE FROM audit WHERE action = 'submit'")
    assert "缺少第" in verify_fails(home)


def test_report_text_changed_behind_the_store_is_caught(reviewed, home):
    conn = raw_connect(reviewed)
    body = conn.execute("SELECT body FROM reports WHERE id = 1").fetchone()[0]
    conn.execute(
        "UPDATE reports SET body = ? WHERE id = 1", (body.replace("领导小组", "工作小组"),)
    )
    conn.commit()
    assert "报告 1 的当前内容与审计日志" in verify_fails(home)


def test_comment_rewritten_behind_the_store_is_caught(reviewed, home):
    run_sql(reviewed, "UPDATE comments SET body = '同意。' WHERE id = 1")
    assert "批注 #1" in verify_fails(home)


def test_resolving_and_replying_keep_the_log_consistent(reviewed, home):
    from report import comments

    with ReportStore.open(reviewed.parent) as store:
        comments.reply(store, 1, "zhang", "已补充。")
        comments.resolve(store, 1, "zhang")
    code, out = verify_cli(home)
    assert code == 0, out


def test_forged_approval_appended_is_caught(reviewed, home):
    conn = raw_connect(reviewed)
    last = conn.execute("SELECT id, hash, digest FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    conn.execute(
        "INSERT INTO audit (id, ts, actor, action, report_id, digest, detail, prev_hash, hash)"
        " VALUES (?, '2026-12-01T10:00:00+08:00', 'li', 'approve', 1, ?, '审定通过', ?, ?)",
        (last[0] + 1, last[2], last[1], "f" * 64),
    )
    conn.commit()
    assert f"第 {last[0] + 1} 条" in verify_fails(home)


def test_migration_links_existing_reports_to_their_last_audit_row(tmp_path, blank_report):
    path = tmp_path / "zicha.db"
    file_before_migration(path, blank_report, 2)  # written before the link existed
    with ReportStore(path) as store:
        assert store.conn.execute("SELECT audit_id FROM reports").fetchone()[0] == 1
        assert store.verify_audit().ok
