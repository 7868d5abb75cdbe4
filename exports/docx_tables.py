"""The summary appendices as real Word tables in the official table style (ruled, 仿宋, 黑体 header)."""

from __future__ import annotations

from typing import Any

from . import docx_xml as X
from . import layout as L
from .appendices import NO_MEASURES, RECTIFICATION_HEADER, STATS_HEADER, RectificationRow, StatsRow
from .score_table import HEADER as SCORE_HEADER
from .score_table import TableRow

# The 自查评分表 has seven columns in the portrait type area: its text one size down from the
# other tables (五号 under the default 四号), never larger than 小四.
SCORE_TABLE_MAX_PT = 12.0
SCORE_TABLE_STEP_PT = 3.5


def _width_twips(lay: L.Layout) -> int:
    return int(L.mm_to_pt(lay.type_area_width_mm) * L.TWIPS_PER_PT)


def _rprs(lay: L.Layout) -> tuple[str, str, int]:
    cell = lay.style("table")
    size = lay.sizes["table"]
    header = L.TextStyle(lay.style("heading1").font, size)
    cell = L.TextStyle(cell.font, size)
    line = round(cell.size_pt * 1.5 * L.TWIPS_PER_PT)
    return X.rpr_xml(cell), X.rpr_xml(header), line


def _ruled_table(
    lay: L.Layout, weights: list[float], body: list[list[str]], align: list[str]
) -> Any:
    """A table in the body's text styles, one header row, columns in proportion to weights."""
    cell, header, line = _rprs(lay)
    return X.parse(
        X.table_xml(
            X.split_widths(_width_twips(lay), weights),
            body,
            header_rows=1,
            cell_rpr=cell,
            header_rpr=header,
            align=align,
            line_twips=line,
        )
    )


def stats_table(lay: L.Layout, rows: list[StatsRow]) -> Any:
    body = [list(STATS_HEADER), *(r.cells() for r in rows)]
    align = ["left", "center", "center", "center", "center", "center"]
    return _ruled_table(lay, [3.2, 1.2, 1.2, 1.4, 1.2, 1.2], body, align)


def rectification_table(lay: L.Layout, rows: list[RectificationRow]) -> Any:
    # No problem recorded anywhere (answers files give measures only): room for the measures.
    no_problems = all(r.problem == "—" for r in rows)
    weights = [1.1, 1.0, 5.0, 1.7, 2.2] if no_problems else [1.1, 2.8, 3.2, 1.7, 2.2]
    body: list[list[str]] = [list(RECTIFICATION_HEADER)]
    if rows:
        body += [r.cells(i) for i, r in enumerate(rows, start=1)]
    else:
        body.append([NO_MEASURES, *["\x00span"] * (len(RECTIFICATION_HEADER) - 1)])
    return _ruled_table(lay, weights, body, ["center", "left", "left", "center", "center"])


def score_table(lay: L.Layout, rows: list[TableRow]) -> Any:
    """序号, 项目, 检查内容, 分值, 得分, 扣分原因, 备注; subtotals and 合计 in the header font."""
    base = lay.style("table")
    size = min(SCORE_TABLE_MAX_PT, max(9.0, base.size_pt - SCORE_TABLE_STEP_PT))
    cell_style = L.TextStyle(base.font, size)
    header_style = L.TextStyle(lay.style("heading1").font, size)
    line = round(size * 1.4 * L.TWIPS_PER_PT)
    # Narrow number columns hold two characters; the text columns share the rest.
    widths = X.split_widths(_width_twips(lay), [1.15, 2.2, 4.1, 1.15, 1.15, 3.4, 2.3])
    body: list[list[str]] = [list(SCORE_HEADER)]
    emphasis = set()
    above = ""
    for row in rows:
        cells = row.texts()
        if row.kind == "item":
            # The table's 项目 once, over all its rows, as the province's table has it.
            item = cells[1]
            cells[1] = "\x00up" if item == above else item
            above = item
        else:
            # 小计 and 合计 across 序号 and 项目.
            cells[0], cells[1] = cells[1] if row.kind == "subtotal" else cells[0], "\x00span"
            emphasis.add(len(body))
            above = ""
        body.append(cells)
    return X.parse(
        X.table_xml(
            widths,
            body,
            header_rows=1,
            cell_rpr=X.rpr_xml(cell_style),
            header_rpr=X.rpr_xml(header_style),
            align=["center", "left", "left", "center", "center", "left", "left"],
            line_twips=line,
            emphasis_rows=frozenset(emphasis),
        )
    )
