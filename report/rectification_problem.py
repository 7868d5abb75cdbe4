"""The problem a rectification item answers, as the 整改台账 and the appendix table show it.

Two ways an item is written: the interview stores the problem found as the item's text and the
remedy as its measure; an answers file (`zicha report fill`) writes the measure as the item's
text and, without a separate `measure:`, stores that same text as the measure. The problem of
such an item is what the officer noted: its problems, else those of the answer it is linked to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .plain import AnyPoint, AnyReport

NO_PROBLEM = "—"


def text_is_measure(item: AnyPoint) -> bool:
    """True when the item's text is its measure (an answers-file item), not the problem."""
    return item.measure is not None and item.measure.strip() == item.text.strip()


def _found(report: AnyReport, source_id: str | None) -> tuple[str, AnyPoint] | None:
    """(section key, answer) the item is linked to, or None."""
    if not source_id:
        return None
    try:
        section, point = report.find_point(source_id)
    except (KeyError, ValueError, LookupError):
        return None
    return section.key, point


def _source(report: AnyReport, source_id: str | None) -> AnyPoint | None:
    found = _found(report, source_id)
    return found[1] if found else None


def noted_problem(report: AnyReport, item: AnyPoint) -> str:
    """The problems noted on the item, else on the answer it is linked to; "" when none."""
    source = _source(report, item.source_point)
    return "；".join(item.problems) or ("；".join(source.problems) if source else "")


def ledger_problem(report: AnyReport, item: AnyPoint) -> str:
    """The 问题 cell: the item's text when it is the problem; for an answers-file item the
    problems noted, else the officer's answer the item is linked to (what was found at that
    control point), else — (never the measure again, and nothing made up)."""
    if not text_is_measure(item):
        return item.text
    if noted := noted_problem(report, item):
        return noted
    source = _source(report, item.source_point)
    if source is not None and not source.skipped:
        return source.text
    return NO_PROBLEM


def stated_problem(report: AnyReport, item: AnyPoint) -> str:
    """The problem as the officer stated it, for sentences that quote it (next year's
    上年度整改落实情况): the item's text when it is the problem, else the problems noted;
    "" when none was stated. Unlike the ledger's 问题 cell, an answer's own words are never
    taken for the problem: quoted as one they read 「针对“……存在……的问题”的问题」."""
    return item.text if not text_is_measure(item) else noted_problem(report, item)


def source_area(report: AnyReport, item: AnyPoint) -> str | None:
    """The title of the control area whose answer the item is linked to, or None."""
    found = _found(report, item.source_point)
    if found is None or found[0] == "rectification":
        return None
    return report.section_title(found[0])
