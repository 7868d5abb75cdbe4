"""Checks run before export: what is missing or wrong, in Chinese, pointing at section and point.

错误 means the document would be incomplete or wrong; 提醒 means worth a look. Neither blocks
the export: a draft is exported to be read (marked 征求意见稿). Errors block submission for
review. Checks that need the question bank or the language rules (unanswered points, filler
in hand edits) are made in interview/readiness.py and passed in as `extra`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, NamedTuple

from report.text import strip_xml_invalid
from report.vocab import SECTION_TITLES

if TYPE_CHECKING:
    from report.plain import AnyPoint, AnyReport

Level = Literal["错误", "提醒"]
ERROR: Level = "错误"
WARNING: Level = "提醒"

LONG_PARAGRAPH_CHARS = 1500
FUTURE_DATE_DAYS = 60
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Emoji and pictographs: no 公文 font has them, Word shows empty boxes.
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f]")


class PreflightItem(NamedTuple):
    level: Level
    message: str
    section_key: str | None = None
    point_id: str | None = None
    section_title: str | None = None  # a bank's own section (the five areas are known here)

    def line(self) -> str:
        where = self.section_title or SECTION_TITLES.get(self.section_key or "", "")
        if self.section_key == "prior":
            where = "上年度问题整改落实情况"
        return f"[{self.level}] {where + '：' if where else ''}{self.message}"


def _excerpt(text: str, n: int = 12) -> str:
    text = " ".join(text.split())
    return f"「{text[:n]}…」" if len(text) > n else f"「{text}」"


def _text_checks(report: AnyReport) -> list[PreflightItem]:
    items: list[PreflightItem] = []
    for section in report.sections:
        for p in section.included_points():
            body = p.measure or p.body
            found = [
                (
                    bool(_CONTROL.search(body)) or strip_xml_invalid(body) != body,
                    "含有控制字符等无法写入文档的字符，导出时将删除。",
                ),
                (bool(_EMOJI.search(body)), "含有表情符号，公文字体无法显示，请删除。"),
                (len(body) > LONG_PARAGRAPH_CHARS, f"长达 {len(body)} 字，建议拆成几条。"),
                ("我们" in body, f"用了「我们」，公文应以单位口吻（如「{report.short_name}」）。"),
            ]
            items += [
                PreflightItem(
                    level=WARNING,
                    message=f"{_excerpt(body)}{what}",
                    section_key=section.key,
                    point_id=p.id,
                )
                for hit, what in found
                if hit
            ]
    return items


def _area_checks(report: AnyReport) -> list[PreflightItem]:
    items: list[PreflightItem] = []
    for key in report.area_keys():
        section = report.section(key)
        points = section.included_points()
        if not points:
            items.append(
                PreflightItem(
                    level=ERROR,
                    message="本部分没有任何内容，导出件中将显示「待补充」。请补写自查情况。",
                    section_key=key,
                )
            )
            continue
        for p in points:
            if p.status is None and not p.status_confirmed:
                # zicha proposed nothing: no evidence of a working control, or the answer
                # itself casts doubt on it (「回答中提到「有空就清一下」」)
                why = p.status_reason or ""
                why = why.split("，请确认")[0] if why.startswith("回答中") else ""
                why = why or "回答中没有看出制度执行的依据"
                items.append(
                    PreflightItem(
                        level=ERROR,
                        message=f"{_excerpt(p.body)}的符合情况待确认：{why}，"
                        "请选择符合、基本符合、不符合或不适用。",
                        section_key=key,
                        point_id=p.id,
                    )
                )
            elif p.status is None:
                items.append(
                    PreflightItem(
                        level=WARNING,
                        message=f"{_excerpt(p.body)}未标明符合情况（符合／基本符合／不符合／不适用）。",
                        section_key=key,
                        point_id=p.id,
                    )
                )
            elif not p.status_confirmed and not p.review_pending:
                # zicha proposed it; nothing the officer did not confirm goes up as a statement
                # (a point carried from last year is said once per section: _cycle_checks)
                items.append(
                    PreflightItem(
                        level=ERROR,
                        message=f"{_excerpt(p.body)}的符合情况「{p.status}」是系统拟定的，"
                        "尚待确认。请确认或改为正确的符合情况。",
                        section_key=key,
                        point_id=p.id,
                    )
                )
    return items


def _rectification_checks(report: AnyReport) -> list[PreflightItem]:
    items: list[PreflightItem] = []
    measures = report.section("rectification").included_points()
    # Every 基本符合 / 不符合 point needs an item linked to it (source_point) with a measure.
    for key in report.area_keys():
        for p in report.section(key).included_points():
            if p.status not in ("不符合", "基本符合"):
                continue
            # an answers file links by control point id (point: ORG-06), the interview by point id
            linked = [m for m in measures if m.source_point in (p.id, p.control_point or p.id)]
            if not linked:
                what = "但整改部分没有对应的整改措施。请为它写明整改措施、责任部门和完成时限"
            elif not any(m.measure for m in linked):
                what = "它的整改项尚未写明整改措施"
            elif open_items := [m for m in linked if not m.measure and not m.hand_edited]:
                # two problems in one answer are two items: each needs its measure
                what = f"它的整改项{_excerpt(open_items[0].text)}尚未写明整改措施"
            else:
                continue
            items.append(
                PreflightItem(
                    level=ERROR,
                    message=f"{_excerpt(p.body)}标为{p.status}，{what}。",
                    section_key=key,
                    point_id=p.id,
                )
            )
    for m in measures:
        missing = [
            label for label, value in (("责任部门", m.owner), ("完成时限", m.due)) if not value
        ]
        if missing:
            items.append(
                PreflightItem(
                    level=WARNING,
                    message=f"整改措施{_excerpt(m.measure or m.body)}未写{'和'.join(missing)}。",
                    section_key="rectification",
                    point_id=m.id,
                )
            )
        if m.due and m.due < report.date:
            items.append(
                PreflightItem(
                    level=WARNING,
                    message=f"整改措施{_excerpt(m.measure or m.body)}的完成时限早于成文日期，请核对。",
                    section_key="rectification",
                    point_id=m.id,
                )
            )
    return items


def _report_checks(report: AnyReport, today: dt.date) -> list[PreflightItem]:
    items: list[PreflightItem] = []
    if not (report.assessment or "").strip():
        items.append(
            PreflightItem(
                level=ERROR,
                message="缺少总体评价段落（如「虽然……但……」），请在各部分之后补写。",
            )
        )
    if report.date > today + dt.timedelta(days=FUTURE_DATE_DAYS):
        items.append(
            PreflightItem(
                level=WARNING,
                message=f"成文日期 {report.date_text()} 比今天晚了 {(report.date - today).days} 天，请核对。",
            )
        )
    if report.date.year < report.year:
        items.append(
            PreflightItem(
                level=WARNING,
                message=f"成文日期 {report.date_text()} 早于报告年度 {report.year} 年，请核对。",
            )
        )
    if report.status != "approved":
        items.append(
            PreflightItem(
                level=WARNING,
                message="报告尚未审定，导出件页眉将标注「征求意见稿」。",
            )
        )
    return items


# Numbers a hand-written 总体评价 states: 「共对照检查23项，其中符合18项、基本符合3项……」
_ASM_TOTAL = re.compile(r"共[^，,。；;]{0,14}?(\d+)\s*项")
_ASM_COUNTS = {
    "符合": re.compile(r"(?<![基不])符合\s*(\d+)\s*项"),
    "基本符合": re.compile(r"基本符合\s*(\d+)\s*项"),
    "不符合": re.compile(r"不符合\s*(\d+)\s*项"),
    "不适用": re.compile(r"不适用\s*(\d+)\s*项"),
}
# 「未发现问题」「均符合要求」: says there is no weakness.
_ASM_NONE = re.compile(
    r"未发现(?:重大|明显)?(?:问题|缺陷|薄弱环节|不足)|没有(?:发现)?(?:问题|薄弱环节|不足)|"
    r"(?:全部|均|完全)符合|不存在(?:问题|薄弱环节|不足)"
)
# 「仍存在薄弱环节」「存在以下问题」: says there is one.
_ASM_SOME = re.compile(
    r"(?<![未不没无])(?:存在|有)[^，,。；;]{0,10}?(?:薄弱环节|问题|不足|差距|短板)|有待(?:加强|完善|提高)|需要进一步整改"
)


def _assessment_checks(report: AnyReport) -> list[PreflightItem]:
    """A 总体评价 written or edited by hand must agree with the points' statuses."""
    text = (report.assessment or "").strip()
    if not text or report.assessment_auto:
        return []  # zicha's own paragraph is redrafted from the statuses on every change
    points = [
        p for key in report.area_keys() for p in report.section(key).included_points() if p.status
    ]
    counts = {s: sum(1 for p in points if p.status == s) for s in _ASM_COUNTS}
    weak = [p for p in points if p.status in ("基本符合", "不符合")]
    problems: list[str] = []
    if (m := _ASM_TOTAL.search(text)) and int(m.group(1)) != len(points):
        problems.append(f"写的是共 {m.group(1)} 项，但已标明符合情况的要点有 {len(points)} 项")
    for status, rx in _ASM_COUNTS.items():
        if (m := rx.search(text)) and int(m.group(1)) != counts[status]:
            problems.append(
                f"写的是{status} {m.group(1)} 项，但目前{status}的要点有 {counts[status]} 项"
            )
    if weak and _ASM_NONE.search(text) and not _ASM_SOME.search(text):
        names = "、".join(p.control_point or _excerpt(p.body, 8) for p in weak[:5])
        problems.append(
            f"称未发现问题，但有 {len(weak)} 个要点为基本符合或不符合（{names}{'等' if len(weak) > 5 else ''}）"
        )
    if not weak and points and _ASM_SOME.search(text):
        problems.append("提到存在问题或薄弱环节，但所有要点均为符合或不适用")
    return [
        PreflightItem(
            level=ERROR,
            message=f"总体评价与各要点的符合情况不一致：{p}。请按实际情况修改总体评价。",
            section_key=None,
        )
        for p in problems
    ]


