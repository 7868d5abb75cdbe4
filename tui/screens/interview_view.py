"""Engine results turned into what the interview screen shows (pure functions, no widgets)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from report.cycle_view import prior_label
from report.local_time import local_minutes
from report.models import PENDING_STATUS, is_area_key
from tui import strings as S
from tui.widgets.section_tree import PointRow, SectionRow

if TYPE_CHECKING:
    from interview.bank import Bank
    from interview.coverage import Coverage
    from interview.models import Accepted, FollowUp, Prompt, WeaknessRow
    from report.comments import Thread
    from report.models import Report

I = S.INTERVIEW  # noqa: E741

# (role, text, note) triples for ChatLog.add
Lines = list[tuple[str, str, str]]


def prompt_where(p: Prompt) -> str:
    if p.kind == "point":
        return I["where"].format(section=p.section_title, pos=p.position, total=p.section_total)
    return p.section_title


def finished_text(report: Report | None, cov: Coverage | None) -> str:
    """「访谈已全部完成」, and what is still open: statuses to confirm, points skipped."""
    left = []
    pending = 0
    if report is not None:
        pending = sum(
            1
            for s in report.sections
            if is_area_key(s.key)
            for p in s.points
            if not p.skipped and p.shown_status == PENDING_STATUS
        )
    if pending:
        left.append(I["left_pending"].format(n=pending))
    if cov is not None and cov.skipped:
        left.append(I["left_skipped"].format(n=cov.skipped))
    if not left:
        return I["finished"]
    return I["finished"] + "\n" + I["finished_left"].format(what="，".join(left))


def weakness_lines(rows: list[WeaknessRow]) -> Lines:
    """The rectification stage opens with every weakness found: point, words, status."""
    if not rows:
        return [("notice", I["weaknesses_none"], "")]
    body = "\n".join(f"{i}. {row.line()}" for i, row in enumerate(rows, 1))
    return [("notice", I["weaknesses_head"].format(n=len(rows)) + "\n" + body, "")]


def confirm_lines(p: Prompt | None) -> Lines:
    if p is None or p.confirm is None:
        return []
    c = p.confirm
    line = I["confirm_line"] if c.status else I["choose_line"]
    return [("notice", line.format(label=c.label, text=c.text()), "")]


def shown_status(p: Prompt) -> str | None:
    if p.status is None:
        return None if p.status_confirmed else I["pending_status_none"]
    return p.status if p.status_confirmed else I["pending_status"].format(status=p.status)


def prompt_lines(p: Prompt, unsent: str = "") -> Lines:
    head = f"{prompt_where(p)}　{p.label}"
    text = p.control.question
    if p.problem:
        text = f"问题：{p.problem}\n{text}"
    if p.control.explanation:
        text += "\n" + I["explain"].format(text=p.control.explanation)
    lines: Lines = [("assistant", text, head)]
    if p.previous:
        body = p.previous + ("\n" + I["review_hint"] if p.review_pending else "")
        lines.append(("notice", body, I["previous_note"]))
    if p.origin:
        lines.append(("notice", f"〔{p.origin}〕", ""))
    if p.proposal:
        lines.append(("drafted", p.proposal, I["proposal"]))
    if p.existing_text and not p.review_pending:
        body = I["existing"].format(text=p.existing_text)
        if p.existing_drafted and p.existing_drafted != p.existing_text:
            body += "\n" + I["existing_drafted"].format(text=p.existing_drafted)
        lines.append(("notice", body + "\n" + I["existing_hint"], ""))
    if p.followup_question:
        lines.append(("user", p.pending, I["pending"].format(text="")[:-1]))
        note = I["followup_note"].format(n=p.followups, m=p.max_followups, reason="")
        lines.append(("followup", p.followup_question + "\n" + I["followup_hint"], note[:-1]))
    if p.notice:
        lines.append(("notice", p.notice, ""))
    if unsent:
        lines.append(("notice", I["unsent_restored"], ""))
    return lines + confirm_lines(p)


def followup_lines(f: FollowUp, sent: str) -> Lines:
    note = I["followup_note"].format(n=f.count, m=f.max_followups, reason=f.reason_text())
    lines: Lines = [("user", sent, "")]
    lines.append(("followup", f.question + "\n" + I["followup_hint"], note))
    if f.suggestion and f.suggestion.text:
        lines.append(("notice", f"（语言模型建议的追问：{f.suggestion.text}）", ""))
    return lines


def accepted_lines(a: Accepted, sent: str) -> Lines:
    lines: Lines = [("user", sent, "")] if sent else []
    if a.section_key in ("assessment", "rectification", "prior"):
        note = ""
    elif a.proposal is not None:
        note = I["proposal_note"]
    else:
        note = I["accepted_note"].format(status=a.status or "未设置", guess="")
    lines.append(("drafted", a.drafted, note))
    lines.extend(("notice", text, "") for text in a.notes)
    if a.proposal is not None:
        lines.append(("notice", a.proposal.text(), ""))
    if a.problems:
        lines.append(("notice", I["problems"].format(text="；".join(a.problems)), ""))
    if a.notice:
        lines.append(("notice", a.notice, ""))
    return lines


def current_control(p: Prompt | None) -> str | None:
    """The tree row that is current: a bank control id, or a custom point's id."""
    if p is None:
        return None
    if p.kind == "point":
        return p.control.id
    return p.point_id


