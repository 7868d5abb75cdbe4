"""A bank that declares its own sections: a table whose 项目 are not the five areas becomes a
bank with one section per 项目; reports on it are interviewed, drafted, scored and exported in
those sections, and nothing that counts the five areas breaks on it."""

from __future__ import annotations

from pathlib import Path

import pytest
from county_report import county_report
from province_tables import OWN_ROWS, ROWS, cli, new_report, write_docx, write_xlsx

from interview.bank_import import BankImportError, read_table, section_title_of
from interview.bank_store import open_bank
from report.models import BankRef, BankSection, Point, Report
from report.store import ReportStore

OWN_TITLES = ["岗位与人员管理", "待遇核发风险防控", "数据安全", "廉政风险防控"]


@pytest.fixture
def own_home(tmp_path: Path) -> Path:
    """市表 (OWN_ROWS) imported, report 1 on it."""
    home = tmp_path / "home"
    zicha = cli(home)
    imported = zicha(
        "bank", "import", str(write_xlsx(tmp_path / "市表.xlsx", OWN_ROWS)), "--name", "市表"
    )
    assert imported.exit_code == 0, imported.output
    new_report(zicha, "--bank", "市表")
    return home


def test_a_table_of_other_items_declares_its_own_sections(tmp_path: Path) -> None:
    table = read_table(write_xlsx(tmp_path / "市表.xlsx", OWN_ROWS))
    assert [s.title for s in table.sections] == OWN_TITLES
    assert [s.key for s in table.sections] == ["s01", "s02", "s03", "s04"]
    assert [r.area for r in table.rows] == ["s01"] * 3 + ["s02"] * 2 + ["s03"] * 2 + ["s04"]
    # the same table as Word: the same sections
    assert [s.title for s in read_table(write_docx(tmp_path / "市表.docx", OWN_ROWS)).sections] == (
        OWN_TITLES
    )


def test_section_titles_lose_numbering_and_scores() -> None:
    assert section_title_of("一、岗位与人员管理（25分）") == "岗位与人员管理"
    assert section_title_of("（三）数据安全") == "数据安全"
    assert section_title_of("2. 廉政风险防控(20 分)") == "廉政风险防控"
    assert section_title_of("数据安全") == "数据安全"


def test_partly_matching_table_is_refused_naming_both_ways(tmp_path: Path) -> None:
    mixed = [*ROWS, ("六、廉政风险防控", "开展廉政风险点排查", "", 5)]
    with pytest.raises(BankImportError, match="--own-sections") as err:
        read_table(write_xlsx(tmp_path / "混合.xlsx", mixed))
    assert "--map" in str(err.value) and "六、廉政风险防控" in str(err.value)
    # …and the officer chooses: the table's own six sections.
    table = read_table(tmp_path / "混合.xlsx", own=True)
    assert len(table.sections) == 6 and table.sections[0].title == "组织机构控制"


def test_cli_import_report_show_and_round_trip(own_home: Path, tmp_path: Path) -> None:
    zicha = cli(own_home)
    again = zicha("bank", "import", str(tmp_path / "市表.xlsx"), "--name", "市表2")
    out = again.output
    assert "表中的项目都不是五个方面，按表中的 4 个项目分部分" in out
    assert "岗位与人员管理：3 项，25 分（表中项目：一、岗位与人员管理（25分））" in out
    assert "廉政风险防控：1 项，20 分" in out and "共 8 项，分值合计 100 分" in out
    shown = zicha("bank", "show", "市表").output
    assert "本题库自带 4 个部分" in shown and "SA-01" in shown and "SD-01" in shown
    info, bank = open_bank(own_home, "市表")
    assert bank.area_keys() == ("s01", "s02", "s03", "s04")
    assert bank.own_sections()[1] == ("s02", "待遇核发风险防控")
    back = tmp_path / "回写.xlsx"
    assert zicha("bank", "export", "市表", "-o", str(back)).exit_code == 0
    assert zicha("bank", "import", str(back), "--name", "回读").exit_code == 0
    assert open_bank(own_home, "回读")[0].hash == info.hash  # the table form round-trips
    both = zicha("bank", "import", str(back), "--name", "x", "--map", "a=组织", "--own-sections")
    assert both.exit_code == 2 and "只能选一个" in both.output


def test_report_records_and_orders_the_banks_sections(own_home: Path) -> None:
    with ReportStore.open(own_home) as store:
        report = store.get(1)
    assert report.bank is not None and [s.title for s in report.bank.sections] == OWN_TITLES
    assert [s.key for s in report.sections] == ["s01", "s02", "s03", "s04", "rectification"]
    assert [s.title for s in report.sections][:4] == OWN_TITLES
    assert "围绕岗位与人员管理、待遇核发风险防控、数据安全、廉政风险防控等方面" in (
        report.display_opening()
    )
    listed = cli(own_home)("report", "list").output
    assert "已答 0/8" in listed


