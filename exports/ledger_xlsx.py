"""The 整改台账 as an .xlsx file (openpyxl), written and read back.

Only features LibreOffice, WPS and Excel all have: one sheet, a merged title row, a frozen header
repeated on every printed page, a list validation for 完成状态, real date cells, A4 landscape
fitted to the page width. The item id sits in a hidden last column so rows can be matched back.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

from report.atomic_file import save_atomically
from report.ledger import (
    COLUMNS,
    FIRST_DATA_ROW,
    HEADER_ROW,
    ID_COLUMN,
    SHEET_NAME,
    LedgerError,
    LedgerRow,
    cell_text,
    ledger_rows,
    raise_all,
    where,
)
from report.models import LEDGER_STATES, Report

from .errors import ExportError

FONT_NAME = "宋体"  # WPS and Excel have it; LibreOffice substitutes a CJK serif
WIDTHS: dict[str, float] = {
    "序号": 5,
    "问题": 24,
    "整改措施": 26,
    "责任部门": 10,
    "责任人": 8,
    "整改时限": 11,
    "整改情况": 24,
    "完成状态": 9,
    "佐证材料": 14,
    "对应要点": 12,
}
DATE_FORMAT = "yyyy-mm-dd"
# Rows below the items that still offer the 完成状态 list (for a row typed in by hand).
VALIDATION_SPARE_ROWS = 50
MAX_LEDGER_BYTES = 20 * 1024 * 1024

_FIELDS = (
    "seq",
    "problem",
    "measure",
    "owner",
    "person",
    "due",
    "progress_note",
    "progress",
    "evidence",
    "control",
)


LINE_HEIGHT_PT = 15.0
POINTS_PER_WIDTH_UNIT = 7.5
A4_LANDSCAPE_PRINTABLE_PT = (11.69 - 1.0) * 72  # width less the 0.5 in side margins


def _width_units(text: str) -> float:
    # Column width is counted in "0" characters; a CJK character takes a little under two
    # (generous: a row cut short hides text, one a little tall does not).
    return sum(1.0 if ord(ch) < 0x2E80 else 1.8 for ch in text)


def row_height(values: list[object]) -> float:
    """Height that shows every wrapped cell whole: neither LibreOffice nor Excel recompute
    row heights of a file written by openpyxl."""
    lines = 1
    for name, value in zip(COLUMNS, values, strict=False):
        text = cell_text(value)
        if not text:
            continue
        usable = max(1.0, WIDTHS[name] - 1.0)
        lines = max(lines, math.ceil(_width_units(text) / usable))
    return LINE_HEIGHT_PT * lines + 4


def print_scale() -> int:
    """Percentage that fits all visible columns across one A4 landscape page."""
    # About 7.5 pt per width unit at 100 % with a CJK font (measured in LibreOffice).
    points = sum(w * POINTS_PER_WIDTH_UNIT for w in WIDTHS.values())
    return max(10, min(100, int(A4_LANDSCAPE_PRINTABLE_PT / points * 100)))


def ledger_title(report: Report) -> str:
    return f"{report.unit}{report.year}年度内部控制自查整改台账"


def default_ledger_filename() -> str:
    return "整改台账.xlsx"


def build_workbook(report: Report) -> Any:  # an openpyxl Workbook (openpyxl has no types)
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_NAME
    ncols = len(COLUMNS) + 1
    last = get_column_letter(len(COLUMNS))
    id_letter = get_column_letter(ncols)

    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    body_font = Font(name=FONT_NAME, size=11)
    wrap = Alignment(wrap_text=True, vertical="top")
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)

    ws.merge_cells(f"A1:{last}1")
    title = ws["A1"]
    title.value = ledger_title(report)
    title.font = Font(name=FONT_NAME, size=16, bold=True)
    title.alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 30

    header_fill = PatternFill("solid", fgColor="D9D9D9")
    for col, name in enumerate((*COLUMNS, ID_COLUMN), start=1):
        cell = ws.cell(row=HEADER_ROW, column=col, value=name)
        cell.font = Font(name=FONT_NAME, size=11, bold=True)
        cell.alignment = centre
        cell.border = border
        cell.fill = header_fill
    for col, name in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = WIDTHS[name]
    ws.column_dimensions[id_letter].width = 14
    ws.column_dimensions[id_letter].hidden = True

    rows = ledger_rows(report)
    for r, row in enumerate(rows, start=FIRST_DATA_ROW):
        values = [getattr(row, f) for f in _FIELDS] + [row.item_id]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=col, value=value)
            cell.font = body_font
            cell.border = border
            cell.alignment = (
                centre
                if COLUMNS[min(col, len(COLUMNS)) - 1]
                in (
                    "序号",
                    "整改时限",
                    "完成状态",
                )
                else wrap
            )
        ws.cell(row=r, column=COLUMNS.index("整改时限") + 1).number_format = DATE_FORMAT
        ws.row_dimensions[r].height = row_height(values[: len(COLUMNS)])

    status_col = get_column_letter(COLUMNS.index("完成状态") + 1)
    end_row = FIRST_DATA_ROW + len(rows) + VALIDATION_SPARE_ROWS - 1
    dv = DataValidation(
        type="list",
        formula1='"' + ",".join(LEDGER_STATES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="完成状态",
        error="请从下拉列表中选择：" + "、".join(LEDGER_STATES),
    )
    dv.add(f"{status_col}{FIRST_DATA_ROW}:{status_col}{end_row}")
    ws.add_data_validation(dv)
    due_col = get_column_letter(COLUMNS.index("整改时限") + 1)
    dates = DataValidation(
        type="date",
        operator="greaterThan",
        formula1="36526",  # 2000-01-01
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="整改时限",
        error="请输入日期，例如 2027-06-30",
    )
    dates.add(f"{due_col}{FIRST_DATA_ROW}:{due_col}{end_row}")
    ws.add_data_validation(dates)

    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=1)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_area = f"A1:{last}{max(FIRST_DATA_ROW, FIRST_DATA_ROW + len(rows) - 1)}"
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    # A fixed scale rather than fit-to-width: LibreOffice reads fitToHeight=0 as one page.
    ws.page_setup.scale = print_scale()
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"

    wb.properties.title = ledger_title(report)
    wb.properties.creator = report.unit
    wb.properties.subject = f"zicha 整改台账 报告 {report.id}"
    return wb


def write_ledger(report: Report, path: str | Path, *, force: bool = False) -> Path:
    """Write the ledger all or nothing (a temporary file renamed into place)."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ExportError(f"台账文件名应以 .xlsx 结尾，例如 {path.with_suffix('.xlsx').name}。")
    if path.is_dir():
        raise ExportError(f"「{path}」是一个文件夹，请写上文件名，例如 {path / '整改台账.xlsx'}。")
    if not path.parent.is_dir():
        raise ExportError(f"文件夹「{path.parent}」不存在，请先建立或换一个位置。")
    if path.exists() and not force:
        raise ExportError(f"文件「{path}」已存在。如需覆盖，请加 --force。")
    wb = build_workbook(report)
    try:
        save_atomically(path, wb.save)
    except OSError as exc:
        raise ExportError(
            f"无法写入「{path}」：{exc.strerror or exc}。文件可能正被 Excel 或 WPS 打开。"
        ) from exc
    return path


