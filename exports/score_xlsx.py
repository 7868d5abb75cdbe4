"""自查评分表.xlsx: 序号, 项目, 检查内容, 分值, 得分, 扣分原因, 备注, with section subtotals, a
合计 row and the rescaled 百分制 total; a title row naming the unit and year."""

from __future__ import annotations

from pathlib import Path

from report.atomic_file import save_atomically
from report.models import Report
from report.scoring import ScoreRow

from .errors import ExportError
from .score_table import HEADER, NO_SCORES, score_table_rows, section_titles, table_title


def write_score_xlsx(
    report: Report, rows: list[ScoreRow], path: str | Path, force: bool = False
) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ExportError("评分表只能导出为 .xlsx 文件，请把文件名改为以 .xlsx 结尾。")
    if path.exists() and not force:
        raise ExportError(f"文件「{path}」已存在，未覆盖。请换一个文件名，或加 --force 覆盖。")
    if not rows:
        raise ExportError(NO_SCORES)
    wb = Workbook()
    ws = wb.active
    ws.title = "自查评分表"
    ws.append([table_title(report.unit, report.year)])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    ws.append(list(HEADER))
    for row in score_table_rows(rows, section_titles(report)):
        ws.append(list(row.cells))
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for row in ws.iter_rows(min_row=2, max_row=ws.max_row, max_col=len(HEADER)):
        for cell in row:
            subtotal = isinstance(row[1].value, str) and row[1].value.endswith("小计")
            cell.font = Font(
                name="宋体", size=10, bold=cell.row == 2 or subtotal or row[0].value == "合计"
            )
            cell.alignment = Alignment(vertical="center", wrap_text=True)
            cell.border = border
    ws["A1"].font = Font(name="宋体", size=14, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    widths = (6, 18, 44, 8, 8, 40, 16)
    for letter, width in zip("ABCDEFG", widths, strict=True):
        ws.column_dimensions[letter].width = width
    for row in ws.iter_rows(min_row=3, max_row=ws.max_row, max_col=len(HEADER)):
        # Excel and LibreOffice do not grow a row for wrapped text written by openpyxl.
        lines = max(
            -(-sum(2 if ord(ch) > 0x2E7F else 1 for ch in str(c.value or "")) // max(1, int(w) - 1))
            for c, w in zip(row, widths, strict=True)
        )
        ws.row_dimensions[row[0].row].height = max(15, 14 * lines)
    ws.freeze_panes = "A3"
    ws.print_title_rows = "2:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        save_atomically(path, wb.save)
    except OSError as exc:
        raise ExportError(
            f"无法写入「{path}」：{exc.strerror or exc}。请检查保存位置后重试。"
        ) from exc
    return path