def _cycle_checks(report: AnyReport, today: dt.date) -> list[PreflightItem]:
    """Carried-forward points not yet re-checked, last year's items not reported on, overdue."""
    from report.cycle_view import overdue, prior_label, prior_open, review_pending

    items: list[PreflightItem] = []
    if open_prior := prior_open(report):
        items.append(
            PreflightItem(
                level=ERROR,
                message=f"上年度问题整改落实情况还有 {len(open_prior)} 项未填写"
                f"（如{_excerpt(prior_label(open_prior[0]))}），请说明已完成、部分完成还是未完成。",
                section_key="prior",
            )
        )
    pending: dict[str, list[AnyPoint]] = {}
    for key, p in review_pending(report):
        pending.setdefault(key, []).append(p)
    for key, points in pending.items():
        # One line per section: a carried report starts with every point 待复核.
        items.append(
            PreflightItem(
                level=ERROR,
                message=f"有 {len(points)} 条沿用上年内容、尚未复核（如{_excerpt(points[0].body)}）："
                "请逐条确认仍然如此（沿用），或修改后重新作答。",
                section_key=key,
                point_id=points[0].id,
            )
        )
    for m in overdue(report, today):
        items.append(
            PreflightItem(
                level=WARNING,
                message=f"整改项{_excerpt(m.text)}已逾期：时限 {m.due.isoformat() if m.due else ''}，"
                f"完成状态为「{m.progress or '未开始'}」。",
                section_key="rectification",
                point_id=m.id,
            )
        )
    return items