# --- reading back --------------------------------------------------------------------------
def _date(value: object, row: int) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise LedgerError(
        f"{where(row, '整改时限')}：「{text}」不是日期。请写成 2027-06-30 这样的日期，或清空这一格。"
    )


def _seq(value: object, row: int) -> int | None:
    if value is None or cell_text(value) == "":
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int):
        return value
    text = cell_text(value)
    if text.isdigit():
        return int(text)
    raise LedgerError(f"{where(row, '序号')}：「{text}」不是序号，请写数字或清空。")


def _text(value: object) -> str | None:
    text = cell_text(value)
    return text or None


def _cell(problems: list[str], parse: Any, value: object, row: int) -> Any:
    """parse(value, row), or None with its message kept: every bad cell is named at once."""
    try:
        return parse(value, row)
    except LedgerError as exc:
        problems.append(str(exc))
        return None


def read_ledger(path: str | Path, problems: list[str] | None = None) -> list[LedgerRow]:
    """The data rows of a ledger file; LedgerError when it is not a zicha ledger. Bad cells are
    added to problems when given (a row without its 问题 is left out), else raised together."""
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    path = Path(path)
    if path.is_dir():
        raise LedgerError(
            f"「{path}」是一个文件夹。请在路径末尾写上台账文件的名字，例如「{path / '整改台账.xlsx'}」。"
        )
    if not path.is_file():
        raise LedgerError(
            f"找不到台账文件「{path}」。请检查文件夹和文件名（含扩展名 .xlsx）是否写对，"
            "或先导出台账、由各部门填写后再导入。"
        )
    if path.stat().st_size > MAX_LEDGER_BYTES:
        raise LedgerError(f"「{path.name}」超过 20 MB，不像整改台账，请检查文件。")
    try:
        wb = load_workbook(path, data_only=True)
    except (BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise LedgerError(
            f"「{path.name}」不是 Excel 台账文件（.xlsx）。请选择用 zicha ledger export 导出、"
            "各部门填写后保存的 .xlsx 文件（WPS 中请另存为 .xlsx 格式）。"
        ) from exc
    except Exception as exc:  # lxml and openpyxl raise many kinds for a damaged part
        raise LedgerError(
            f"「{path.name}」不是 Excel 台账文件（.xlsx）。请选择用 zicha ledger export 导出、"
            "各部门填写后保存的 .xlsx 文件（WPS 中请另存为 .xlsx 格式）。"
        ) from exc
    if SHEET_NAME not in wb.sheetnames:
        raise LedgerError(
            f"「{path.name}」中没有名为「{SHEET_NAME}」的工作表（有：{'、'.join(wb.sheetnames)}），"
            "不是 zicha 导出的整改台账。请不要改工作表的名字。"
        )
    ws = wb[SHEET_NAME]
    for col, name in enumerate((*COLUMNS, ID_COLUMN), start=1):
        got = cell_text(ws.cell(row=HEADER_ROW, column=col).value)
        if got != name:
            raise LedgerError(
                f"工作表「{SHEET_NAME}」第 {HEADER_ROW} 行第 {col} 列应为「{name}」，实为「{got or '（空）'}」："
                "不是 zicha 导出的整改台账，或表头被改动过。请不要增删或移动列。"
            )
    found: list[str] = [] if problems is None else problems
    out: list[LedgerRow] = []
    for r in range(FIRST_DATA_ROW, ws.max_row + 1):
        values = [ws.cell(row=r, column=c).value for c in range(1, len(COLUMNS) + 2)]
        if all(cell_text(v) == "" for v in values):
            continue
        by_name = dict(zip((*COLUMNS, ID_COLUMN), values, strict=True))
        problem = cell_text(by_name["问题"])
        seq = _cell(found, _seq, by_name["序号"], r)
        due = _cell(found, _date, by_name["整改时限"], r)
        if not problem:
            found.append(
                f"{where(r, '问题')}：问题不能为空。请不要清空问题列；不需要的行整行删除。"
            )
            continue
        out.append(
            LedgerRow(
                row=r,
                item_id=_text(by_name[ID_COLUMN]),
                seq=seq,
                problem=problem,
                measure=_text(by_name["整改措施"]),
                owner=_text(by_name["责任部门"]),
                person=_text(by_name["责任人"]),
                due=due,
                progress_note=_text(by_name["整改情况"]),
                progress=_text(by_name["完成状态"]),
                evidence=_text(by_name["佐证材料"]),
                control=_text(by_name["对应要点"]),
            )
        )
    if problems is None:
        raise_all(found)
    return out
