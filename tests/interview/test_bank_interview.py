"""A report on an imported bank: interviewed in line mode, scored, exported."""

from __future__ import annotations

from pathlib import Path

from county_report import county_report
from province_tables import NEW_REPORT, ROWS, cli, report_on_province_bank, write_xlsx


def run(home: Path, *args: str, input: str | None = None):
    return cli(home)(*args, input=input)


def test_line_mode_on_an_imported_bank_with_deductions_then_score_and_export(
    tmp_path: Path,
) -> None:
    import docx
    from openpyxl import load_workbook

    home = tmp_path / "home"
    assert "题库：省表（版本 1）" in report_on_province_bank(cli(home), tmp_path)
    answers = (
        "我们成立了内控领导小组，局长任组长，内控牵头科室是稽核科，有正式发文。\n"
        "\n"
        "受理复核审批都分开了，但是待遇科有一个人既录入又复核，人手不够。\n"
        "\n"
        "/扣分\n"
        "/覆盖\n"
    )
    result = run(home, "interview", "1", "--no-library", input=answers)
    out = result.output
    # the questions come from the province's table, with its 评分标准 as the hint
    assert "本单位是否建立内部控制领导小组，明确内控牵头科室？" in out
    assert "评分标准：每发现一处兼任扣2分" in out
    assert "总进度 0/14" in out
    assert "拟扣分：ORG-02 扣 2 分" in out and "既录入又复核" in out
    assert "已确认 ORG-02 扣 2 分" in out
    assert "组织机构控制 得分 8 / 20" in out and "合计得分 8 / 100（折算百分制 8 分）" in out

    shown = run(home, "score", "show", "1").output
    assert "组织机构控制：8 / 20 分" in shown and "合计：8 / 100 分" in shown

    sheet = tmp_path / "自查评分表.xlsx"
    assert run(home, "score", "export", "1", "-o", str(sheet)).exit_code == 0
    ws = load_workbook(sheet).active
    assert ws["A1"].value == "某县社会保险事业局2026年度内部控制自查评分表"
    assert [c.value for c in ws[2]] == [
        "序号",
        "项目",
        "检查内容",
        "分值",
        "得分",
        "扣分原因",
        "备注",
    ]
    second = [c.value for c in ws[4]]
    assert second[3] == 6 and second[4] == 4 and "既录入又复核" in second[5]
    total = [r for r in ws.iter_rows(values_only=True) if r[0] == "合计"][0]
    assert total[3] == 100 and total[4] == 8 and "折算百分制 8 分" in total[6]

    out_docx = tmp_path / "报告.docx"
    assert run(home, "export", "1", "-o", str(out_docx)).exit_code == 0
    text = "\n".join(p.text for p in docx.Document(str(out_docx)).paragraphs)
    assert "内控领导小组" in text and "既录入又复核" in text


def test_a_report_whose_bank_is_gone_says_what_to_do(province_home: Path) -> None:
    home = province_home
    assert run(home, "bank", "remove", "省表").exit_code == 0
    result = run(home, "interview", "1", "--no-library", input="")
    assert result.exit_code == 1 and "zicha bank import" in result.output
    assert run(home, *NEW_REPORT, "--bank", "没有").exit_code == 1


def test_a_replaced_bank_keeps_the_version_a_report_was_answered_on(
    province_home: Path, tmp_path: Path
) -> None:
    home = province_home
    changed = [("一、组织机构控制", "制定内部控制工作规程", "无规程扣2分", 20), *ROWS[4:]]
    assert (
        run(
            home,
            "bank",
            "import",
            str(write_xlsx(tmp_path / "v2.xlsx", rows=changed)),
            "--name",
            "省表",
            "--replace",
        ).exit_code
        == 0
    )
    out = run(home, "interview", "1", "--no-library", input="").output
    assert "建立内部控制领导小组" in out and "制定内部控制工作规程" not in out


def test_an_unconfirmed_deduction_is_a_preflight_error() -> None:
    from exports.preflight import preflight
    from report.models import Point

    report = county_report()
    report.section("organization").points.append(
        Point(
            text="有一人兼任录入和复核",
            control_point="ORG-02",
            status="基本符合",
            deduction=2,
            deduction_reason="一人兼任",
            deduction_confirmed=False,
        )
    )
    lines = [i.line() for i in preflight(report)]
    assert any("拟扣 2 分尚未确认" in line and line.startswith("[错误]") for line in lines)
