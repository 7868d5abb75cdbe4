"""One interview per report: a lease (owner, process, heartbeat) in the leases table.

The interview (TUI or line mode) takes the lease before its first write; a second session gets
LeaseHeldError naming the holder and may open read-only. A lease whose process is gone (same
machine) or whose heartbeat is older than STALE_AFTER_S may be taken over. Every engine-state
write checks the lease token in its own transaction, so a session that lost the lease stops at
its next write instead of mixing its text into the other session's.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import socket
import time
from typing import TYPE_CHECKING

from pydantic import BaseModel

from .errors import ZichaError
from .local_time import local_minutes

if TYPE_CHECKING:
    from .backend import Conn

STALE_AFTER_S = 120.0
HEARTBEAT_EVERY_S = 30.0


class LeaseHeldError(ZichaError):
    """Someone else is interviewing on this report right now."""


class LeaseLostError(ZichaError):
    """This session's lease was taken over: its writes stop."""


class Lease(BaseModel):
    report_id: int
    owner: str
    pid: int
    host: str
    token: str
    heartbeat: float
    taken_at: str

    def describe(self) -> str:
        when = local_minutes(self.taken_at)
        where = "本机" if self.host == socket.gethostname() else f"计算机 {self.host}"
        return f"{self.owner}（{where}，进程 {self.pid}，{when} 开始）"


def _row(conn: Conn, report_id: int) -> Lease | None:
    row = conn.execute(
        "SELECT report_id, owner, pid, host, token, heartbeat, taken_at FROM leases"
        " WHERE report_id = ?",
        (report_id,),
    ).fetchone()
    if row is None:
        return None
    keys = ("report_id", "owner", "pid", "host", "token", "heartbeat", "taken_at")
    return Lease(**dict(zip(keys, row, strict=True)))


def holder(conn: Conn, report_id: int) -> Lease | None:
    return _row(conn, report_id)


def _process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name != "nt":  # on Windows os.kill would end the process: trust the heartbeat there
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except OSError:
            return True  # someone else's process, or cannot tell: alive
    return True


def is_stale(lease: Lease, now: float | None = None) -> bool:
    now = time.time() if now is None else now
    if now - lease.heartbeat > STALE_AFTER_S:
        return True
    return lease.host == socket.gethostname() and not _process_alive(lease.pid)


def take(conn: Conn, report_id: int, owner: str) -> Lease:
    """Take the lease (call inside a transaction). Re-entrant for this process."""
    pid, host = os.getpid(), socket.gethostname()
    current = _row(conn, report_id)
    if current is not None and not (current.pid == pid and current.host == host):
        if not is_stale(current):
            raise LeaseHeldError(
                f"报告 {report_id} 正由 {current.describe()} 访谈，同一时间只能有一处访谈，"
                "以免两处的回答混在一起。可以只读打开查看；对方退出后（或 2 分钟无响应后）再接手。"
            )
    lease = Lease(
        report_id=report_id,
        owner=owner,
        pid=pid,
        host=host,
        token=secrets.token_hex(16),
        heartbeat=time.time(),
        taken_at=dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    )
    conn.execute(
        "INSERT INTO leases (report_id, owner, pid, host, token, heartbeat, taken_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(report_id) DO UPDATE SET"
        " owner = excluded.owner, pid = excluded.pid, host = excluded.host,"
        " token = excluded.token, heartbeat = excluded.heartbeat, taken_at = excluded.taken_at",
        (report_id, owner, pid, host, lease.token, lease.heartbeat, lease.taken_at),
    )
    return lease


def check(conn: Conn, lease: Lease) -> None:
    """Refuse a write by a session whose lease is gone; refresh the heartbeat otherwise."""
    current = _row(conn, lease.report_id)
    if current is None or current.token != lease.token:
        who = f"已由 {current.describe()} 接手" if current else "已被释放"
        raise LeaseLostError(
            f"报告 {lease.report_id} 的访谈{who}，本窗口不再写入，刚才的操作未保存。"
            "请关闭本窗口；需要时重新打开报告。"
        )
    conn.execute(
        "UPDATE leases SET heartbeat = ? WHERE report_id = ? AND token = ?",
        (time.time(), lease.report_id, lease.token),
    )


def release(conn: Conn, lease: Lease) -> None:
    conn.execute(
        "DELETE FROM leases WHERE report_id = ? AND token = ?", (lease.report_id, lease.token)
    )


def foreign_live_lease(conn: Conn, report_id: int, mine: Lease | None) -> Lease | None:
    """A live lease on report_id held by another session, if any."""
    current = _row(conn, report_id)
    if current is None or (mine is not None and current.token == mine.token):
        return None
    if current.pid == os.getpid() and current.host == socket.gethostname():
        return None
    return None if is_stale(current) else current
