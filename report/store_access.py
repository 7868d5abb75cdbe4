"""The store's read and write methods for review threads, review facts, snapshots and users.

ReportStore inherits these, so code outside report/ asks the store and never holds a
connection (tests/report/test_store_door.py fails when it does). Every method here is one
call into the module that owns the SQL; a second backend replaces the connection and the SQL
behind these names, not their callers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .audit import AuditEvent
    from .backend import Conn
    from .comments import Thread
    from .models import Report
    from .snapshots import Snapshot
    from .users import User
    from .workflow import ReviewInfo


class StoreAccess:
    """Mixed into ReportStore; `conn` is the store's connection (owned by report/ alone)."""

    @property
    def conn(self) -> Conn:
        raise NotImplementedError

    # --- rules ---------------------------------------------------------------------------------
    def edit_refusal(self, actor: str, report_id: int) -> str | None:
        """Why actor may not change this report now (a Chinese sentence), or None.

        The one place the rule is asked: the interview opens read-only on it, the line mode
        refuses to start on it, and save() enforces the same check (report/rules.py)."""
        from . import rules
        from .errors import NotFoundError

        row = self.conn.execute("SELECT status FROM reports WHERE id = ?", (report_id,)).fetchone()
        if row is None:
            raise NotFoundError(
                f"找不到编号为 {report_id} 的报告。可用 zicha report list 查看已有报告。"
            )
        return rules.edit_refusal(self.conn, actor, row[0])

    def may_create(self, actor: str) -> bool:
        """Whether actor's role may create, import or delete reports (a screen hides those
        keys otherwise); the store still refuses on its own when asked."""
        from . import rules
        from .errors import PermissionDenied

        try:
            rules.check_create(self.conn, actor)
        except PermissionDenied:
            return False
        return True

    def role_of(self, actor: str) -> str | None:
        """actor's role (officer / supervisor / admin); None without user accounts, where
        every action is open (a screen shows the keys a role can use)."""
        from .users import get_user

        if not self.has_users():
            return None
        user = get_user(self.conn, actor)
        return user.role if user is not None else None

    # --- review threads ------------------------------------------------------------------------
    def threads(self, report_id: int, open_only: bool = False) -> list[Thread]:
        from .comments import threads

        return threads(self.conn, report_id, open_only=open_only)

    def open_threads_by_anchor(
        self, report_id: int, report: Report | None = None
    ) -> dict[str, list[Thread]]:
        """Open threads keyed by point id, else section key, else "" (the whole report)."""
        from .comments import open_by_anchor

        return open_by_anchor(self.conn, report_id, report)

    def threads_by_anchor(
        self, report_id: int, report: Report | None, open_only: bool = False
    ) -> dict[str, list[Thread]]:
        """Threads keyed by point id, else section key, else "" (report/comments.by_anchor)."""
        from .comments import by_anchor

        return by_anchor(self.conn, report_id, report, open_only=open_only)

    def resubmit_refusal(self, report_id: int) -> str | None:
        """Why a returned report cannot be submitted again yet, or None."""
        from .workflow import resubmit_refusal

        return resubmit_refusal(self.conn, report_id)

    def unanswered_return_comments(self, report_id: int) -> list[Thread]:
        from .comments import unanswered_return_comments

        return unanswered_return_comments(self.conn, report_id)

    # --- review facts --------------------------------------------------------------------------
    def review_info(self, report_id: int) -> ReviewInfo:
        from .workflow import review_info

        return review_info(self.conn, report_id)

    def approval(self, report_id: int) -> ReviewInfo | None:
        from .workflow import approval

        return approval(self.conn, report_id)

    def waiting_for(self, actor: str) -> list[int]:
        from .workflow import waiting_for

        return waiting_for(self.conn, actor)

    def snapshots(self, report_id: int) -> list[Snapshot]:
        from .snapshots import list_snapshots

        return list_snapshots(self.conn, report_id)

    # --- users ---------------------------------------------------------------------------------
    def has_users(self) -> bool:
        from .listing import has_users

        return has_users(self.conn)

    def users(self) -> list[User]:
        from .users import list_users

        return list_users(self.conn)

    def add_user(self, name: str, role: str, password: str, actor: str) -> User:
        from .users import add_user

        return add_user(self.conn, name, role, password, actor)

    def set_password(self, name: str, password: str, actor: str) -> None:
        from .users import set_password

        set_password(self.conn, name, password, actor)

    def disable_user(self, name: str, actor: str) -> None:
        from .users import disable_user

        disable_user(self.conn, name, actor)

    def authenticate(self, name: str, password: str) -> User:
        from .users import authenticate

        return authenticate(self.conn, name, password)

    def account_changes(self, name: str, since: str) -> list[AuditEvent]:
        """Audit events that changed name's account since `since` (report/users.py)."""
        from .users import account_changes

        return account_changes(self.conn, name, since)

    def require_admin(self, actor: str, what: str = "管理用户") -> User:
        from .users import require_admin

        return require_admin(self.conn, actor, what)
