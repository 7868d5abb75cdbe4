"""The two summary appendices: real tables in the .docx, the same rows in md and txt."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from export_helpers import W, make_report, open_docx

from exports.appendices import parse_appendices, rectification_rows, stats_rows
from exports.writer import export_report
from report.models import Point


def report_with_statuses():
    r = make_report()
    pts = r.section("organization").points
    pts[1].status = "基本符合"
    pts[2].status = "不符合"
    r.section("business").points[0].status = "不适用"
    r.section("fund_finance").points[1].skipped = True  # not counted
    r.section("rectification").points = [
        Point(
            text="岗位分离不到位",
            measure="严格落实不相容岗位分离",
            owner="办公室",
            due=dt.date(2027, 6, 30),
        ),
        Point(text="规范业务档案管理", owner="征缴科"),  # answers-file form: text is the measure
    ]
    return r


def cell_texts(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def test_stats_rows_count_statuses_per_area():
    rows = stats_rows(report_with_statuses())
    assert [r.area for r in rows][-1] == "合计"
    org = rows[0]
    assert org.cells() == ["组织机构控制", "3", "1", "1", "1", "0"]
    assert rows[2].cells() == ["基金财务控制", "1", "1", "0", "0", "0"]
    assert rows[-1].cells() == ["合计", "9", "6", "1", "1", "1"]


def test_rectification_rows():
    rows = rectification_rows(report_with_statuses())
    assert rows[0].cells(1) == [
        "1",
        "岗位分离不到位",
        "严格落实不相容岗位分离",
        "办公室",
        "2027年6月30日前",
    ]
    assert rows[1].measure == "规范业务档案管理" and rows[1].due == "（待补充）"


def test_appendix_option_parsing():
    assert parse_appendices("stats,rectification") == ("stats", "rectification")
    assert parse_appendices(" rectification , stats,stats") == ("rectification", "stats")
    assert parse_appendices(None) == ()
    with pytest.raises(ValueError, match="不认识的附表「summary」"):
        parse_appendices("stats,summary")


def test_tables_in_the_docx_with_widths_word_and_wps_read(tmp_path: Path):
    out = export_report(
        report_with_statuses(), tmp_path / "a.docx", appendices=("stats", "rectification")
    )
    doc = open_docx(out)
    assert len(doc.tables) == 2
    stats, rect = doc.tables
    assert cell_texts(stats)[0] == ["控制领域", "要点数", "符合", "基本符合", "不符合", "不适用"]
    assert cell_texts(stats)[1] == ["组织机构控制", "3", "1", "1", "1", "0"]
    assert cell_texts(stats)[-1][0] == "合计"
    assert cell_texts(rect)[0] == ["序号", "问题", "整改措施", "责任部门", "完成时限"]
    assert cell_texts(rect)[1][1:3] == ["岗位分离不到位", "严格落实不相容岗位分离"]
    texts = [p.text for p in doc.paragraphs if p.text.strip()]
    # each on its own page: 附件1 label, then the centred title
    assert texts[texts.index("附件1") + 1] == "内部控制要点自查情况统计表"
    assert texts[texts.index("附件2") + 1] == "整改措施清单"
    assert "附件：1．内部控制要点自查情况统计表" in texts
    for table in (stats, rect):
        tbl = table._tbl
        header = tbl.find(f"{W}tr/{W}trPr/{W}tblHeader")
        assert header is not None  # the header row repeats on a new page
        borders = tbl.find(f"{W}tblPr/{W}tblBorders")
        assert {b.tag.split("}")[1] for b in borders} >= {"top", "bottom", "insideH", "insideV"}
        # header in 黑体, cells in 仿宋
        first = tbl.find(f"{W}tr/{W}tc/{W}p/{W}r/{W}rPr/{W}rFonts")
        assert first.get(f"{W}eastAsia") == "黑体"
        cell = tbl.findall(f"{W}tr")[1].find(f"{W}tc/{W}p/{W}r/{W}rPr/{W}rFonts")
        assert cell.get(f"{W}eastAsia") == "仿宋_GB2312"


def test_no_measures_says_so(tmp_path: Path):
    r = make_report()
    r.section("rectification").points = []
    doc = open_docx(export_report(r, tmp_path / "n.docx", appendices=("rectification",)))
    rows = cell_texts(doc.tables[0])
    assert rows[1][0] == "本次自查未列整改事项"
    assert doc.tables[0]._tbl.find(f"{W}tr[2]/{W}tc/{W}tcPr/{W}gridSpan").get(f"{W}val") == "5"
    # a single appendix is labelled 附件 without a number
    assert "附件：整改措施清单" in [p.text for p in doc.paragraphs]


def test_markdown_and_text_carry_the_same_tables(tmp_path: Path):
    r = report_with_statuses()
    md = export_report(r, tmp_path / "a.md", fmt="md", appendices=("stats", "rectification"))
    text = md.read_text(encoding="utf-8")
    assert "## 内部控制要点自查情况统计表" in text
    assert "\\| 组织机构控制 \\|" not in text and "| 组织机构控制 | 3 | 1 | 1 | 1 | 0 |" in text
    txt = export_report(r, tmp_path / "a.txt", fmt="txt", appendices=("rectification",))
    assert "1\t岗位分离不到位\t严格落实不相容岗位分离\t办公室\t2027年6月30日前" in txt.read_text(
        encoding="utf-8-sig"
    )


def test_unconfirmed_status_is_not_counted_and_answers_file_items_have_no_invented_problem():
    r = report_with_statuses()
    r.section("organization").points[2].status_confirmed = False  # zicha's proposal only
    org = stats_rows(r)[0]
    assert org.cells() == ["组织机构控制", "3", "1", "1", "0", "0"]
    # The answers file stores an item's text as its measure too: no problem is made up.
    r.section("rectification").points = [Point(text="规范档案", measure="规范档案", owner="征缴科")]
    row = rectification_rows(r)[0]
    assert (row.problem, row.measure) == ("—", "规范档案")
