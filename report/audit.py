"""The hash-chained audit log.

Each row stores hash = SHA-256(prev_hash + canonical JSON of the row's own fields), so changing,
deleting or inserting a row breaks the chain from that row on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

if TYPE_CHECKING:
    from .backend import Conn

GENESIS = "0" * 64
ROW_FIELDS = ("id", "ts", "actor", "action", "report_id", "digest", "detail")

ACTION_LABELS: dict[str, str] = {
    "create": "新建报告",
    "fill": "导入答案文件",
    "import": "导入答案文件",
    "edit": "修改",
    "answer": "回答",
    "skip": "跳过要点",
    "status": "设置符合情况",
    "drop": "删去要点",
    "reorder": "调整段落顺序",
    "propose": "生成整改项",
    "section_done": "标记部分完成",
    "section_open": "取消部分完成",
    "delete": "删除报告",
    "export": "导出",
    "kb_import": "导入法规文件",
    "kb_remove": "删除法规文件",
    "carry": "以上年度报告为基础新建",
    "prior": "记录上年度整改落实情况",
    "ledger_export": "导出整改台账",
    "ledger_import": "导入整改台账",
    "evidence_add": "添加佐证材料",
    "evidence_remove": "移除佐证材料",
    "kb_rebuild": "重建法规库索引",
    "key_new": "生成单位密钥",
    # review and users (report/workflow.py, report/users.py)
    "submit": "提交审核",
    "comment": "批注",
    "reply": "回复批注",
    "resolve": "解决批注",
    "return": "退回修改",
    "approve": "审定",
    "reopen": "重新打开",
    "user_add": "添加用户",
    "user_passwd": "修改密码",
    "user_disable": "停用用户",
    "login_failed": "登录失败",
}


class AuditEvent(BaseModel):
    id: int
    ts: str
    actor: str
    action: str
    report_id: int | None
    digest: str
    detail: str
    prev_hash: str
    hash: str


class VerifyResult(BaseModel):
    ok: bool
    rows: int
    bad_row: int | None = None
    reason: str = ""
    head: str = ""  # 第 N 条 + short hash: the anchor a person writes down or sends upward
    signed_by: str = ""  # fingerprint of the unit key that signed the head, if any
    notes: list[str] = []


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def digest_of(change: Any) -> str:
    return hashlib.sha256(canonical_json(change).encode("utf-8")).hexdigest()


def _row_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    payload = canonical_json({k: fields[k] for k in ROW_FIELDS})
    return hashlib.sha256((prev_hash + payload).encode("utf-8")).hexdigest()


def now_iso() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def append_event(
    conn: Conn,
    *,
    actor: str,
    action: str,
    report_id: int | None,
    change: Any,
    detail: str = "",
) -> AuditEvent:
    """Append one event. Call inside the transaction that makes the change."""
    last = conn.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    prev_hash = last[1] if last else GENESIS
    event_id: int = (last[0] + 1) if last else 1
    fields = {
        "id": event_id,
        "ts": now_iso(),
        "actor": actor,
        "action": action,
        "report_id": report_id,
        "digest": digest_of(change),
        "detail": detail,
    }
    row_hash = _row_hash(prev_hash, fields)
    conn.execute(
        "INSERT INTO audit (id, ts, actor, action, report_id, digest, detail, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (*(fields[k] for k in ROW_FIELDS), prev_hash, row_hash),
    )
    _move_head(conn, event_id, row_hash)
    return AuditEvent.model_validate({**fields, "prev_hash": prev_hash, "hash": row_hash})


def _move_head(conn: Conn, last_id: int, last_hash: str) -> None:
    try:
        conn.execute(
            "INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET last_id = excluded.last_id,"
            " last_hash = excluded.last_hash",
            (last_id, last_hash),
        )
    except conn.missing_table as exc:
        # Only a file older than migration 4, written to while it is being upgraded.
        if "audit_head" not in str(exc):
            raise


def _head(conn: Conn) -> tuple[int, str] | None:
    try:
        row = conn.execute("SELECT last_id, last_hash FROM audit_head WHERE id = 1").fetchone()
    except conn.missing_table:
        return None
    return (row[0], row[1]) if row else None


def events(conn: Conn, report_id: int | None = None) -> list[AuditEvent]:
    cols = ", ".join((*ROW_FIELDS, "prev_hash", "hash"))
    if report_id is None:
        rows = conn.execute(f"SELECT {cols} FROM audit ORDER BY id").fetchall()
    else:
        rows = conn.execute(
            f"SELECT {cols} FROM audit WHERE report_id = ? ORDER BY id", (report_id,)
        ).fetchall()
    names = (*ROW_FIELDS, "prev_hash", "hash")
    return [AuditEvent(**dict(zip(names, r, strict=True))) for r in rows]


def verify(conn: Conn) -> VerifyResult:
    """Walk the chain; report the first row whose links or contents do not match."""
    prev_hash = GENESIS
    expected_id = 1
    count = 0
    for ev in events(conn):
        count += 1
        if ev.id != expected_id:
            return VerifyResult(
                ok=False,
                rows=count,
                bad_row=ev.id,
                reason=f"第 {ev.id} 条之前缺少第 {expected_id} 条记录（被删除或插入了记录）",
            )
        if ev.prev_hash != prev_hash:
            return VerifyResult(
                ok=False,
                rows=count,
                bad_row=ev.id,
                reason=f"第 {ev.id} 条与前一条记录链接不上（前面的记录被删除、插入或篡改）",
            )
        if _row_hash(ev.prev_hash, ev.model_dump()) != ev.hash:
            return VerifyResult(
                ok=False,
                rows=count,
                bad_row=ev.id,
                reason=f"第 {ev.id} 条记录的内容与其哈希不符（记录被改动过）",
            )
        prev_hash = ev.hash
        expected_id += 1
    head = _head(conn)
    last_id = expected_id - 1
    if head is not None and head != (last_id, prev_hash):
        if head[0] > last_id:
            reason = f"日志末尾的第 {last_id + 1} 至第 {head[0]} 条记录被删除"
            bad_row = last_id + 1
        elif head[0] < last_id:
            reason = f"第 {head[0] + 1} 条起的记录不是由本程序写入的（在日志末尾被插入）"
            bad_row = head[0] + 1
        else:
            reason = f"第 {last_id} 条记录被替换过（与日志末尾标记不符）"
            bad_row = last_id
        return VerifyResult(ok=False, rows=count, bad_row=bad_row, reason=reason)
    if head is None and count:
        return VerifyResult(ok=False, rows=count, bad_row=None, reason="审计日志的末尾标记被删除")
    return VerifyResult(ok=True, rows=count)
