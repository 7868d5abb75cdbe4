"""Proposed rectification items: every point marked 不符合 or 基本符合 and every problem named.

An item is a Point in the rectification section: text is the problem, measure/owner/due are
filled in the rectification stage, source_point links back to the point it came from. Proposing
is idempotent: an item already there (even one the officer dropped) is not proposed again.
"""

from __future__ import annotations

from report.models import AREA_KEYS, Point, Report

from .bank import Bank
from .drafting import draft_rectification, draft_sentence
from .followup import Analysis, strip_owner_due


def _default_problem(report: Report, bank: Bank, p: Point) -> str:
    cp = bank.get(p.control_point) if p.control_point else None
    title = cp.title if cp else p.body.rstrip("。")[:30]
    return f"{title}方面仍有薄弱环节"


def proposed_items(report: Report, bank: Bank) -> list[Point]:
    """Items that should exist but do not yet, in report order."""
    existing = {(item.source_point, item.text) for item in report.section("rectification").points}
    existing_sources = {item.source_point for item in report.section("rectification").points}
    out: list[Point] = []
    for key in AREA_KEYS:
        for p in report.section(key).points:
            if p.skipped:
                continue
            problems = [draft_sentence(x, report.short_name).rstrip("。") for x in p.problems]
            problems = [x for x in problems if x]
            weak = p.status in ("不符合", "基本符合")
            if not problems and weak and p.id not in existing_sources:
                problems = [_default_problem(report, bank, p)]
            for prob in problems:
                if (p.id, prob) in existing:
                    continue
                existing.add((p.id, prob))
                out.append(Point(text=prob, source_point=p.id, control_point=p.control_point))
    return out


def apply_measure(item: Point, answer: str, analysis: Analysis, short_name: str) -> Point:
    """A copy of item with its measure, owner, deadline and drafted paragraph filled in."""
    measure = draft_sentence(strip_owner_due(answer), short_name)
    owner = analysis.owner or item.owner
    due = analysis.due or item.due
    drafted = draft_rectification(item.text, measure, short_name)
    update = {"measure": measure, "owner": owner, "due": due}
    if not item.hand_edited:
        update["drafted"] = drafted
    return item.model_copy(update=update)
