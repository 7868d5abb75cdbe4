"""符合 is proposed only when every substantive clause of the answer is accounted for (issue 9).

A clause is accounted for when it asserts a working control (a requirement, every case, a
frequency, a separation, custody, a check or record as its predicate ...), negates a bad thing,
handles a case, or names who/where beside such a clause. Words of evidence alone (a date, 系统,
审核) are not enough: 「上次更新是去年十月」 says when, not that the control works. Any other clause
withholds the proposal, and the reason quotes it so the officer sees which words to judge.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from console_lines import run_lines

from exports.preflight import ERROR, preflight
from interview.errors import InterviewError
from interview.weakness import UNACCOUNTED_REASON, detect, lexicon

CUES = Path(__file__).parents[2] / "interview" / "data" / "weakness_cues.yaml"
GAP = "信息公开栏每季度更新，上次更新是去年十月"


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        (GAP, "上次更新是去年十月"),
        ("备份每天做，有的电脑是一台切换着用", "有的电脑是一台切换着用"),
        ("借阅要登记，科长签字，有的人借了不还", "有的人借了不还"),
        ("各科的风险点都是科长自己写的，写完交上来就放档案了", "各科的风险点都是科长自己写的"),
    ],
)
def test_a_clause_that_asserts_no_control_withholds_compliant(text: str, quoted: str) -> None:
    d = detect(text)
    assert d.status is None and d.label == "compliant" and not d.findings
    assert quoted in d.unaccounted
    assert d.reason() == UNACCOUNTED_REASON.format(quotes=f"「{d.unaccounted[0]}」")
    assert d.reason().startswith("回答中「") and d.reason().endswith("请确认是否符合")


@pytest.mark.parametrize(
    "text",
    [
        "会计出纳分设两人，会计是老周，出纳是小孙",  # who, beside the separation
        "人员信息变更后，由复核岗复核签字",  # a moment the next clause handles
        "工作量大，不过我们还是坚持每笔两人复核",  # a hardship conceded
        "以前交接靠口头，后来改成了交接单，双方签字",  # a past remedied
        "出纳不碰账，对账由会计负责",  # a bad practice not done
        "没有出现过冒领",  # a negated bad thing
    ],
)
def test_every_clause_accounted_for_proposes_compliant(text: str) -> None:
    d = detect(text)
    assert d.status == "符合", (text, d.unaccounted, d.doubts)
    assert not d.unaccounted and "「" in d.reason()


@pytest.mark.parametrize("text", ["都有", "都按要求做了", "大家都比较自觉"])
def test_cover_words_alone_are_no_evidence(text: str) -> None:
    assert detect(text).status is None


def test_the_accounting_is_read_from_the_data_file(tmp_path) -> None:
    assert detect(GAP).status is None
    data = yaml.safe_load(CUES.read_text(encoding="utf-8"))
    data["assertion"] = None  # as before this rule: evidence words anywhere were enough
    trimmed = tmp_path / "cues.yaml"
    trimmed.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert detect(GAP, lexicon(str(trimmed))).status == "符合"


def test_engine_line_mode_and_preflight_leave_it_to_the_officer(make_engine) -> None:
    e = make_engine()
    lines = ["/转到 BUS-09", GAP, "/接受", "", ""]
    _, text = run_lines(e, lines)
    assert "回答中「上次更新是去年十月」看不出制度是否执行到位，请确认是否符合" in text
    assert "已确认" not in text and "拟定：符合" not in text
    point = next(p for s in e.report.sections[:5] for p in s.points)
    assert point.status is None and not point.status_confirmed
    assert point.shown_status == "待确认"
    with pytest.raises(InterviewError, match="F5"):
        e.confirm_status()  # Enter / /确认 never turns it into 符合
    errors = [i for i in preflight(e.report) if i.level == ERROR and i.point_id == point.id]
    assert errors and "待确认" in errors[0].message
    e.set_status("符合")  # F5 / /状态 符合: the officer's own choice
    point = e.report.find_point(point.id)[1]
    assert point.status == "符合" and point.status_confirmed
