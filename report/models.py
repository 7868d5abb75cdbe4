"""The report model: what a self-inspection report (自查报告) holds.

Plain pydantic v2 models with Chinese validation messages. No I/O here.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .labels import STATE_LABELS as STATE_LABELS  # re-exported for older imports
from .text import default_opening, default_title
from .text import format_cn_date as format_cn_date  # re-exported: it lives where no pydantic is

# The vocabulary lives in report/vocab.py, where no pydantic is; re-exported here.
from .vocab import AREA_KEYS as AREA_KEYS
from .vocab import AREA_SHORT_NAMES as AREA_SHORT_NAMES
from .vocab import MAX_OWN_SECTIONS as MAX_OWN_SECTIONS
from .vocab import OWN_SECTION_RE as OWN_SECTION_RE
from .vocab import PENDING_STATUS as PENDING_STATUS
from .vocab import SECTION_KEYS as SECTION_KEYS
from .vocab import SECTION_TITLES as SECTION_TITLES
from .vocab import STATUSES as STATUSES
from .vocab import WEAK_STATUSES as WEAK_STATUSES
from .vocab import SectionKey as SectionKey
from .vocab import Status as Status
from .vocab import is_area_key as is_area_key
from .vocab import is_own_key as is_own_key

ReportState = Literal["draft", "submitted", "returned", "approved"]

# A rectification item's progress as the 整改台账 tracks it between two reports.
LedgerState = Literal["未开始", "推进中", "已完成"]
LEDGER_STATES: tuple[str, ...] = ("未开始", "推进中", "已完成")
# How last year's item stands when this year's report asks (上年度整改落实情况).
PriorOutcome = Literal["已完成", "部分完成", "未完成"]
PRIOR_OUTCOMES: tuple[str, ...] = ("已完成", "部分完成", "未完成")
# A carried-forward point the officer has not yet looked at this year.
REVIEW_PENDING_LABEL = "待复核"

FIELD_LABELS: dict[str, str] = {
    "unit": "单位全称（unit）",
    "short_name": "单位简称（short_name）",
    "addressee": "主送机关（addressee）",
    "year": "年度（year）",
    "basis_title": "依据通知标题（basis.title）",
    "basis_number": "依据通知文号（basis.number）",
    "title": "标题（title）",
    "date": "成文日期（date）",
    "text": "内容（text）",
    "status": "符合情况（status）",
    "owner": "责任部门（owner）",
    "due": "完成时限（due）",
}


def new_id() -> str:
    return uuid.uuid4().hex[:12]


class BankSection(BaseModel):
    """A section a bank declares itself (its table's 项目), in place of the five areas."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str
    title: str

    @field_validator("key")
    @classmethod
    def _own_key(cls, v: str) -> str:
        if not is_own_key(v):
            raise ValueError("题库自带部分的编号应为 s01、s02 ……")
        return v


class BankRef(BaseModel):
    """Which question bank a report is answered on (None on a report: the built-in bank)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    version: int
    hash: str
    # The bank's own sections in its order; empty: its points sit in the five standard areas.
    sections: tuple[BankSection, ...] = ()


class Attachment(BaseModel):
    """An evidence file (佐证材料): the file itself lives once in the data home, named by hash."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    sha256: str
    size: int
    added_at: str | None = None


class CarriedPoint(BaseModel):
    """What a point said in last year's report, kept beside this year's answer."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    point_id: str
    year: int
    text: str
    body: str
    status: Status | None = None


class Predecessor(BaseModel):
    """The report this one was started from, and which version of it was the base."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    report_id: int
    year: int
    snapshot_seq: int | None = None  # None: the base was an unsubmitted draft
    digest: str


class PriorItem(BaseModel):
    """Last year's rectification item and how it was carried out (上年度整改落实情况)."""

    model_config = ConfigDict(validate_assignment=True, extra="forbid")

    id: str = Field(default_factory=lambda: new_id())
    origin_id: str  # the item's id in last year's report
    # The problem as the officer stated it; "" when last year's report stated none (an
    # answers-file item whose text is its measure, with no problem noted): see area.
    problem: str
    measure: str | None = None
    owner: str | None = None
    person: str | None = None
    due: dt.date | None = None
    control_point: str | None = None
    # The control area of the answer the item was linked to (named when no problem was stated).
    area: str | None = None
    # What the 整改台账 said when the report was carried forward (shown, never taken as the answer).
    ledger_progress: LedgerState | None = None
    ledger_note: str | None = None
    outcome: PriorOutcome | None = None
    done_text: str | None = None
    done_date: dt.date | None = None
    attachments: list[Attachment] = Field(default_factory=list)
    carried_item: str | None = None  # this year's rectification item for an unfinished one


def _clean_required(value: str, label: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{label}应为文字")
    value = value.strip()
    if not value:
        raise ValueError(f"{label}不能为空，请填写")
    return value


class Point(BaseModel):
    """One paragraph of a section: an answer to a control point, or a rectification item."""

    model_config = ConfigDict(validate_assignment=True, extra="forbid")

    id: str = Field(default_factory=new_id)
    text: str = Field(description="the officer's own words")
    drafted: str | None = Field(default=None, description="the report sentence drafted from text")
    hand_edited: bool = False
    control_point: str | None = None
    status: Status | None = None
    # False while the status is zicha's proposal the officer has not yet confirmed (待确认).
    status_confirmed: bool = True
    status_reason: str | None = Field(default=None, description="why zicha proposed the status")
    problems: list[str] = Field(default_factory=list)
    citations: list[str] = Field(default_factory=list)
    skipped: bool = False
    custom: bool = False
    # Rectification items only.
    measure: str | None = None
    owner: str | None = None
    due: dt.date | None = None
    source_point: str | None = None
    # The 整改台账 columns beyond the report text (rectification items only).
    person: str | None = None
    progress: LedgerState | None = None
    progress_note: str | None = None
    # Scored banks (a province's 检查评估表): points deducted from the 分值 and why; the 得分 is
    # derived (report.scoring), never stored.
    deduction: float | None = None
    deduction_reason: str | None = None
    deduction_confirmed: bool = True
    origin_item: str | None = None  # last year's item this one continues
    attachments: list[Attachment] = Field(default_factory=list)
    # Started from last year's report: what it said, and whether it is still to be re-checked.
    carried: CarriedPoint | None = None
    review_pending: bool = False

    @field_validator("text")
    @classmethod
    def _text_not_empty(cls, v: str) -> str:
        if not isinstance(v, str):
            raise ValueError("内容应为文字")
        v = v.strip()
        if not v:
            raise ValueError("内容不能为空，请写明具体做法或情况")
        return v

    @property
    def body(self) -> str:
        """The text that goes into the report: the drafted sentence if any, else the answer."""
        return (self.drafted or self.text).strip()

    @property
    def shown_status(self) -> str | None:
        """The status as every view shows it: 待确认 until the officer confirms a proposal."""
        if not self.status_confirmed:  # a proposal, or no proposal at all: the officer chooses
            return PENDING_STATUS
        return self.status

    @property
    def weak(self) -> bool:
        """Marked (or proposed) 基本符合 or 不符合: a weakness to carry to rectification."""
        return not self.skipped and self.status in WEAK_STATUSES


class Section(BaseModel):
    model_config = ConfigDict(validate_assignment=True, extra="forbid")

    key: str  # a SectionKey, or s01… on a bank with its own sections
    points: list[Point] = Field(default_factory=list)
    done: bool = False
    heading: str | None = None  # the title of a bank's own section (from the report's bank)

    @field_validator("key")
    @classmethod
    def _known_key(cls, v: str) -> str:
        if v not in SECTION_KEYS and not is_own_key(v):
            raise ValueError("部分只能是 " + "、".join(SECTION_KEYS) + "，或题库自带的 s01、s02 ……")
        return v

    @property
    def title(self) -> str:
        return self.heading or SECTION_TITLES.get(self.key, self.key)

    def included_points(self) -> list[Point]:
        return [p for p in self.points if not p.skipped]


def _default_sections() -> list[Section]:
    return [Section(key=k) for k in SECTION_KEYS]


class Report(BaseModel):
    model_config = ConfigDict(validate_assignment=True, extra="forbid")

    id: int | None = None
    unit: str
    short_name: str = Field(default="我局", description="derived from unit when not given")
    addressee: str
    year: int
    basis_title: str
    basis_number: str
    title: str | Literal[False] | None = None
    date: dt.date = Field(default_factory=dt.date.today)
    status: ReportState = "draft"
    revision: int = 0
    opening: str | None = None
    assessment: str | None = None
    # True while the assessment is the paragraph zicha drafted (redrafted when statuses change);
    # False once the officer wrote or edited it by hand.
    assessment_auto: bool = False
    sections: list[Section] = Field(default_factory=_default_sections)
    predecessor: Predecessor | None = None
    prior_items: list[PriorItem] = Field(default_factory=list)
    bank: BankRef | None = None
    created_by: str | None = None
    created_at: str | None = None
    updated_at: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _default_short_name(cls, data: object) -> object:
        # 某县医疗保障事务中心 is 我中心, not 我局: the self-name follows the unit unless given.
        if isinstance(data, dict) and not str(data.get("short_name") or "").strip():
            from .naming import default_short_name

            data = {**data, "short_name": default_short_name(data.get("unit"))}
        return data

    @field_validator("unit", "addressee", "basis_title", "basis_number")
    @classmethod
    def _required_text(cls, v: str, info: ValidationInfo) -> str:
        return _clean_required(v, FIELD_LABELS.get(info.field_name or "", info.field_name or ""))

    @field_validator("short_name")
    @classmethod
    def _short_name(cls, v: str) -> str:
        return _clean_required(v, FIELD_LABELS["short_name"])

    @field_validator("year")
    @classmethod
    def _year(cls, v: int) -> int:
        if not 2000 <= v <= 2100:
            raise ValueError("年度（year）应为 2000 至 2100 之间的四位数字，例如 2026")
        return v

    @field_validator("title")
    @classmethod
    def _title(cls, v: object) -> object:
        if v is True:
            raise ValueError("标题（title）应为文字、null（自动生成）或 false（不要标题）")
        if isinstance(v, str):
            v = v.strip()
            return v or None
        return v

    @model_validator(mode="after")
    def _sections_complete(self) -> Report:
        """The sections in the bank's order: the five areas (or the bank's own), rectification."""
        expected = [*self.area_keys(), "rectification"]
        headings = self.own_titles()
        keys = [s.key for s in self.sections]
        if keys != expected or any(s.heading != headings.get(s.key) for s in self.sections):
            have = {s.key: s for s in self.sections}
            if len(have) != len(self.sections):
                raise ValueError("各部分（sections）不能重复")
            stray = [s.title for k, s in have.items() if k not in expected and s.points]
            if stray:
                raise ValueError(
                    f"「{'、'.join(stray)}」不属于本报告所用题库的部分，其中的内容无处安放"
                )
            sections = []
            for k in expected:
                section = have.get(k) or Section(key=k)
                if section.heading != headings.get(k):
                    section = section.model_copy(update={"heading": headings.get(k)})
                sections.append(section)
            object.__setattr__(self, "sections", sections)
        return self

    def area_keys(self) -> tuple[str, ...]:
        """The sections answered point by point: the bank's own, or the five areas."""
        if self.bank is not None and self.bank.sections:
            return tuple(s.key for s in self.bank.sections)
        return AREA_KEYS

    def own_titles(self) -> dict[str, str]:
        if self.bank is None:
            return {}
        return {s.key: s.title for s in self.bank.sections}

    def section_title(self, key: str) -> str:
        """A section's title (own sections' from the bank); the key itself when unknown."""
        return self.own_titles().get(key) or SECTION_TITLES.get(key, key)

    # --- derived text -------------------------------------------------------------
    def section(self, key: str) -> Section:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)

    def find_point(self, point_id: str) -> tuple[Section, Point]:
        for s in self.sections:
            for p in s.points:
                if p.id == point_id:
                    return s, p
        raise KeyError(point_id)

    def find_prior(self, item_id: str) -> PriorItem:
        for item in self.prior_items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def display_title(self) -> str | None:
        """The title line, or None when the unit chose to have none."""
        if self.title is False:
            return None
        if self.title:
            return self.title
        return default_title(self.unit, self.year)

    def display_opening(self) -> str:
        if self.opening:
            return self.opening
        areas = [self.section_title(k) for k in self.area_keys()]
        return default_opening(
            self.basis_title, self.basis_number, self.short_name, areas, bool(self.prior_items)
        )

    def date_text(self) -> str:
        return format_cn_date(self.date)


def validation_message(exc: Exception) -> str:
    """Turn a pydantic ValidationError into Chinese lines that name the field."""
    from pydantic import ValidationError

    if not isinstance(exc, ValidationError):
        return str(exc)
    lines = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err.get("loc", ()))
        field = str(err["loc"][-1]) if err.get("loc") else ""
        label = FIELD_LABELS.get(field, loc or "内容")
        msg = err.get("msg", "")
        msg = msg.removeprefix("Value error, ")
        etype = err.get("type", "")
        if etype == "missing":
            msg = f"缺少{label}，请补上"
        elif etype == "extra_forbidden":
            msg = f"不认识的项目「{field}」，请检查拼写或删除"
        elif etype.startswith("int") or etype.startswith("date") or etype == "literal_error":
            if field == "status":
                msg = "符合情况只能是：符合、基本符合、不符合、不适用"
            elif field in ("date", "due"):
                msg = f"{label}应为日期，写成 2026-11-29 这样的格式"
            elif field == "year":
                msg = "年度（year）应为四位数字，例如 2026"
            else:
                msg = f"{label}的取值不对：{msg}"
        elif etype == "string_type":
            msg = f"{label}应为文字"
        if label not in msg and loc:
            msg = f"{loc}：{msg}"
        lines.append(msg)
    return "\n".join(lines)
