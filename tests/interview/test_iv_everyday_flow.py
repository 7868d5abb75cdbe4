"""Line mode end to end with answers in everyday words (issue 9): two weaknesses, one vague
answer made concrete, one compliant answer; every weak point ends with exactly one linked
rectification item, and a point made weak later is a preflight error until it has one."""

from __future__ import annotations

from console_lines import run_lines

from exports.preflight import ERROR, preflight
from report.models import AREA_KEYS

LINES = [
    "都有制度",
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
]


def _weak(report):
    return [p for k in AREA_KEYS for p in report.section(k).points if p.weak]


def _rect_errors(report):
    return [i for i in preflight(report) if i.level == ERROR and "整改" in i.message]


def test_everyday_answers_reach_rectification_one_item_each(make_engine) -> None:
    e = make_engine()
    code, out = run_lines(e, LINES)
    assert code == 0
    assert "已略去笼统说法：「都有制度」" in out
    assert "人员称呼拟改为中性表述：小王一个人→同一名工作人员" in out
    assert "本次自查发现的问题（共 2 项）" in out
    report = e.store.get(e.report_id)
    weak = _weak(report)
    assert [(p.control_point, p.status) for p in weak] == [
        ("ORG-02", "基本符合"),
        ("ORG-04", "不符合"),
    ]
    items = report.section("rectification").included_points()
    for p in weak:
        linked = [m for m in items if m.source_point == p.id]
        assert len(linked) == 1, p.control_point
        assert linked[0].measure and linked[0].owner == "办公室" and linked[0].due
    assert not _rect_errors(report)
    org01 = report.find_point(next(p.id for p in report.section("organization").points))[1]
    assert "都有制度" not in org01.body and org01.status == "符合"


def test_a_point_made_weak_later_blocks_until_it_has_an_item(make_engine) -> None:
    e = make_engine()
    run_lines(e, LINES)
    # The officer reconsiders ORG-03 after the plan was written (the TUI's F6 does the same).
    org03_id = next(
        p.id
        for p in e.store.get(e.report_id).section("organization").points
        if p.control_point == "ORG-03"
    )
    e.set_status("基本符合", org03_id)
    report = e.store.get(e.report_id)
    assert report.find_point(org03_id)[1].status == "基本符合"
    assert org03_id in [w.point_id for w in e.weaknesses()]
    item = next(
        (m for m in report.section("rectification").points if m.source_point == org03_id), None
    )
    # Either no item yet or an item without a measure: both block submission.
    assert item is None or not item.measure
    assert any(i.point_id == org03_id for i in _rect_errors(report)), _rect_errors(report)
    # The stage asks for its measure; once written, the error goes away.
    item = next(m for m in report.section("rectification").points if m.source_point == org03_id)
    prompt = e.goto("rectification", item.id)
    assert prompt is not None and prompt.point_id == item.id
    e.answer("修订授权审批办法，明确复核环节，财务科负责，2026年12月31日前完成")
    report = e.store.get(e.report_id)
    assert not _rect_errors(report), _rect_errors(report)
    linked = [m for m in report.section("rectification").included_points() if m.measure]
    assert len(linked) == 3 and {m.owner for m in linked} == {"办公室", "财务科"}
