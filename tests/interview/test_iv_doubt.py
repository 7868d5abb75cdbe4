"""Doubt signs withhold 符合 without proposing a weakness (issue 9).

An answer that names a control but casts doubt on it — a lag (「拖到年底才对」), reliance on a
person or on chance (「他记得就拷一下」「有空就清一下」), someone else's account (「只有小李知道」),
a step taken after the fact (「事后补个单子」) — gets no proposed status: the point stays 待确认
with 「回答中提到「……」，请确认是否符合」 and the officer chooses. The signs are data
(interview/data/weakness_cues.yaml, `doubt`); words of evidence in a doubtful clause do not count.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from console_lines import run_lines

from exports.preflight import ERROR, preflight
from interview.errors import InterviewError
from interview.weakness import detect, lexicon

CUES = Path(__file__).parents[2] / "interview" / "data" / "weakness_cues.yaml"


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("数据备份由信息科负责，小周记得就拷一份", "「小周记得就拷一份」"),
        ("离职人员的账号，信息科有空就清理", "「信息科有空就清理」"),
        ("银行对账单拿回来，等审计要来了才对", "「等审计要来了才对」"),
        ("异地备份的硬盘放在哪，只有老李清楚", "「只有老李清楚」"),
        ("用印要登记，领导急用的话事后再登", "「领导急用的话事后再登」"),
        ("公文处理按流程走，领导有空就批", "「领导有空就批」"),
    ],
)
def test_a_doubt_withholds_compliant_and_quotes_the_words(text: str, quoted: str) -> None:
    d = detect(text)
    assert d.status is None, text
    assert d.label != "weakness" and not d.findings  # nothing asserted on the officer's behalf
    assert d.reason().startswith("回答中提到") and d.reason().endswith("请确认是否符合")
    assert quoted in d.reason()


def test_evidence_words_in_a_doubtful_clause_are_no_evidence() -> None:
    d = detect("系统备份每月一次，有空就做")
    assert d.status is None
    assert "有空就做" not in d.evidence
    assert "每月" in "".join(d.evidence)  # the other clause still counts, but cannot outvote


@pytest.mark.parametrize(
    "text",
    [
        "每笔支出都是审批后才支付，每笔都有审批单",
        "只有两个管理员知道服务器密码，密码分段保管",
        "以前是有空才对账，去年开始改成每月5号前对完，科长签字",
        "事后稽核每月抽查上月办结的业务，比例不低于5%",
        "谁都不能自己审自己，系统控制",
        "档案室有空调和除湿机，每天记温湿度",
        "以前交接靠口头，后来改成了交接单，双方签字",
    ],
)
def test_compliant_answers_with_look_alike_words_still_get_compliant(text: str) -> None:
    d = detect(text)
    assert d.status == "符合", (text, d.doubts)
    assert not d.doubts


def test_a_doubt_does_not_change_a_weakness_proposal() -> None:
    d = detect("档案借阅偶尔未登记，有空就补上")
    assert d.label == "weakness" and d.status == "基本符合"
    assert "偶尔未登记" in d.reason()


def test_a_doubt_inside_a_compliance_form_is_no_doubt() -> None:
    assert detect("原始凭证后补的情况，制度上不允许，审计也没发现过").status == "符合"


def test_the_doubt_signs_are_read_from_the_data_file(tmp_path) -> None:
    text = "数据备份由信息科负责，小周记得就拷一份"
    assert detect(text).status is None
    data = yaml.safe_load(CUES.read_text(encoding="utf-8"))
    data["doubt"] = {}
    # without the clause accounting too: 「小周记得就拷一份」 asserts no working control either
    data["assertion"] = None
    trimmed = tmp_path / "cues.yaml"
    trimmed.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert detect(text, lexicon(str(trimmed))).status == "符合"


def test_spaces_between_words_separate_clauses() -> None:
    d = detect("人手少 会计出纳 都是小王一个人干 受理复核倒是分开的")
    assert d.status == "基本符合"  # one part of the answer is a control that works
    assert "「人手少 会计出纳 都是小王一个人干……」" in d.reason()  # not the whole answer
    # a short topic before a space stays with its predicate
    assert "会计出纳" in detect("会计出纳 都是小王一个人干").reason()


@pytest.mark.parametrize(
    "text",
    [
        "档案要是有缺页的，退回经办补齐才接收",
        "复核发现错误的，退回经办更正，月底通报",
        "我们虽然人少，但会计和出纳还是分开的",
    ],
)
def test_a_case_handled_or_a_hardship_conceded_is_no_weakness(text: str) -> None:
    assert detect(text).label != "weakness", text


DOUBTFUL = "档案借阅有登记本，借的人自己写，有空了我们再帮着补上"


def _answer(engine, text: str):
    engine.goto(None, "BUS-09")
    r = engine.answer(text)
    while r.kind == "followup":
        r = engine.accept_as_is()
    return r


def test_engine_leaves_a_doubtful_answer_to_the_officer(engine) -> None:
    a = _answer(engine, DOUBTFUL)
    assert a.status is None and a.proposal is not None and a.proposal.status == ""
    assert "回答中提到「" in a.proposal.text() and "拟定：符合" not in a.proposal.text()
    point = engine.report.find_point(a.point_id)[1]
    assert point.shown_status == "待确认"
    with pytest.raises(InterviewError, match="回答中提到"):
        engine.confirm_status()  # Enter / /确认 does not turn the doubt into 符合
    errors = [i for i in preflight(engine.report) if i.level == ERROR and i.point_id == point.id]
    assert errors and "待确认：回答中提到「" in errors[0].message
    engine.set_status("基本符合")  # the officer decides
    point = engine.report.find_point(a.point_id)[1]
    assert point.status == "基本符合" and point.status_confirmed


def test_line_mode_shows_the_doubt_and_an_empty_line_does_not_confirm(make_engine) -> None:
    e = make_engine()
    _, text = run_lines(e, ["/转到 BUS-09", DOUBTFUL, "/接受", "", ""])
    assert "回答中提到「" in text and "请确认是否符合" in text
    assert "已确认" not in text
    points = [p for s in e.report.sections[:5] for p in s.points]
    assert len(points) == 1 and points[0].status is None and not points[0].status_confirmed


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        # a hedge: the control works "usually", "basically"
        ("凭证审核一般由财务科长负责", "「凭证审核一般由财务科长负责」"),
        ("账基本是平的，有登记", "「账基本是平的」"),
        # a turn that names no working control is a caveat, whatever nouns it uses
        ("岗位都分开了，但经办和复核坐在一起", "「但经办和复核坐在一起」"),
        ("档案借阅有登记本，只是登记本放在档案员家里", "「只是登记本放在档案员家里」"),
    ],
)
def test_hedges_and_caveats_withhold_compliant(text: str, quoted: str) -> None:
    d = detect(text)
    assert d.status is None and d.label != "weakness", text
    assert quoted in d.reason()


@pytest.mark.parametrize(
    "text",
    [
        "人员不多，但岗位都分开了，会计出纳是两个人",
        "工作量大，不过我们还是坚持每笔两人复核",
        "基本养老保险待遇每月5日前发放，发放名单复核后签字",
    ],
)
def test_a_turn_back_to_the_control_or_a_term_of_art_is_no_doubt(text: str) -> None:
    assert detect(text).status == "符合", detect(text).doubts


def test_a_long_run_on_answer_is_quoted_by_its_parts() -> None:
    text = "我们单位对账这块儿呢主要是会计在弄出纳有时候也帮着对一下对完了谁签字这个没有固定说法反正没出过大问题"
    d = detect(text)
    assert d.label == "weakness"
    quote = d.reason()
    assert "没有固定说法" in quote
    assert (
        "我们单位对账这块儿呢" not in quote and "反正没出过大问题" not in quote
    )  # not the whole run


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("会议纪要每次都有，页码没编", "「页码没编」"),
        ("方案经过集体研究，没有论证", "「没有论证」"),
    ],
)
def test_a_step_not_taken_in_any_words_withholds_compliant(text: str, quoted: str) -> None:
    d = detect(text)
    assert d.status is None and d.label != "weakness", text
    assert quoted in d.reason()


@pytest.mark.parametrize(
    "text",
    ["每月核对一次，没有发现问题", "没有这种情况，系统控制", "会计出纳分设，没有兼岗的"],
)
def test_a_negated_bad_thing_is_still_compliant(text: str) -> None:
    assert detect(text).status == "符合", detect(text).doubts
