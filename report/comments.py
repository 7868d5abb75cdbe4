"""Review comments: anchored to the whole report, a section or a point; threads; resolve.

A supervisor opens a comment on a submitted report; officers and supervisors reply and resolve
until the report is approved. Comments open when a report is returned are marked with that
return round; the report cannot be submitted again until each is answered or resolved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from . import audit, rules
from .errors import NotFoundError, PermissionDenied, ZichaError
from .models import SECTION_TITLES, Report

if TYPE_CHECKING:
    from .backend import Conn
    from .store import ReportStore
    from .users import User

MAX_COMMENT_CHARS = 2000


class Comment(BaseModel):
    id: int
    report_id: int
    parent_id: int | None
    section_key: str | None
    point_id: str | None
    body: str
    author: str
    created_at: str
    return_round: int | None
    resolved_by: str | None
    resolved_at: str | None

    @property
    def resolved(self) -> bool:
        return self.resolved_at is not None


class Thread(BaseModel):
    comment: Comment
    replies: list[Comment] = Field(default_factory=list)

    @property
    def answered(self) -> bool:
        return any(r.author != self.comment.author for r in self.replies)

    @property
    def open(self) -> bool:
        return not self.comment.resolved

    def anchor_label(self, report: Report | None = None) -> str:
        c = self.comment
        if c.point_id:
            label = f"{SECTION_TITLES.get(c.section_key or '', '')}·段落 {c.point_id}"
            if report is not None:
                try:
                    section, point = report.find_point(c.point_id)
                except KeyError:
                    return f"{label}（该段已删除）"
                n = section.points.index(point) + 1
                label = f"{section.title}·第 {n} 段"
            return label
        if c.section_key:
            if report is not None:
                return report.section_title(c.section_key)
            return SECTION_TITLES.get(c.section_key, c.section_key)
        return "全文"


_COLS = (
    "id, report_id, parent_id, section_key, point_id, body, author, created_at, return_round,"
    " resolved_by, resolved_at"
)


# What a comment's audit row covers: the fields that never change after it is written.
IMMUTABLE_FIELDS = (
    "id",
    "report_id",
    "parent_id",
    "section_key",
    "point_id",
    "body",
    "author",
    "created_at",
)


def immutable_part(c: Comment) -> dict[str, Any]:
    return c.model_dump(include=set(IMMUTABLE_FIELDS))


def _comment(row: tuple[Any, ...]) -> Comment:
    return Comment(**dict(zip(_COLS.split(", "), row, strict=True)))


def _clean_body(body: str) -> str:
    from .limits import clean_text

    body = clean_text(body or "").strip()  # no terminal escapes in what others will read
    if not body:
        raise ZichaError("批注内容不能为空，请写明意见。")
    if len(body) > MAX_COMMENT_CHARS:
        raise ZichaError(f"批注太长（{len(body)} 字），请控制在 {MAX_COMMENT_CHARS} 字以内。")
    return body


def resolve_anchor(
    report: Report, section: str | None, point: str | None
) -> tuple[str | None, str | None]:
    """Check an anchor against the report; a point implies its section."""
    if point:
        try:
            sec, _ = report.find_point(point)
        except KeyError:
            raise ZichaError(
                f"报告 {report.id} 中没有编号为 {point} 的段落。可用 zicha review show {report.id} 查看段落编号。"
            ) from None
        return sec.key, point
    if section:
        keys = [s.key for s in report.sections]
        if section not in keys:
            names = "、".join(f"{k}（{report.section_title(k)}）" for k in keys)
            raise ZichaError(f"没有名为「{section}」的部分。可选：{names}。")
        return section, None
    return None, None


def insert(
    conn: Conn,
    report: Report,
    actor: str,
    body: str,
    section: str | None = None,
    point: str | None = None,
    action: str = "comment",
) -> Comment:
    """Insert a top-level comment and log it. No permission checks: callers do them."""
    assert report.id is not None
    body = _clean_body(body)
    section, point = resolve_anchor(report, section, point)
    new_id = conn.insert(
        "INSERT INTO comments (report_id, section_key, point_id, body, author, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (report.id, section, point, body, actor, audit.now_iso()),
    )
    comment = get_comment(conn, new_id)
    audit.append_event(
        conn,
        actor=actor,
        action=action,
        report_id=report.id,
        change=immutable_part(comment),
        detail=f"#{comment.id} {body[:40]}",
    )
    return comment


def add_comment(
    store: ReportStore,
    report_id: int,
    actor: str,
    body: str,
    section: str | None = None,
    point: str | None = None,
) -> Comment:
    """A supervisor's comment on a submitted report."""
    with store.transaction() as conn:
        user = rules.require_user(conn, actor)
        rules.require_role(user, rules.REVIEWER_ROLES, "提出批注")
        report = store.get(report_id)
        if report.status != "submitted":
            raise PermissionDenied("只能对已提交审核的报告提出批注。")
        return insert(conn, report, actor, body, section, point)


