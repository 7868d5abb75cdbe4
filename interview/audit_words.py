"""Audit-log details in words: 「cp:ORG-02」 becomes the control point's title, 「pt:…」 the
section and first words of the paragraph, section keys their titles.

The log itself keeps the raw ids (they are part of the hash chain); this only changes how a
detail is shown. `zicha audit log --raw` shows them unchanged.
"""

from __future__ import annotations

from report.models import SECTION_TITLES, Report

from .bank import Bank
from .navigation import ASM, RECT_NONE

FIRST_WORDS = 16  # characters of a paragraph shown to recognise it

OTHER_TARGETS = {
    ASM: "总体评价",
    RECT_NONE: "整改意见：未发现问题时的持续措施",
    "opening": "开头段",
}


def first_words(text: str, limit: int = FIRST_WORDS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "……"


def describe(detail: str, report: Report | None, bank: Bank | None) -> str:
    """`detail` as an officer would say it; unknown details are returned unchanged."""
    if detail in OTHER_TARGETS:
        return OTHER_TARGETS[detail]
    if detail in SECTION_TITLES:
        return SECTION_TITLES[detail]
    if report is not None and detail in report.own_titles():
        return report.own_titles()[detail]
    if detail.startswith("cp:"):
        cp = bank.get(detail[3:]) if bank is not None else None
        return f"控制点 {detail[3:]}「{cp.title}」" if cp else f"控制点 {detail[3:]}"
    if detail.startswith("pt:"):
        if report is None:
            return "一段内容"
        try:
            section, point = report.find_point(detail[3:])
        except KeyError:
            return "一段内容（此段后来已删去）"
        cp = bank.get(point.control_point) if bank is not None and point.control_point else None
        where = f"{section.title}·{cp.title}" if cp else section.title
        return f"{where}：「{first_words(point.body)}」"
    return detail
