import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from report.answers import AnswersFileError, load_answers
from tui.cli import main

EXAMPLE_ANSWERS = Path(__file__).resolve().parents[2] / "examples" / "answers.yaml"

GOOD = """\
unit: 某县社会保险事业局
addressee: 市社会保险事业管理处
year: 2026
basis: {title: 关于开展检查的通知, number: 某社险函〔2026〕71号}
sections:
  organization:
    - text: 明确了各岗位职责
      point: ORG-01
      status: 符合
rectification:
  - {text: 加强干部轮岗交流, owner: 办公室, due: 2027-06-30}
"""


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "answers.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_example_file_is_complete():
    answers = load_answers(EXAMPLE_ANSWERS)
    report = answers.new_report()
    assert report.unit == "青禾县社会保险事业局"
    assert all(
        report.section(k).points
        for k in ("organization", "business", "fund_finance", "information_system", "supervision")
    )
    rect = report.section("rectification").points
    assert rect and all(p.owner and p.due for p in rect)
    assert report.assessment


def test_minimal_file_and_defaults(tmp_path):
    report = load_answers(write(tmp_path, GOOD)).new_report()
    assert report.short_name == "我局"
    [p] = report.section("organization").points
    assert (p.control_point, p.status) == ("ORG-01", "符合")
    [item] = report.section("rectification").points
    assert item.owner == "办公室" and str(item.due) == "2027-06-30"


@pytest.mark.parametrize(
    ("replace", "by", "expected"),
    [
        ("year: 2026", "year: 二〇二六", ["第 3 行", "year", "四位数字"]),
        (
            "status: 符合",
            "status: 很好",
            ["第 9 行", "sections.organization.0.status", "符合、基本符合、不符合、不适用"],
        ),
        (
            "text: 明确了各岗位职责",
            'text: ""',
            ["第 7 行", "sections.organization.0.text", "不能为空"],
        ),
        ("due: 2027-06-30", "due: 2027-13-45", ["rectification.0.due", "2026-11-29 这样的格式"]),
        (
            "unit: 某县社会保险事业局",
            "unit: 某县社会保险事业局\ncolour: red",
            ["colour", "不认识的键"],
        ),
        ("  organization:", "  organisation:", ["sections.organisation", "不认识的部分名"]),
        ("addressee: 市社会保险事业管理处\n", "", ["addressee", "缺少主送机关"]),
        ("sections:", "sections: [\n", ["YAML 格式有误"]),
    ],
)
def test_bad_file_is_refused_with_line_key_and_advice(tmp_path, replace, by, expected):
    assert replace in GOOD
    path = write(tmp_path, GOOD.replace(replace, by, 1))
    with pytest.raises(AnswersFileError) as info:
        load_answers(path)
    message = str(info.value)
    assert str(path) in message
    for part in expected:
        assert part in message


def test_windows_encodings_are_read(tmp_path):
    # Notepad on Chinese Windows saves 'ANSI' (GBK), 'Unicode' (UTF-16) or UTF-8 with BOM,
    # always with CRLF line ends.
    expected = load_answers(write(tmp_path, GOOD))
    for name, data in {
        "gbk.yaml": GOOD.replace("\n", "\r\n").encode("gbk"),
        "utf16.yaml": GOOD.replace("\n", "\r\n").encode("utf-16"),
        "bom.yaml": b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode("utf-8"),
    }.items():
        p = tmp_path / name
        p.write_bytes(data)
        assert load_answers(p) == expected, name


def test_not_text_and_missing_file(tmp_path):
    p = tmp_path / "binary.yaml"
    p.write_bytes(b"unit: \xff\xfe\xfd\x81\x30")
    with pytest.raises(AnswersFileError, match="UTF-8"):
        load_answers(p)
    with pytest.raises(AnswersFileError, match="找不到这个文件"):
        load_answers(tmp_path / "none.yaml")


