"""How a unit calls itself in its own report: 某县医疗保障事务中心 -> 我中心."""

from __future__ import annotations

import re

# The kind of unit, read from the end of its name, and the self-name it takes.
SELF_NAMES: tuple[tuple[str, str], ...] = (
    ("中心", "我中心"),
    ("局", "我局"),
    ("处", "我处"),
    ("院", "我院"),
    ("所", "我所"),
    ("站", "我站"),
    ("办", "我办"),
    ("科", "我科"),
)
FALLBACK_SELF_NAME = "我单位"

# A trailing remark in brackets is not part of the unit's kind: 某县社保局（本级）.
_TRAILING_NOTE = re.compile(r"[（(][^（）()]*[）)]\s*$")


def default_short_name(unit: str | None) -> str:
    """The self-name a unit's report uses unless the officer chose another."""
    name = (unit or "").strip()
    while _TRAILING_NOTE.search(name):
        name = _TRAILING_NOTE.sub("", name).strip()
    for suffix, self_name in SELF_NAMES:
        if name.endswith(suffix):
            return self_name
    return FALLBACK_SELF_NAME
