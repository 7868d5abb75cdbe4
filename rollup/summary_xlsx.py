"""汇总.xlsx: 总表 (unit × area), 问题清单 (weaknesses by control point), 整改台账汇总."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from report.atomic_file import save_atomically
from report.models import AREA_KEYS, STATUSES

from .errors import RollupError
from .facts import area_title
from .summary import STATUS_LABELS, Rollup, bank_titles

FONT = "宋体"
COUNT_STATUSES = STATUSES  # 符合 / 基本符合 / 不符合 / 不适用


def _style_header(ws: Any, row: int, first: int, last: int) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin")
    for col in range(first, last + 1):
        cell = ws.cell(row=row, column=col)
        cell.font = Font(name=FONT, bold=True, size=10)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)


def _style_body(ws: Any, first_row: int, last_row: int, last_col: int) -> None:
    from openpyxl.styles import Alignment, Border, Font, Side

    thin = Side(style="thin")
    for row in ws.iter_rows(min_row=first_row, max_row=last_row, max_col=last_col):
        for cell in row:
            cell.font = Font(name=FONT, size=10)
            cell.alignment = Alignment(vertical="center", wrap_text=True)
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)


def _title(ws: Any, text: str, width: int) -> None:
    from openpyxl.styles import Alignment, Font

    ws.cell(row=1, column=1, value=text)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.cell(row=1, column=1).font = Font(name=FONT, bold=True, size=14)
    ws.cell(row=1, column=1).alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 28


def _page(ws: Any, header_rows: str) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = header_rows


def build_workbook(rollup: Rollup) -> Any:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "总表"
    ncols = 2 + len(AREA_KEYS) * len(COUNT_STATUSES) + 5
    _title(ws, f"{rollup.year}年度内部控制自查情况汇总表", ncols)
    # Two header rows: the area over its four statuses.
    ws.cell(row=2, column=1, value="单位")
    ws.merge_cells(start_row=2, start_column=1, end_row=3, end_column=1)
    ws.cell(row=2, column=2, value="报告状态")
    ws.merge_cells(start_row=2, start_column=2, end_row=3, end_column=2)
    col = 3
    for area in AREA_KEYS:
        ws.cell(row=2, column=col, value=area_title(area))
        ws.merge_cells(
            start_row=2, start_column=col, end_row=2, end_column=col + len(COUNT_STATUSES) - 1
        )
        for i, status in enumerate(COUNT_STATUSES):
            ws.cell(row=3, column=col + i, value=status)
        col += len(COUNT_STATUSES)
    tail = ["得分", "整改项数", "已完成", "逾期", "报送包"]
    for i, name in enumerate(tail):
        ws.cell(row=2, column=col + i, value=name)
        ws.merge_cells(start_row=2, start_column=col + i, end_row=3, end_column=col + i)
    _style_header(ws, 2, 1, ncols)
    _style_header(ws, 3, 1, ncols)
    row = 4
    for u in sorted(rollup.units, key=lambda f: f.unit):
        values: list[object] = [u.unit, STATUS_LABELS.get(u.status, u.status)]
        for area in AREA_KEYS:
            values += [u.areas[area].get(s, 0) for s in COUNT_STATUSES]
        values += [
            u.score if u.score is not None else "—",
            len(u.items),
            u.done(),
            u.overdue(rollup.today),
            "草稿" if u.draft else "正式",
        ]
        for c, v in enumerate(values, start=1):
            ws.cell(row=row, column=c, value=v)
        row += 1
    for unit in rollup.missing:
        ws.cell(row=row, column=1, value=unit)
        ws.cell(row=row, column=2, value="未报送")
        row += 1
    totals = rollup.area_totals()
    total_row: list[object] = ["合计", f"{len(rollup.units)} 个单位"]
    for area in AREA_KEYS:
        total_row += [totals[area].get(s, 0) for s in COUNT_STATUSES]
    items = rollup.items()
    total_row += [
        "—",
        len(items),
        sum(1 for _, i in items if i.progress == "已完成"),
        sum(1 for _, i in items if i.overdue(rollup.today)),
        "",
    ]
    for c, v in enumerate(total_row, start=1):
        ws.cell(row=row, column=c, value=v)
    _style_body(ws, 4, row, ncols)
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 12
    for c in range(3, ncols + 1):
        ws.column_dimensions[get_column_letter(c)].width = 6.5
    ws.freeze_panes = "C4"
    _page(ws, "2:3")

    titles = bank_titles()
    ws2 = wb.create_sheet("问题清单")
    head2 = ["序号", "控制点", "所属方面", "单位数", "涉及单位", "问题表现（各单位原文）"]
    _title(ws2, f"{rollup.year}年度自查发现问题清单（按控制点，出现次数多者在前）", len(head2))
    for c, h in enumerate(head2, start=1):
        ws2.cell(row=2, column=c, value=h)
    _style_header(ws2, 2, 1, len(head2))
    r = 3
    for n, problem in enumerate(rollup.problems(titles), start=1):
        point = (
            f"{problem.control_point} {problem.title}" if problem.control_point else problem.title
        )
        examples = "\n".join(f"{unit}：{text}" for unit, text in problem.examples)
        for c, v in enumerate(
            [n, point, area_title(problem.area), problem.count, "、".join(problem.units), examples],
            start=1,
        ):
            ws2.cell(row=r, column=c, value=v)
        r += 1
    _style_body(ws2, 3, r - 1, len(head2))
    for letter, width in zip("ABCDEF", (6, 28, 16, 8, 30, 70), strict=True):
        ws2.column_dimensions[letter].width = width
    ws2.freeze_panes = "A3"
    _page(ws2, "2:2")

    ws3 = wb.create_sheet("整改台账汇总")
    head3 = ["序号", "单位", "整改措施", "责任部门", "整改时限", "完成状态", "是否逾期"]
    _title(ws3, f"{rollup.year}年度整改台账汇总", len(head3))
    for c, h in enumerate(head3, start=1):
        ws3.cell(row=2, column=c, value=h)
    _style_header(ws3, 2, 1, len(head3))
    r = 3
    for n, (unit, item) in enumerate(items, start=1):
        for c, v in enumerate(
            [
                n,
                unit,
                item.measure,
                item.owner,
                item.due,
                item.progress,
                "逾期" if item.overdue(rollup.today) else "",
            ],
            start=1,
        ):
            cell = ws3.cell(row=r, column=c, value=v)
            if c == 5 and v is not None:
                cell.number_format = "yyyy-mm-dd"
        r += 1
    _style_body(ws3, 3, r - 1, len(head3))
    for letter, width in zip("ABCDEFG", (6, 26, 60, 14, 12, 10, 10), strict=True):
        ws3.column_dimensions[letter].width = width
    ws3.freeze_panes = "A3"
    _page(ws3, "2:2")
    return wb


def write_summary_xlsx(rollup: Rollup, path: str | Path, force: bool = False) -> Path:
    path = Path(path)
    if path.exists() and not force:
        raise RollupError(f"文件「{path}」已存在，未覆盖。请换一个文件名，或加 --force 覆盖。")
    wb = build_workbook(rollup)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        save_atomically(path, wb.save)
    except OSError as exc:
        raise RollupError(
            f"无法写入「{path}」：{exc.strerror or exc}。请检查保存位置后重试。"
        ) from exc
    return path
