"""Checks run before export: what is missing or wrong, in Chinese, pointing at section and point.

错误 means the document would be incomplete or wrong; 提醒 means worth a look. Neither blocks
the export: a draft is exported to be read.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict

from report.models import AREA_KEYS, SECTION_TITLES, Report
from report.text import strip_xml_invalid

Level = Literal["错误", "提醒"]
ERROR: Level = "错误"
WARNING: Level = "提醒"

LONG_PARAGRAPH_CHARS = 1500
FUTURE_DATE_DAYS = 60
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Emoji and pictographs: no 公文 font has them, Word shows empty boxes.
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f]")


class PreflightItem(BaseModel):
    model_config = ConfigDict(frozen=True)

    level: Level
    message: str
    section_key: str | None = None
    point_id: str | None = None

    def line(self) -> str:
        where = SECTION_TITLES.get(self.section_key or "", "")
        if self.section_key == "prior":
            where = "上年度问题整改落实情况"
        return f"[{self.level}] {where + '：' if where else ''}{self.message}"


def _excerpt(text: str, n: int = 12) -> str:
    text = " ".join(text.split())
    return f"「{text[:n]}…」" if len(text) > n else f"「{text}」"


def _text_checks(report: Report) -> list[PreflightItem]:
    items: list[PreflightItem] = []
    for section in report.sections:
        for p in section.included_points():
            body = p.measure or p.body
            if _CONTROL.search(body) or strip_xml_invalid(body) != body:
                items.append(
                    PreflightItem(
                        level=WARNING,
                        message=f"{_excerpt(body)}含有控制字符等无法写入文档的字符，导出时将删除。",
                        section_key=section.key,
                        point_id=p.id,
                    )
                )
            if _EMOJI.search(body):
                items.append(
                    PreflightItem(
                        level=WARNING,
                        message=f"{_excerpt(body)}含有表情符号，公文字体无法显示，请删除。",
                        section_key=section.key,
                        point_id=p.id,
                    )
                )
            if len(body) > LONG_PARAGRAPH_CHARS:
                items.append(
                    PreflightItem(
                        level=WARNING,
                        message=f"{_excerpt(body)}长达 {len(body)} 字，建议拆成几条。",
                        section_key=section.key,
                        point_id=p.id,
                    )
                )
            if "我们" in body:
                items.append(
                    PreflightItem(
                        level=WARNING,
                        message=f"{_excerpt(body)}用了「我们」，公文应以单位口吻（如「{report.short_name}」）。",
                        section_key=section.key,
                        point_id=p.id,
                    )
                )
    return items


def _area_checks(report: Report) -> list[PreflightItem]:
    items: list[PreflightItem] = []
    for key in AREA_KEYS:
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
            if p.status is None:
                items.append(
                    PreflightItem(
                        level=WARNING,
                        message=f"{_excerpt(p.body)}未标明符合情况（符合／基本符合／不符合／不适用）。",
                        section_key=key,
                        point_id=p.id,
                    )
                )
    return items


def _rectification_checks(report: Report) -> list[PreflightItem]:
    items: list[PreflightItem] = []
    measures = report.section("rectification").included_points()
    linked = {m.source_point for m in measures if m.source_point}
    flagged = [
        (key, p)
        for key in AREA_KEYS
        for p in report.section(key).included_points()
        if p.status in ("不符合", "基本符合")
    ]
    if flagged and measures and not linked:
        # Measures typed by hand name no point: one reminder, not one per point.
        items.append(
            PreflightItem(
                level=WARNING,
                message=f"有 {len(flagged)} 处标为不符合或基本符合，请确认整改措施已逐一涵盖。",
                section_key="rectification",
            )
        )
        flagged = []
    for key, p in flagged:
        if p.id in linked:
            continue
        if not measures and p.status == "不符合":
            level, what = ERROR, "但整改部分没有任何整改措施"
        elif not measures:
            level, what = WARNING, "但整改部分没有任何整改措施"
        else:
            level, what = WARNING, "但没有对应的整改措施"
        items.append(
            PreflightItem(
                level=level,
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


def _report_checks(report: Report, today: dt.date) -> list[PreflightItem]:
    items: list[PreflightItem] = []
    if not (report.assessment or "").strip():
        items.append(
            PreflightItem(
                level=ERROR,
                message="缺少总体评价段落（如「虽然……但……」），请在五个方面之后补写。",
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


def _cycle_checks(report: Report, today: dt.date) -> list[PreflightItem]:
    """Carried-forward points not yet re-checked, last year's items not reported on, overdue."""
    from report.carry import prior_open, review_pending
    from report.ledger import overdue

    items: list[PreflightItem] = []
    if open_prior := prior_open(report):
        items.append(
            PreflightItem(
                level=ERROR,
                message=f"上年度问题整改落实情况还有 {len(open_prior)} 项未填写"
                f"（如{_excerpt(open_prior[0].problem)}），请说明已完成、部分完成还是未完成。",
                section_key="prior",
            )
        )
    for key, p in review_pending(report):
        items.append(
            PreflightItem(
                level=ERROR,
                message=f"{_excerpt(p.body)}沿用上年内容，尚未复核：请确认仍然如此，或修改后重新作答。",
                section_key=key,
                point_id=p.id,
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


def preflight(report: Report, today: dt.date | None = None) -> list[PreflightItem]:
    """Errors first, then warnings, each group in document order."""
    today = today or dt.date.today()
    items = (
        _area_checks(report)
        + _report_checks(report, today)
        + _cycle_checks(report, today)
        + _rectification_checks(report)
        + _text_checks(report)
    )
    return [i for i in items if i.level == ERROR] + [i for i in items if i.level == WARNING]


def has_errors(items: list[PreflightItem]) -> bool:
    return any(i.level == ERROR for i in items)
