"""The store as `zicha export` needs it: read one report, log one event — without pydantic.

ReportStore imports the report, user and audit models (pydantic), which costs more than the
whole bare python-docx loop the export is measured against (issue 16). This door does only
what an export of a local zicha.db needs, through the same connection code, transaction,
audit chain and seal; anything else (PostgreSQL, users who must log in) is ReportStore's.
tests/report/test_plain_report.py checks it against ReportStore.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .labels import DEFAULT_ACTOR
from .report_row import OwnsConnection, report_row

if TYPE_CHECKING:
    from .backend import Conn
    from .plain import PlainReport


class ApprovalFacts:
    """approved_by / approved_at of an approved report (what exports read of ReviewInfo)."""

    def __init__(self, approved_by: str | None, approved_at: str | None):
        self.approved_by = approved_by
        self.approved_at = approved_at


class ExportAccess(OwnsConnection):
    """A local zicha.db opened for one export. open() gives None where ReportStore is needed."""

    def __init__(self, conn: Conn, home: Path, notices: list[str]):
        self._conn = conn
        self.home = home
        self.notices = notices

    @classmethod
    def open(cls, home: Path, db: str | None = None) -> ExportAccess | None:
        """None for a PostgreSQL store (ReportStore handles it)."""
        from .backend import connect, store_target

        target = store_target(home, db)
        if target.kind != "sqlite":
            return None
        notices: list[str] = []
        return cls(connect(target, notices=notices), target.home, notices)

    def has_users(self) -> bool:
        from .listing import has_users

        return has_users(self._conn)

    def get_plain(self, report_id: int) -> PlainReport:
        """The stored report as a PlainReport; NotFoundError as ReportStore.get says it;
        report.plain.NotPlain when the body needs the validating path."""
        from .plain import stored_plain_report

        return stored_plain_report(report_row(self._conn, report_id))

    def approval(self, report_id: int) -> ApprovalFacts | None:
        """As report.workflow.approval: the approval of an approved report, else None."""
        status = self._conn.execute(
            "SELECT status FROM reports WHERE id = ?", (report_id,)
        ).fetchone()
        row = self._conn.execute(
            "SELECT approved_by, approved_at FROM reviews WHERE report_id = ?", (report_id,)
        ).fetchone()
        if status is None or status[0] != "approved" or row is None or not row[0]:
            return None
        return ApprovalFacts(approved_by=row[0], approved_at=row[1])

    def record(
        self,
        action: str,
        report_id: int | None,
        change: object,
        actor: str = DEFAULT_ACTOR,
        detail: str = "",
    ) -> None:
        """As ReportStore.record: one audit event in its own transaction (sealed, anchored)."""
        from .audit_chain import append_row
        from .db import transaction

        with transaction(self._conn) as conn:
            append_row(
                conn, actor=actor, action=action, report_id=report_id, change=change, detail=detail
            )

    def audit_head_label(self) -> str:
        from .seal import read_head

        head = read_head(self._conn)
        return head.short if head else "（日志为空）"
