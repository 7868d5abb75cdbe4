"""Next year starts from this year: carrying a report forward, and marking what changed.

The new report copies last year's points into the five areas, each 待复核 (review_pending) with
what it said last year kept beside it (CarriedPoint); last year's rectification items become the
questions of 上年度整改落实情况 (PriorItem). The base is the approved version when there is one
(the last submission), otherwise the report as it stands.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Literal

from . import audit, snapshots

# Shared with the export path, which reads plain reports: report/cycle_view.py.
from .cycle_view import carried_item_text
from .cycle_view import prior_open as prior_open
from .cycle_view import prior_sentence as prior_sentence
from .cycle_view import review_pending as review_pending
from .errors import ZichaError
from .labels import DEFAULT_ACTOR
from .models import (
    PRIOR_OUTCOMES,
    CarriedPoint,
    Point,
    Predecessor,
    PriorItem,
    Report,
)
from .rectification_problem import source_area, stated_problem
from .store import ReportStore

CARRIED_REASON = "因为：沿用上年度的符合情况"

ChangeMark = Literal["新增", "修改", "未变", "删除"]
CHANGE_MARKS: tuple[str, ...] = ("新增", "修改", "未变", "删除")


def base_of(store: ReportStore, report_id: int) -> tuple[Report, int | None, str]:
    """Last year's report as the base to carry: (report, snapshot seq or None, label)."""
    report = store.get(report_id)
    snaps = snapshots.list_snapshots(store.conn, report_id)
    if report.status == "approved" and snaps:
        snap = snaps[-1]
        snapshots.check_intact(store.conn, snap)
        return snap.report(), snap.seq, f"{report.year}年度报告（审定稿，{snap.label}）"
    return report, None, f"{report.year}年度报告（当前稿，第 {report.revision} 版）"


def predecessor_base(store: ReportStore, report: Report) -> tuple[Report, str]:
    """The version of last year's report this one was carried from, for 「上年」 in diffs."""
    pred = report.predecessor
    if pred is None:
        raise ZichaError(
            f"报告 {report.id} 不是以上年度报告为基础新建的，没有可比较的上年报告。"
            "请写提交序号（如 1、2）比较本报告的两个版本。"
        )
    if pred.snapshot_seq is not None:
        snap = snapshots.get_snapshot(store.conn, pred.report_id, pred.snapshot_seq)
        return snap.report(), f"上年度报告（{pred.year}年度，{snap.label}）"
    base = store.get(pred.report_id)
    return base, f"上年度报告（{pred.year}年度，当前稿，第 {base.revision} 版）"


def _carry_point(p: Point, year: int) -> Point:
    return Point(
        text=p.text,
        drafted=p.drafted,
        hand_edited=p.hand_edited,
        control_point=p.control_point,
        status=p.status,
        # Last year's status is only a proposal this year (待确认 once the point is kept).
        status_confirmed=p.status is None,
        status_reason=CARRIED_REASON if p.status else None,
        problems=list(p.problems),
        citations=list(p.citations),
        custom=p.custom,
        carried=CarriedPoint(point_id=p.id, year=year, text=p.text, body=p.body, status=p.status),
        review_pending=True,
    )


def _prior_item(base: Report, p: Point) -> PriorItem:
    # An answers-file item's text is its measure: the problem is what the officer noted, or
    # none (the sentence then names the control area instead), never the measure again.
    return PriorItem(
        origin_id=p.id,
        problem=stated_problem(base, p).strip(),
        measure=p.measure,
        owner=p.owner,
        person=p.person,
        due=p.due,
        control_point=p.control_point,
        area=source_area(base, p),
        ledger_progress=p.progress,
        ledger_note=p.progress_note,
    )


