"""Next year's 上年度问题整改落实情况 names last year's PROBLEM, never its measure: a report
filled from an answers file (item text = measure) and one made in the interview (item text =
problem), each carried with `zicha report new --from-report`, answered, exported as .docx and
reopened with python-docx."""

from __future__ import annotations

from pathlib import Path

import docx
import yaml
from click.testing import CliRunner

from report.store import ReportStore
from tui.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "answers.yaml"
FIELDS = ["--unit", "某县社会保险事业局", "--to", "某市社会保险事业管理处", "--year", "2026"]
FIELDS += ["--basis-title", "关于开展内部控制自查的通知", "--basis-number", "某社险函〔2026〕1号"]
NO_HELP = ("--no-library", "--no-assistant")


def run(home: Path, *args: str, input: str | None = None) -> str:
    result = CliRunner().invoke(main, ["--home", str(home), *args], input=input)
    assert result.exit_code == 0, result.output
    return result.output


def last_line(out: str) -> str:
    return out.strip().splitlines()[-1]


def prior_paragraphs(path: Path) -> list[str]:
    """The paragraphs of the 上年度问题整改落实情况 part of the exported .docx."""
    paras = [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]
    start = paras.index("一、上年度问题整改落实情况") + 1
    end = next(i for i, p in enumerate(paras) if p.startswith("二、"))
    return paras[start:end]


def carry_answer_export(home: Path, first: str, outcomes: list[str], tmp_path: Path) -> list[str]:
    second = last_line(run(home, "report", "new", "--from-report", first, "--year", "2027"))
    run(home, "interview", second, *NO_HELP, input="\n".join([*outcomes, "/退出"]) + "\n")
    out = tmp_path / "2027.docx"
    run(home, "export", second, "-o", str(out))
    return prior_paragraphs(out)


def assert_formal(paragraph: str) -> None:
    assert "的问题”的问题" not in paragraph and "问题”的问题" not in paragraph
    assert paragraph.endswith("。") and "。。" not in paragraph


def answers_file(tmp_path: Path, edit) -> Path:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_answers_file_items_name_the_area_not_the_measure(tmp_path: Path):
    """The example file notes no problem: the sentence names the control area and quotes
    neither last year's measure as a problem nor the officer's whole answer."""
    home = tmp_path / "home"
    first = last_line(run(home, "report", "new", "--from", str(EXAMPLE)))
    paras = carry_answer_export(home, first, ["已完成，2027年3月完成3人轮岗"] * 4, tmp_path)
    body = "\n".join(paras)
    assert "针对“加强干部轮岗交流" not in body  # last year's measure is not a problem
    assert "针对“规范业务档案管理" not in body
    assert "针对“敏感岗位轮岗交流制度已经建立" not in body  # nor a whole answer quoted
    assert "存在档案管理不够规范的问题”" not in body
    org, bus = paras[0], paras[1]
    assert "针对上年度自查中组织机构控制方面发现的问题，已整改完成" in org
    assert "针对上年度自查中业务运行控制方面发现的问题，已整改完成" in bus
    for p in paras:
        assert_formal(p)


def test_answers_file_items_with_noted_problems_quote_the_problem(tmp_path: Path):
    def edit(data):
        org06 = next(a for a in data["sections"]["organization"] if a["point"] == "ORG-06")
        org06["problems"] = ["待遇核定岗位两名工作人员在岗超过5年未轮岗"]
        bus09 = next(a for a in data["sections"]["business"] if a["point"] == "BUS-09")
        bus09["problems"] = ["存在档案管理不够规范的问题"]

    home = tmp_path / "home"
    first = last_line(run(home, "report", "new", "--from", str(answers_file(tmp_path, edit))))
    outcomes = ["已完成，2027年3月完成3人轮岗", "未完成，档案尚在整理", "已完成", "已完成"]
    paras = carry_answer_export(home, first, outcomes, tmp_path)
    assert paras[0].startswith(
        "一是针对“待遇核定岗位两名工作人员在岗超过5年未轮岗”的问题，已整改完成"
    )
    # a problem already worded 「……的问题」 is not called 「的问题”的问题」
    assert paras[1].startswith("二是针对“存在档案管理不够规范的问题”，整改尚未完成")
    for p in paras:
        assert_formal(p)
    assert "加强干部轮岗交流" not in paras[0]

    # This year's carried item states last year's problem, not last year's measure.
    with ReportStore.open(home) as store:
        report = store.get(2)
        carried = [p for p in report.section("rectification").points if p.origin_item]
        assert [p.text for p in carried] == ["存在档案管理不够规范的问题"]


def test_answers_file_item_with_its_own_measure_key_keeps_its_problem(tmp_path: Path):
    """`text:` plus a separate `measure:`: the text is the problem, as before."""

    def edit(data):
        item = data["rectification"][0]
        item["measure"] = item["text"]
        item["text"] = "待遇核定岗位人员长期未轮岗"

    home = tmp_path / "home"
    first = last_line(run(home, "report", "new", "--from", str(answers_file(tmp_path, edit))))
    paras = carry_answer_export(home, first, ["已完成"] * 4, tmp_path)
    assert paras[0] == "一是针对“待遇核定岗位人员长期未轮岗”的问题，已整改完成。"


def test_answers_file_item_linked_to_nothing_names_its_measure_as_a_measure(tmp_path: Path):
    def edit(data):
        del data["rectification"][0]["point"]

    home = tmp_path / "home"
    first = last_line(run(home, "report", "new", "--from", str(answers_file(tmp_path, edit))))
    paras = carry_answer_export(home, first, ["部分完成，已轮岗1人"] * 4, tmp_path)
    assert paras[0].startswith("一是关于上年度提出的“加强干部轮岗交流，")
    assert "”整改措施，已部分完成整改。已轮岗1人" in paras[0]
    assert "针对“加强干部轮岗交流" not in paras[0]


INTERVIEW = [
    "科室是按县编办2019年的三定方案设的，5个科，岗位职责2024年印发了手册，每个岗位都有",
    "",
    "人手少，会计出纳都是小王一个人干，受理复核倒是分开的",
    "",
    "支出5万以下分管领导批，5万以上上局务会，每笔都是经办、复核、审批三个人签字",
    "",
    "科室交接没有固定的单子，都是口头说一声，有时候就漏了",
    "/接受",
    "",
    *["/完成"] * 5,
    "/接受",
    "从业务科调1名人员专职出纳，办公室负责，2026年12月31日前完成",
    "制定科室交接单，交接双方签字留存，办公室负责，2027年3月31日前完成",
    "/退出",
]


def test_interview_items_still_quote_the_problem(tmp_path: Path):
    home = tmp_path / "home"
    first = last_line(run(home, "report", "new", *FIELDS))
    run(home, "interview", first, *NO_HELP, input="\n".join(INTERVIEW) + "\n")
    with ReportStore.open(home) as store:
        items = store.get(int(first)).section("rectification").included_points()
        problems = [p.text.rstrip("。") for p in items]
        assert len(items) == 2 and all(p.measure and p.measure != p.text for p in items)
    paras = carry_answer_export(home, first, ["已完成", "未完成，交接单尚未印发"], tmp_path)
    assert len(paras) == 2
    for problem, para in zip(problems, paras, strict=True):
        assert f"针对“{problem}”" in para, (problem, para)
        assert_formal(para)
    assert "已整改完成" in paras[0] and "整改尚未完成。交接单尚未印发" in paras[1]
    assert "专职出纳" not in paras[0] and "交接单，交接双方" not in paras[1]
