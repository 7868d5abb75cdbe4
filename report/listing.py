"""Cheap reads for the first screen: plain sqlite3 and columns only, no pydantic.

The reports list reads the indexed columns, never the JSON body, so it needs neither the
models nor a parse per report; anything more goes through ReportStore.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from .labels import STATE_LABELS

if TYPE_CHECKING:
    from .backend import Conn


class ReportRow(NamedTuple):
    id: int
    unit: str
    year: int
    status: str
    revision: int
    updated_at: str

    @property
    def status_label(self) -> str:
        return STATE_LABELS.get(self.status, self.status)


def report_rows(conn: Conn) -> list[ReportRow]:
    return [
        ReportRow(*row)
        for row in conn.execute(
            "SELECT id, unit, year, status, revision, updated_at FROM reports ORDER BY id"
        )
    ]


def has_users(conn: Conn) -> bool:
    """True once the first user was added: from then on everyone must log in."""
    return conn.execute("SELECT 1 FROM users LIMIT 1").fetchone() is not None
