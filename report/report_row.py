"""What ReportStore and the pydantic-free ExportAccess share: the open connection's lifetime
and the reading of one report's row. Imports no pydantic (the export fast path, issue 16)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from .errors import NotFoundError

if TYPE_CHECKING:
    from .backend import Conn


class OwnsConnection:
    """close() and `with`: the connection in `_conn` is closed when the block ends."""

    _conn: Conn

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def report_row(conn: Conn, report_id: int) -> tuple[Any, ...]:
    """id, revision, created_at, updated_at and body of one report; NotFoundError when none."""
    row = conn.execute(
        "SELECT id, revision, created_at, updated_at, body FROM reports WHERE id = ?",
        (report_id,),
    ).fetchone()
    if row is None:
        raise NotFoundError(
            f"找不到编号为 {report_id} 的报告。可用 zicha report list 查看已有报告。"
        )
    return tuple(row)
