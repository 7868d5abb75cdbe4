"""The optional summary appendices: statuses per area, and the rectification list, as rows."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from report.text import format_cn_date
from report.vocab import STATUSES

if TYPE_CHECKING:
    from report.plain import AnyReport

APPENDICES: tuple[str, ...] = ("stats", "rectification", "score")
APPENDIX_TITLES: dict[str, str] = {
    "stats": "内部控制要点自查情况统计表",
    "rectification": "整改措施清单",
    "score": "自查评分表",
}
STATS_HEADER: tuple[str, ...] = ("控制领域", "要点数", *STATUSES)
RECTIFICATION_HEADER: tuple[str, ...] = ("序号", "问题", "整改措施", "责任部门", "完成时限")
NO_MEASURES = "本次自查未列整改事项"


class StatsRow(NamedTuple):
    area: str
    points: int
    counts: tuple[int, ...]  # in STATUSES order

    def cells(self) -> list[str]:
        return [self.area, str(self.points), *(str(c) for c in self.counts)]


class RectificationRow(NamedTuple):
    problem: str
    measure: str
    owner: str
    due: str

    def cells(self, number: int) -> list[str]:
        return [str(number), self.problem, self.measure, self.owner, self.due]


def parse_appendices(value: str | list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    """「stats,rectification」 -> ("stats", "rectification"); an unknown name is a ValueError."""
    if not value:
        return ()
    items = value.split(",") if isinstance(value, str) else list(value)
    out: list[str] = []
    for item in (i.strip() for i in items):
        if not item:
            continue
        if item not in APPENDICES:
            raise ValueError(
                f"不认识的附表「{item}」，可选：stats（{APPENDIX_TITLES['stats']}）、"
                f"rectification（{APPENDIX_TITLES['rectification']}）、"
                f"score（{APPENDIX_TITLES['score']}，带分值的题库），用英文逗号分隔。"
            )
        if item not in out:
            out.append(item)
    return tuple(out)


def stats_rows(report: AnyReport) -> list[StatsRow]:
    """Per area: the points written (not skipped) and how many carry each status; then 合计."""
    rows = []
    totals = [0] * (len(STATUSES) + 1)
    for key in report.area_keys():
        points = report.section(key).included_points()
        # A status zicha proposed and the officer has not confirmed is not counted (待确认).
        counts = tuple(sum(1 for p in points if p.shown_status == s) for s in STATUSES)
        rows.append(StatsRow(area=report.section_title(key), points=len(points), counts=counts))
        for i, v in enumerate((len(points), *counts)):
            totals[i] += v
    rows.append(StatsRow(area="合计", points=totals[0], counts=tuple(totals[1:])))
    return rows


def rectification_rows(report: AnyReport) -> list[RectificationRow]:
    from report.rectification_problem import noted_problem, text_is_measure

    from .assemble import clean_text

    rows = []
    for p in report.section("rectification").included_points():
        if p.measure and not text_is_measure(p):
            # Interview flow: the item's text is the problem found, the measure its remedy.
            problem, measure = p.text, p.measure
        else:
            # Answers file: an item's text is its measure when none is given (the answers
            # file then stores the text as the measure too); the problem is what was noted.
            measure = p.measure or p.drafted or p.text
            problem = noted_problem(report, p)
        rows.append(
            RectificationRow(
                problem=clean_text(problem) or "—",
                measure=clean_text(measure) or "（待补充）",
                owner=clean_text(p.owner or "") or "（待补充）",
                due=f"{format_cn_date(p.due)}前" if p.due else "（待补充）",
            )
        )
    return rows
