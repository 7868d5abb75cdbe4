"""Who may do what to a report in which state. Pure checks: they raise, they never write.

Single-user mode (no users yet): the actor is the local user; reports can be written and edited
but not submitted, so the review rules never apply. Once users exist every actor must be an
active user and the roles below apply. Admin manages users only: system administration and
business handling are kept apart (系统管理与业务经办分离), so an admin neither writes nor reviews.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import PermissionDenied
from .labels import STATE_LABELS
from .listing import has_users
from .users import ROLE_LABELS, User, get_user

if TYPE_CHECKING:
    from .backend import Conn

WRITER_ROLES = ("officer",)
REVIEWER_ROLES = ("supervisor",)

# Audit actions that do not change a report's contents: their actors are not "editors".
NON_EDIT_ACTIONS = frozenset(
    {
        "submit",
        "comment",
        "reply",
        "resolve",
        "return",
        "approve",
        "reopen",
        "export",
        "ledger_export",
        "delete",
        "view",
        "login_failed",
        "user_add",
        "user_passwd",
        "user_disable",
    }
)

_FROZEN = {
    "submitted": "报告已提交审核，目前只读。如需修改，请审核人退回（zicha review return）。",
    "approved": "报告已审定并冻结，不能修改。如需修改，请审核人填写理由重新打开（zicha review reopen）。",
}


def acting_user(conn: Conn, actor: str) -> User | None:
    """The logged-in user, or None in single-user mode. Refuses unknown or disabled actors."""
    if not has_users(conn):
        return None
    user = get_user(conn, actor)
    if user is None:
        raise PermissionDenied(
            "已启用多用户，请先登录：命令行用 --user 用户名（或环境变量 ZICHA_USER），"
            "界面中在登录屏输入用户名和密码。"
        )
    if user.disabled:
        raise PermissionDenied(f"用户「{actor}」已停用，不能再操作。请联系管理员。")
    return user


def require_user(conn: Conn, actor: str) -> User:
    """Review actions need real users: an author and a different reviewer."""
    user = acting_user(conn, actor)
    if user is None:
        raise PermissionDenied(
            "审核流程至少需要一名经办人和一名审核人。请先用 zicha user add 添加用户"
            "（第一个用户自动成为管理员）。"
        )
    return user


def _not_writer(user: User, what: str) -> str:
    if user.role == "admin":
        return (
            f"管理员只管理用户，不能{what}（系统管理与业务经办分离）。"
            "请用经办人账号登录；如需要，先用 zicha user add 名字 --role officer 建一个经办人账号。"
        )
    return f"审核人不能{what}。请由经办人办理；审核意见请用批注提出（zicha review comment）。"


def require_role(user: User, roles: tuple[str, ...], what: str) -> None:
    if user.role not in roles:
        allowed = "、".join(ROLE_LABELS[r] for r in roles)
        account = ROLE_LABELS[roles[0]]
        hint = f"请用{account}账号登录后再{what}"
        if user.role == "admin":
            hint += f"（没有{account}账号时，先用 zicha user add 名字 --role {roles[0]} 添加）"
        raise PermissionDenied(
            f"只有{allowed}可以{what}；您（{user.name}）是{user.role_label}。{hint}。"
        )


def check_create(conn: Conn, actor: str, status: str = "draft") -> None:
    user = acting_user(conn, actor)
    if user is not None and user.role not in WRITER_ROLES:
        raise PermissionDenied(_not_writer(user, "新建或填写报告"))
    if status != "draft":
        raise PermissionDenied("新报告只能从草稿开始；提交和审定请走审核流程（zicha review …）。")


def check_edit(conn: Conn, actor: str, stored_status: str, new_status: str) -> None:
    """An edit through ReportStore.save: contents only, by a writer, in draft or returned."""
    user = acting_user(conn, actor)
    if stored_status in _FROZEN:
        raise PermissionDenied(_FROZEN[stored_status])
    if user is not None and user.role not in WRITER_ROLES:
        raise PermissionDenied(_not_writer(user, "修改报告内容"))
    if new_status != stored_status:
        raise PermissionDenied(
            f"报告状态不能直接改为「{STATE_LABELS.get(new_status, new_status)}」："
            "状态只能通过提交、退回、审定、重新打开改变（zicha review …）。"
        )


def edit_refusal(conn: Conn, actor: str, stored_status: str) -> str | None:
    """Why actor may not edit a report in this state, or None: lets a screen go read-only."""
    try:
        check_edit(conn, actor, stored_status, stored_status)
    except PermissionDenied as exc:
        return str(exc)
    return None


def check_delete(conn: Conn, actor: str, stored_status: str) -> None:
    user = acting_user(conn, actor)
    if stored_status in _FROZEN:
        raise PermissionDenied(f"报告处于「{STATE_LABELS[stored_status]}」状态，不能删除。")
    if user is not None and user.role not in WRITER_ROLES:
        raise PermissionDenied(_not_writer(user, "删除报告"))


def editors(conn: Conn, report_id: int) -> set[str]:
    """Everyone who created or changed the report's contents, read from the audit log."""
    names = {
        row[0]
        for row in conn.execute(
            "SELECT DISTINCT actor, action FROM audit WHERE report_id = ?", (report_id,)
        )
        if row[1] not in NON_EDIT_ACTIONS
    }
    row = conn.execute("SELECT created_by FROM reports WHERE id = ?", (report_id,)).fetchone()
    if row and row[0]:
        names.add(row[0])
    return names
