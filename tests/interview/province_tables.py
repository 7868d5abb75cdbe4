"""Tables shaped like the provinces' 检查评估表, made with openpyxl and python-docx, and data
homes with a report on such a table (the `province_home` and `scored_home` fixtures; every test
folder has them through tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

# `zicha report new` for a county, without --bank (each caller names its own bank).
NEW_REPORT = (
    "report",
    "new",
    "--unit",
    "某县社会保险事业局",
    "--to",
    "市社会保险事业管理处",
    "--year",
    "2026",
    "--basis-title",
    "关于开展内部控制检查评估的通知",
    "--basis-number",
    "某社险函〔2026〕1号",
)

# (项目, 检查内容, 评分标准, 分值) — 分值 sometimes text, as typed by hand.
ROWS: list[tuple[str, str, str, object]] = [
    (
        "一、组织机构控制（20分）",
        "建立内部控制领导小组，明确内控牵头科室",
        "未建立的扣3分；职责不明确的扣1分",
        4,
    ),
    (
        "一、组织机构控制（20分）",
        "设置不相容岗位并实行分离，受理、复核、审批分设",
        "每发现一处兼任扣2分",
        "6分",
    ),
    ("一、组织机构控制（20分）", "重要岗位定期轮岗，实行亲属回避", "未轮岗的扣2分", 5),
    ("一、组织机构控制（20分）", "内部控制制度汇编成册并及时修订", "无汇编的扣2分", "５"),
    ("二、业务运行控制（30分）", "参保登记、缴费基数核定有规程并留痕", "无规程扣3分", 10),
    ("二、业务运行控制（30分）", "待遇核定实行双人复核，支付前经审批", "未复核的每例扣1分", 10),
    ("二、业务运行控制（30分）", "业务档案及时归档，借阅有登记", "档案缺失的扣2分", 10),
    ("三、基金财务控制（25分）", "基金实行收支两条线管理，专户存储", "违规的不得分", 10),
    ("三、基金财务控制（25分）", "银行对账每月进行，未达账项及时处理", "未按月对账扣3分", 8),
    ("三、基金财务控制（25分）", "会计与出纳分设，印鉴分管", "兼任的扣3分", 7),
    ("四、信息系统控制（15分）", "系统用户权限按岗位设置，离岗及时注销", "发现共用账号扣3分", 8),
    ("四、信息系统控制（15分）", "数据修改有审批和日志", "无审批扣3分", 7),
    ("五、内部控制的管理和监督（10分）", "每年开展内控自查并形成报告", "未自查的不得分", 5),
    ("五、内部控制的管理和监督（10分）", "稽核部门对发现问题跟踪整改", "未跟踪的扣2分", 5),
]


def write_xlsx(path: Path, rows=ROWS, total: object = 100) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "评估表"
    ws.append(["2026年度社会保险经办机构内部控制检查评估表"])
    ws.merge_cells("A1:E1")
    # A two-row header: 评估内容 over 检查内容 and 评分标准.
    ws.append(["序号", "项目", "评估内容", None, "分值"])
    ws.append([None, None, "检查内容", "评分标准", None])
    ws.merge_cells("C2:D2")
    ws.merge_cells("A2:A3")
    ws.merge_cells("B2:B3")
    ws.merge_cells("E2:E3")
    start = ws.max_row + 1
    previous = None
    block = start
    for n, (item, content, criteria, score) in enumerate(rows, start=1):
        ws.append([n, item if item != previous else None, content, criteria, score])
        if item != previous:
            if previous is not None and ws.max_row - 1 > block:
                ws.merge_cells(
                    start_row=block, start_column=2, end_row=ws.max_row - 1, end_column=2
                )
            block, previous = ws.max_row, item
        if n == 7:
            ws.append([None, None, None, None, None])  # a blank row inside the table
    ws.merge_cells(start_row=block, start_column=2, end_row=ws.max_row, end_column=2)
    ws.append(["合计", None, None, None, total])
    ws.append(["注：1. 不适用的项目不计分，得分按适用分值折算为百分制。"])
    ws.append(["说明：本表由各单位自查后报市局。"])
    wb.save(path)
    return path


def write_docx(path: Path, rows=ROWS) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("附件：检查评估表")
    table = document.add_table(rows=1, cols=4)
    for cell, text in zip(table.rows[0].cells, ["类别", "要点", "评分办法", "标准分"], strict=True):
        cell.text = text
    previous = None
    first = None
    for item, content, criteria, score in rows:
        cells = table.add_row().cells
        cells[1].text, cells[2].text, cells[3].text = content, criteria, str(score)
        if item != previous:
            cells[0].text = item
            first, previous = cells[0], item
        else:
            first = first.merge(cells[0])  # vertical merge, as Word does
    total = table.add_row().cells
    total[0].text = "合计"
    total[3].text = "100"
    return document.save(str(path)) or path


# Runs one zicha command line in a given home (CliRunner, or the roll-up tests' zicha with a user).
Invoke = Callable[..., Any]


def cli(home: Path) -> Invoke:
    from click.testing import CliRunner

    from tui.cli import main

    return lambda *args, input=None: CliRunner().invoke(
        main, ["--home", str(home), *args], input=input
    )


def import_province_bank(invoke: Invoke, folder: Path, name: str = "省表", rows=ROWS) -> str:
    """The province's table written to folder and imported as bank `name`; its import report."""
    result = invoke(
        "bank", "import", str(write_xlsx(folder / f"{name}.xlsx", rows)), "--name", name
    )
    assert result.exit_code == 0, result.output
    return result.output


