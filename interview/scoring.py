"""Scored banks: deductions proposed from the 评分标准 and the weakness found, confirmed by the
officer like the status; the rows of the 自查评分表."""

from __future__ import annotations

import re

from report.models import Point, Report
from report.scoring import ScoreRow

from .bank import Bank, ControlPoint

DEDUCT_RE = re.compile(r"扣\s*(\d+(?:\.\d+)?)\s*分")


def propose_deduction(cp: ControlPoint, point: Point) -> tuple[float, str] | None:
    """(deduction, reason) for a 基本符合 / 不符合 point on a scored control point."""
    if cp.score is None or point.status not in ("基本符合", "不符合"):
        return None
    criteria = cp.criteria or ""
    weakness = (point.status_reason or "").strip().removeprefix("因为：") or point.text.strip()[:40]
    if point.status == "不符合" and "不得分" in criteria:
        amount = cp.score
    else:
        found = DEDUCT_RE.search(criteria)
        if found:
            amount = min(cp.score, float(found.group(1)))
        else:
            amount = cp.score if point.status == "不符合" else round(cp.score / 2, 1)
    basis = f"评分标准：{criteria}" if criteria else "评分标准未写明扣分幅度"
    return amount, f"{weakness}（{basis}）"


def apply_proposals(report: Report, bank: Bank) -> list[str]:
    """Propose deductions where a confirmed weakness has none yet; return the point ids changed.

    A deduction the officer entered is never replaced; 符合 needs none."""
    changed = []
    for key in report.area_keys():
        for p in report.section(key).points:
            cp = bank.get(p.control_point) if p.control_point else None
            if cp is None or cp.score is None or p.skipped or not p.status_confirmed:
                continue
            if p.deduction is not None and p.deduction_confirmed:
                continue
            proposal = propose_deduction(cp, p)
            if proposal is None:
                if p.deduction is not None and not p.deduction_confirmed:
                    p.deduction, p.deduction_reason = None, None  # the status changed to 符合
                    p.deduction_confirmed = True
                    changed.append(p.id)
                continue
            amount, reason = proposal
            if (p.deduction, p.deduction_reason) != (amount, reason):
                p.deduction, p.deduction_reason, p.deduction_confirmed = amount, reason, False
                changed.append(p.id)
    return changed


def score_rows(report: Report, bank: Bank) -> list[ScoreRow]:
    rows: list[ScoreRow] = []
    for key in report.area_keys():
        answered = {p.control_point: p for p in report.section(key).points if p.control_point}
        for cp in bank.points(key):
            if cp.score is None:
                continue
            p = answered.get(cp.id)
            status = p.status if p is not None and not p.skipped else None
            rows.append(
                ScoreRow(
                    section=key,
                    item=cp.item or bank.title(key),
                    control_point=cp.id,
                    content=cp.content or cp.question,
                    max_score=cp.score,
                    status=status,
                    deduction=p.deduction if p is not None else None,
                    reason=p.deduction_reason if p is not None else None,
                    confirmed=(p.deduction_confirmed and p.status_confirmed)
                    if p is not None
                    else True,
                )
            )
    return rows
