"""The full preflight: the document checks (exports/) plus those needing the question bank and
the language rules (interview/readiness.py). The command line and the screens use the same one,
so `zicha export`, `zicha review submit`, the draft's 预检 and the TUI submit agree.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from exports.preflight import PreflightItem
    from interview.readiness import Issue
    from report.models import Report
    from report.plain import PlainReport

MAX_LISTED = 8


def report_bank(report: Report, home: Path | None) -> Any:
    """The bank the report is answered on: the built-in one, or its imported bank from home
    (None when that bank is gone or no home is given: the checks needing it are left out)."""
    from interview.bank import load_bank

    if report.bank is None:
        return load_bank()
    if home is None:
        return None
    from interview.bank_store import bank_for_report
    from report.errors import ZichaError

    try:
        return bank_for_report(home, report.bank)
    except ZichaError:
        return None


def full_preflight(
    report: Report, bank: Any = None, today: dt.date | None = None, *, home: Path | None = None
) -> list[PreflightItem]:
    """bank: the report's own (see report_bank); None: looked up from home."""
    from exports.preflight import preflight
    from interview.readiness import filler_issues, readiness_issues

    bank = bank if bank is not None else report_bank(report, home)
    issues = readiness_issues(report, bank) if bank is not None else filler_issues(report)
    return preflight(report, today, _items(issues))


def plain_preflight(report: PlainReport, today: dt.date | None = None) -> list[PreflightItem]:
    """full_preflight of a report on the built-in bank, read without pydantic (issue 16):
    the same items (tests/cli/test_cli_export_plain.py)."""
    from exports.preflight import preflight
    from interview.readiness import builtin_bank_points, filler_issues, unanswered_in

    if report.bank is not None:
        raise ValueError("plain_preflight is for reports on the built-in bank")
    issues = unanswered_in(report, builtin_bank_points()) + filler_issues(report)
    return preflight(report, today, _items(issues))


def _items(issues: list[Issue]) -> list[PreflightItem]:
    from exports.preflight import PreflightItem

    return [
        PreflightItem(
            level=i.level, message=i.message, section_key=i.section_key, point_id=i.point_id
        )
        for i in issues
    ]


def submission_refusal(report: Report, bank: Any = None, *, home: Path | None = None) -> str | None:
    """Why report cannot go to review yet (its preflight errors), or None."""
    from exports.preflight import ERROR

    errors = [i for i in full_preflight(report, bank, home=home) if i.level == ERROR]
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