def get_comment(conn: Conn, comment_id: int) -> Comment:
    row = conn.execute(f"SELECT {_COLS} FROM comments WHERE id = ?", (comment_id,)).fetchone()
    if row is None:
        raise NotFoundError(
            f"找不到编号为 {comment_id} 的批注。可用 zicha review comments 报告编号 查看。"
        )
    return _comment(row)


def _top_for_action(
    store: ReportStore, conn: Conn, comment_id: int, actor: str
) -> tuple[User, Comment, Report]:
    user = rules.require_user(conn, actor)
    top = get_comment(conn, comment_id)
    if top.parent_id is not None:
        top = get_comment(conn, top.parent_id)
    report = store.get(top.report_id)
    if report.status == "approved":
        raise PermissionDenied("报告已审定并冻结，批注不能再回复或更改。")
    return user, top, report


def reply(store: ReportStore, comment_id: int, actor: str, body: str) -> Comment:
    with store.transaction() as conn:
        _, top, report = _top_for_action(store, conn, comment_id, actor)
        body = _clean_body(body)
        new_id = conn.insert(
            "INSERT INTO comments (report_id, parent_id, section_key, point_id, body, author,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (report.id, top.id, top.section_key, top.point_id, body, actor, audit.now_iso()),
        )
        comment = get_comment(conn, new_id)
        audit.append_event(
            conn,
            actor=actor,
            action="reply",
            report_id=report.id,
            change=immutable_part(comment),
            detail=f"回复 #{top.id}：{body[:40]}",
        )
        return comment


def resolve(store: ReportStore, comment_id: int, actor: str) -> Comment:
    with store.transaction() as conn:
        _, top, report = _top_for_action(store, conn, comment_id, actor)
        if top.resolved:
            raise ZichaError(f"批注 #{top.id} 已由 {top.resolved_by} 标为已解决。")
        now = audit.now_iso()
        conn.execute(
            "UPDATE comments SET resolved_by = ?, resolved_at = ? WHERE id = ?",
            (actor, now, top.id),
        )
        audit.append_event(
            conn,
            actor=actor,
            action="resolve",
            report_id=report.id,
            change={"id": top.id, "resolved_at": now},
            detail=f"#{top.id}",
        )
        return get_comment(conn, top.id)


def threads(conn: Conn, report_id: int, open_only: bool = False) -> list[Thread]:
    rows = [
        _comment(r)
        for r in conn.execute(
            f"SELECT {_COLS} FROM comments WHERE report_id = ? ORDER BY id", (report_id,)
        )
    ]
    tops = {c.id: Thread(comment=c) for c in rows if c.parent_id is None}
    for c in rows:
        if c.parent_id is not None and c.parent_id in tops:
            tops[c.parent_id].replies.append(c)
    out = list(tops.values())
    return [t for t in out if t.open] if open_only else out


def open_by_anchor(
    conn: Conn, report_id: int, report: Report | None = None
) -> dict[str, list[Thread]]:
    """Open threads keyed by point id, else section key, else "" (whole report): for margins.

    Given the report, a comment on a paragraph that no longer exists moves to its section.
    """
    return by_anchor(conn, report_id, report, open_only=True)


def by_anchor(
    conn: Conn, report_id: int, report: Report | None, open_only: bool = False
) -> dict[str, list[Thread]]:
    """Threads keyed by the anchor they are shown beside: point id, else section key, else ""
    (the whole report). A comment on a paragraph since deleted moves to its section."""
    points = {p.id for s in report.sections for p in s.points} if report else None
    out: dict[str, list[Thread]] = {}
    for t in threads(conn, report_id, open_only=open_only):
        point = t.comment.point_id
        if points is not None and point not in points:
            point = None
        key = point or t.comment.section_key or ""
        out.setdefault(key, []).append(t)
    return out


def unanswered_return_comments(conn: Conn, report_id: int) -> list[Thread]:
    return [
        t
        for t in threads(conn, report_id, open_only=True)
        if t.comment.return_round is not None and not t.answered
    ]


def mark_return_round(conn: Conn, report_id: int, round_no: int) -> int:
    """Tie every open, unmarked top-level comment to this return; returns how many."""
    cur = conn.execute(
        "UPDATE comments SET return_round = ? WHERE report_id = ? AND parent_id IS NULL"
        " AND return_round IS NULL AND resolved_at IS NULL",
        (round_no, report_id),
    )
    return cur.rowcount
