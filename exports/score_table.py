"""The 自查评分表 as rows of cells, shared by the .xlsx, the .docx appendix and md/txt:
序号, 项目, 检查内容, 分值, 得分, 扣分原因, 备注; a subtotal per section, then 合计."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from report.scoring import ScoreRow, section_totals, totals

if TYPE_CHECKING:
    from report.plain import AnyReport

HEADER: tuple[str, ...] = ("序号", "项目", "检查内容", "分值", "得分", "扣分原因", "备注")
NO_SCORES = (
    "这份报告所用的题库没有分值，无法生成自查评分表。"
    "请用 zicha report new --bank 选择带分值的题库（zicha bank import 导入省里的检查评估表）。"
)

Cell = int | float | str | None
RowKind = Literal["item", "subtotal", "total", "note"]


@dataclass(frozen=True)
class TableRow:
    kind: RowKind
    cells: tuple[Cell, ...]  # the seven columns (a note: its text only)

    def texts(self) -> list[str]:
        """The cells as text: numbers without a trailing .0, empty cells blank."""
        return [number_text(c) if isinstance(c, int | float) else (c or "") for c in self.cells]


def number_text(value: float) -> str:
    return f"{round(value, 2):g}"


def _num(value: float | None) -> float | str:
    return "—" if value is None else round(value, 2)


def score_table_rows(rows: list[ScoreRow], titles: dict[str, str]) -> list[TableRow]:
    """Item rows numbered 1, 2, … with a 小计 after each section's items, then 合计 (and a note
    when some items still need a deduction). titles: section key -> its title."""
    out: list[TableRow] = []
    n = 0
    for key, sub in section_totals(rows).items():
        for r in (r for r in rows if r.section == key):
            n += 1
            cells = (n, r.item, r.content, r.max_score, _num(r.score), r.reason or "", r.remark)
            out.append(TableRow("item", cells))
        rate = f"得分率 {sub.rate:.1%}" if sub.rate is not None else "全部不适用"
        subtotal = (
            None,
            f"{titles.get(key, key)}小计",
            f"适用分值 {sub.applicable_max:g} 分",
            sub.max_all,
            round(sub.score, 2),
            None,
            rate,
        )
        out.append(TableRow("subtotal", subtotal))
    total = totals(rows)
    out.append(
        TableRow(
            "total",
            (
                "合计",
                None,
                f"适用分值 {total.applicable_max:g} 分（不适用项不计，按适用分值折算）",
                total.max_all,
                round(total.score, 2),
                None,
                f"折算百分制 {total.hundred:g} 分" if total.hundred is not None else "",
            ),
        )
    )
    if total.unscored:
        out.append(TableRow("note", (f"注：有 {total.unscored} 项待填写扣分，未计入得分。",)))
    return out


def section_titles(report: AnyReport) -> dict[str, str]:
    return {s.key: s.title for s in report.sections}


def table_title(unit: str, year: int) -> str:
    return f"{unit}{year}年度内部控制自查评分表"
