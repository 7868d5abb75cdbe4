"""A province's 检查评估表 imported as a question bank: tables shaped like real ones, each
malformed table refused with its row named and nothing stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from province_tables import ROWS, write_docx, write_xlsx

from interview.bank_import import BankImportError, read_table
from interview.bank_store import list_banks, make_question, open_bank
from tui.cli import main


def run(home: Path, *args: str):
    return CliRunner().invoke(main, ["--home", str(home), *args])


def test_xlsx_with_merged_cells_two_row_header_total_and_notes(tmp_path: Path) -> None:
    table = read_table(write_xlsx(tmp_path / "省表.xlsx"))
    assert len(table.rows) == len(ROWS)
    # merged 项目 filled down; 分值 typed as text and full-width digits read as numbers
    assert [r.item for r in table.rows[:4]] == ["一、组织机构控制（20分）"] * 4
    assert [r.score for r in table.rows[:4]] == [4, 6, 5, 5]
    assert table.total_score() == 100 and table.declared_total == 100
    assert {s.reason for s in table.skipped} == {"空行", "合计行", "注释或说明"}
    assert [r.criteria for r in table.rows][0] == "未建立的扣3分；职责不明确的扣1分"
    assert [r.area for r in table.rows].count("business") == 3


def test_docx_table_with_header_variants(tmp_path: Path) -> None:
    table = read_table(write_docx(tmp_path / "省表.docx"))
    assert [(r.item, r.content, r.score) for r in table.rows] == [
        (item, content, float(str(score).removesuffix("分").replace("５", "5")))
        for item, content, _, score in ROWS
    ]


def test_cli_import_report_show_export_round_trip_and_remove(tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = run(
        home, "bank", "import", str(write_xlsx(tmp_path / "省表.xlsx")), "--name", "2026省表"
    )
    assert result.exit_code == 0, result.output
    assert "共 14 项，分值合计 100 分" in result.output
    assert "组织机构控制：4 项，20 分" in result.output
    assert "第 11 行：空行" in result.output and "第 19 行：合计行" in result.output
    info, bank = open_bank(home, "2026省表")
    first = bank.points("organization")[0]
    assert first.id == "ORG-01" and first.score == 4 and first.question.endswith("？")
    assert "是否" in first.question and first.keywords and first.query
    assert [b.name for b in list_banks(home)] == ["内置", "2026省表"]

    out = tmp_path / "回写.xlsx"
    assert run(home, "bank", "export", "2026省表", "-o", str(out)).exit_code == 0
    assert run(home, "bank", "import", str(out), "--name", "回读").exit_code == 0
    assert open_bank(home, "回读")[0].hash == info.hash  # the table form round-trips

    again = run(home, "bank", "import", str(out), "--name", "2026省表")
    assert again.exit_code == 1 and "--replace" in again.output
    assert run(home, "bank", "import", str(out), "--name", "2026省表", "--replace").exit_code == 0
    assert open_bank(home, "2026省表")[0].version == 2
    assert run(home, "bank", "remove", "回读").exit_code == 0
    assert [b.name for b in list_banks(home)] == ["内置", "2026省表"]
    assert run(home, "bank", "remove", "内置").exit_code == 1


BAD_TABLES = {
    "no header": (lambda rows: rows, {"header": False}, "找不到表头"),
    "score not a number": (
        lambda rows: [rows[0][:3] + ("约五分",), *rows[1:]],
        {},
        "第 4 行：分值「约五分」不是数字",
    ),
    "unknown item": (
        lambda rows: [("六、其他事项", "其他", "", 1), *rows],
        {},
        "项目「六、其他事项」对应不到五个方面",
    ),
    "area missing": (lambda rows: [r for r in rows if "信息" not in r[0]], {}, "信息系统控制"),
}


@pytest.mark.parametrize("case", sorted(BAD_TABLES))
def test_malformed_tables_are_refused_with_the_row_and_nothing_stored(
    tmp_path: Path, case: str
) -> None:
    change, options, expected = BAD_TABLES[case]
    path = tmp_path / "坏表.xlsx"
    if options.get("header") is False:
        from openpyxl import Workbook

        wb = Workbook()
        wb.active.append(["甲", "乙", "丙"])
        wb.active.append(["1", "2", "3"])
        wb.save(path)
    else:
        write_xlsx(path, rows=change(list(ROWS)))
    home = tmp_path / "home"
    result = run(home, "bank", "import", str(path), "--name", "坏表")
    assert result.exit_code == 1 and expected in result.output, result.output
    assert "Traceback" not in result.output
    assert not (home / "banks" / "坏表").exists()
    assert not [p for p in (home / "banks").glob("*")] if (home / "banks").exists() else True


def test_map_option_assigns_unknown_items(tmp_path: Path) -> None:
    rows = [("稽核内控", c, s, v) if "稽核" in c else (i, c, s, v) for i, c, s, v in ROWS]
    rows = [r for r in rows if "内部控制的管理" not in r[0] or "稽核" in r[1]]
    rows.append(("稽核内控", "每年开展内控自查并形成报告", "", 5))
    path = write_xlsx(tmp_path / "省表.xlsx", rows=rows)
    with pytest.raises(BankImportError, match="--map"):
        read_table(path)
    from interview.bank_import import parse_mapping

    table = read_table(path, parse_mapping(["稽核内控=监督"]))
    assert [r.area for r in table.rows if r.item == "稽核内控"] == ["supervision"] * 2


def test_questions_are_questions() -> None:
    assert make_question("建立内部控制领导小组") == "本单位是否建立内部控制领导小组？"
    assert make_question("重要岗位定期轮岗") == "本单位是否做到“重要岗位定期轮岗”？"
    assert make_question("内控制度执行情况") == "本单位内控制度执行情况如何？"
    assert make_question("是否按月对账。") == "是否按月对账？"


def test_other_files_get_a_clear_message(tmp_path: Path) -> None:
    old = tmp_path / "表.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    result = run(tmp_path / "h", "bank", "import", str(old), "--name", "x")
    assert result.exit_code == 1 and "另存为 .xlsx" in result.output
    broken = tmp_path / "坏.xlsx"
    broken.write_bytes(b"PK\x03\x04garbage")
    result = run(tmp_path / "h", "bank", "import", str(broken), "--name", "x")
    assert result.exit_code == 1 and "无法作为 Excel 文件打开" in result.output


def test_example_answer_states_what_the_unit_does_without_asking() -> None:
    """The generated 示例 for 「参保登记资料是否完整归档」 read 「本单位参保登记资料是否完整
    归档，依据的制度是……」: an example answer that asks the question back."""
    from interview.bank_import import ImportedRow
    from interview.bank_store import point_data

    row = ImportedRow(
        row=3, item="业务运行控制", content="参保登记资料是否完整归档", area="business"
    )
    example = str(point_data(row, 1, "BUS")["example"])
    assert example.startswith("（示例）本单位参保登记资料完整归档，"), example
    assert "是否" not in example
