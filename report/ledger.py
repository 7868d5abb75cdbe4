"""The 整改台账 (rectification ledger): its rows, what an import would change, and applying it.

exports/ledger_xlsx.py writes and reads the Excel file; this module knows what the columns mean.
An import is planned first (a per-row list of changes the officer is shown), then applied through
the store in one transaction with a revision check and one audit event. A plan that cannot be
applied as a whole is refused with a message naming sheet, row and column, and nothing changes.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from .errors import ConflictError, ZichaError
from .labels import DEFAULT_ACTOR
from .models import LEDGER_STATES, Point, Report, format_cn_date, is_area_key
from .rectification_problem import ledger_problem
from .store import ReportStore

SHEET_NAME = "整改台账"
COLUMNS: tuple[str, ...] = (
    "序号",
    "问题",
    "整改措施",
    "责任部门",
    "责任人",
    "整改时限",
    "整改情况",
    "完成状态",
    "佐证材料",
    "对应要点",
)
ID_COLUMN = "项目编号"  # hidden: the item id the row was written from
HEADER_ROW = 2
FIRST_DATA_ROW = 3

# Columns an import may change, and the Point field each one fills.
EDITABLE: dict[str, str] = {
    "整改措施": "measure",
    "责任部门": "owner",
    "责任人": "person",
    "整改时限": "due",
    "整改情况": "progress_note",
    "完成状态": "progress",
}
# These change what the report says; once it is submitted or approved they are frozen.
DOCUMENT_COLUMNS = frozenset({"整改措施", "责任部门", "整改时限"})


class LedgerError(ZichaError):
    """A ledger file refused: the message names sheet, row and column; nothing was changed."""


class LedgerRow(BaseModel):
    """One row as written to or read from the sheet (row = the sheet's row number)."""

    row: int = 0
    item_id: str | None = None
    seq: int | None = None
    problem: str = ""
    measure: str | None = None
    owner: str | None = None
    person: str | None = None
    due: dt.date | None = None
    progress_note: str | None = None
    progress: str | None = None
    evidence: str | None = None
    control: str | None = None


class LedgerChange(BaseModel):
    row: int
    seq: int | None
    item_id: str
    column: str
    old: str
    new: str


class LedgerPlan(BaseModel):
    report_id: int
    revision: int
    source: str
    changes: list[LedgerChange] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)

    def text(self) -> str:
        """The per-row diff shown before applying."""
        if not self.changes:
            return "台账与报告一致，没有需要更新的内容。"
        lines = [f"将更新 {len({c.item_id for c in self.changes})} 行、{len(self.changes)} 处："]
        current = None
        for c in self.changes:
            if c.row != current:
                current = c.row
                lines.append(f"第 {c.row} 行（序号 {c.seq if c.seq is not None else '无'}）：")
            lines.append(f"  {c.column}：{c.old or '（空）'} → {c.new or '（空）'}")
        return "\n".join(lines)


def items(report: Report) -> list[Point]:
    return report.section("rectification").included_points()


def _control_label(report: Report, item: Point) -> str:
    if item.source_point:
        try:
            section, p = report.find_point(item.source_point)
        except KeyError:
            return item.control_point or ""
        if is_area_key(section.key):
            return f"{section.title} {p.control_point or ''}".strip()
    if item.origin_item:
        return "上年度整改项延续"
    return item.control_point or ""


def ledger_rows(report: Report) -> list[LedgerRow]:
    return [
        LedgerRow(
            item_id=item.id,
            seq=i,
            problem=ledger_problem(report, item),
            measure=item.measure,
            owner=item.owner,
            person=item.person,
            due=item.due,
            progress_note=item.progress_note,
            progress=item.progress or "未开始",
            evidence="、".join(a.name for a in item.attachments) or None,
            control=_control_label(report, item),
        )
        for i, item in enumerate(items(report), start=1)
    ]


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def raise_all(problems: list[str]) -> None:
    """One LedgerError naming every bad cell found, so a department fixes them in one pass."""
    if not problems:
        return
    if len(problems) == 1:
        raise LedgerError(problems[0])
    raise LedgerError(
        f"台账中有 {len(problems)} 处需要改正，改好后再导入（这次未导入任何内容）：\n"
        + "\n".join(problems)
    )


def where(row: int, column: str) -> str:
    return f"工作表「{SHEET_NAME}」第 {row} 行「{column}」列"


def _same_problem(report: Report, item: Point, row: LedgerRow) -> bool:
    # A ledger written before the 问题 column showed the problem of an answers-file item
    # carries the item's text there: still the same row.
    return row.problem in (ledger_problem(report, item), item.text)


