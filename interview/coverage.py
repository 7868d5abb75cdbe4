"""Coverage: per section, which control points are answered, skipped or still open, and statuses."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from report.models import PENDING_STATUS, STATUSES, Point, Report

from .bank import Bank

if TYPE_CHECKING:
    # interview.models pulls in the follow-up and weakness rules: only progress needs it, and
    # the export preflight (issue 16) only coverage.
    from .models import Progress

# Status columns: the four statuses, then proposals the officer has not yet confirmed.
STATUS_COLUMNS: tuple[str, ...] = (*STATUSES, PENDING_STATUS)


class CoverageRow(BaseModel):
    control_id: str | None
    title: str
    state: str  # 已答 / 跳过 / 未答 / 自拟 / 待复核
    status: str | None = None
    point_id: str | None = None


class SectionCoverage(BaseModel):
    key: str
    title: str
    total: int
    answered: int
    skipped: int
    unanswered: int
    custom: int
    statuses: dict[str, int] = Field(default_factory=dict)
    done: bool = False
    rows: list[CoverageRow] = Field(default_factory=list)


class Coverage(BaseModel):
    sections: list[SectionCoverage]
    total: int
    answered: int
    skipped: int
    unanswered: int
    statuses: dict[str, int]
    rectification_items: int
    rectification_open: int
    assessment_done: bool


def points_by_control(points: list[Point]) -> dict[str, Point]:
    return {p.control_point: p for p in points if p.control_point and not p.custom}


def rectification_open(report: Report) -> list[Point]:
    return [p for p in report.section("rectification").points if not p.skipped and not p.measure]


def compute_coverage(report: Report, bank: Bank) -> Coverage:
    sections = []
    all_status = {s: 0 for s in STATUS_COLUMNS}
    for key in report.area_keys():
        section = report.section(key)
        by_cp = points_by_control(section.points)
        rows: list[CoverageRow] = []
        statuses = {s: 0 for s in STATUS_COLUMNS}
        answered = skipped = 0
        for cp in bank.points(key):
            p = by_cp.get(cp.id)
            if p is None:
                rows.append(CoverageRow(control_id=cp.id, title=cp.title, state="未答"))
                continue
            if p.skipped:
                skipped += 1
                rows.append(
                    CoverageRow(control_id=cp.id, title=cp.title, state="跳过", point_id=p.id)
                )
                continue
            if p.review_pending:
                # Carried from last year and not looked at yet: still to do this year.
                rows.append(
                    CoverageRow(control_id=cp.id, title=cp.title, state="待复核", point_id=p.id)
                )
                continue
            answered += 1
            if p.shown_status:
                statuses[p.shown_status] += 1
            rows.append(
                CoverageRow(
                    control_id=cp.id,
                    title=cp.title,
                    state="已答",
                    status=p.shown_status,
                    point_id=p.id,
                )
            )
        custom = [p for p in section.points if p.custom and not p.skipped]
        for p in custom:
            if p.shown_status:
                statuses[p.shown_status] += 1
            rows.append(
                CoverageRow(
                    control_id=None,
                    title=p.body[:20],
                    state="自拟",
                    status=p.shown_status,
                    point_id=p.id,
                )
            )
        total = len(bank.points(key))
        for s, n in statuses.items():
            all_status[s] += n
        sections.append(
            SectionCoverage(
                key=key,
                title=section.title,
                total=total,
                answered=answered,
                skipped=skipped,
                unanswered=total - answered - skipped,
                custom=len(custom),
                statuses=statuses,
                done=section.done,
                rows=rows,
            )
        )
    rect = [p for p in report.section("rectification").points if not p.skipped]
    return Coverage(
        sections=sections,
        total=sum(s.total for s in sections),
        answered=sum(s.answered for s in sections),
        skipped=sum(s.skipped for s in sections),
        unanswered=sum(s.unanswered for s in sections),
        statuses=all_status,
        rectification_items=len(rect),
        rectification_open=len(rectification_open(report)),
        assessment_done=bool(report.assessment),
    )


def progress_label(report: Report, bank: Bank) -> str:
    """「17/36」: answered bank points / points in the bank, the same on every screen."""
    return compute_progress(report, bank).label()


def compute_progress(report: Report, bank: Bank) -> Progress:
    from .models import Progress, SectionProgress

    cov = compute_coverage(report, bank)
    sections = [
        SectionProgress(
            key=s.key, title=s.title, done=s.answered + s.skipped, total=s.total, marked_done=s.done
        )
        for s in cov.sections
    ]
    finished = (
        all(s.complete for s in sections)
        and cov.assessment_done
        and (
            report.section("rectification").done
            or (cov.rectification_items > 0 and cov.rectification_open == 0)
        )
    )
    return Progress(
        sections=sections,
        done=sum(s.done for s in sections),
        total=sum(s.total for s in sections),
        answered=cov.answered,
        assessment_done=cov.assessment_done,
        rectification_open=cov.rectification_open,
        finished=finished,
    )


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(text: object, width: int, left: bool = False) -> str:
    text = str(text)
    pad = " " * max(0, width - _width(text))
    return text + pad if left else pad + text


def format_coverage(cov: Coverage) -> str:
    """A plain-text table for the command line, aligned for Chinese characters."""
    heads = ["已答", "跳过", "未答", "自拟", *STATUS_COLUMNS]
    widths = [6, 6, 6, 6, 6, 10, 8, 8, 8]

    def row(name: str, values: Sequence[object]) -> str:
        return _cell(name, 26, left=True) + "".join(
            _cell(v, w) for v, w in zip(values, widths, strict=True)
        )

    lines = [row("部分", heads)]
    for s in cov.sections:
        st = s.statuses
        name = s.title + ("（已完成）" if s.done else "")
        lines.append(
            row(
                name,
                [
                    s.answered,
                    s.skipped,
                    s.unanswered,
                    s.custom,
                    *(st[k] for k in STATUS_COLUMNS),
                ],
            )
        )
    st = cov.statuses
    lines.append(
        row(
            "合计",
            [
                cov.answered,
                cov.skipped,
                cov.unanswered,
                sum(s.custom for s in cov.sections),
                *(st[k] for k in STATUS_COLUMNS),
            ],
        )
    )
    lines.append(f"进度：已答 {cov.answered}/{cov.total} 个要点。")
    lines.append(
        f"总体评价：{'已完成' if cov.assessment_done else '未完成'}；"
        f"整改项 {cov.rectification_items} 条，待填写措施 {cov.rectification_open} 条。"
    )
    return "\n".join(lines)