def _score_checks(report: AnyReport) -> list[PreflightItem]:
    """Scored banks: a deduction zicha proposed is the officer's only once confirmed."""
    items = []
    for key in report.area_keys():
        for p in report.section(key).points:
            if p.deduction is not None and not p.deduction_confirmed and not p.skipped:
                items.append(
                    PreflightItem(
                        level=ERROR,
                        message=(
                            f"{p.control_point or _excerpt(p.body)}：拟扣 {p.deduction:g} 分尚未确认，"
                            "请在访谈中输入 /扣分 确认或修改。"
                        ),
                        section_key=key,
                        point_id=p.id,
                    )
                )
    return items


def preflight(
    report: AnyReport, today: dt.date | None = None, extra: Sequence[PreflightItem] = ()
) -> list[PreflightItem]:
    """Errors first, then warnings, each group in document order (extra after the area checks)."""
    today = today or dt.date.today()
    items = (
        _area_checks(report)
        + list(extra)
        + _report_checks(report, today)
        + _assessment_checks(report)
        + _cycle_checks(report, today)
        + _rectification_checks(report)
        + _score_checks(report)
        + _text_checks(report)
    )
    own = report.own_titles()
    items = [
        i._replace(section_title=own[i.section_key]) if i.section_key in own else i for i in items
    ]
    return [i for i in items if i.level == ERROR] + [i for i in items if i.level == WARNING]


def has_errors(items: list[PreflightItem]) -> bool:
    return any(i.level == ERROR for i in items)
