"""What the export and its preflight read about the yearly cycle (last year's items, carried
points, overdue measures), for the pydantic report and the plain one alike (issue 16: the
export path does not import pydantic). report.carry and report.ledger re-export these.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from .text import format_cn_date

if TYPE_CHECKING:
    from .plain import AnyPoint, AnyPriorItem, AnyReport


def prior_open(report: AnyReport) -> list[AnyPriorItem]:
    return [p for p in report.prior_items if p.outcome is None]


def review_pending(report: AnyReport) -> list[tuple[str, AnyPoint]]:
    return [
        (key, p)
        for key in report.area_keys()
        for p in report.section(key).points
        if p.review_pending and not p.skipped
    ]


def overdue(report: AnyReport, today: dt.date) -> list[AnyPoint]:
    """Items whose deadline has passed and that are not 已完成."""
    items = report.section("rectification").included_points()
    return [p for p in items if p.due and p.due < today and p.progress != "已完成"]


def prior_sentence(item: AnyPriorItem) -> str:
    """One paragraph of the 上年度问题整改落实情况 part."""
    problem = item.problem.rstrip("。；;，, ")
    done = (item.done_text or "").strip().rstrip("。；;，, ")
    # The officer's own words carry the date they gave; a date set on a form is added.
    said = item.done_date is not None and (
        f"{item.done_date.year}年{item.done_date.month}月" in done
        or item.done_date.isoformat() in done
    )
    when = f"（完成时间：{format_cn_date(item.done_date)}）" if item.done_date and not said else ""
    if item.outcome == "已完成":
        tail = f"已整改完成。{done}{when}。" if done else f"已整改完成{when}。"
    elif item.outcome == "部分完成":
        tail = (
            f"已部分完成整改。{done}{when}；未完成部分已纳入本年度整改。"
            if done
            else (f"已部分完成整改{when}，未完成部分已纳入本年度整改。")
        )
    elif item.outcome == "未完成":
        tail = (
            f"整改尚未完成。{done}；已纳入本年度整改。"
            if done
            else "整改尚未完成，已纳入本年度整改。"
        )
    else:
        tail = "【待补充】整改落实情况尚未填写。"
    return f"针对“{problem}”的问题，{tail}".replace("。。", "。")
