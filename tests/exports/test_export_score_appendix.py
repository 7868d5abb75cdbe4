"""附件：自查评分表 — the scored table as a real table of the .docx (`export --appendix score`),
the same rows as the 自查评分表.xlsx; refused on a report whose bank has no 分值."""

from __future__ import annotations

from pathlib import Path

from export_helpers import W, open_docx
from province_tables import cli


def texts(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def test_score_appendix_is_the_scored_table(scored_home: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    zicha = cli(scored_home)
    out = tmp_path / "报告.docx"
    result = zicha("export", "1", "-o", str(out), "--appendix", "score")
    assert result.exit_code == 0, result.output
    doc = open_docx(out)
    paragraphs = [p.text for p in doc.paragraphs if p.text.strip()]
    assert "附件：自查评分表" in paragraphs  # 附件说明 under the body
    assert paragraphs[paragraphs.index("附件") + 1] == "自查评分表"
    (table,) = doc.tables
    rows = texts(table)
    assert rows[0] == ["序号", "项目", "检查内容", "分值", "得分", "扣分原因", "备注"]
    assert rows[1][:5] == [
        "1",
        "一、组织机构控制（20分）",
        "建立内部控制领导小组，明确内控牵头科室",
        "4",
        "4",
    ]
    assert rows[2][3:6] == ["6", "4", "一处兼任"]
    assert rows[3][4:] == ["—", "", "不适用，不计分"]
    assert rows[4][4:] == ["—", "", "待填写扣分"]
    assert rows[5][1:5] == ["组织机构控制小计", "适用分值 15 分", "20", "8"]
    total = rows[-1]
    assert total[0] == total[1] == "合计"  # one cell across 序号 and 项目
    assert total[3:5] == ["100", "8"] and "折算百分制" in total[6]
    assert "注：有 1 项待填写扣分，未计入得分。" in paragraphs

    # The same rows as the spreadsheet.
    sheet = tmp_path / "自查评分表.xlsx"
    assert zicha("score", "export", "1", "-o", str(sheet)).exit_code == 0
    ws = load_workbook(sheet).active
    xlsx_rows = [
        ["" if v is None else f"{v:g}" if isinstance(v, float | int) else str(v) for v in r]
        for r in ws.iter_rows(min_row=2, max_row=len(rows) + 1, values_only=True)
    ]
    assert [r[2:] for r in xlsx_rows] == [r[2:] for r in rows]

    # Widths as WPS reads them (gridCol) and Word (tblW, tcW) agree; header repeats; 五号 text.
    tbl = table._tbl
    grid = [int(g.get(f"{W}w")) for g in tbl.findall(f"{W}tblGrid/{W}gridCol")]
    assert len(grid) == 7 and sum(grid) == int(tbl.find(f"{W}tblPr/{W}tblW").get(f"{W}w"))
    first_row = [
        int(tc.find(f"{W}tcPr/{W}tcW").get(f"{W}w"))
        for tc in tbl.findall(f"{W}tr")[1].findall(f"{W}tc")
    ]
    assert first_row == grid
    assert tbl.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None
    # The 项目 written once over its four rows (vertically merged, as in the province's table).
    merges = [
        tr.findall(f"{W}tc")[1].find(f"{W}tcPr/{W}vMerge") for tr in tbl.findall(f"{W}tr")[1:5]
    ]
    assert merges[0].get(f"{W}val") == "restart"
    assert all(m is not None and m.get(f"{W}val") is None for m in merges[1:])
    size = tbl.findall(f"{W}tr")[1].find(f"{W}tc/{W}p/{W}r/{W}rPr/{W}sz").get(f"{W}val")
    assert size == "21"
    subtotal_font = tbl.findall(f"{W}tr")[5].find(f"{W}tc/{W}p/{W}r/{W}rPr/{W}rFonts")
    assert subtotal_font.get(f"{W}eastAsia") == "黑体"


def test_score_appendix_in_markdown(scored_home: Path, tmp_path: Path) -> None:
    out = tmp_path / "报告.md"
    assert cli(scored_home)("export", "1", "-o", str(out), "--appendix", "score").exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "## 自查评分表" in text and "| 合计 |  | 适用分值 95 分" in text


def test_score_appendix_on_the_builtin_bank_is_refused(home: Path, tmp_path: Path) -> None:
    zicha = cli(home)
    assert (
        zicha("report", "new", "--from", str(Path("examples/answers.yaml").absolute())).exit_code
        == 0
    )
    out = tmp_path / "报告.docx"
    result = zicha("export", "1", "-o", str(out), "--appendix", "score")
    assert result.exit_code == 1 and "没有分值" in result.output
    assert "Traceback" not in result.output
    assert not out.exists() and not list(tmp_path.glob(".~zicha-*"))
