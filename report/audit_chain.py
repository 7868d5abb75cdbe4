"""The audit log's hash chain: appending a row, without the event models (report/audit.py).

Each row stores hash = SHA-256(prev_hash + canonical JSON of the row's own fields), so changing,
deleting or inserting a row breaks the chain from that row on. No pydantic here: a write such as
`zicha export` appends its event without importing it (issue 16).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .backend import Conn

GENESIS = "0" * 64
ROW_FIELDS = ("id", "ts", "actor", "action", "report_id", "digest", "detail")


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def digest_of(change: Any) -> str:
    return hashlib.sha256(canonical_json(change).encode("utf-8")).hexdigest()


def _row_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    payload = canonical_json({k: fields[k] for k in ROW_FIELDS})
    return hashlib.sha256((prev_hash + payload).encode("utf-8")).hexdigest()


def now_iso() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def append_row(
    conn: Conn,
    *,
    actor: str,
    action: str,
    report_id: int | None,
    change: Any,
    detail: str = "",
    ts: str | None = None,
) -> dict[str, Any]:
    """Append one event; returns the row (ROW_FIELDS, prev_hash, hash). Call inside the
    transaction that makes the change. ts: the event's time (now when None)."""
    last = conn.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    prev_hash = last[1] if last else GENESIS
    event_id: int = (last[0] + 1) if last else 1
    fields = {
        "id": event_id,
        "ts": ts or now_iso(),
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
    return {**fields, "prev_hash": prev_hash, "hash": row_hash}


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
