"""A stored report read back as plain named tuples, for the export path (issue 16).

The report in zicha.db was validated by report.models when it was written; `zicha export` reads
it back here without importing pydantic (its import and model building cost more than the whole
bare python-docx loop the export is measured against). Same field names and defaults as the
pydantic models, and the derived text the exporter and the preflight read (display_title,
display_opening, section_title, body …). tests/report/test_plain_report.py keeps the two in step:
the same fields, and the same derived values and exported document for a range of reports.

Anything unusual (a key the models do not know, sections not in the bank's order, a value of
the wrong kind) raises NotPlain: the caller then takes the pydantic path, which says what is wrong.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, TypeAlias, TypeVar

from .text import default_opening, default_title, format_cn_date
from .vocab import (
    AREA_KEYS,
    PENDING_STATUS,
    SECTION_KEYS,
    SECTION_TITLES,
    STATUSES,
    WEAK_STATUSES,
)

REPORT_STATES = ("draft", "submitted", "returned", "approved")  # report.models.ReportState

T = TypeVar("T")


class NotPlain(ValueError):
    """The stored body is not what report.models would write: use the validating path."""


class PlainBankSection(NamedTuple):
    key: str
    title: str


class PlainBankRef(NamedTuple):
    name: str
    version: int
    hash: str
    sections: tuple[PlainBankSection, ...] = ()


class PlainAttachment(NamedTuple):
    name: str
    sha256: str
    size: int
    added_at: str | None = None


class PlainCarriedPoint(NamedTuple):
    point_id: str
    year: int
    text: str
    body: str
    status: str | None = None


class PlainPredecessor(NamedTuple):
    report_id: int
    year: int
    digest: str
    snapshot_seq: int | None = None


class PlainPriorItem(NamedTuple):
    id: str
    origin_id: str
    problem: str
    measure: str | None = None
    owner: str | None = None
    person: str | None = None
    due: dt.date | None = None
    control_point: str | None = None
    area: str | None = None
    ledger_progress: str | None = None
    ledger_note: str | None = None
    outcome: str | None = None
    done_text: str | None = None
    done_date: dt.date | None = None
    attachments: Sequence[PlainAttachment] = ()
    carried_item: str | None = None


class PlainPoint(NamedTuple):
    id: str
    text: str
    drafted: str | None = None
    hand_edited: bool = False
    control_point: str | None = None
    status: str | None = None
    status_confirmed: bool = True
    status_reason: str | None = None
    problems: Sequence[str] = ()
    citations: Sequence[str] = ()
    skipped: bool = False
    custom: bool = False
    measure: str | None = None
    owner: str | None = None
    due: dt.date | None = None
    source_point: str | None = None
    person: str | None = None
    progress: str | None = None
    progress_note: str | None = None
    deduction: float | None = None
    deduction_reason: str | None = None
    deduction_confirmed: bool = True
    origin_item: str | None = None
    attachments: Sequence[PlainAttachment] = ()
    carried: PlainCarriedPoint | None = None
    review_pending: bool = False

    @property
    def body(self) -> str:
        """The text that goes into the report: the drafted sentence if any, else the answer."""
        return (self.drafted or self.text).strip()

    @property
    def shown_status(self) -> str | None:
        if not self.status_confirmed:
            return PENDING_STATUS
        return self.status

    @property
    def weak(self) -> bool:
        return not self.skipped and self.status in WEAK_STATUSES


class PlainSection(NamedTuple):
    key: str
    points: Sequence[PlainPoint] = ()
    done: bool = False
    heading: str | None = None

    @property
    def title(self) -> str:
        return self.heading or SECTION_TITLES.get(self.key, self.key)

    def included_points(self) -> list[PlainPoint]:
        return [p for p in self.points if not p.skipped]


class PlainReport(NamedTuple):
    unit: str
    addressee: str
    year: int
    basis_title: str
    basis_number: str
    date: dt.date  # always stored (report.models fills in today for a new report)
    id: int | None = None
    short_name: str = "我局"
    title: str | bool | None = None
    status: str = "draft"
    revision: int = 0
    opening: str | None = None
    assessment: str | None = None
    assessment_auto: bool = False
    sections: Sequence[PlainSection] = ()
    predecessor: PlainPredecessor | None = None
    prior_items: Sequence[PlainPriorItem] = ()
    bank: PlainBankRef | None = None
    created_by: str | None = None
    created_at: str | None = None
    updated_at: str | None = None

    # --- the derived text, as report.models.Report has it ---------------------------------------
    def area_keys(self) -> tuple[str, ...]:
        if self.bank is not None and self.bank.sections:
            return tuple(s.key for s in self.bank.sections)
        return AREA_KEYS

    def own_titles(self) -> dict[str, str]:
        if self.bank is None:
            return {}
        return {s.key: s.title for s in self.bank.sections}

    def section_title(self, key: str) -> str:
        return self.own_titles().get(key) or SECTION_TITLES.get(key, key)

    def section(self, key: str) -> PlainSection:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)

    def find_point(self, point_id: str) -> tuple[PlainSection, PlainPoint]:
        for s in self.sections:
            for p in s.points:
                if p.id == point_id:
                    return s, p
        raise KeyError(point_id)

    def find_prior(self, item_id: str) -> PlainPriorItem:
        for item in self.prior_items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def display_title(self) -> str | None:
        if self.title is False:
            return None
        if isinstance(self.title, str) and self.title:
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


# --- reading a stored row --------------------------------------------------------------------
def _text(v: Any) -> str:
    if not isinstance(v, str):
        raise NotPlain("text expected")
    return v


def _opt_text(v: Any) -> str | None:
    return None if v is None else _text(v)


def _int(v: Any) -> int:
    if not isinstance(v, int) or isinstance(v, bool):
        raise NotPlain("integer expected")
    return v


def _opt_int(v: Any) -> int | None:
    return None if v is None else _int(v)


def _bool(v: Any) -> bool:
    if not isinstance(v, bool):
        raise NotPlain("true/false expected")
    return v


def _opt_number(v: Any) -> float | None:
    if v is None:
        return None
    if not isinstance(v, int | float) or isinstance(v, bool):
        raise NotPlain("number expected")
    return float(v)


def _opt_date(v: Any) -> dt.date | None:
    if v is None:
        return None
    try:
        return dt.date.fromisoformat(_text(v))
    except ValueError:
        raise NotPlain("date expected") from None


def _texts(v: Any) -> list[str]:
    if not isinstance(v, list):
        raise NotPlain("list expected")
    return [_text(x) for x in v]


def _items(convert: Callable[[Any], T]) -> Callable[[Any], list[T]]:
    def read(v: Any) -> list[T]:
        if not isinstance(v, list):
            raise NotPlain("list expected")
        return [convert(x) for x in v]

    return read


def _opt(convert: Callable[[Any], T]) -> Callable[[Any], T | None]:
    return lambda v: None if v is None else convert(v)


def _build(cls: Callable[..., T], readers: Mapping[str, Callable[[Any], Any]], data: Any) -> T:
    """cls(**data) with each value read by its reader; a key cls does not have is NotPlain."""
    if not isinstance(data, dict):
        raise NotPlain("object expected")
    unknown = set(data) - set(readers)
    if unknown:
        raise NotPlain(f"unknown keys {sorted(unknown)}")
    return cls(**{k: readers[k](v) for k, v in data.items()})


def _attachment(d: Any) -> PlainAttachment:
    return _build(
        PlainAttachment,
        {"name": _text, "sha256": _text, "size": _int, "added_at": _opt_text},
        d,
    )


_ATTACHMENTS = _items(_attachment)


def _carried(d: Any) -> PlainCarriedPoint:
    readers = {"point_id": _text, "year": _int, "text": _text, "body": _text, "status": _opt_text}
    return _build(PlainCarriedPoint, readers, d)


_POINT_READERS: dict[str, Callable[[Any], Any]] = {
    "id": _text,
    "text": _text,
    "drafted": _opt_text,
    "hand_edited": _bool,
    "control_point": _opt_text,
    "status": _opt_text,
    "status_confirmed": _bool,
    "status_reason": _opt_text,
    "problems": _texts,
    "citations": _texts,
    "skipped": _bool,
    "custom": _bool,
    "measure": _opt_text,
    "owner": _opt_text,
    "due": _opt_date,
    "source_point": _opt_text,
    "person": _opt_text,
    "progress": _opt_text,
    "progress_note": _opt_text,
    "deduction": _opt_number,
    "deduction_reason": _opt_text,
    "deduction_confirmed": _bool,
    "origin_item": _opt_text,
    "attachments": _ATTACHMENTS,
    "carried": _opt(_carried),
    "review_pending": _bool,
}
_PRIOR_READERS: dict[str, Callable[[Any], Any]] = {
    "id": _text,
    "origin_id": _text,
    "problem": _text,
    "measure": _opt_text,
    "owner": _opt_text,
    "person": _opt_text,
    "due": _opt_date,
    "control_point": _opt_text,
    "area": _opt_text,
    "ledger_progress": _opt_text,
    "ledger_note": _opt_text,
    "outcome": _opt_text,
    "done_text": _opt_text,
    "done_date": _opt_date,
    "attachments": _ATTACHMENTS,
    "carried_item": _opt_text,
}


def _point(d: Any) -> PlainPoint:
    return _build(PlainPoint, _POINT_READERS, d)


def _section(d: Any) -> PlainSection:
    readers = {"key": _text, "points": _items(_point), "done": _bool, "heading": _opt_text}
    return _build(PlainSection, readers, d)


def _bank(d: Any) -> PlainBankRef:
    def sections(v: Any) -> tuple[PlainBankSection, ...]:
        reader = _items(lambda s: _build(PlainBankSection, {"key": _text, "title": _text}, s))
        return tuple(reader(v))

    readers = {"name": _text, "version": _int, "hash": _text, "sections": sections}
    return _build(PlainBankRef, readers, d)


def _predecessor(d: Any) -> PlainPredecessor:
    readers = {"report_id": _int, "year": _int, "snapshot_seq": _opt_int, "digest": _text}
    return _build(PlainPredecessor, readers, d)


def _title(v: Any) -> str | bool | None:
    if v is None or v is False:
        return v
    title = _text(v)
    if title != title.strip() or not title:
        raise NotPlain("title not as stored")
    return title


_REPORT_READERS: dict[str, Callable[[Any], Any]] = {
    "id": _opt_int,
    "unit": _text,
    "short_name": _text,
    "addressee": _text,
    "year": _int,
    "basis_title": _text,
    "basis_number": _text,
    "title": _title,
    "date": _opt_date,
    "status": _text,
    "revision": _int,
    "opening": _opt_text,
    "assessment": _opt_text,
    "assessment_auto": _bool,
    "sections": _items(_section),
    "predecessor": _opt(_predecessor),
    "prior_items": _items(lambda d: _build(PlainPriorItem, _PRIOR_READERS, d)),
    "bank": _opt(_bank),
    "created_by": _opt_text,
    "created_at": _opt_text,
    "updated_at": _opt_text,
}
_REQUIRED = ("unit", "short_name", "addressee", "year", "basis_title", "basis_number", "date")


def plain_report(data: Any) -> PlainReport:
    """A stored report (the JSON body plus id, revision and times) as a PlainReport."""
    if not isinstance(data, dict) or any(data.get(k) in (None, "") for k in _REQUIRED):
        raise NotPlain("a required field is missing")
    report = _build(PlainReport, _REPORT_READERS, data)
    # What report.models' validators would have changed: stored bodies never need it.
    expected = [*report.area_keys(), "rectification"]
    headings = report.own_titles()
    if [s.key for s in report.sections] != expected or any(
        s.heading != headings.get(s.key) for s in report.sections
    ):
        raise NotPlain("sections not in the bank's order")
    if not all(s.key in SECTION_KEYS or s.key in headings for s in report.sections):
        raise NotPlain("unknown section")
    if report.status not in REPORT_STATES or any(
        p.status not in (None, *STATUSES) for s in report.sections for p in s.points
    ):
        raise NotPlain("status not as stored")
    for text in (report.unit, report.short_name, report.addressee, report.basis_title):
        if text != text.strip():
            raise NotPlain("text not as stored")
    if any(
        not p.text.strip() or p.text != p.text.strip() for s in report.sections for p in s.points
    ):
        raise NotPlain("point text not as stored")
    return report


def stored_plain_report(row: tuple[Any, ...]) -> PlainReport:
    """row: (id, revision, created_at, updated_at, body) as ReportStore.get selects it."""
    try:
        data = json.loads(row[4])
    except (TypeError, ValueError):
        raise NotPlain("body is not JSON") from None
    if not isinstance(data, dict):
        raise NotPlain("body is not an object")
    data.update(id=row[0], revision=row[1], created_at=row[2], updated_at=row[3])
    return plain_report(data)


if TYPE_CHECKING:
    from .models import Point, PriorItem, Report, Section

    # Code that reads either form (the exporter, the preflight) is typed with these.
    AnyReport: TypeAlias = Report | PlainReport
    AnySection: TypeAlias = Section | PlainSection
    AnyPoint: TypeAlias = Point | PlainPoint
    AnyPriorItem: TypeAlias = PriorItem | PlainPriorItem
