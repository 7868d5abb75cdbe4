"""The signed audit head: chain end + a digest of every table that carries rights or review facts.

At the end of every transaction that appended to the audit log, the head row gets a "seal" (one
digest per covered table) and, when the data home has a unit key, an Ed25519 signature over
(last id, last hash, seal, key). Changing users, reviews, comments, snapshots or report rows
behind the program's back then breaks the seal, and moving the seal needs the key.
An anchor file beside the database remembers the last head seen, so a database replaced by an
older or emptied copy is caught too.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from .backend import Conn

SIGN_CONTEXT = b"zicha-audit-head-v1\n"
ANCHOR_FILE = "audit_anchor.json"

# Table -> the query whose rows are sealed. Columns a login or a read may change
# (failed_count, last_failed_at, lockout notes) are left out on purpose.
COVERED: dict[str, str] = {
    "users": "SELECT name, role, disabled, pw_hash, must_change FROM users ORDER BY name",
    "reports": (
        "SELECT id, unit, year, status, revision, created_by, audit_id, body"
        " FROM reports ORDER BY id"
    ),
    "reviews": (
        "SELECT report_id, edition, submitted_by, submitted_at, approved_by, approved_at,"
        " last_return_round FROM reviews ORDER BY report_id"
    ),
    "comments": (
        "SELECT id, report_id, parent_id, section_key, point_id, body, author, created_at,"
        " return_round, resolved_by, resolved_at FROM comments ORDER BY id"
    ),
    "snapshots": (
        "SELECT id, report_id, seq, edition, revision, created_at, actor, digest"
        " FROM snapshots ORDER BY id"
    ),
}

TABLE_LABELS: dict[str, str] = {
    "users": "用户表（账号、角色、停用状态或密码）",
    "reports": "报告表（报告的存在、作者、状态或内容）",
    "reviews": "审核表（提交人、审定人或审定时间）",
    "comments": "批注表（批注、回复或解决状态）",
    "snapshots": "提交快照表",
}


# Plain dataclasses: every write's transaction reads the head and the anchor, and `zicha export`
# stays free of pydantic's import (issue 16).
@dataclass(frozen=True)
class Head:
    last_id: int
    last_hash: str
    seal: dict[str, str] = field(default_factory=dict)
    sig: str = ""
    key_id: str = ""

    @property
    def short(self) -> str:
        return f"第 {self.last_id} 条 {self.last_hash[:12]}"


def table_digest(conn: Conn, table: str) -> str:
    h = hashlib.sha256()
    for row in conn.execute(COVERED[table]):
        # One JSON line per row: unambiguous, and bodies stream through without a big join.
        h.update(json.dumps(list(row), ensure_ascii=False, separators=(",", ":")).encode())
        h.update(b"\n")
    return h.hexdigest()


def compute_seal(conn: Conn) -> dict[str, str]:
    return {table: table_digest(conn, table) for table in COVERED}


def signed_message(last_id: int, last_hash: str, seal: dict[str, str], key_id: str) -> bytes:
    payload = {"last_id": last_id, "last_hash": last_hash, "seal": seal, "key": key_id}
    return SIGN_CONTEXT + json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()


def db_home(conn: Conn) -> Path | None:
    """The local data home (unit key, anchor file), None for a bare database."""
    return conn.home


def read_head(conn: Conn) -> Head | None:
    try:
        row = conn.execute(
            "SELECT last_id, last_hash, seal, sig, key_id FROM audit_head WHERE id = 1"
        ).fetchone()
    except conn.missing_table:
        return None
    if row is None:
        return None
    try:
        seal = json.loads(row[2]) if row[2] else {}
    except ValueError:
        seal = {"?": "unreadable"}
    if not isinstance(seal, dict):
        seal = {"?": "unreadable"}
    return Head(last_id=row[0], last_hash=row[1], seal=seal, sig=row[3] or "", key_id=row[4] or "")


def refresh(conn: Conn, sign: bool = True) -> None:
    """Seal (and sign) the head. Call inside the transaction, after its last write."""
    head = conn.execute("SELECT last_id, last_hash FROM audit_head WHERE id = 1").fetchone()
    if head is None:
        return
    seal = compute_seal(conn)
    sig, key_id = "", ""
    home = db_home(conn)
    if sign and home is not None:
        from .keys import load_unit_key

        key = load_unit_key(home)  # a locked key refuses the write: nothing unsigned slips in
        if key is not None:
            key_id = key.fingerprint
            msg = signed_message(head[0], head[1], seal, key_id)
            sig = base64.b64encode(key.sign(msg)).decode()
    conn.execute(
        "UPDATE audit_head SET seal = ?, sig = ?, key_id = ? WHERE id = 1",
        (json.dumps(seal, sort_keys=True), sig, key_id),
    )


# --- the anchor outside the database ------------------------------------------------------
class Anchor(NamedTuple):
    rows: int
    hash: str

    @classmethod
    def from_json(cls, data: Any) -> Anchor:
        """The anchor file's content; ValueError when it is not {"rows": int, "hash": str}."""
        if not isinstance(data, dict):
            raise ValueError("anchor: not an object")
        rows, hash_ = data.get("rows"), data.get("hash")
        if isinstance(rows, str) and rows.strip().isdigit():
            rows = int(rows)
        if not isinstance(rows, int) or isinstance(rows, bool) or not isinstance(hash_, str):
            raise ValueError("anchor: rows or hash missing")
        return cls(rows=rows, hash=hash_)


def anchor_path(home: Path, name: str = ANCHOR_FILE) -> Path:
    return home / name


def read_anchor(home: Path | None, name: str = ANCHOR_FILE) -> Anchor | None:
    if home is None:
        return None
    try:
        data: Any = json.loads(anchor_path(home, name).read_text(encoding="utf-8"))
        return Anchor.from_json(data)
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return Anchor(rows=-1, hash="")  # unreadable: verify names it


def write_anchor(conn: Conn) -> None:
    """After a commit: remember how long the log is, outside the database. Never lowers it."""
    home = db_home(conn)
    if home is None:
        return
    head = read_head(conn)
    if head is None:
        return
    old = read_anchor(home, conn.anchor_file)
    if old is not None and old.rows > head.last_id:
        return
    path = anchor_path(home, conn.anchor_file)
    tmp = path.with_name(f".~zicha-anchor-{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"rows": head.last_id, "hash": head.last_hash}, fh)
        os.replace(tmp, path)
    except OSError:
        # The anchor is a second line of defence; a full disk must not undo a committed write.
        try:
            tmp.unlink()
        except OSError:
            pass
