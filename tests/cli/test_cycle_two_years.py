"""Two years from the command line: report → ledger out → ledger in (two rows changed) → next
year's report → its 上年度问题整改落实情况 part in the exported text."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from click.testing import CliRunner

from report.store import ReportStore
from tui.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "answers.yaml"


def run(home: Path, *args: str, input: str | None = None):
    result = CliRunner().invoke(main, ["--home", str(home), *args], input=input)
    assert result.exit_code == 0, result.output
    return result.output


def test_two_year_run(tmp_path: Path):
    home = tmp_path / "home"
    first = run(home, "report", "new", "--from", str(EXAMPLE)).strip().splitlines()[-1]
    ledger = tmp_path / "整改台账.xlsx"
    run(home, "ledger", "export", first, "-o", str(ledger))
    wb = openpyxl.load_workbook(ledger)
    ws = wb["整改台账"]
    ws["G3"], ws["H3"] = "已完成待遇核定岗位3人轮岗", "已完成"
    ws["E4"], ws["G4"], ws["H4"] = "王五", "已补齐上半年档案，月度检查制度待印发", "推进中"
    wb.save(ledger)
    shown = run(home, "ledger", "import", first, str(ledger), "--yes")
    assert "将更新 2 行" in shown

    out = run(home, "report", "new", "--from-report", first, "--year", "2027")
    second = out.strip().splitlines()[-1]
    assert second == "2" and "均为「待复核」" in out

    answers = "\n".join(
        [
            "已完成。2027年3月15日完成待遇核定岗位3人轮岗，轮岗记录已归档",
            "部分完成，已补齐2026年上半年补缴业务档案，月度归档检查制度尚未印发",
            "未完成，移动存储介质尚有12个未登记",
            "已完成，2027年6月开展了专项稽核",
            "/沿用",
            "/退出",
        ]
    )
    talk = run(home, "interview", second, "--no-library", "--no-assistant", input=answers + "\n")
    assert "上年：" in talk and "〔待复核〕" in talk
    assert "✔ 已记录 上年度整改落实情况：部分完成" in talk

    with ReportStore.open(home) as store:
        report = store.get(int(second))
        rect = report.section("rectification").points
        assert [p.origin_item is not None for p in rect] == [True, True]
        org = report.section("organization").points
        assert not org[0].review_pending and org[1].review_pending

    text = tmp_path / "2027.txt"
    run(home, "export", second, "-o", str(text))
    body = text.read_text(encoding="utf-8-sig")
    assert "一、上年度问题整改落实情况" in body and "二、组织机构控制" in body
    assert body.index("一、上年度问题整改落实情况") < body.index("二、组织机构控制")
    assert "并对上年度自查发现问题的整改落实情况进行了跟踪检查" in body
    assert "已整改完成。2027年3月15日完成待遇核定岗位3人轮岗" in body
    assert "已部分完成整改。已补齐2026年上半年补缴业务档案" in body

    diff = run(home, "review", "diff", second)
    assert "上年度报告（2026年度" in diff and "【组织机构控制】" in diff


def test_show_lists_last_year_and_diff_needs_a_predecessor(tmp_path: Path):
    home = tmp_path / "home"
    first = run(home, "report", "new", "--from", str(EXAMPLE)).strip().splitlines()[-1]
    second = run(home, "report", "new", "--from-report", first).strip().splitlines()[-1]
    shown = run(home, "report", "show", second)
    assert f"上年度报告：编号 {first}（2026年度）" in shown
    assert "【上年度问题整改落实情况】" in shown and "【待补充】整改落实情况尚未填写" in shown
    assert "待复核" in shown and "未变" in shown
    refused = CliRunner().invoke(main, ["--home", str(home), "review", "diff", first])
    assert (
        refused.exit_code == 2 and "只写编号仅适用于以上年度报告为基础新建的报告" in refused.output
    )
    both = CliRunner().invoke(
        main, ["--home", str(home), "report", "new", "--from-report", first, "--unit", "别的局"]
    )
    assert both.exit_code == 2 and "--from-report 不能与 --unit 同时使用" in both.output
