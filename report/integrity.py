"""Cross-checks between the hash-chained audit log and the tables it describes.

The chain alone proves the log was not rewritten; these checks prove the reports, comments and
snapshots still match what the log says was written, so editing them with sqlite3 is caught too.
"""

from __future__ import annotations

import json
import sqlite3

from .audit import VerifyResult, digest_of
from .comments import IMMUTABLE_FIELDS


def check_against_audit(conn: sqlite3.Connection, rows: int) -> VerifyResult:
    digests: dict[int, tuple[int | None, str]] = {
        r[0]: (r[1], r[2]) for r in conn.execute("SELECT id, report_id, digest FROM audit")
    }

    def bad(row: int | None, reason: str) -> VerifyResult:
        return VerifyResult(ok=False, rows=rows, bad_row=row, reason=reason)

    for rid, unit, year, status, body in conn.execute(
        "SELECT id, unit, year, status, body FROM reports ORDER BY id"
    ):
        # The list columns are copies of the body (for a fast Home screen): they must agree.
        data = json.loads(body)
        if (unit, year, status) != (data.get("unit"), data.get("year"), data.get("status")):
            return bad(
                None,
                f"报告 {rid} 列表中的单位、年度或状态与报告内容不符（被绕过程序直接改动过）",
            )

    for rid, audit_id, body in conn.execute("SELECT id, audit_id, body FROM reports ORDER BY id"):
        if audit_id not in digests:
            return bad(
                audit_id,
                f"报告 {rid} 的最后一次修改在审计日志中找不到（第 {audit_id} 条记录被删除）",
            )
        logged_report, logged_digest = digests[audit_id]
        if logged_report != rid or logged_digest != digest_of(json.loads(body)):
            return bad(
                audit_id,
                f"报告 {rid} 的当前内容与审计日志第 {audit_id} 条不符（报告被绕过程序直接改动过）",
            )

    logged = {(r, d) for r, d in digests.values()}
    cols = ", ".join(IMMUTABLE_FIELDS)
    for row in conn.execute(f"SELECT {cols} FROM comments ORDER BY id"):
        fields = dict(zip(IMMUTABLE_FIELDS, row, strict=True))
        if (fields["report_id"], digest_of(fields)) not in logged:
            return bad(
                None,
                f"批注 #{fields['id']}（报告 {fields['report_id']}）与审计日志不符"
                "（批注被绕过程序直接改动或插入过）",
            )

    for rid, seq, body, digest in conn.execute(
        "SELECT report_id, seq, body, digest FROM snapshots ORDER BY id"
    ):
        if digest_of(json.loads(body)) != digest or (rid, digest) not in logged:
            return bad(None, f"报告 {rid} 的第 {seq} 次提交快照与审计日志不符（快照被改动过）")
    return VerifyResult(ok=True, rows=rows)