def test_interview_draft_score_and_export_in_own_sections(own_home: Path, tmp_path: Path) -> None:
    import docx
    from openpyxl import load_workbook

    zicha = cli(own_home)
    answers = (
        "我们关键岗位每三年轮岗一次，轮岗记录都归档了，今年轮岗了3人。\n"
        "\n"
        "经办人员都持证上岗，但是今年有两个人没有参加业务培训。\n"
        "\n"
        "/扣分\n"
        "/转到 数据安全\n"
        "系统账号都实名使用，离岗当天由信息科注销，今年注销了4个账号。\n"
        "\n"
        "/覆盖\n"
    )
    result = zicha("interview", "1", "--no-library", input=answers)
    out = result.output
    assert result.exit_code == 0, out
    assert "【一、岗位与人员管理】第 1/3 项 SA-01" in out
    assert "本单位是否做到“关键岗位实行定期轮岗，轮岗记录完整”？" in out
    assert "【三、数据安全】第 1/2 项 SC-01" in out
    assert "岗位与人员管理 得分" in out and "合计得分" in out
    coverage = [line for line in out.splitlines() if line.startswith("待遇核发风险防控")]
    assert coverage  # the coverage table lists the bank's sections

    shown = zicha("score", "show", "1").output
    assert "岗位与人员管理：" in shown and "数据安全：10 / 20 分" in shown  # SC-02 unanswered: 0

    target = tmp_path / "报告.docx"
    exported = zicha("export", "1", "-o", str(target), "--appendix", "stats,score")
    assert exported.exit_code == 0, exported.output
    assert "Traceback" not in exported.output
    document = docx.Document(str(target))
    texts = [p.text for p in document.paragraphs if p.text.strip()]
    headings = [t for t in texts if t[:2] in ("一、", "二、", "三、", "四、", "五、")]
    assert headings == [
        "一、岗位与人员管理",
        "二、待遇核发风险防控",
        "三、数据安全",
        "四、廉政风险防控",
    ]  # no rectification measures yet: no 整改 part
    assert any("轮岗" in t for t in texts) and any("实名使用" in t for t in texts)
    stats, score = document.tables
    assert [row.cells[0].text for row in stats.rows][1:5] == OWN_TITLES
    assert "岗位与人员管理小计" in [row.cells[0].text for row in score.rows]

    sheet = tmp_path / "自查评分表.xlsx"
    assert zicha("score", "export", "1", "-o", str(sheet)).exit_code == 0
    subtotals = [
        r[1]
        for r in load_workbook(sheet).active.iter_rows(values_only=True)
        if r[1] and "小计" in str(r[1])
    ]
    assert subtotals == [f"{t}小计" for t in OWN_TITLES]


def test_answers_file_sections_that_the_bank_lacks_are_refused(own_home: Path) -> None:
    example = Path(__file__).resolve().parents[2] / "examples" / "answers.yaml"
    result = cli(own_home)("report", "new", "--from", str(example), "--bank", "市表")
    assert result.exit_code == 1 and "不属于本报告所用题库的部分" in result.output
    assert "Traceback" not in result.output
    with ReportStore.open(own_home) as store:
        assert len(store.list()) == 1  # nothing stored


def test_model_keeps_content_and_refuses_to_drop_it() -> None:
    own = BankRef(
        name="市表",
        version=1,
        hash="h",
        sections=(BankSection(key="s01", title="数据安全"), BankSection(key="s02", title="廉政")),
    )
    report = county_report(
        bank=own,
    )
    report.section("s01").points.append(Point(text="账号实名使用。"))
    again = Report.model_validate_json(report.model_dump_json())
    assert again.section("s01").title == "数据安全" and again.section("s01").points
    with pytest.raises(ValueError, match="无处安放"):
        report.bank = None  # the five areas have no place for 数据安全's answers
    with pytest.raises(ValueError, match="s01"):
        BankSection(key="organization", title="x")


def test_goto_a_standard_area_on_an_own_bank_says_which_sections_exist(own_home: Path) -> None:
    result = cli(own_home)(
        "interview", "1", "--no-library", input="/转到 组织\n/转到 廉政风险防控\n"
    )
    assert result.exit_code == 0, result.output
    assert "本报告所用题库没有这一部分。可以转到：岗位与人员管理、待遇核发风险防控" in result.output
    assert "【四、廉政风险防控】第 1/1 项 SD-01" in result.output


def test_next_years_report_keeps_the_bank_and_its_sections(own_home: Path) -> None:
    zicha = cli(own_home)
    answer = "我们关键岗位每三年轮岗一次，轮岗记录都归档了，今年轮岗了3人。\n\n"
    assert zicha("interview", "1", "--no-library", input=answer).exit_code == 0
    carried = zicha("report", "new", "--from-report", "1", "--year", "2027")
    assert carried.exit_code == 0, carried.output
    with ReportStore.open(own_home) as store:
        report = store.get(2)
    assert report.bank is not None and report.bank.name == "市表"
    assert [s.title for s in report.sections][:4] == OWN_TITLES
    (point,) = report.section("s01").points
    assert point.control_point == "SA-01" and point.carried is not None
