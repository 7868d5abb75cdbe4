"""The hash-chained audit log.

Each row stores hash = SHA-256(prev_hash + canonical JSON of the row's own fields), so changing,
deleting or inserting a row breaks the chain from that row on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

if TYPE_CHECKING:
    from .backend import Conn

# The chain itself lives in report/audit_chain.py (no pydantic); re-exported here.
from .audit_chain import GENESIS as GENESIS
from .audit_chain import ROW_FIELDS as ROW_FIELDS
from .audit_chain import _head as _head
from .audit_chain import _move_head as _move_head
from .audit_chain import _row_hash as _row_hash
from .audit_chain import append_row as append_row
from .audit_chain import canonical_json as canonical_json
from .audit_chain import digest_of as digest_of
from .audit_chain import now_iso as now_iso

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
    row = append_row(
        conn,
        actor=actor,
        action=action,
        report_id=report_id,
        change=change,
        detail=detail,
        ts=now_iso(),  # this module's name: tests fix the clock here
    )
    return AuditEvent.model_validate(row)


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
