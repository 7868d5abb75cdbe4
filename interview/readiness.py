"""What keeps a report from being sent up, judged with the question bank and the language rules.

exports/preflight checks the document itself; these checks need the bank (which points exist)
and the filler list (interview/data/filler.yaml), so they live here and the caller hands them
to preflight. Every issue here is an error: it blocks submission for review, while a
征求意见稿 export stays possible.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from report.models import Report

from .bank import Bank
from .coverage import compute_coverage
from .phrasing import drop_filler, filler_clauses


class Issue(BaseModel):
    level: Literal["错误", "提醒"] = "错误"
    message: str
    section_key: str | None = None
    point_id: str | None = None


def _quote(items: list[str], n: int = 3) -> str:
    shown = "、".join(f"「{x}」" for x in items[:n])
    return shown + ("等" if len(items) > n else "")


def unanswered_issues(report: Report, bank: Bank) -> list[Issue]:
    """One error per area listing the bank points not answered (a skipped one is not answered)."""
    out: list[Issue] = []
    for sc in compute_coverage(report, bank).sections:
        missing = [r for r in sc.rows if r.state in ("未答", "跳过")]
        if not missing:
            continue
        names = "、".join(f"{r.control_id} {r.title}" for r in missing[:4])
        more = f"等 {len(missing)} 个" if len(missing) > 4 else ""
        skipped = sum(1 for r in missing if r.state == "跳过")
        note = f"（其中 {skipped} 个已跳过）" if skipped else ""
        out.append(
            Issue(
                message=f"有 {len(missing)} 个要点尚未回答{note}：{names}{more}。"
                "请补答；确实不涉及的，设为「不适用」。",
                section_key=sc.key,
            )
        )
    return out


def filler_issues(report: Report) -> list[Issue]:
    """Filler that would reach the document: in a hand edit, or an answer that is only filler."""
    out: list[Issue] = []
    for key in report.area_keys():
        for p in report.section(key).included_points():
            body = p.body
            found = filler_clauses(body)
            if not found:
                continue
            only_filler = drop_filler(body).text == body
            if p.hand_edited or p.drafted is None:
                what = "手工改写的报告稿" if p.hand_edited else "这段报告稿"
                message = f"{what}含有笼统说法{_quote(found)}，请改为具体做法或删去。"
            elif only_filler:
                message = (
                    f"报告稿只有笼统说法{_quote(found)}，没有具体内容。"
                    "请补充做法、岗位、时间或制度名称。"
                )
            else:
                continue
            out.append(Issue(message=message, section_key=key, point_id=p.id))
    return out


def readiness_issues(report: Report, bank: Bank) -> list[Issue]:
    return unanswered_issues(report, bank) + filler_issues(report)
