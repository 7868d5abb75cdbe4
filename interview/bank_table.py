"""A bank written back in table form (检查评估表 .xlsx): 序号, 项目, 检查内容, 评分标准, 分值.

Merged 项目 cells and a 合计 row, as provinces lay them out; importing the file again gives
the same bank.
"""

from __future__ import annotations

from pathlib import Path

from report.atomic_file import save_atomically

from .bank import Bank
from .bank_import import BankImportError

HEADER = ["序号", "项目", "检查内容", "评分标准", "分值"]


def write_bank_xlsx(bank: Bank, title: str, path: str | Path, force: bool = False) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise BankImportError("题库只能导出为 .xlsx 文件，请把文件名改为以 .xlsx 结尾。")
    if path.exists() and not force:
        raise BankImportError(f"文件「{path}」已存在，未覆盖。请换一个文件名，或加 --force 覆盖。")
    wb = Workbook()
    ws = wb.active
    ws.title = "检查评估表"
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    ws.append(HEADER)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    n = 0
    total = 0.0
    for key in bank.area_keys():
        block_start = None
        block_item = None
        for p in bank.points(key):
            n += 1
            item = p.item or bank.title(key)
            ws.append(
                [
                    n,
                    item if item != block_item else None,
                    p.content or p.question,
                    p.criteria or "",
                    p.score,
                ]
            )
            row = ws.max_row
            if item != block_item:
                if block_start is not None and row - 1 > block_start:
                    ws.merge_cells(
                        start_row=block_start, start_column=2, end_row=row - 1, end_column=2
                    )
                block_start, block_item = row, item
            total += p.score or 0
        if block_start is not None and ws.max_row > block_start:
            ws.merge_cells(start_row=block_start, start_column=2, end_row=ws.max_row, end_column=2)
    ws.append(["合计", None, None, None, total])
    for row in ws.iter_rows(min_row=2, max_row=ws.max_row, max_col=len(HEADER)):
        for cell in row:
            cell.font = Font(name="宋体", size=10, bold=cell.row == 2)
            cell.alignment = Alignment(vertical="center", wrap_text=True)
            cell.border = border
    ws["A1"].font = Font(name="宋体", size=14, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    for letter, width in zip("ABCDE", (6, 18, 50, 40, 8), strict=True):
        ws.column_dimensions[letter].width = width
    ws.print_title_rows = "2:2"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        save_atomically(path, wb.save)
    except OSError as exc:
        raise BankImportError(f"无法写入「{path}」：{exc.strerror or exc}。") from exc
    return path
