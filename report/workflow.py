"""The review workflow: submit, return, approve, reopen.

草稿 draft → 已提交 submitted → 退回修改 returned → … → 已审定 approved; a supervisor may reopen
an approved report with a reason, which starts a new edition (第 N 稿) as a draft. Every step is
one transaction that checks the rules, changes the report, and appends to the audit log.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from pydantic import BaseModel

from . import audit, comments, rules, snapshots
from .errors import ConflictError, NotReadyError, PermissionDenied, ZichaError
from .labels import STATE_LABELS
from .models import Report
from .store import ReportStore

if TYPE_CHECKING:
    from .backend import Conn


class ReviewInfo(BaseModel):
    """Where a report stands in review; exports read approved_by/approved_at from here."""

    report_id: int
    status: str
    edition: int = 1
    submitted_by: str | None = None
    submitted_at: str | None = None
    approved_by: str | None = None
    approved_at: str | None = None
    last_return_round: int | None = None

    @property
    def status_label(self) -> str:
        return STATE_LABELS[self.status]


def review_info(conn: Conn, report_id: int) -> ReviewInfo:
    status = conn.execute("SELECT status FROM reports WHERE id = ?", (report_id,)).fetchone()
    row = conn.execute(
        "SELECT edition, submitted_by, submitted_at, approved_by, approved_at, last_return_round"
        " FROM reviews WHERE report_id = ?",
        (report_id,),
    ).fetchone()
    info = ReviewInfo(report_id=report_id, status=status[0] if status else "draft")
    if row:
        info = info.model_copy(
            update=dict(
                zip(
                    (
                        "edition",
                        "submitted_by",
                        "submitted_at",
                        "approved_by",
                        "approved_at",
                        "last_return_round",
                    ),
                    row,
                    strict=True,
                )
            )
        )
    return info


def approval(conn: Conn, report_id: int) -> ReviewInfo | None:
    """The approval record of an approved report, else None."""
    info = review_info(conn, report_id)
    return info if info.status == "approved" and info.approved_by else None


def waiting_for(conn: Conn, actor: str) -> list[int]:
    """Report ids that need this user's action: submitted ones for a supervisor who may
    approve them, returned ones for their authors and editors."""
    from .users import get_user

    user = get_user(conn, actor)
    if user is None:
        return []
    out = []
    for rid, status in conn.execute("SELECT id, status FROM reports ORDER BY id"):
        if user.role in rules.REVIEWER_ROLES and status == "submitted":
            if actor not in rules.editors(conn, rid):
                out.append(rid)
        elif user.role in rules.WRITER_ROLES and status == "returned":
            if actor in rules.editors(conn, rid):
                out.append(rid)
    return out


# --- helpers -----------------------------------------------------------------------------
def _load(store: ReportStore, report_id: int, expected_revision: int | None) -> Report:
    report = store.get(report_id)
    if expected_revision is not None and report.revision != expected_revision:
        raise ConflictError(
            f"报告 {report_id} 已被他人修改（您看到的是第 {expected_revision} 版，当前为第 "
            f"{report.revision} 版），本次操作未执行。请重新打开报告后再试。"
        )
    return report


def _require_status(report: Report, allowed: tuple[str, ...], what: str) -> None:
    if report.status not in allowed:
        need = "或".join(f"「{STATE_LABELS[s]}」" for s in allowed)
        raise PermissionDenied(
            f"报告 {report.id} 当前为「{STATE_LABELS[report.status]}」，只有{need}的报告才能{what}。"
        )


def _reason(reason: str, what: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ZichaError(f"{what}必须写明理由。")
    return reason


def _ensure_review_row(conn: Conn, report_id: int) -> None:
    conn.execute(
        "INSERT INTO reviews (report_id) VALUES (?) ON CONFLICT (report_id) DO NOTHING",
        (report_id,),
    )


def _change_status(
    store: ReportStore,
    conn: Conn,
    report: Report,
    status: str,
    actor: str,
    action: str,
    detail: str,
) -> Report:
    changed = report.model_copy(update={"status": status})
    store.write_report(conn, changed, actor, action, detail)
    return store.get(report.id or 0)


# --- actions -------------------------------------------------------------------------------
def resubmit_refusal(conn: Conn, report_id: int) -> str | None:
    """Why a returned report cannot be submitted again yet (its return comments wait for an
    answer), or None. submit() refuses on it; the draft screen says it before anyone tries."""
    pending = comments.unanswered_return_comments(conn, report_id)
    if not pending:
        return None
    ids = "、".join(f"#{t.comment.id}" for t in pending)
    return (
        f"退回时的 {len(pending)} 条批注（{ids}）尚未回复或解决，不能再次提交。"
        "请逐条回复（zicha review reply）或标为已解决（zicha review resolve）。"
    )


def submit(
    store: ReportStore,
    report_id: int,
    actor: str,
    expected_revision: int | None = None,
    *,
    check: Callable[[Report], str | None] | None = None,
) -> snapshots.Snapshot:
    """Officer submits a draft or returned report; stores an immutable snapshot.

    check(report) -> a Chinese refusal or None: the preflight errors that block submission
    (the caller composes them; report/ knows neither the question bank nor the exporter).
    It sees the very revision that would be submitted.
    """
    with store.transaction() as conn:
        user = rules.require_user(conn, actor)
        rules.require_role(user, rules.WRITER_ROLES, "提交报告")
        report = _load(store, report_id, expected_revision)
        _require_status(report, ("draft", "returned"), "提交")
        refusal = check(report) if check is not None else None
        if refusal:
            raise NotReadyError(refusal)
        refusal = resubmit_refusal(conn, report_id)
        if refusal:
            raise PermissionDenied(refusal)
        _ensure_review_row(conn, report_id)
        info = review_info(conn, report_id)
        seq = len(snapshots.list_snapshots(conn, report_id)) + 1
        saved = _change_status(
            store,
            conn,
            report,
            "submitted",
            actor,
            "submit",
            snapshots.submission_label(seq)
            + (f"（{snapshots.edition_label(info.edition)}）" if info.edition > 1 else ""),
        )
        conn.execute(
            "UPDATE reviews SET submitted_by = ?, submitted_at = ? WHERE report_id = ?",
            (actor, saved.updated_at, report_id),
        )
        body = conn.execute("SELECT body FROM reports WHERE id = ?", (report_id,)).fetchone()[0]
        return snapshots.take(conn, report_id, body, info.edition, saved.revision, actor)


def return_report(
    store: ReportStore,
    report_id: int,
    actor: str,
    reason: str,
    section: str | None = None,
    point: str | None = None,
    expected_revision: int | None = None,
) -> Report:
    """Supervisor returns a submitted report; the reason becomes a comment to be answered."""
    with store.transaction() as conn:
        user = rules.require_user(conn, actor)
        rules.require_role(user, rules.REVIEWER_ROLES, "退回报告")
        report = _load(store, report_id, expected_revision)
        _require_status(report, ("submitted",), "退回")
        reason = _reason(reason, "退回")
        comments.insert(conn, report, actor, reason, section, point)
        _ensure_review_row(conn, report_id)
        round_no = (review_info(conn, report_id).last_return_round or 0) + 1
        comments.mark_return_round(conn, report_id, round_no)
        conn.execute(
            "UPDATE reviews SET last_return_round = ? WHERE report_id = ?", (round_no, report_id)
        )
        return _change_status(store, conn, report, "returned", actor, "return", reason)


def _check_approve(
    store: ReportStore, report_id: int, actor: str, expected_revision: int | None
) -> Report:
    conn = store.conn
    user = rules.require_user(conn, actor)
    rules.require_role(user, rules.REVIEWER_ROLES, "审定报告")
    report = _load(store, report_id, expected_revision)
    _require_status(report, ("submitted",), "审定")
    if actor in rules.editors(conn, report_id):
        raise PermissionDenied(
            f"您（{actor}）起草或修改过这份报告，按不相容岗位分离的要求不能审定它。"
            "请由未参与编写的审核人审定。"
        )
    return report


def approve_refusal(
    store: ReportStore, report_id: int, actor: str, expected_revision: int | None = None
) -> str | None:
    """Why actor could not approve now, or None: lets a screen refuse before asking to confirm."""
    try:
        _check_approve(store, report_id, actor, expected_revision)
    except ZichaError as exc:
        return str(exc)
    return None


def approve(
    store: ReportStore, report_id: int, actor: str, expected_revision: int | None = None
) -> Report:
    """Supervisor approves; never the author or anyone who edited the report."""
    with store.transaction() as conn:
        report = _check_approve(store, report_id, actor, expected_revision)
        _ensure_review_row(conn, report_id)
        # Approval closes the review: threads still open are resolved by the approver.
        closed = conn.execute(
            "UPDATE comments SET resolved_by = ?, resolved_at = ? WHERE report_id = ?"
            " AND parent_id IS NULL AND resolved_at IS NULL",
            (actor, audit.now_iso(), report_id),
        ).rowcount
        detail = "审定通过" + (f"，{closed} 条批注随之关闭" if closed else "")
        saved = _change_status(store, conn, report, "approved", actor, "approve", detail)
        conn.execute(
            "UPDATE reviews SET approved_by = ?, approved_at = ? WHERE report_id = ?",
            (actor, saved.updated_at, report_id),
        )
        return saved


def reopen(
    store: ReportStore,
    report_id: int,
    actor: str,
    reason: str,
    expected_revision: int | None = None,
) -> Report:
    """Supervisor reopens an approved report with a reason: a new edition starts as a draft."""
    with store.transaction() as conn:
        user = rules.require_user(conn, actor)
        rules.require_role(user, rules.REVIEWER_ROLES, "重新打开已审定的报告")
        report = _load(store, report_id, expected_revision)
        _require_status(report, ("approved",), "重新打开")
        reason = _reason(reason, "重新打开")
        _ensure_review_row(conn, report_id)
        edition = review_info(conn, report_id).edition + 1
        conn.execute(
            "UPDATE reviews SET edition = ?, approved_by = NULL, approved_at = NULL"
            " WHERE report_id = ?",
            (edition, report_id),
        )
        comments.insert(conn, report, actor, f"重新打开：{reason}")
        return _change_status(
            store, conn, report, "draft", actor, "reopen", f"开始第 {edition} 稿：{reason}"
        )


def version(store: ReportStore, report_id: int, spec: str) -> tuple[str, Report]:
    """A version named by the user: a submission number (1, 2, …) or 当前/current (the draft)."""
    spec = (spec or "").strip().lower()
    if spec in ("上年", "上年度", "last-year", "last", "prev"):
        from .carry import predecessor_base

        base, label = predecessor_base(store, store.get(report_id))
        return label, base
    if spec in ("current", "当前", "draft", "草稿", "c"):
        report = store.get(report_id)
        return f"当前稿（第 {report.revision} 版，{STATE_LABELS[report.status]}）", report
    if not spec.isdigit():
        raise ZichaError(f"版本「{spec}」不认识：请写提交序号（如 1、2）或「当前」（current）。")
    snap = snapshots.get_snapshot(store.conn, report_id, int(spec))
    return snap.label, snap.report()
