"""The full preflight: the document checks (exports/) plus those needing the question bank and
the language rules (interview/readiness.py). The command line and the screens use the same one,
so `zicha export`, `zicha review submit`, the draft's 预检 and the TUI submit agree.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from exports.preflight import PreflightItem
    from report.models import Report

MAX_LISTED = 8


def full_preflight(
    report: Report, bank: Any = None, today: dt.date | None = None
) -> list[PreflightItem]:
    from exports.preflight import PreflightItem, preflight
    from interview.bank import load_bank
    from interview.readiness import readiness_issues

    extra = [
        PreflightItem(
            level=i.level, message=i.message, section_key=i.section_key, point_id=i.point_id
        )
        for i in readiness_issues(report, bank or load_bank())
    ]
    return preflight(report, today, extra)


def submission_refusal(report: Report, bank: Any = None) -> str | None:
    """Why report cannot go to review yet (its preflight errors), or None."""
    from exports.preflight import ERROR

    errors = [i for i in full_preflight(report, bank) if i.level == ERROR]
    if not errors:
        return None
    lines = [f"  {i.line()}" for i in errors[:MAX_LISTED]]
    if len(errors) > MAX_LISTED:
        lines.append(f"  ……另有 {len(errors) - MAX_LISTED} 个错误")
    return (
        f"预检还有 {len(errors)} 个错误，不能提交审核：\n"
        + "\n".join(lines)
        + "\n请改正后再提交；征求意见稿仍可导出（zicha export）。"
    )
