"""The 整改台账's 问题 column for items written by an answers file (`zicha report new --from`,
`zicha report fill`): there an item's text is its measure, so the 问题 column shows the problem
noted (or the answer the item is linked to), never the measure a second time."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import yaml
from click.testing import CliRunner

from report.ledger import COLUMNS
from report.store import ReportStore
from tui.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "answers.yaml"
ROTATION = (
    "敏感岗位轮岗交流制度已经建立，但受编制限制，待遇核定岗位两名工作人员在岗已超过5年，尚未轮岗。"
)
ARCHIVE_PROBLEM = "2026年上半年有12卷补缴业务档案未及时归档"


def _run(home: Path, *args: str):
    result = CliRunner().invoke(main, ["--home", str(home), *args])
    assert result.exit_code == 0, result.output
    return result


def _answers(tmp_path: Path) -> Path:
    """examples/answers.yaml with a problem noted on the BUS-09 answer."""
    data = yaml.safe_load(EXAMPLES.read_text(encoding="utf-8"))
    for point in data["sections"]["business"]:
        if point.get("point") == "BUS-09":
            point["problems"] = [ARCHIVE_PROBLEM]
    path = tmp_path / "答案.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _rows(path: Path) -> list[dict[str, object]]:
    ws = openpyxl.load_workbook(path)["整改台账"]
    return [
        dict(zip(COLUMNS, (c.value for c in row), strict=False))
        for row in ws.iter_rows(min_row=3)
        if row[1].value
    ]


def test_problem_column_shows_the_finding_not_the_measure(home: Path, tmp_path: Path):
    _run(home, "report", "new", "--from", str(_answers(tmp_path)))
    _run(home, "report", "fill", "1", str(_answers(tmp_path)))
    out = tmp_path / "整改台账.xlsx"
    _run(home, "ledger", "export", "1", "-o", str(out))
    rows = _rows(out)
    assert len(rows) == 4
    assert all(r["问题"] != r["整改措施"] for r in rows), rows
    by_control = {str(r["对应要点"]).split()[-1]: r for r in rows}
    # Linked answer without a noted problem: the officer's own answer for that point.
    assert by_control["ORG-06"]["问题"] == ROTATION
    assert str(by_control["ORG-06"]["整改措施"]).startswith("加强干部轮岗交流")
    # A problem noted on the linked answer is the problem.
    assert by_control["BUS-09"]["问题"] == ARCHIVE_PROBLEM

    # The ledger comes back: the 问题 column is recognised as the same rows.
    wb = openpyxl.load_workbook(out)
    wb["整改台账"]["H3"] = "已完成"
    wb.save(out)
    result = _run(home, "ledger", "import", "1", str(out), "--yes")
    assert "已导入整改台账" in result.output
    with ReportStore.open(home) as store:
        assert store.get(1).section("rectification").points[0].progress == "已完成"


def test_a_ledger_written_before_the_fix_still_imports(home: Path, tmp_path: Path):
    """Departments may return a ledger exported by the old version (问题 = the measure)."""
    _run(home, "report", "new", "--from", str(EXAMPLES))
    out = tmp_path / "整改台账.xlsx"
    _run(home, "ledger", "export", "1", "-o", str(out))
    wb = openpyxl.load_workbook(out)
    ws = wb["整改台账"]
    for r in range(3, 7):
        ws.cell(row=r, column=2).value = ws.cell(row=r, column=3).value
    ws["H4"] = "推进中"
    wb.save(out)
    result = _run(home, "ledger", "import", "1", str(out), "--yes")
    assert "已导入整改台账" in result.output
    with ReportStore.open(home) as store:
        assert store.get(1).section("rectification").points[1].progress == "推进中"
