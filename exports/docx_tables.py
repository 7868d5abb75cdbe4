"""The summary appendices as real Word tables in the official table style (ruled, 仿宋, 黑体 header)."""

from __future__ import annotations

from typing import Any

from . import docx_xml as X
from . import layout as L
from .appendices import NO_MEASURES, RECTIFICATION_HEADER, STATS_HEADER, RectificationRow, StatsRow


def _width_twips(lay: L.Layout) -> int:
    return int(L.mm_to_pt(lay.type_area_width_mm) * L.TWIPS_PER_PT)


def _rprs(lay: L.Layout) -> tuple[str, str, int]:
    cell = lay.style("table")
    size = lay.sizes["table"]
    header = L.TextStyle(lay.style("heading1").font, size)
    cell = L.TextStyle(cell.font, size)
    line = round(cell.size_pt * 1.5 * L.TWIPS_PER_PT)
    return X.rpr_xml(cell), X.rpr_xml(header), line


def stats_table(lay: L.Layout, rows: list[StatsRow]) -> Any:
    cell, header, line = _rprs(lay)
    widths = X.split_widths(_width_twips(lay), [3.2, 1.2, 1.2, 1.4, 1.2, 1.2])
    body = [list(STATS_HEADER), *(r.cells() for r in rows)]
    return X.parse(
        X.table_xml(
            widths,
            body,
            header_rows=1,
            cell_rpr=cell,
            header_rpr=header,
            align=["left", "center", "center", "center", "center", "center"],
            line_twips=line,
        )
    )


def rectification_table(lay: L.Layout, rows: list[RectificationRow]) -> Any:
    cell, header, line = _rprs(lay)
    # No problem recorded anywhere (answers files give measures only): room for the measures.
    no_problems = all(r.problem == "—" for r in rows)
    weights = [1.1, 1.0, 5.0, 1.7, 2.2] if no_problems else [1.1, 2.8, 3.2, 1.7, 2.2]
    widths = X.split_widths(_width_twips(lay), weights)
    body: list[list[str]] = [list(RECTIFICATION_HEADER)]
    if rows:
        body += [r.cells(i) for i, r in enumerate(rows, start=1)]
    else:
        body.append([NO_MEASURES, *["\x00span"] * (len(RECTIFICATION_HEADER) - 1)])
    return X.parse(
        X.table_xml(
            widths,
            body,
            header_rows=1,
            cell_rpr=cell,
            header_rpr=header,
            align=["center", "left", "left", "center", "center"],
            line_twips=line,
        )
    )
