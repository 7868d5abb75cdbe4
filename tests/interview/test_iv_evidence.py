"""符合 is proposed only on positive evidence of a working control (issue 9).

An answer with neither a weakness nor evidence (a named rule, a frequency, a record, a check,
a system control, numbers) gets no proposed status: it shows 待确认 with a short reason and the
officer chooses. Enter (TUI) or an empty line (line mode) never turns it into 符合.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from console_lines import run_lines
from hypothesis import given
from hypothesis import strategies as st

from exports.preflight import ERROR, preflight
from interview.errors import InterviewError
from interview.weakness import NO_EVIDENCE_REASON, detect, lexicon
from tui.cli import main

VAGUE = "档案这块大家都挺自觉的，一直挺好"


@pytest.mark.parametrize(
    "text",
    [
        "都有",
        "都按要求做了",
        "这块一直挺好",
        "大家都比较自觉",
        VAGUE,
    ],
)
def test_no_weakness_and_no_evidence_proposes_nothing(text: str) -> None:
    d = detect(text)
    assert d.status is None, text
    assert d.reason() == NO_EVIDENCE_REASON


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("借阅实行登记制度，每月核对一次", "「借阅实行登记制度」"),
        ("每季度对账，会计和出纳分设", "「每季度对账」"),
        ("执行《社会保险基金财务制度》", "「执行《社会保险基金财务制度》」"),
        ("系统控制审批权限，经办人不能自己审批", "「系统控制审批权限"),
        ("未发生错发冒领", "「未发生错发冒领」"),
    ],
)
def test_evidence_of_a_working_control_proposes_compliant(text: str, quoted: str) -> None:
    d = detect(text)
    assert d.status == "符合", text
    assert quoted in d.reason()


@pytest.mark.parametrize("text", ["没有", "没有。", "还没有", "嗯，没搞", "这个没有"])
def test_a_bare_no_is_never_proposed_compliant(text: str) -> None:
    assert detect(text).status not in ("符合", None), text


def test_the_evidence_rule_is_read_from_the_data_file(tmp_path) -> None:
    cues = Path(__file__).parents[2] / "interview" / "data" / "weakness_cues.yaml"
    data = yaml.safe_load(cues.read_text(encoding="utf-8"))
    text = "每季度对账一次"
    assert detect(text).status == "符合"
    data["evidence"] = ["不会出现在回答里的词"]
    data["assertion"] = ["不会出现在回答里的词"]
    trimmed = tmp_path / "cues.yaml"
    trimmed.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert detect(text, lexicon(str(trimmed))).status is None


def _answer_vague(engine):
    engine.goto(None, "BUS-09")
    r = engine.answer(VAGUE)
    while r.kind == "followup":
        r = engine.accept_as_is()
    return r


def test_engine_leaves_the_status_to_the_officer(engine) -> None:
    a = _answer_vague(engine)
    assert a.status is None and a.status_guessed
    assert a.proposal is not None and a.proposal.status == ""
    assert NO_EVIDENCE_REASON in a.proposal.text() and "拟定：符合" not in a.proposal.text()
    point = engine.report.find_point(a.point_id)[1]
    assert point.status is None and not point.status_confirmed
    assert point.shown_status == "待确认"
    assert engine.coverage().statuses["待确认"] == 1
    assert engine.coverage().statuses["符合"] == 0
    # Enter / /确认 does not confirm silence as 符合: it asks the officer to choose.
    assert engine.awaiting() is not None
    with pytest.raises(InterviewError, match="F5"):
        engine.confirm_status()
    point = engine.report.find_point(a.point_id)[1]
    assert point.status is None and not point.status_confirmed
    # Preflight blocks until the officer chooses.
    errors = [i for i in preflight(engine.report) if i.level == ERROR and i.point_id == point.id]
    assert errors and "待确认" in errors[0].message
    engine.set_status("符合")  # F5 / /状态 符合
    point = engine.report.find_point(a.point_id)[1]
    assert point.status == "符合" and point.status_confirmed
    assert engine.awaiting() is None
    assert not [i for i in preflight(engine.report) if i.point_id == point.id and i.level == ERROR]


def test_line_mode_empty_line_does_not_confirm_compliant(make_engine) -> None:
    e = make_engine()
    lines = ["/转到 BUS-09", VAGUE, "/接受", "", ""]
    _, text = run_lines(e, lines)
    assert NO_EVIDENCE_REASON in text
    assert "直接回车不会记为符合" in text
    assert "已确认" not in text
    points = [p for s in e.report.sections[:5] for p in s.points]
    assert len(points) == 1
    assert points[0].status is None and not points[0].status_confirmed


def test_report_show_prints_pending_without_a_proposal(home, store, blank_report, bank) -> None:
    from interview.engine import InterviewEngine

    rid = store.create(blank_report).id
    engine = InterviewEngine(store, rid, bank=bank)
    engine.start()
    _answer_vague(engine)
    out = CliRunner().invoke(main, ["report", "show", str(rid)]).output
    assert "待确认（未拟定）" in out


_PIECES = [
    "没有",
    "都有",
    "每月",
    "核对",
    "制度",
    "偶尔",
    "未登记",
    "但",
    "一个人",
    "管",
    "挺好",
    "，",
    "。",
    "登记",
    "签字",
    "从未发生",
    "错发",
    "不适用",
    "系统",
    "权限",
    "2025年",
    "大家",
    "档案",
    "借阅",
    "还没",
    "说了几年",
    "口头",
    "分设",
    "双人",
    "复核",
    "嗯",
    "就是",
    "少数",
    "有空就",
    "记得就",
    "事后补",
    "才",
    " ",
]


@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=12).map("".join))
def test_a_proposal_is_consistent_with_its_words(text: str) -> None:
    d = detect(text)
    assert d == detect(text)  # deterministic
    if d.status == "符合":
        assert d.label == "compliant" and not d.findings
        assert d.compliance or d.evidence  # 符合 always rests on quoted evidence
        assert "「" in d.reason()
    if d.status is None and not d.doubts and not d.unaccounted:
        assert d.label == "compliant" and not d.findings and not d.compliance
        assert not d.evidence and d.reason() == NO_EVIDENCE_REASON
    if d.status is None and not d.doubts and d.unaccounted:
        # some clause asserts no working control: the reason quotes it when there is evidence
        assert d.label == "compliant" and not d.findings
        if d.evidence or d.compliance:
            assert d.reason().startswith("回答中「") and d.unaccounted[0] in d.reason()
        else:
            assert d.reason() == NO_EVIDENCE_REASON
    if d.status == "符合":
        assert not d.unaccounted
    if d.doubts:  # a doubt withholds 符合 and proposes nothing, quoting the words
        assert d.status is None and d.label == "compliant" and not d.findings
        assert d.reason().startswith("回答中提到「") and d.doubts[0] in d.reason()
    if d.label == "weakness":
        assert d.status in ("基本符合", "不符合") and d.findings
