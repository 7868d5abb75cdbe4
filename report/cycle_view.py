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


def stated_problem(item: AnyPriorItem) -> str:
    """Last year's problem as the officer stated it; "" when none was stated. A report carried
    before the problem was told apart from the measure holds the measure as its problem: that
    is no problem statement either."""
    problem = item.problem.strip().rstrip("。；;，, ")
    if not problem or (item.measure and problem == item.measure.strip().rstrip("。；;，, ")):
        return ""
    return problem


def _measure(item: AnyPriorItem) -> str:
    return (item.measure or "").strip().rstrip("。；;，, ")


def prior_label(item: AnyPriorItem) -> str:
    """How the item is named in the interview, the tree and preflight: the problem, else the
    control area and last year's measure (said to be the measure, never called a problem)."""
    if problem := stated_problem(item):
        return problem
    where = f"{item.area}方面，" if item.area else ""
    measure = _measure(item)
    return f"{where}上年度整改措施：{measure}" if measure else f"{where}上年度整改项"


def carried_item_text(item: AnyPriorItem) -> str:
    """This year's rectification item for an unfinished one: its text is the problem it
    answers. Without a stated problem, what is known to be left: last year's rectification
    there (the officer said it is not finished), not a problem made up."""
    if problem := stated_problem(item):
        return problem
    if item.area:
        return f"{item.area}方面上年度整改尚未全部完成"
    if measure := _measure(item):
        return f"上年度“{measure}”整改措施尚未全部落实"
    return "上年度整改事项尚未全部完成"


def _subject(item: AnyPriorItem) -> str:
    """The opening of the sentence, up to its comma. A stated problem is quoted; a problem
    already worded 「……问题」 is not called 「的问题」 again; without one, the control area (the
    officer's whole answer is never quoted as if it were the problem), else last year's
    measure, named as the measure."""
    if problem := stated_problem(item):
        return f"针对“{problem}”" if problem.endswith("问题") else f"针对“{problem}”的问题"
    if item.area:
        return f"针对上年度自查中{item.area}方面发现的问题"
    if measure := _measure(item):
        return f"关于上年度提出的“{measure}”整改措施"
    return "关于上年度提出的整改事项"


def prior_sentence(item: AnyPriorItem) -> str:
    """One paragraph of the 上年度问题整改落实情况 part."""
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
    return f"{_subject(item)}，{tail}".replace("。。", "。")
