"""Cross-checks between the hash-chained audit log and the tables it describes.

The chain alone proves the log was not rewritten; these checks prove the reports, comments and
snapshots still match what the log says was written, so editing them with sqlite3 is caught too.
"""

from __future__ import annotations

import base64
import json
from typing import TYPE_CHECKING

from pydantic import BaseModel

from .audit import VerifyResult, digest_of
from .audit import verify as audit_verify
from .comments import IMMUTABLE_FIELDS
from .errors import ZichaError
from .keys import PublicKey, home_public_key
from .seal import (
    COVERED,
    TABLE_LABELS,
    Anchor,
    db_home,
    read_anchor,
    read_head,
    signed_message,
    table_digest,
)

if TYPE_CHECKING:
    from .backend import Conn


def check_against_audit(conn: Conn, rows: int) -> VerifyResult:
    digests: dict[int, tuple[int | None, str]] = {
        r[0]: (r[1], r[2]) for r in conn.execute("SELECT id, report_id, digest FROM audit")
    }

    def bad(row: int | None, reason: str) -> VerifyResult:
        return VerifyResult(ok=False, rows=rows, bad_row=row, reason=reason)

    for rid, unit, year, status, created_by, body in conn.execute(
        "SELECT id, unit, year, status, created_by, body FROM reports ORDER BY id"
    ):
        # The list columns are copies of the body (for a fast Home screen): they must agree.
        data = json.loads(body)
        if (unit, year, status) != (data.get("unit"), data.get("year"), data.get("status")):
            return bad(
                None,
                f"报告 {rid} 列表中的单位、年度或状态与报告内容不符（被绕过程序直接改动过）",
            )
        # created_by feeds the self-approval rule: the column must say what the body says.
        if (created_by or None) != (data.get("created_by") or None):
            return bad(None, f"报告 {rid} 的起草人与报告内容不符（被绕过程序直接改动过）")

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
            return bad(None, f"报告 {rid} 的第 {seq} 次送审快照与审计日志不符（快照被改动过）")
    return VerifyResult(ok=True, rows=rows)


REQUIRED_TABLES = (
    "reports",
    "audit",
    "audit_head",
    "users",
    "reviews",
    "comments",
    "snapshots",
    "schema_version",
)


class AnchorSpec(BaseModel):
    """A head written down outside the file: 第 rows 条, whose hash starts with prefix."""

    rows: int
    prefix: str


def parse_anchor(text: str) -> AnchorSpec:
    """`N:HASH` (as printed by verify and export), with or without 第/条 around N."""
    cleaned = text.replace("第", "").replace("条", " ").replace("：", ":").strip()
    parts = [p for p in cleaned.replace(":", " ").split() if p]
    if len(parts) != 2 or not parts[0].isdigit():
        raise ZichaError(f"锚点「{text}」格式不对：应写成 条数:哈希，例如 42:3f9a0c1b2d4e。")
    prefix = parts[1].lower()
    if len(prefix) < 8 or any(c not in "0123456789abcdef" for c in prefix):
        raise ZichaError(f"锚点「{text}」中的哈希应至少 8 位十六进制数字（0-9、a-f）。")
    return AnchorSpec(rows=int(parts[0]), prefix=prefix)


def full_verify(
    conn: Conn,
    public_key: PublicKey | None = None,
    anchor: AnchorSpec | None = None,
) -> VerifyResult:
    """Everything audit verify checks, in order; the first failure is reported."""
    present = conn.table_names()
    missing = [t for t in REQUIRED_TABLES if t not in present]
    if missing:
        return VerifyResult(
            ok=False,
            rows=0,
            reason=f"数据文件缺少表 {'、'.join(missing)}（被删除，或不是完整的 zicha 数据文件）",
        )
    result = audit_verify(conn)
    if not result.ok:
        return result
    rows = result.rows
    head = read_head(conn)
    home = db_home(conn)

    def bad(reason: str, row: int | None = None) -> VerifyResult:
        return VerifyResult(
            ok=False, rows=rows, bad_row=row, reason=reason, head=head.short if head else ""
        )

    local_pub = home_public_key(home) if home is not None else None
    if rows == 0 or head is None:
        if local_pub is not None:
            return bad("数据目录已生成单位密钥，但审计日志中没有任何记录（数据文件被清空或替换）")
        stored = read_anchor(home, conn.anchor_file)
        if stored is not None and stored.rows > 0:
            return bad(
                f"审计日志中没有任何记录，而上次记下的锚点是第 {stored.rows} 条"
                "（数据文件被清空或替换为新文件）"
            )
        return bad("审计日志是空的，没有任何记录可以校验（新建的数据目录做过第一项操作后再校验）")

    checked = check_against_audit(conn, rows)
    if not checked.ok:
        return checked.model_copy(update={"head": head.short})

    if not head.seal:
        return bad("审计日志末尾标记中没有封记（被改写过）")
    for table in COVERED:
        if head.seal.get(table) != table_digest(conn, table):
            return bad(f"{TABLE_LABELS[table]}与审计日志末尾的封记不符（被绕过程序直接改动过）")

    notes: list[str] = []
    pub = public_key or local_pub
    if pub is None:
        if head.sig:
            return bad(
                "末尾标记带有单位密钥的签名，但数据目录中找不到公钥：请用 --key 指定"
                " zicha key export-public 导出的公钥文件"
            )
        notes.append(
            "注意：本数据目录没有单位密钥，日志未签名；能改写数据文件的人可以重算整条日志。"
            "请由管理员运行 zicha key new 生成单位密钥。"
        )
    else:
        if not head.sig:
            return bad("审计日志末尾标记没有单位密钥的签名（日志在密钥生成后被改写，或签名被删除）")
        if head.key_id != pub.fingerprint:
            return bad(
                f"末尾标记由另一把密钥签名（指纹 {head.key_id or '无'}），"
                f"与本单位公钥（指纹 {pub.fingerprint}）不符"
            )
        try:
            sig = base64.b64decode(head.sig, validate=True)
        except ValueError:
            sig = b""
        msg = signed_message(head.last_id, head.last_hash, head.seal, head.key_id)
        if not pub.verify(sig, msg):
            return bad("审计日志末尾标记的签名不符（日志或封记被没有单位密钥的人改写过）")
        if public_key is not None and local_pub is not None and local_pub != public_key:
            notes.append(
                f"注意：数据目录中的公钥（指纹 {local_pub.fingerprint}）与您指定的公钥不同。"
            )

    for label, spec in (
        ("上次记下的锚点", read_anchor(home, conn.anchor_file)),
        ("您给出的锚点", anchor),
    ):
        if spec is None:
            continue
        if isinstance(spec, Anchor) and spec.rows < 0:
            return bad(f"锚点文件 {conn.anchor_file} 无法读取（被改动过）")
        want = spec.rows
        if want > rows:
            return bad(
                f"审计日志只有 {rows} 条，少于{label}的第 {want} 条"
                "（数据文件被替换为旧副本、被截短或被清空）"
            )
        if want > 0:
            got = conn.execute("SELECT hash FROM audit WHERE id = ?", (want,)).fetchone()[0]
            prefix = spec.prefix if isinstance(spec, AnchorSpec) else spec.hash
            if not got.startswith(prefix):
                return bad(f"第 {want} 条记录与{label}不符（此前的日志被改写过）", want)

    return VerifyResult(
        ok=True,
        rows=rows,
        head=head.short,
        signed_by=head.key_id if pub is not None else "",
        notes=notes,
    )
