"""Per-area bars of the statuses (符合/基本符合/不符合/不适用) in plain block characters.

Text, not a chart library: plotext misaligns Chinese labels. Labels are padded by terminal
cells (a Chinese character is two), each status has its own glyph as well as its colour, so
the bar reads the same on a monochrome terminal.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from report.models import PENDING_STATUS, STATUSES, Report

# The four statuses, then zicha's proposals the officer has not confirmed yet.
KINDS: tuple[str, ...] = (*STATUSES, PENDING_STATUS)
# status -> (glyph, colour)
GLYPHS: dict[str, tuple[str, str]] = {
    "符合": ("█", "green"),
    "基本符合": ("▓", "yellow"),
    "不符合": ("▒", "red"),
    "不适用": ("░", "grey58"),
    PENDING_STATUS: ("?", "cyan"),
}
EMPTY = "·"
SHORT: dict[str, str] = {
    "符合": "符合",
    "基本符合": "基本",
    "不符合": "不符",
    "不适用": "不适用",
    PENDING_STATUS: "待确认",
}
LABEL_CELLS = 20
BAR_CELLS = 20

AreaCounts = tuple[str, dict[str, int]]


def report_status_counts(report: Report) -> list[AreaCounts]:
    """(area title, status -> count of the points written) for the five areas; a proposal the
    officer has not confirmed counts as 待确认, not as the status zicha proposed."""
    out = []
    for key in report.area_keys():
        points = report.section(key).included_points()
        out.append(
            (
                report.section_title(key),
                {s: sum(1 for p in points if p.shown_status == s) for s in KINDS},
            )
        )
    return out


def split_cells(counts: dict[str, int], width: int) -> dict[str, int]:
    """Cells per status, proportional, summing to width (largest remainder); none when empty."""
    total = sum(counts.get(s, 0) for s in KINDS)
    if total == 0:
        return {s: 0 for s in KINDS}
    exact = {s: width * counts.get(s, 0) / total for s in KINDS}
    cells = {s: int(v) for s, v in exact.items()}
    rest = width - sum(cells.values())
    for s in sorted(KINDS, key=lambda s: exact[s] - cells[s], reverse=True)[:rest]:
        cells[s] += 1
    # a status that occurs gets at least one cell, taken from the largest
    for s in KINDS:
        if counts.get(s, 0) and not cells[s]:
            largest = max(KINDS, key=lambda k: cells[k])
            cells[largest] -= 1
            cells[s] = 1
    return cells


def _pad(label: str, cells: int) -> str:
    if cell_len(label) > cells:
        out = ""
        for ch in label:
            if cell_len(out + ch) > cells - 1:
                break
            out += ch
        label = out + "…"
    return label + " " * (cells - cell_len(label))


def status_bar(counts: dict[str, int], width: int = BAR_CELLS) -> Text:
    cells = split_cells(counts, width)
    if not any(cells.values()):
        return Text(EMPTY * width, style="grey42")
    bar = Text()
    for s in KINDS:
        glyph, colour = GLYPHS[s]
        if cells[s]:
            bar.append(glyph * cells[s], style=colour)
    return bar


def area_bar_lines(
    rows: list[AreaCounts], label_cells: int = LABEL_CELLS, bar_cells: int = BAR_CELLS
) -> list[Text]:
    """One line per area: label, bar, the counts; then a legend line."""
    lines = []
    for label, counts in rows:
        line = Text(_pad(label, label_cells) + " ")
        line.append_text(status_bar(counts, bar_cells))
        numbers = " ".join(
            f"{SHORT[s]}{counts.get(s, 0)}" for s in KINDS if s != PENDING_STATUS or counts.get(s)
        )
        line.append(f" {numbers}")
        lines.append(line)
    lines.append(legend())
    return lines


def legend() -> Text:
    out = Text("图例：", style="grey62")
    for s in KINDS:
        glyph, colour = GLYPHS[s]
        out.append(glyph, style=colour)
        out.append(f" {s}  ", style="grey62")
    out.append(f"{EMPTY} 尚无标注", style="grey62")
    return out


def area_bars(rows: list[AreaCounts], **kw: int) -> Text:
    return Text("\n").join(area_bar_lines(rows, **kw))
