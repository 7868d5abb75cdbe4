"""Assessment and rectification stages: weak points become items, walked one by one."""

from __future__ import annotations

import datetime as dt

from iv_helpers import answer_examples

from report.models import AREA_KEYS

WEAK = {
    "ORG-06": "我局规定重要岗位5年轮岗，但2026年有2名待遇审核人员在岗超过5年，轮岗不够及时",
    "INF-04": "我局业务专网与互联网物理隔离，但移动存储介质管理不严，尚未统一登记U盘",
}


def _answer_areas(engine, weak=WEAK):
    while (p := engine.current()) is not None and p.kind == "point":
        result = engine.answer(weak.get(p.control.id, p.control.example))
        assert result.kind == "accepted", (p.control.id, result)
        assert result.proposal is not None and engine.awaiting() == result.proposal
        engine.confirm_status()  # the officer takes the proposed status (Enter)


def test_whole_interview_to_rectification(engine, bank):
    _answer_areas(engine)
    cov = engine.coverage()
    assert cov.unanswered == 0 and cov.answered == sum(len(bank.points(k)) for k in AREA_KEYS)
    assert cov.statuses["基本符合"] == 2 and cov.statuses["符合"] == cov.answered - 2

    p = engine.current()
    assert p.kind == "assessment" and "基本符合2项" in p.proposal
    assert "组织机构控制、信息系统控制等方面仍存在薄弱环节" in p.proposal
    # No rectification items before the assessment is settled.
    assert engine.report.section("rectification").points == []
    a = engine.accept_as_is()
    assert engine.report.assessment == a.drafted == p.proposal

    items = engine.report.section("rectification").points
    assert [i.text for i in items] == [
        "2026年有2名待遇审核人员在岗超过5年，轮岗不够及时",
        "移动存储介质管理不严，尚未统一登记U盘",
    ]
    org6 = engine.report.find_point(items[0].source_point)[1]
    assert org6.control_point == "ORG-06"

    p = engine.current()
    assert p.kind == "rectification" and p.problem == items[0].text
    f = engine.answer("修订轮岗管理办法，完成2名人员轮岗")
    assert f.kind == "followup" and {r.code for r in f.reasons} == {"no_owner", "no_due"}
    a = engine.answer("由办公室负责，2026年12月31日前完成")
    assert a.kind == "accepted" and a.owner == "办公室" and a.due == dt.date(2026, 12, 31)
    item = engine.report.section("rectification").points[0]
    assert item.measure and item.owner == "办公室" and item.due == dt.date(2026, 12, 31)
    assert item.drafted.startswith("针对2026年有2名待遇审核人员在岗超过5年，轮岗不够及时的问题，")
    assert item.drafted.endswith("完成2名人员轮岗。")  # owner and deadline are added on export
    # A hand edit of a measure, then 重拟: back to problem + measure (this call once had the
    # wrong arity and crashed).
    engine.edit_drafted(item.id, "手工改写的整改措施。")
    redone = engine.redraft(item.id)
    assert not redone.hand_edited and redone.drafted == item.drafted

    # The officer drops the second item and adds one of their own.
    engine.drop_point("rectification", items[1].id)
    new = engine.add_rectification("稽核人员专业培训偏少")
    p = engine.current()
    assert p.point_id == new.id
    engine.answer("每半年组织一次稽核业务培训，由稽核科负责，2027年6月底前完成")
    assert engine.current() is None
    prog = engine.progress()
    assert prog.finished and prog.rectification_open == 0
    # Proposing again adds nothing: the dropped item stays dropped.
    assert engine.propose_rectification() == []


def test_not_compliant_point_without_named_problem_still_gets_an_item(engine):
    answer_examples(engine, 1)
    engine.confirm_status()
    engine.set_status("不符合")  # chosen before answering ORG-02
    engine.answer(engine.bank.get("ORG-02").example)
    items = engine.propose_rectification()
    assert len(items) == 1 and items[0].text == "不相容岗位分离方面仍有薄弱环节"
    assert engine.propose_rectification() == []


def test_no_problems_asks_for_continuing_measures(engine):
    _answer_areas(engine, weak={})
    engine.accept_as_is()  # the proposed assessment
    p = engine.current()
    assert p.kind == "rectification_none"
    a = engine.answer("坚持常态化稽核，每季度抽查一次，由稽核科负责，2027年6月30日前完成")
    assert a.kind == "accepted"
    items = engine.report.section("rectification").points
    assert len(items) == 1 and items[0].owner == "稽核科"
    assert engine.current() is None


def test_section_done_skips_its_open_points(engine):
    answer_examples(engine, 2)
    for key in AREA_KEYS:
        engine.mark_section_done(key)
    assert engine.current().kind == "assessment"
    cov = engine.coverage()
    assert cov.sections[0].answered == 2 and cov.sections[0].unanswered == 5