def _match(report: Report, row: LedgerRow) -> Point:
    by_id = {p.id: p for p in items(report)}
    if row.item_id:
        item = by_id.get(row.item_id)
        if item is None:
            raise LedgerError(
                f"{where(row.row, '问题')}：这一行不属于报告 {report.id} 的整改台账"
                "（隐藏的项目编号对不上）。请用本报告导出的台账填写，不要从别的台账复制行。"
            )
        if not _same_problem(report, item, row):
            raise LedgerError(
                f"{where(row.row, '问题')}：问题的文字被改过（原为「{ledger_problem(report, item)}」）。"
                "台账只能更新整改情况等列，问题请在报告中修改后重新导出台账。"
            )
        return item
    numbered = items(report)
    if row.seq is not None and 1 <= row.seq <= len(numbered):
        item = numbered[row.seq - 1]
        if _same_problem(report, item, row):
            return item
    raise LedgerError(
        f"{where(row.row, '问题')}：找不到序号 {row.seq if row.seq is not None else '（空）'}、"
        f"问题为「{row.problem}」的整改项。台账不能新增整改项，请在报告中添加后重新导出。"
    )


def _shown(field: str, value: object) -> str:
    if isinstance(value, dt.date):
        return format_cn_date(value)
    return cell_text(value)


def plan_import(
    report: Report, rows: list[LedgerRow], source: str, problems: list[str] | None = None
) -> LedgerPlan:
    """What importing rows would change. Every row it cannot take is a problem: added to
    problems when given (the caller raises them with the file's own), else raised together."""
    plan = LedgerPlan(report_id=report.id or 0, revision=report.revision, source=source)
    found: list[str] = [] if problems is None else problems
    seen: dict[str, int] = {}
    for row in rows:
        try:
            item = _match(report, row)
        except LedgerError as exc:
            found.append(str(exc))
            continue
        if item.id in seen:
            found.append(
                f"{where(row.row, '问题')}：与第 {seen[item.id]} 行是同一个整改项，请删去重复的一行。"
            )
            continue
        seen[item.id] = row.row
        if row.progress is not None and row.progress not in LEDGER_STATES:
            found.append(
                f"{where(row.row, '完成状态')}：「{row.progress}」不是可选的状态，"
                f"请从下拉列表中选：{'、'.join(LEDGER_STATES)}。"
            )
        for column, field in EDITABLE.items():
            new = getattr(row, field)
            old = getattr(item, field)
            if field == "progress" and (new not in LEDGER_STATES and new is not None):
                continue  # already named above
            if field == "progress" and old is None and new == "未开始":
                continue  # 未开始 is how an untouched item is written
            if isinstance(new, str):
                new = new.strip() or None
            if new == old:
                continue
            if report.status in ("submitted", "approved") and column in DOCUMENT_COLUMNS:
                found.append(
                    f"{where(row.row, column)}：报告已{'审定' if report.status == 'approved' else '提交'}，"
                    f"「{column}」是报告正文的内容，不能通过台账修改（原为「{_shown(field, old)}」）。"
                    "台账只能更新责任人、整改情况和完成状态；请把这一格改回原样后再导入。"
                )
                continue
            plan.changes.append(
                LedgerChange(
                    row=row.row,
                    seq=row.seq,
                    item_id=item.id,
                    column=column,
                    old=_shown(field, old) or ("未开始" if field == "progress" else ""),
                    new=_shown(field, new),
                )
            )
        names = "、".join(a.name for a in item.attachments)
        if (row.evidence or "") != names:
            plan.notes.append(
                f"第 {row.row} 行「佐证材料」列只列出已添加的文件，改动不会导入；"
                f"添加文件请用 zicha evidence add {report.id} {item.id} 文件。"
            )
    if problems is None:
        raise_all(found)
    return plan


def apply_plan(
    store: ReportStore,
    plan: LedgerPlan,
    rows: list[LedgerRow],
    actor: str = DEFAULT_ACTOR,
) -> Report:
    """Apply a plan made from rows, if the report is still at the plan's revision."""
    with store.transaction():
        report = store.get(plan.report_id)
        if report.revision != plan.revision:
            raise ConflictError(
                f"报告 {report.id} 在核对台账之后被改动过（第 {plan.revision} 版 → 第 "
                f"{report.revision} 版），台账未导入。请重新导入。"
            )
        if not plan.changes:
            return report
        matched = {r.row: r for r in rows}
        updated = report.model_copy(deep=True)
        for change in plan.changes:
            row = matched[change.row]
            _, item = updated.find_point(change.item_id)
            field = EDITABLE[change.column]
            value = getattr(row, field)
            if isinstance(value, str):
                value = value.strip() or None
            setattr(item, field, value)
        detail = f"整改台账 {plan.source}：{len(plan.changes)} 处"
        store.save_tracking(updated, actor, "ledger_import", detail)
    return store.get(plan.report_id)


# --- overdue ---------------------------------------------------------------------------------
from .cycle_view import overdue as overdue  # noqa: E402  (shared with the export path)
