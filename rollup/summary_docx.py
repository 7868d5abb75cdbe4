"""A draft 市级汇总报告 in the official layout, built as a Report and written by exports/.

Every sentence states numbers counted from the accepted bundles and names example units; the
city officer edits the draft before it goes anywhere (it is marked 征求意见稿).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from report.models import AREA_KEYS, Point, Report, Section

from .summary import Rollup, bank_titles

MAX_PROBLEMS_PER_AREA = 3
CN_NUMBERS = "一二三四五六七八九十"


def _units(names: list[str], limit: int = 3) -> str:
    shown = "、".join(names[:limit])
    return f"{shown}等" if len(names) > limit else shown


def summary_report(
    rollup: Rollup, unit: str, addressee: str, date: dt.date | None = None
) -> Report:
    titles = bank_titles()
    problems = rollup.problems(titles)
    n = len(rollup.units)
    approved = sum(1 for u in rollup.units if not u.draft)
    opening = (
        f"按照内部控制检查评估工作要求，我单位组织各县（区）社会保险经办机构开展了{rollup.year}年度"
        f"内部控制自查。截至{_cn_date(rollup.today)}，共收到{n}个单位的自查报告，其中已审定{approved}份、"
        f"草稿{n - approved}份"
        + (f"，{len(rollup.missing)}个单位尚未报送" if rollup.missing else "")
        + "。现将汇总情况报告如下："
    )
    totals = rollup.area_totals()
    sections = []
    for area in AREA_KEYS:
        t = totals[area]
        checked = sum(t.get(s, 0) for s in ("符合", "基本符合", "不符合", "不适用"))
        points = [
            Point(
                text=(
                    f"各单位共对照检查{checked}项，其中符合{t.get('符合', 0)}项、基本符合{t.get('基本符合', 0)}项、"
                    f"不符合{t.get('不符合', 0)}项、不适用{t.get('不适用', 0)}项。"
                )
            )
        ]
        for problem in [p for p in problems if p.area == area][:MAX_PROBLEMS_PER_AREA]:
            example_unit, example = problem.examples[0]
            points.append(
                Point(
                    text=(
                        f"「{problem.title}」方面，{problem.count}个单位存在问题（{_units(problem.units)}），"
                        f"如{example_unit}：{example.rstrip('。；;')}。"
                    )
                )
            )
        sections.append(Section(key=area, points=points))
    weak_units = [u.unit for u in rollup.units if u.weaknesses]
    assessment = (
        f"总体看，各单位内部控制制度基本健全，自查工作总体规范；但仍有{len(weak_units)}个单位"
        f"共{sum(len(u.weaknesses) for u in rollup.units)}项控制点存在不同程度的问题，"
        "需督促整改到位。"
        if weak_units
        else "总体看，各单位自查未发现基本符合或不符合的控制点。"
    )
    items = rollup.items()
    done = sum(1 for _, i in items if i.progress == "已完成")
    overdue = [unit for unit, i in items if i.overdue(rollup.today)]
    rect = [
        Point(
            text=(
                f"各单位共提出整改措施{len(items)}项，已完成{done}项"
                + (
                    f"，逾期未完成{len(overdue)}项（{_units(sorted(set(overdue)))}）"
                    if overdue
                    else ""
                )
                + "，将逐项跟踪督办，按期销号。"
            )
        )
    ]
    if rollup.drafts():
        rect.append(
            Point(
                text=f"{_units(rollup.drafts())}以草稿报送，尚未审定，将督促其履行审核程序后重新报送。"
            )
        )
    if rollup.missing:
        rect.append(Point(text=f"{_units(rollup.missing)}尚未报送自查报告，将督促其尽快报送。"))
    sections.append(Section(key="rectification", points=rect))
    return Report(
        unit=unit,
        addressee=addressee,
        year=rollup.year,
        basis_title="内部控制检查评估工作",
        basis_number="汇总",
        title=f"{unit}关于{rollup.year}年度社会保险经办机构内部控制自查情况的汇总报告",
        date=date or rollup.today,
        opening=opening,
        assessment=assessment,
        sections=sections,
    )


def _cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def write_summary_docx(
    rollup: Rollup, path: str | Path, unit: str, addressee: str, force: bool = False
) -> Path:
    from exports.writer import export_report

    report = summary_report(rollup, unit, addressee)
    return export_report(report, path, fmt="docx", force=force, draft_mark=True)
