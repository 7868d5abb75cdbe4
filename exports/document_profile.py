"""A document profile as the writers read it: a plain frozen dataclass, no pydantic.

Profiles written by people (YAML files, `zicha profile add`) are checked by exports/profile.py
(ProfileModel, with line-numbered Chinese messages) and turned into this. An export with the
built-in profile never imports pydantic (issue 16: `zicha export` against a bare python-docx
loop). tests/exports/test_export_lean.py keeps the two classes' fields and defaults equal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from report.errors import ZichaError

from .layout import Layout

Kind = Literal["上行文", "平行文", "下行文"]
KINDS: tuple[str, ...] = ("上行文", "平行文", "下行文")
PROFILE_DIR = "profiles"
DEFAULT_PROFILE = "标准"

BUILTIN_YAML: dict[str, str] = {
    DEFAULT_PROFILE: "name: 标准\n",
    # The 方正 _GBK fonts many Kylin/UOS offices have instead of the GB2312 ones.
    "方正字库": (
        "name: 方正字库\n"
        "layout:\n"
        "  fonts:\n"
        "    body: 方正仿宋_GBK\n"
        "    title: 方正小标宋_GBK\n"
        "    heading1: 方正黑体_GBK\n"
        "    heading2: 方正楷体_GBK\n"
        "    heading3: 方正仿宋_GBK\n"
        "    organ_mark: 方正小标宋_GBK\n"
        "    doc_number: 方正仿宋_GBK\n"
        "    signer: 方正楷体_GBK\n"
        "    record: 方正仿宋_GBK\n"
        "    table: 方正仿宋_GBK\n"
    ),
}


class ProfileError(ZichaError):
    """A profile file or name that cannot be used; the message says what to write."""


@dataclass(frozen=True)
class DocumentProfile:
    """Everything an export takes from the profile; the built-in one is today's plain layout."""

    name: str = DEFAULT_PROFILE
    kind: Kind | None = None
    organ_mark: str | None = None
    doc_number: str | None = None
    signer: list[str] = field(default_factory=list)
    secrecy: str | None = None
    urgency: Literal["特急", "加急"] | None = None
    cc: list[str] = field(default_factory=list)
    printer: str | None = None
    print_date: dt.date | None = None
    attachments: list[str] = field(default_factory=list)
    layout: Layout = field(default_factory=Layout)
    template: str | None = None
    # Where the profile came from, for relative template paths and messages.
    source: str | None = None

    def model_copy(self, *, update: dict[str, Any]) -> DocumentProfile:
        """A copy with some fields changed (the call the code had when this was a pydantic
        model; the values are the caller's own, already checked)."""
        return replace(self, **update)

    @property
    def has_head(self) -> bool:
        """版头: the red mark, number and separator."""
        return bool(self.organ_mark)

    @property
    def has_record(self) -> bool:
        """版记: 抄送 and/or 印发机关."""
        return bool(self.cc or self.printer)

    def template_path(self) -> Path | None:
        if not self.template:
            return None
        path = Path(self.template).expanduser()
        if not path.is_absolute() and self.source:
            path = Path(self.source).parent / path
        return path