def new_report(invoke: Invoke, *extra: str, unit: str = "某县社会保险事业局") -> str:
    args = [unit if arg == "某县社会保险事业局" else arg for arg in NEW_REPORT]
    result = invoke(*args, *extra)
    assert result.exit_code == 0, result.output
    return result.output


def report_on_province_bank(invoke: Invoke, folder: Path, **unit: str) -> str:
    """Bank 省表 imported and a report made on it (for `unit`); `report new`'s output."""
    import_province_bank(invoke, folder)
    return new_report(invoke, "--bank", "省表", **unit)


@pytest.fixture
def province_home(tmp_path: Path) -> Path:
    """A data home with the province's 14-item table imported as 省表 and report 1 on it."""
    home = tmp_path / "home"
    report_on_province_bank(cli(home), tmp_path)
    return home


# A table whose 项目 are not the five areas: a bank with its own four sections.
OWN_ROWS: list[tuple[str, str, str, object]] = [
    ("一、岗位与人员管理（25分）", "关键岗位实行定期轮岗，轮岗记录完整", "未轮岗的扣3分", 10),
    ("一、岗位与人员管理（25分）", "经办人员持证上岗，每年参加业务培训", "未培训的扣2分", "5分"),
    ("一、岗位与人员管理（25分）", "建立亲属回避登记制度", "无登记的扣2分", 10),
    ("二、待遇核发风险防控（35分）", "待遇核定实行初审、复核两级审核", "未复核的每例扣1分", 15),
    ("二、待遇核发风险防控（35分）", "每月比对死亡、服刑人员数据，及时停发", "未比对的扣5分", 20),
    ("三、数据安全（20分）", "系统账号实名使用，离岗当日注销", "发现共用账号扣3分", 10),
    ("三、数据安全（20分）", "重要数据修改经审批并留存日志", "无审批扣3分", 10),
    ("四、廉政风险防控（20分）", "开展廉政风险点排查并建立台账", "未排查的不得分", 20),
]


@pytest.fixture
def scored_home(province_home: Path) -> Path:
    """Report 1 on the province's 14-item table (100 分): ORG-01 符合 (4), ORG-02 基本符合 less a
    confirmed 2 (6), ORG-03 不适用 (5, left out), ORG-04 基本符合 with no deduction yet (5)."""
    from report.models import Point
    from report.store import ReportStore

    home = province_home
    with ReportStore.open(home) as store:
        report = store.get(1)
        org = report.section("organization")
        org.points += [
            Point(text="成立了内控领导小组。", control_point="ORG-01", status="符合"),
            Point(
                text="待遇科有一人既录入又复核。",
                control_point="ORG-02",
                status="基本符合",
                deduction=2,
                deduction_reason="一处兼任",
            ),
            Point(text="本单位不涉及。", control_point="ORG-03", status="不适用"),
            Point(text="制度汇编尚在修订。", control_point="ORG-04", status="基本符合"),
        ]
        store.save(report, "tester", action="answer", detail="test")
    return home