def next_year_report(base: Report, base_id: int, seq: int | None, year: int | None) -> Report:
    """The new report (not stored): same unit, self-name, addressee and basis."""
    year = base.year + 1 if year is None else year
    if year <= base.year:
        raise ZichaError(
            f"新报告的年度（{year}）应晚于上年度报告的年度（{base.year}），"
            f"例如 --year {base.year + 1}。"
        )
    report = Report(
        unit=base.unit,
        short_name=base.short_name,
        addressee=base.addressee,
        year=year,
        basis_title=base.basis_title,
        basis_number=base.basis_number,
        # A custom title names last year; only "no title" carries over.
        title=False if base.title is False else None,
        date=dt.date.today(),
        # Last year's points answer last year's bank: the new report stays on it.
        bank=base.bank,
        predecessor=Predecessor(
            report_id=base_id,
            year=base.year,
            snapshot_seq=seq,
            digest=audit.digest_of(json.loads(base.model_dump_json(exclude={"id", "revision"}))),
        ),
    )
    for key in report.area_keys():
        report.section(key).points = [
            _carry_point(p, base.year) for p in base.section(key).included_points()
        ]
    report.prior_items = [
        _prior_item(base, p) for p in base.section("rectification").included_points()
    ]
    return report


def carry_forward(
    store: ReportStore, from_id: int, *, year: int | None = None, actor: str = DEFAULT_ACTOR
) -> Report:
    """Create next year's report from report from_id; one transaction, audited as carry."""
    base, seq, label = base_of(store, from_id)
    draft = next_year_report(base, from_id, seq, year)
    return store.create(draft, actor=actor, action="carry")


# --- marks ------------------------------------------------------------------------------
def change_mark(p: Point) -> ChangeMark:
    """新增 / 修改 / 未变 / 删除 of one point against last year (a 待复核 point is 未变 so far)."""
    if p.carried is None:
        return "新增"
    if p.skipped:
        return "删除"
    if p.review_pending:
        return "未变"
    same = p.body == p.carried.body and p.status == p.carried.status
    return "未变" if same else "修改"


def change_marks(report: Report) -> dict[str, ChangeMark]:
    """Point id -> mark for the five areas; empty for a report with no predecessor."""
    if report.predecessor is None:
        return {}
    return {p.id: change_mark(p) for key in report.area_keys() for p in report.section(key).points}


def deleted_points(report: Report) -> list[tuple[str, Point]]:
    """Last year's points the officer dropped this year: (section key, point)."""
    return [
        (key, p)
        for key in report.area_keys()
        for p in report.section(key).points
        if p.carried is not None and p.skipped
    ]


def previous_line(p: Point) -> str | None:
    """「上年：……（符合）」 shown beside the question of a carried point."""
    if p.carried is None:
        return None
    status = f"（{p.carried.status}）" if p.carried.status else ""
    return f"上年：{p.carried.body}{status}"


def mark_counts(report: Report) -> dict[str, int]:
    counts = dict.fromkeys(CHANGE_MARKS, 0)
    for mark in change_marks(report).values():
        counts[mark] += 1
    return counts


# --- 上年度整改落实情况 ----------------------------------------------------------------------
def record_prior_outcome(
    report: Report,
    item_id: str,
    outcome: str,
    done_text: str | None,
    done_date: dt.date | None,
) -> Report:
    """A copy of report with one prior item answered.

    部分完成 / 未完成 carries the item into this year's rectification (linked by origin_item);
    an item later found 已完成 loses that carried item again unless it already has a measure.
    """
    if outcome not in PRIOR_OUTCOMES:
        raise ZichaError("整改落实情况只能是：" + "、".join(PRIOR_OUTCOMES) + "。")
    report = report.model_copy(deep=True)
    try:
        prior = report.find_prior(item_id)
    except KeyError as exc:
        raise ZichaError("找不到这个上年度整改项。") from exc
    prior.outcome = outcome  # type: ignore[assignment]
    prior.done_text = (done_text or "").strip() or None
    prior.done_date = done_date
    rect = report.section("rectification")
    carried = next((p for p in rect.points if p.id == prior.carried_item), None)
    if outcome == "已完成":
        if carried is not None and not carried.measure:
            rect.points.remove(carried)
            prior.carried_item = None
        return report
    if carried is None:
        carried = Point(
            text=carried_item_text(prior),
            control_point=prior.control_point,
            owner=prior.owner,
            person=prior.person,
            origin_item=prior.origin_id,
        )
        rect.points.insert(_first_new_position(rect.points), carried)
        prior.carried_item = carried.id
    elif carried.skipped:
        carried.skipped = False
    return report


def _first_new_position(points: list[Point]) -> int:
    # Carried-over items come first, in last year's order, before this year's new ones.
    return sum(1 for p in points if p.origin_item)
