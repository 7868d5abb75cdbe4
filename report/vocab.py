"""The report's vocabulary: statuses and section keys, titles and tests on keys.

No pydantic here (report/models.py re-exports all of it): `zicha export` reads a stored
report without importing pydantic (issue 16).
"""

from __future__ import annotations

import re
from typing import Literal, TypeGuard, get_args

Status = Literal["符合", "基本符合", "不符合", "不适用"]
# The values are spelled once, in the Literal; the tuples are read from it.
STATUSES: tuple[Status, ...] = get_args(Status)
WEAK_STATUSES: tuple[Status, ...] = ("基本符合", "不符合")
PENDING_STATUS = "待确认"  # shown instead of a proposed status until the officer confirms it

SectionKey = Literal[
    "organization",
    "business",
    "fund_finance",
    "information_system",
    "supervision",
    "rectification",
]
SECTION_KEYS: tuple[SectionKey, ...] = get_args(SectionKey)
AREA_KEYS: tuple[SectionKey, ...] = SECTION_KEYS[:5]
SECTION_TITLES: dict[str, str] = {
    "organization": "组织机构控制",
    "business": "业务运行控制",
    "fund_finance": "基金财务控制",
    "information_system": "信息系统控制",
    "supervision": "内部控制的管理和监督",
    "rectification": "整改意见或建议",
}
# What people write for an area when not its full title (a province table's 项目, /转到).
AREA_SHORT_NAMES: dict[str, str] = {
    "组织": "organization",
    "业务": "business",
    "基金": "fund_finance",
    "财务": "fund_finance",
    "信息": "information_system",
    "信息系统": "information_system",
    "监督": "supervision",
}
# A bank may declare its own sections instead of the five areas: keys s01, s02, …, in its order.
OWN_SECTION_RE = re.compile(r"s\d{2}")
MAX_OWN_SECTIONS = 26


def is_own_key(key: object) -> bool:
    return isinstance(key, str) and OWN_SECTION_RE.fullmatch(key) is not None


def is_area_key(key: object) -> TypeGuard[str]:
    """One of the five standard areas or a section a bank declared (not rectification)."""
    return key in AREA_KEYS or is_own_key(key)
