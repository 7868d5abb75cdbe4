"""Statuses that tell the truth, and every weakness carried to rectification (issue 9).

One test per rule: weakness cues are data, negated weaknesses are compliance, a status is a
proposal quoting the words until the officer confirms it, 待确认 shows everywhere, the
rectification stage lists every weakness and splits measures, the assessment follows the
statuses, a hand-edited one that disagrees is a preflight error, /重拟 on an item works.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from console_lines import run_lines

from exports.preflight import ERROR, preflight
from interview.coverage import format_coverage
from interview.weakness import detect, lexicon, load_cue_file
from report.answers import AnswersFile
from tui.cli import main

BORROW = "档案按年度归档，科长签字才能借，档案借阅偶尔未登记"
# Answers concrete enough that no follow-up is asked (BUS-09 档案, ORG-02 不相容岗位).
BUS09 = "业务档案每年归档，借阅要填借阅单、科长签字，档案借阅偶尔未登记"
ORG02 = "待遇受理、复核由不同人员负责，但会计和出纳是老王一个人在管"


# --- detection ----------------------------------------------------------------------------


def test_cue_file_holds_every_category_the_issue_names() -> None:
    data = load_cue_file()
    assert {"negation", "not_done", "limits", "exists", "incompatible", "incident"} <= set(
        data.categories
    )
    assert data.contrast and data.compliance and data.bare_negation
    for spec in data.categories.values():
        assert spec.label and spec.patterns  # a Chinese label shown with the reason


def test_the_rules_are_read_from_the_data_file(tmp_path) -> None:
    """Removing a cue from the file removes the finding: no rule hides in the code."""
    cues = Path(__file__).parents[2] / "interview" / "data" / "weakness_cues.yaml"
    data = yaml.safe_load(cues.read_text(encoding="utf-8"))
    text = "档案借阅偶尔未登记"
    assert detect(text).label == "weakness"
    for spec in data["categories"].values():
        spec["patterns"] = [p.replace("偶尔|", "") for p in spec["patterns"]]
        spec["patterns"] = [
            p.replace("(?:没有?|未|无|尚无|还没有?)(?:", "(?:没有?|无)(?:")
            for p in spec["patterns"]
        ]
    trimmed = tmp_path / "cues.yaml"
    trimmed.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert detect(text, lexicon(str(trimmed))).label == "compliant"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("没有", "negation"),
        ("日志系统里有，就是没人去看", "negation"),
        ("恢复测试从来没做过", "not_done"),
        ("借阅登记偶尔会漏", "limits"),
        ("资格认证未能全部覆盖", "limits"),
        ("存在先支付后补手续的现象", "exists"),
        ("会计和出纳是老王一个人在管", "incompatible"),
        ("今年错发了三笔养老金", "incident"),
        ("制度都有，只是执行起来有些难", "contrast"),
    ],
)
def test_each_category_names_a_weakness(text: str, category: str) -> None:
    d = detect(text)
    assert d.label == "weakness", text
    assert category in {f.category for f in d.findings}


@pytest.mark.parametrize(
    "text",
    [
        "本年度未出现错发、冒领待遇的情况",
        "无一例数据泄露事件",
        "从未发生过基金被挪用的问题",
        "一人兼任的情况是没有的",
        "严禁一人兼任不相容岗位",
    ],
)
def test_negated_weakness_is_compliance(text: str) -> None:
    d = detect(text)
    assert d.label == "compliant" and d.status == "符合"
    assert d.compliance  # the compliance form is quoted as the reason
    assert "「" in d.reason()


def test_reason_quotes_the_clause() -> None:
    d = detect(BORROW)
    assert d.status == "基本符合"
    assert d.reason() == "因为：「……档案借阅偶尔未登记」"
    assert d.problems == ["档案借阅偶尔未登记"]


def test_a_bare_no_is_not_compliant() -> None:
    for text in ("没有", "没有。", "还没有", "嗯，没搞"):
        assert detect(text).status == "不符合", text


# --- status proposal and confirmation -----------------------------------------------------


def test_answer_proposes_a_status_with_its_reason_until_confirmed(engine) -> None:
    engine.goto(None, "BUS-09")
    a = engine.answer(BUS09)
    assert a.kind == "accepted" and a.status == "基本符合" and a.status_guessed
    assert a.proposal is not None
    assert a.proposal.text() == "拟定：基本符合 —— 因为：「……档案借阅偶尔未登记」"
    point = engine.report.find_point(a.point_id)[1]
    assert point.status == "基本符合" and not point.status_confirmed
    assert point.shown_status == "待确认"
    # The next question shows the proposal waiting; coverage counts it as 待确认.
    p = engine.current()
    assert p.confirm == a.proposal and p.control.id != a.control_id
    cov = engine.coverage()
    assert cov.statuses["待确认"] == 1 and cov.statuses["基本符合"] == 0
    assert "待确认" in format_coverage(cov)

    assert "已确认" in engine.confirm_status()
    point = engine.report.find_point(a.point_id)[1]
    assert point.status_confirmed and engine.awaiting() is None
    assert engine.current().confirm is None
    assert engine.coverage().statuses["基本符合"] == 1


def test_changing_the_proposal_changes_the_answered_point(engine) -> None:
    engine.goto(None, "BUS-09")
    a = engine.answer(BUS09)
    engine.set_status("不符合")  # F7 / /状态 不符合 right after the answer
    point = engine.report.find_point(a.point_id)[1]
    assert point.status == "不符合" and point.status_confirmed
    assert engine.awaiting() is None
    assert engine.current().point_id is None  # the next question was not touched


def test_statuses_from_an_answers_file_count_as_confirmed(blank_report) -> None:
    answers = AnswersFile.model_validate(
        {
            "unit": "某县社会保险事业局",
            "addressee": "市社会保险事业管理处",
            "year": 2026,
            "basis": {"title": "通知", "number": "某社险函〔2026〕71号"},
            "sections": {"organization": [{"text": BORROW, "status": "基本符合"}]},
        }
    )
    point = answers.new_report().section("organization").points[0]
    assert point.status == "基本符合" and point.status_confirmed


def test_report_show_prints_pending_until_confirmed(home, store, blank_report, bank) -> None:
    from interview.engine import InterviewEngine

    rid = store.create(blank_report).id
    engine = InterviewEngine(store, rid, bank=bank)
    engine.start()
    engine.goto(None, "BUS-09")
    engine.answer(BUS09)
    out = CliRunner().invoke(main, ["report", "show", str(rid)]).output
    assert "待确认（拟定：基本符合）" in out
    engine.confirm_status()
    out = CliRunner().invoke(main, ["report", "show", str(rid)]).output
    assert "待确认" not in out and "基本符合" in out


def test_line_mode_empty_line_and_slash_confirm(make_engine) -> None:
    e = make_engine()
    lines = ["/转到 BUS-09", BUS09, "", "/转到 ORG-02", ORG02, "/确认"]
    _, text = run_lines(e, lines)
    assert "拟定：基本符合 —— 因为：「……档案借阅偶尔未登记」" in text
    assert text.count("已确认") == 2
    points = [p for s in e.report.sections[:5] for p in s.points]
    assert len(points) == 2 and all(p.status_confirmed for p in points)


# --- rectification ---------------------------------------------------------------------


WEAK_ANSWERS = {
    "ORG-01": "没有",
    "ORG-02": "会计和出纳现在是小王一个人在弄，人实在不够",
    "ORG-03": BORROW,
}


def _answer_first_three(engine) -> None:
    for cid, text in WEAK_ANSWERS.items():
        p = engine.current()
        assert p.control.id == cid
        r = engine.answer(text)
        while r.kind == "followup":
            r = engine.accept_as_is()


def test_rectification_stage_lists_every_weakness_even_when_entered_early(engine) -> None:
    _answer_first_three(engine)
    p = engine.goto("rectification")
    assert p.kind == "rectification"  # never 「没有形成需要整改的问题」 while weaknesses exist
    rows = p.weaknesses
    assert [r.label.split()[0] for r in rows] == ["ORG-01", "ORG-02", "ORG-03"]
    assert rows[1].quotes == ["「会计和出纳现在是小王一个人在弄，人实在不够」"]
    assert rows[2].status == "待确认（拟定：基本符合）"
    items = engine.report.section("rectification").points
    assert [engine.report.find_point(i.source_point)[1].control_point for i in items] == [
        "ORG-01",
        "ORG-02",
        "ORG-03",
    ]
    assert engine.coverage().rectification_items == 3


def test_a_point_no_longer_weak_loses_its_unanswered_item(engine) -> None:
    _answer_first_three(engine)
    engine.goto("rectification")
    assert len(engine.report.section("rectification").points) == 3
    engine.goto(None, "ORG-03")
    engine.set_status("符合")
    engine.propose_rectification()
    sources = [i.source_point for i in engine.report.section("rectification").points]
    org3 = next(
        p for p in engine.report.section("organization").points if p.control_point == "ORG-03"
    )
    assert org3.id not in sources and len(sources) == 2


def test_several_measures_become_several_items(engine) -> None:
    _answer_first_three(engine)
    engine.goto("rectification")
    engine.goto("rectification", "2")  # the ORG-02 item
    a = engine.answer(
        "一是针对会计出纳一人兼任的问题，从业务科调配1名人员担任出纳，由办公室负责，2026年12月31日前完成；"
        "二是制定不相容岗位分离规定，由财务科负责，2027年3月31日前完成"
    )
    assert a.kind == "accepted" and a.items == 2
    items = engine.report.section("rectification").points
    org2 = [
        i for i in items if engine.report.find_point(i.source_point)[1].control_point == "ORG-02"
    ]
    assert [(i.owner, i.due) for i in org2] == [
        ("办公室", dt.date(2026, 12, 31)),
        ("财务科", dt.date(2027, 3, 31)),
    ]
    for item in org2:
        assert item.body.count("针对") <= 1 and item.measure
    assert org2[0].body.startswith("针对会计出纳一人兼任的问题")
    assert "不相容岗位分离规定" in org2[1].body


def test_redraft_on_a_rectification_item(engine) -> None:
    """/重拟 on an item called draft_rectification with five arguments (TypeError)."""
    _answer_first_three(engine)
    engine.goto("rectification")
    p = engine.current()
    engine.answer("制定岗位职责手册，由办公室负责，2026年12月31日前完成")
    engine.edit_drafted(p.point_id, "我局将制定岗位职责手册")
    item = engine.redraft(p.point_id)
    assert not item.hand_edited and item.drafted.startswith("针对")
    assert "制定岗位职责手册" in item.drafted


def test_no_rectification_question_says_none_only_without_weakness(engine) -> None:
    _answer_first_three(engine)
    engine.goto("rectification")
    for item in list(engine.report.section("rectification").points):
        engine.drop_point("rectification", item.id)
    engine.goto("rectification")
    p = engine.current()
    assert p is None or p.kind != "rectification_none"


# --- assessment ------------------------------------------------------------------------


def test_assessment_follows_statuses_unless_edited_by_hand(engine) -> None:
    _answer_first_three(engine)
    engine.goto("assessment")
    engine.accept_as_is()  # zicha's paragraph
    assert engine.report.assessment_auto
    first = engine.report.assessment
    assert "另有3项符合情况待确认" in first
    engine.goto(None, "ORG-02")
    engine.confirm_status()
    assert engine.report.assessment != first and "不符合1项" in engine.report.assessment
    assert "另有2项符合情况待确认" in engine.report.assessment
    assert not [i for i in preflight(engine.report) if "总体评价与" in i.message]

    engine.accept_suggestion("本次自查共对照检查3项，其中符合3项，未发现问题。")  # by hand
    assert not engine.report.assessment_auto
    engine.goto(None, "ORG-03")
    engine.confirm_status()
    assert engine.report.assessment == "本次自查共对照检查3项，其中符合3项，未发现问题。"
    errors = [i for i in preflight(engine.report) if i.level == ERROR and "总体评价与" in i.message]
    text = "\n".join(i.message for i in errors)
    assert "写的是符合 3 项，但目前符合的要点有 0 项" in text
    assert "称未发现问题，但有 3 个要点为基本符合或不符合（ORG-01、ORG-02、ORG-03）" in text


def test_marking_a_section_done_keeps_an_answer_being_followed_up(engine) -> None:
    r = engine.answer("科室交接没有固定的单子")
    assert r.kind == "followup"
    engine.mark_section_done("organization")
    [point] = engine.report.section("organization").points
    assert point.text == "科室交接没有固定的单子" and point.weak


def test_owner_named_without_you_is_found() -> None:
    """「办公室负责」 names the owner as well as 「由办公室负责」 (no follow-up asked for it)."""
    from interview.followup import find_owner

    assert find_owner("从业务科调1名人员专职出纳，办公室负责，2026年12月31日前完成") == "办公室"
    assert find_owner("财务科和办公室负责，年底前完成") == "财务科和办公室"
    assert find_owner("明确专人负责，年底前完成") is None  # a person, not a department
