"""Statuses as proposals: which point waits for the officer's confirmation, and the weaknesses.

The engine proposes a status after each answer (interview/weakness.py gives it and the words
behind it); the status stays 待确认 until the officer confirms it (Enter, /确认) or sets one
(F5–F8, /状态). The TUI and the line mode only show what these functions return.
"""

from __future__ import annotations

from report.models import PENDING_STATUS, Point, Report, is_area_key

from .bank import Bank
from .coverage import points_by_control
from .models import StatusProposal, WeaknessRow
from .state import EngineState


def point_label(bank: Bank, point: Point) -> str:
    """「ORG-01 机构设置与岗位职责」 for a bank point, 「自拟要点：……」 for the officer's own."""
    cp = bank.get(point.control_point) if point.control_point and not point.custom else None
    if cp is not None:
        return f"{cp.id} {cp.title}"
    body = point.body.rstrip("。")
    return "自拟要点：" + (body if len(body) <= 12 else body[:12] + "…")


def unconfirmed(point: Point | None) -> bool:
    # A status of None that is not confirmed: zicha proposed nothing, the officer must choose.
    return point is not None and not point.status_confirmed


def point_at(report: Report, bank: Bank, target: str | None) -> Point | None:
    """The area point a target asks about, when it has been answered."""
    if not target:
        return None
    if target.startswith("cp:"):
        cp = bank.get(target[3:])
        if cp is None:
            return None
        key = bank.section_of(cp.id)
        if not is_area_key(key):
            return None
        return points_by_control(report.section(key).points).get(cp.id)
    if target.startswith("pt:"):
        try:
            section, p = report.find_point(target[3:])
        except KeyError:
            return None
        return p if is_area_key(section.key) else None
    return None


def awaiting_point(
    report: Report, bank: Bank, state: EngineState, target: str | None
) -> Point | None:
    """The point whose proposed status Enter confirms and F5–F8 change.

    On a revisited point: that point, if its status is still a proposal. Otherwise: the point
    answered last, while its proposal waits.
    """
    here = point_at(report, bank, target)
    # A carried point still 待复核 is not answered yet: its status is not on offer.
    if here is not None and not here.skipped and not here.review_pending:
        return here if unconfirmed(here) else None
    pid = state.confirm()
    if not pid:
        return None
    try:
        section, p = report.find_point(pid)
    except KeyError:
        return None
    if not is_area_key(section.key) or p.skipped or not unconfirmed(p):
        return None
    return p


def proposal(bank: Bank, point: Point) -> StatusProposal:
    return StatusProposal(
        point_id=point.id,
        label=point_label(bank, point),
        status=point.status or "",
        reason=point.status_reason or "因为：按回答推定",
    )


def shown_status(point: Point) -> str:
    """基本符合, or 「待确认（拟定：基本符合）」 while it is a proposal."""
    if unconfirmed(point):
        if point.status is None:
            return f"{PENDING_STATUS}（未拟定）"
        return f"{PENDING_STATUS}（拟定：{point.status}）"
    return point.status or "未设置"


def weakness_rows(report: Report, bank: Bank) -> list[WeaknessRow]:
    """Every point marked or proposed 基本符合 / 不符合, in report order, with its words."""
    items = [p for p in report.section("rectification").points if not p.skipped]
    rows: list[WeaknessRow] = []
    for key in report.area_keys():
        for p in report.section(key).points:
            if not p.weak:
                continue
            linked = [i for i in items if i.source_point == p.id]
            rows.append(
                WeaknessRow(
                    point_id=p.id,
                    section_key=key,
                    label=point_label(bank, p),
                    status=shown_status(p),
                    quotes=[f"「{q}」" for q in p.problems],
                    items=len(linked),
                    measured=sum(1 for i in linked if i.measure),
                )
            )
    return rows


def any_weakness(report: Report) -> bool:
    return any(p.weak for key in report.area_keys() for p in report.section(key).points)
