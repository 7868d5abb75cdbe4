"""The 整改台账: the .xlsx as a user opens it, the round trip through the CLI, every refusal
leaving zicha.db byte-for-byte unchanged, overdue detection, and a LibreOffice PDF."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from office_convert import SOFFICE, convert

from exports.ledger_xlsx import write_ledger
from exports.preflight import preflight
from report.ledger import COLUMNS, overdue
from report.models import Point
from report.store import ReportStore
from tui.cli import main


def _run(home: Path, *args: str, input: str | None = None):
    return CliRunner().invoke(main, ["--home", str(home), *args], input=input)


@pytest.fixture
def stored(home: Path, example_report) -> tuple[Path, int]:
    example_report.section("rectification").points[0].source_point = (
        example_report.section("business").points[0].id
    )
    with ReportStore.open(home) as store:
        return home, store.create(example_report).id


def _db_bytes(home: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(home.glob("zicha.db*"))
    }


def _export(home: Path, rid: int, tmp_path: Path) -> Path:
    out = tmp_path / "整改台账.xlsx"
    result = _run(home, "ledger", "export", str(rid), "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


def test_ledger_sheet_as_a_user_sees_it(stored, tmp_path):
    home, rid = stored
    out = _export(home, rid, tmp_path)
    wb = openpyxl.load_workbook(out)
    ws = wb["整改台账"]
    assert ws["A1"].value == "青禾县社会保险事业局2026年度内部控制自查整改台账"
    assert "A1:J1" in {str(r) for r in ws.merged_cells.ranges}
    assert [c.value for c in ws[2]][:10] == list(COLUMNS)
    assert ws.cell(row=2, column=11).value == "项目编号" and ws.column_dimensions["K"].hidden
    assert ws.freeze_panes == "A3"
    assert ws.print_title_rows == "$2:$2"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    due = ws.cell(row=3, column=6)
    assert isinstance(due.value, dt.datetime) and due.number_format == "yyyy-mm-dd"
    assert ws.cell(row=3, column=8).value == "未开始"
    assert ws.cell(row=3, column=10).value.startswith("业务运行控制")
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert lists and lists[0].formula1 == '"未开始,推进中,已完成"' and "H3" in str(lists[0].sqref)
    assert (
        ws.cell(row=3, column=2).font.name == "宋体"
        and ws.cell(row=3, column=2).alignment.wrap_text
    )
    assert ws.column_dimensions["B"].width >= 20 and ws.row_dimensions[3].height >= 30
    with ReportStore.open(home) as store:
        assert store.audit_log(rid)[-1].action == "ledger_export"


def test_round_trip_two_rows_changed_applied_and_audited(stored, tmp_path):
    home, rid = stored
    out = _export(home, rid, tmp_path)
    wb = openpyxl.load_workbook(out)
    ws = wb["整改台账"]
    ws["G3"] = "已修订岗位轮换办法，完成3人轮岗"
    ws["H3"] = "已完成"
    ws["E4"] = "王五"
    ws["H4"] = "推进中"
    ws["F4"] = dt.date(2027, 5, 31)
    wb.save(out)
    asked = _run(home, "ledger", "import", str(rid), str(out), input="n\n")
    assert asked.exit_code == 0, asked.output
    assert "第 3 行（序号 1）" in asked.output and "完成状态：未开始 → 已完成" in asked.output
    assert "整改时限：2027年3月31日 → 2027年5月31日" in asked.output
    assert "未更新" in asked.output
    with ReportStore.open(home) as store:
        assert store.get(rid).revision == 1
    done = _run(home, "ledger", "import", str(rid), str(out), "--yes")
    assert done.exit_code == 0, done.output
    with ReportStore.open(home) as store:
        report = store.get(rid)
        items = report.section("rectification").points
        assert items[0].progress == "已完成" and items[0].progress_note.startswith("已修订")
        assert items[1].person == "王五" and items[1].due == dt.date(2027, 5, 31)
        event = store.audit_log(rid)[-1]
        assert event.action == "ledger_import" and "5 处" in event.detail
        assert store.verify_audit().ok
    again = _run(home, "ledger", "import", str(rid), str(out), "--yes")
    assert "没有需要更新" in again.output


def _edit(path: Path, **cells) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb["整改台账"]
    for ref, value in cells.items():
        ws[ref] = value
    wb.save(path)


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({"B3": "改过的问题"}, "第 3 行「问题」列：问题的文字被改过"),
        ({"K3": "ffffffffffff"}, "第 3 行「问题」列：这一行不属于报告"),
        ({"A7": 9, "B7": "新加的问题", "H7": "未开始"}, "第 7 行「问题」列：找不到序号 9"),
        ({"F4": "明年六月"}, "第 4 行「整改时限」列：「明年六月」不是日期"),
        ({"H5": "差不多了"}, "第 5 行「完成状态」列：「差不多了」不是可选的状态"),
        ({"C2": "措施"}, "第 2 行第 3 列应为「整改措施」"),
    ],
)
def test_refusals_name_the_cell_and_change_nothing(stored, tmp_path, cells, expected):
    home, rid = stored
    out = _export(home, rid, tmp_path)
    _edit(out, G3="已完成整改", **cells)
    before = _db_bytes(home)
    result = _run(home, "ledger", "import", str(rid), str(out), "--yes")
    assert result.exit_code == 1, result.output
    assert f"工作表「整改台账」{expected}" in result.output or expected in result.output
    assert _db_bytes(home) == before


def test_not_a_ledger_file_is_refused(stored, tmp_path):
    home, rid = stored
    wrong = tmp_path / "别的表.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Sheet1"
    wb.save(wrong)
    text = tmp_path / "台账.xlsx"
    text.write_text("不是表格", encoding="utf-8")
    before = _db_bytes(home)
    for path, expected in ((wrong, "没有名为「整改台账」的工作表"), (text, "不是 Excel 台账文件")):
        result = _run(home, "ledger", "import", str(rid), str(path), "--yes")
        assert result.exit_code == 1 and expected in result.output, result.output
    assert _db_bytes(home) == before


def test_frozen_report_takes_progress_but_not_text(home, tmp_path, monkeypatch):
    from review_helpers_cycle import approved_report

    rid = approved_report(home)
    monkeypatch.setenv("ZICHA_USER", "zhang")
    monkeypatch.setenv("ZICHA_PASSWORD", "zhang-pass-1")
    out = _export(home, rid, tmp_path)
    _edit(out, H3="已完成", G3="已完成")
    ok = _run(home, "ledger", "import", str(rid), str(out), "--yes")
    assert ok.exit_code == 0, ok.output
    with ReportStore.open(home) as store:
        assert store.get(rid).status == "approved"
        assert store.verify_audit().ok
    _edit(out, C3="换了措施")
    before = _db_bytes(home)
    refused = _run(home, "ledger", "import", str(rid), str(out), "--yes")
    assert refused.exit_code == 1 and "「整改措施」是报告正文的内容" in refused.output
    assert _db_bytes(home) == before


def test_overdue_with_a_fixed_clock(example_report):
    items = example_report.section("rectification").points
    items[0].due, items[0].progress = dt.date(2027, 1, 31), "推进中"
    items[1].due, items[1].progress = dt.date(2027, 1, 15), "已完成"
    items[2].due = dt.date(2027, 2, 1)
    today = dt.date(2027, 2, 1)
    assert [p.id for p in overdue(example_report, today)] == [items[0].id]
    lines = [i.line() for i in preflight(example_report, today=today)]
    assert any("已逾期：时限 2027-01-31" in line and "推进中" in line for line in lines)
    assert not overdue(example_report, dt.date(2027, 1, 14))


@pytest.mark.slow
def test_ledger_converts_to_pdf_in_libreoffice(example_report, tmp_path):
    if SOFFICE is None:
        pytest.skip("没有安装 LibreOffice（soffice），无法检查台账能否在 LibreOffice 中打开和打印")
    program = Path(SOFFICE).resolve().parent
    if not any(program.glob("libsclo.*")) and not any(program.glob("sclo.dll")):
        pytest.skip("LibreOffice 没有安装 Calc（libreoffice-calc），无法把台账转换为 PDF")
    example_report.id = 1
    for p in example_report.section("rectification").points:
        p.person = "张三"
    example_report.section("rectification").points += [
        Point(
            text=f"第{i}个问题" * 8, measure="措施" * 30, owner="办公室", due=dt.date(2027, 6, 30)
        )
        for i in range(40)
    ]
    xlsx = write_ledger(example_report, tmp_path / "整改台账.xlsx")
    pdf = convert(xlsx, tmp_path)
    assert pdf.exists()
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    assert len(reader.pages) >= 2
    for page in reader.pages:
        box = page.mediabox
        assert float(box.width) > float(box.height)  # landscape
        assert "整改措施" in page.extract_text()  # header repeated on every page


def test_every_bad_cell_is_named_in_one_message_and_nothing_is_imported(stored, tmp_path):
    home, rid = stored
    out = _export(home, rid, tmp_path)
    # One good change and four bad cells in different rows and columns.
    _edit(out, G3="已完成整改", F4="明年六月", H5="差不多了", A6="第六", B3="改过的问题")
    before = _db_bytes(home)
    result = _run(home, "ledger", "import", str(rid), str(out), "--yes")
    assert result.exit_code == 1, result.output
    text = result.output
    assert "台账中有 4 处需要改正" in text and "未导入任何内容" in text, text
    for expected in (
        "第 3 行「问题」列：问题的文字被改过",
        "第 4 行「整改时限」列：「明年六月」不是日期",
        "第 5 行「完成状态」列：「差不多了」不是可选的状态",
        "第 6 行「序号」列：「第六」不是序号",
    ):
        assert expected in text, (expected, text)
    assert _db_bytes(home) == before
