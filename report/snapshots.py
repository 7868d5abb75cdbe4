"""Immutable snapshots: the report exactly as submitted, one per submission.

The table refuses UPDATE and DELETE (triggers), and each snapshot's digest is also the digest of
the audit row of its submission, so a snapshot altered by hand is caught on reading.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from . import audit
from .errors import NotFoundError, ZichaError
from .local_time import local_minutes
from .models import Report

if TYPE_CHECKING:
    from .backend import Conn


class Snapshot(BaseModel):
    id: int
    report_id: int
    seq: int
    edition: int
    revision: int
    created_at: str
    actor: str
    digest: str
    body: str

    def report(self) -> Report:
        data = json.loads(self.body)
        data.update(id=self.report_id, revision=self.revision)
        return Report.model_validate(data)

    @property
    def label(self) -> str:
        when = local_minutes(self.created_at)
        edition = f"{edition_label(self.edition)}，" if self.edition > 1 else ""
        return f"{submission_label(self.seq)}（{edition}{self.actor}，{when}）"


# One wording for the numbers a user sees, on every screen, in the CLI and the audit log:
# submissions are counted 「第 N 次送审」; 稿 is named only after a reopening (「第 2 次送审
# （第 1 稿）」 read as a contradiction); 「第 N 版」 is the saved revision, a different count.
def submission_label(seq: int) -> str:
    return f"第 {seq} 次送审"


def edition_label(edition: int) -> str:
    return f"重新打开后第 {edition} 稿"


def stage_label(snaps: list[Snapshot], edition: int) -> str:
    """Where the report stands in review, in those words: 「尚未送审」, 「第 2 次送审」,
    「第 3 次送审（重新打开后第 2 稿）」, 「重新打开后第 2 稿，尚未送审」."""
    mine = [s for s in snaps if s.edition == edition]
    if not mine:
        return f"{edition_label(edition)}，尚未送审" if edition > 1 else "尚未送审"
    text = submission_label(mine[-1].seq)
    return f"{text}（{edition_label(edition)}）" if edition > 1 else text


_COLS = "id, report_id, seq, edition, revision, created_at, actor, digest, body"


def _snapshot(row: tuple[Any, ...]) -> Snapshot:
    return Snapshot(**dict(zip(_COLS.split(", "), row, strict=True)))


def take(
    conn: Conn, report_id: int, body: str, edition: int, revision: int, actor: str
) -> Snapshot:
    """Store body (the report JSON as written by the submission). Call inside its transaction."""
    seq = conn.execute(
        "SELECT coalesce(max(seq), 0) + 1 FROM snapshots WHERE report_id = ?", (report_id,)
    ).fetchone()[0]
    digest = audit.digest_of(json.loads(body))
    new_id = conn.insert(
        "INSERT INTO snapshots (report_id, seq, edition, revision, created_at, actor, body, digest)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (report_id, seq, edition, revision, audit.now_iso(), actor, body, digest),
    )
    row = conn.execute(f"SELECT {_COLS} FROM snapshots WHERE id = ?", (new_id,)).fetchone()
    return _snapshot(row)


def list_snapshots(conn: Conn, report_id: int) -> list[Snapshot]:
    rows = conn.execute(
        f"SELECT {_COLS} FROM snapshots WHERE report_id = ? ORDER BY seq", (report_id,)
    ).fetchall()
    return [_snapshot(r) for r in rows]


def get_snapshot(conn: Conn, report_id: int, seq: int) -> Snapshot:
    row = conn.execute(
        f"SELECT {_COLS} FROM snapshots WHERE report_id = ? AND seq = ?", (report_id, seq)
    ).fetchone()
    if row is None:
        have = [s.seq for s in list_snapshots(conn, report_id)]
        hint = f"已有：{'、'.join(map(str, have))}" if have else "这份报告还没有提交过"
        raise NotFoundError(f"报告 {report_id} 没有第 {seq} 次送审的快照（{hint}）。")
    snap = _snapshot(row)
    check_intact(conn, snap)
    return snap


def check_intact(conn: Conn, snap: Snapshot) -> None:
    """Refuse a snapshot whose body no longer matches its own or its audit row's digest."""
    logged = conn.execute(
        "SELECT 1 FROM audit WHERE report_id = ? AND action = 'submit' AND digest = ?",
        (snap.report_id, snap.digest),
    ).fetchone()
    if audit.digest_of(json.loads(snap.body)) != snap.digest or logged is None:
        raise ZichaError(
            f"报告 {snap.report_id} 的第 {snap.seq} 次送审快照与审计日志不符，可能被改动过。"
            "请运行 zicha audit verify 并联系管理员。"
        )