def test_cli_new_from_file_prints_id_last(home):
    result = CliRunner().invoke(main, ["report", "new", "--from", str(EXAMPLE_ANSWERS)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == "1"
    shown = CliRunner().invoke(main, ["report", "show", "1"])
    assert "青禾县社会保险事业局" in shown.output and "【信息系统控制】" in shown.output


def test_cli_bad_file_writes_nothing(home, tmp_path):
    bad = write(tmp_path, GOOD.replace("year: 2026", "year: abc"))
    result = CliRunner().invoke(main, ["report", "new", "--from", str(bad)])
    assert result.exit_code == 1
    assert "year" in result.output
    listed = CliRunner().invoke(main, ["report", "list"])
    assert "还没有报告" in listed.output


def test_cli_new_with_flags_and_fill(home, tmp_path):
    runner = CliRunner()
    result = runner.invoke(
        main,
        [
            "report",
            "new",
            "--unit",
            "某县社保局",
            "--to",
            "市社保处",
            "--year",
            "2026",
            "--basis-title",
            "关于开展检查的通知",
            "--basis-number",
            "某〔2026〕1号",
        ],
    )
    assert result.exit_code == 0, result.output
    report_id = result.output.strip().splitlines()[-1]
    filled = runner.invoke(main, ["report", "fill", report_id, str(write(tmp_path, GOOD))])
    assert filled.exit_code == 0, filled.output
    assert "第 2 版" in filled.output
    listed = runner.invoke(main, ["report", "list"])
    # answered bank points / points in the bank, as on Home (issue 9: it said 1/1)
    assert "某县社会保险事业局" in listed.output and "已答 1/36" in listed.output


def test_cli_new_missing_flags_says_which(home):
    result = CliRunner().invoke(main, ["report", "new", "--unit", "某县"])
    assert result.exit_code != 0
    assert "--to" in result.output and "--year" in result.output


def test_rectification_text_is_the_measure_when_none_is_given(tmp_path):
    from interview.coverage import rectification_open

    report = load_answers(EXAMPLE_ANSWERS).new_report()
    items = report.section("rectification").points
    assert items and all(p.measure == p.text for p in items)
    assert rectification_open(report) == []


def test_yaml_syntax_error_is_explained_in_chinese_only(tmp_path):
    path = write(tmp_path, "unit: x\naddressee: [\n")
    with pytest.raises(AnswersFileError) as info:
        load_answers(path)
    message = str(info.value)
    assert "第 3 行" in message and "括号要成对" in message
    assert not re.search(r"[A-Za-z]{4,}", message.replace(str(path), "").replace("YAML", ""))


def test_too_many_points_names_the_area_in_chinese_once_and_ends_the_sentence(tmp_path):
    items = "".join(f"    - text: 第{i}条要点\n" for i in range(501))
    p = write(tmp_path, GOOD.split("sections:")[0] + "sections:\n  organization:\n" + items)
    with pytest.raises(AnswersFileError) as info:
        load_answers(p)
    line = next(x for x in str(info.value).splitlines() if "上限" in x)
    assert "「组织机构控制」" in line and "有 501 条，超过每部分 500 条的上限" in line, line
    assert "「sections」" not in line and line.count("sections") == 1, line
    assert line.endswith("或分成几份报告。"), line


def test_every_line_of_a_validation_message_ends_with_a_full_stop(tmp_path):
    p = write(tmp_path, GOOD.replace("year: 2026", "year: abc\nfoo: 1"))
    with pytest.raises(AnswersFileError) as info:
        load_answers(p)
    lines = str(info.value).splitlines()
    assert any("不认识的键「foo」" in x for x in lines)
    assert all(x.endswith("。") for x in lines), lines


def test_cli_word_file_is_named_as_word(home, tmp_path):
    import docx

    path = tmp_path / "自查报告.docx"
    document = docx.Document()
    document.add_paragraph("我局内设六个科室。")
    document.save(str(path))
    result = CliRunner().invoke(main, ["report", "new", "--from", str(path)])
    assert result.exit_code == 1
    assert "Word 文档" in result.output and "UTF-8 或 GBK 编码" not in result.output
    assert "examples/answers.yaml" in result.output
    assert "还没有报告" in CliRunner().invoke(main, ["report", "list"]).output