def prior_row(report: Report | None, p: Prompt | None) -> SectionRow | None:
    """上年度整改落实情况 first in the tree, for a report started from last year's."""
    if report is None or not report.prior_items:
        return None
    current = p.point_id if p is not None and p.kind == "prior" else None
    points = [
        PointRow(
            id=item.id,
            title=prior_label(item),
            mark="done" if item.outcome else "todo",
            current=item.id == current,
            change=item.outcome or "",
        )
        for item in report.prior_items
    ]
    return SectionRow(
        key="prior",
        title=I["prior"],
        points=points,
        done=all(i.outcome for i in report.prior_items),
    )


def tree_rows(
    cov: Coverage,
    p: Prompt | None,
    comments: dict[str, int] | None = None,
    report: Report | None = None,
) -> list[SectionRow]:
    """Sections with points; unanswered points the officer already passed are gaps.

    `comments` counts open review threads by point id or section key. With the report, a
    report started from last year's also shows 上年度整改落实情况, 待复核 points and each
    point's mark against last year (新增 / 修改 / 未变 / 删除).
    """
    from report.carry import change_marks

    comments = comments or {}
    marks = change_marks(report) if report is not None else {}
    pending = (
        {pt.id for s in report.sections for pt in s.points if pt.review_pending}
        if report is not None
        else set()
    )
    current = current_control(p)
    passed = False  # becomes True at the current row; rows before it are behind us
    rows: list[SectionRow] = []
    if first := prior_row(report, p):
        rows.append(first)
    for sc in cov.sections:
        points: list[PointRow] = []
        for r in sc.rows:
            ident = r.control_id or r.point_id or ""
            is_current = current is not None and ident == current
            if is_current:
                passed = True
            if r.state == "待复核" or (r.point_id in pending and r.state == "自拟"):
                mark = "review"
            elif r.state in ("已答", "自拟"):
                mark = "confirm" if r.status == PENDING_STATUS else "done"
            elif r.state == "跳过":
                mark = "skipped"
            elif is_current:
                mark = "todo"
            else:
                mark = "gap" if p is None or not passed or sc.done else "todo"
            points.append(
                PointRow(
                    id=ident,
                    title=r.title,
                    mark=mark,
                    current=is_current,
                    comments=comments.get(r.point_id or "", 0),
                    change=marks.get(r.point_id or "", ""),
                )
            )
        rows.append(
            SectionRow(
                key=sc.key,
                title=sc.title,
                done=sc.done,
                points=points,
                comments=comments.get(sc.key, 0),
            )
        )
    rows.append(
        SectionRow(
            key="assessment",
            title=I["assessment"],
            done=cov.assessment_done,
            points=[],
        )
    )
    rows.append(
        SectionRow(
            key="rectification",
            title=I["rectification"],
            points=[],
            comments=comments.get("rectification", 0),
        )
    )
    return rows


def comment_lines(threads: list[Thread], report: Report | None = None) -> Lines:
    """One chat message per open review thread: the comment, its replies, where it points."""
    lines: Lines = []
    for t in threads:
        c = t.comment
        text = I["comment_head"].format(
            id=c.id, author=c.author, when=local_minutes(c.created_at), body=c.body
        )
        for r in t.replies:
            text += "\n" + I["comment_reply"].format(author=r.author, body=r.body)
        state = I["comment_answered"] if t.answered else I["comment_waiting"]
        note = f"{t.anchor_label(report)}　{state}"
        lines.append(("comment", text, note))
    return lines


def comment_counts(threads: dict[str, list[Thread]], report: Report | None) -> dict[str, int]:
    """Open threads per tree row: point id, or section key (rectification points have no row,
    so theirs count on the section)."""
    counts: dict[str, int] = {}
    for key, items in threads.items():
        if not key:
            continue  # the whole report: shown in the chat, no row
        if report is not None and key not in {s.key for s in report.sections}:
            try:
                section, _ = report.find_point(key)
            except KeyError:
                continue
            if section.key == "rectification":
                key = "rectification"
        counts[key] = counts.get(key, 0) + len(items)
    return counts


def replay_lines(report: Report, bank: Bank, p: Prompt | None) -> Lines:
    """On reopening: the section's answered points (question + sentence for the report),
    so the officer sees where the conversation stands. The current point is asked next."""
    if p is None or not is_area_key(p.section_key):
        return []
    lines: Lines = []
    for point in report.section(p.section_key).points:
        if point.skipped or point.id == p.point_id or not point.body:
            continue
        cp = bank.get(point.control_point) if point.control_point else None
        if cp is not None and not point.custom:
            lines.append(("assistant", cp.question, f"{cp.id} {cp.title}"))
        else:
            lines.append(("assistant", I["replay_own"], ""))
        status = point.shown_status or "未设置"
        if status == PENDING_STATUS:
            status = I["pending_status"].format(status=point.status)
        note = I["accepted_note"].format(status=status, guess="")
        lines.append(("drafted", point.body, note))
    if lines:
        head = I["replay"].format(section=p.section_title)
        lines.insert(0, ("notice", head, ""))
    return lines
