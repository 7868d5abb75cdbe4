"""上年度整改落实情况: reading an answer about last year's rectification item.

The officer says whether the item is 已完成, 部分完成 or 未完成, what was done and when; the
outcome is read from the words (部分 before 未 before 已, since 「部分完成」 also contains 完成).
No outcome found means a follow-up; nothing is guessed.
"""

from __future__ import annotations

import datetime as dt
import re

from report.cycle_view import stated_problem
from report.models import PriorItem

from .followup import _DATE_FULL, _DATE_MONTH, _safe_date

_PARTLY = re.compile(r"部分完成|部分整改|基本完成|大部分|还有部分|尚有部分|仍有部分")
_NOT_DONE = re.compile(r"未完成|尚未|没有完成|没完成|未整改|还没有|还没|仍未|未能|未落实|未开展")
_DONE = re.compile(r"已完成|已经完成|全部完成|已整改|整改完毕|已落实|完成了|已办结")

OUTCOME_QUESTION = (
    "这项整改完成了吗？请说明是「已完成」「部分完成」还是「未完成」，做了什么、何时完成。"
)


def read_outcome(text: str) -> str | None:
    text = text.strip()
    if text in ("已完成", "部分完成", "未完成"):
        return text
    if _PARTLY.search(text):
        return "部分完成"
    if _NOT_DONE.search(text):
        return "未完成"
    if _DONE.search(text):
        return "已完成"
    return None


_LEADING_OUTCOME = re.compile(r"^\s*(?:已完成|部分完成|未完成)\s*[，,。；;：:、]?\s*")


def done_text(parts: list[str]) -> str:
    """What was done: the answer from the part that gave the outcome on, without the bare word."""
    start = next((i for i, part in enumerate(parts) if read_outcome(part)), 0)
    text = "；".join(p.strip().rstrip("。；;，,") for p in parts[start:] if p.strip())
    return _LEADING_OUTCOME.sub("", text)


def read_date(text: str, base_year: int) -> dt.date | None:
    """When it was done: a full date, or a month (its last day). Periods such as 「2026年上半年」
    usually name what was fixed, not when, so they are not read as the date."""
    if m := _DATE_FULL.search(text):
        return _safe_date(int(m[1]), int(m[2]), int(m[3]))
    if m := _DATE_MONTH.search(text):
        return _safe_date(int(m[1]), int(m[2]), None)
    return None


def question(item: PriorItem) -> str:
    problem = stated_problem(item)
    if problem:
        parts = [f"上年度整改项：{problem}。"]
    else:
        # Last year's report stated no problem for this item: say so, quote no answer.
        where = f"{item.area}方面的" if item.area else ""
        parts = [f"上年度整改项：{where}整改（上年报告未单独写明问题）。"]
    if item.measure:
        parts.append(f"当时的整改措施：{item.measure.rstrip('。')}。")
    who = "、".join(x for x in (item.owner, item.person) if x)
    if who or item.due:
        parts.append(
            f"（{'责任：' + who if who else ''}{'，' if who and item.due else ''}"
            f"{'时限：' + item.due.isoformat() if item.due else ''}）"
        )
    if item.ledger_progress or item.ledger_note:
        note = f"：{item.ledger_note.rstrip('。')}" if item.ledger_note else ""
        parts.append(f"整改台账记录为「{item.ledger_progress or '未填'}」{note}。")
    parts.append(OUTCOME_QUESTION)
    return "".join(parts)
