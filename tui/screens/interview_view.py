"""Engine results turned into what the interview screen shows (pure functions, no widgets)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui import strings as S
from tui.widgets.section_tree import PointRow, SectionRow

if TYPE_CHECKING:
    from interview.coverage import Coverage
    from interview.models import Accepted, FollowUp, Prompt

I = S.INTERVIEW  # noqa: E741

# (role, text, note) triples for ChatLog.add
Lines = list[tuple[str, str, str]]


def prompt_where(p: Prompt) -> str:
    total = next((s.total for s in p.progress.sections if s.key == p.section_key), 0)
    if p.kind == "point":
        return I["where"].format(section=p.section_title, pos=p.position, total=total)
    return p.section_title


def prompt_lines(p: Prompt, unsent: str = "") -> Lines:
    head = prompt_where(p)
    if p.kind in ("point", "assessment"):
        head += f"　{p.control.id} {p.control.title}"
    elif p.kind == "custom":
        head += "　自拟要点"
    else:
        head += f"　{p.control.title}"
    text = p.control.question
    if p.problem:
        text = f"问题：{p.problem}\n{text}"
    if p.control.explanation:
        text += "\n" + I["explain"].format(text=p.control.explanation)
    lines: Lines = [("assistant", text, head)]
    if p.proposal:
        lines.append(("drafted", p.proposal, I["proposal"]))
    if p.existing_text:
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
    return lines


def followup_lines(f: FollowUp, sent: str) -> Lines:
    note = I["followup_note"].format(n=f.count, m=f.max_followups, reason=f.reason_text())
    lines: Lines = [("user", sent, "")]
    lines.append(("followup", f.question + "\n" + I["followup_hint"], note))
    if f.suggestion and f.suggestion.text:
        lines.append(("notice", f"（语言模型建议的追问：{f.suggestion.text}）", ""))
    return lines


def accepted_lines(a: Accepted, sent: str) -> Lines:
    lines: Lines = [("user", sent, "")] if sent else []
    if a.section_key in ("assessment", "rectification"):
        note = ""
    else:
        guess = I["guessed"] if a.status_guessed else ""
        note = I["accepted_note"].format(status=a.status or "未设置", guess=guess)
    lines.append(("drafted", a.drafted, note))
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


def tree_rows(cov: Coverage, p: Prompt | None) -> list[SectionRow]:
    """Sections with points; unanswered points the officer already passed are gaps."""
    current = current_control(p)
    passed = False  # becomes True at the current row; rows before it are behind us
    rows: list[SectionRow] = []
    for sc in cov.sections:
        points: list[PointRow] = []
        for r in sc.rows:
            ident = r.control_id or r.point_id or ""
            is_current = current is not None and ident == current
            if is_current:
                passed = True
            if r.state in ("已答", "自拟"):
                mark = "done"
            elif r.state == "跳过":
                mark = "skipped"
            elif is_current:
                mark = "todo"
            else:
                mark = "gap" if p is None or not passed or sc.done else "todo"
            points.append(PointRow(id=ident, title=r.title, mark=mark, current=is_current))
        rows.append(SectionRow(key=sc.key, title=sc.title, done=sc.done, points=points))
    rows.append(
        SectionRow(
            key="assessment",
            title=I["assessment"],
            done=cov.assessment_done,
            points=[],
        )
    )
    rows.append(SectionRow(key="rectification", title=I["rectification"], points=[]))
    return rows
