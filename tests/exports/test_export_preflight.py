"""preflight(): what a user should fix before sending the report, pointing at section and point."""

from __future__ import annotations

import datetime as dt

from export_helpers import make_report

from exports.preflight import ERROR, WARNING, has_errors, preflight
from report.models import Point

TODAY = dt.date(2026, 11, 29)


def approved(**kw):
    return make_report(status="approved", **kw)


def test_complete_approved_report_passes():
    assert preflight(approved(), today=TODAY) == []


def test_unapproved_report_is_reminded_of_the_draft_mark():
    items = preflight(make_report(), today=TODAY)
    assert [(i.level, i.message) for i in items] == [
        (WARNING, "报告尚未审定，导出件页眉将标注「征求意见稿」。")
    ]


def test_empty_area_is_an_error_with_section_key():
    r = approved()
    r.section("fund_finance").points = []
    for p in r.section("supervision").points:
        p.skipped = True
    items = preflight(r, today=TODAY)
    errors = [i for i in items if i.level == ERROR]
    assert [i.section_key for i in errors] == ["fund_finance", "supervision"]
    assert "待补充" in errors[0].message
    assert has_errors(items)
    assert errors[0].line().startswith("[错误] 基金财务控制：")


def test_point_without_status_named_by_id():
    r = approved()
    p = r.section("business").points[0]
    p.status = None
    items = preflight(r, today=TODAY)
    assert [(i.level, i.section_key, i.point_id) for i in items] == [(WARNING, "business", p.id)]
    assert "未标明符合情况" in items[0].message


def test_non_compliant_point_without_any_measure_is_an_error():
    r = approved()
    p = r.section("information_system").points[1]
    p.status = "不符合"
    r.section("rectification").points = []
    items = preflight(r, today=TODAY)
    assert [(i.level, i.point_id) for i in items] == [(ERROR, p.id)]
    assert "没有对应的整改措施" in items[0].message


def test_linked_measures_checked_point_by_point():
    # issue 9: a 基本符合/不符合 point with no rectification item is an error, not a reminder
    r = approved()
    a = r.section("organization").points[0]
    b = r.section("business").points[0]
    a.status, b.status = "不符合", "基本符合"
    item = r.section("rectification").points[0]
    item.source_point, item.measure = a.id, item.text
    items = preflight(r, today=TODAY)
    assert [(i.level, i.point_id) for i in items] == [(ERROR, b.id)]
    assert "没有对应的整改措施" in items[0].message


def test_unlinked_measures_do_not_cover_weak_points():
    r = approved()
    a = r.section("organization").points[0]
    b = r.section("business").points[0]
    a.status, b.status = "不符合", "基本符合"
    items = preflight(r, today=TODAY)
    assert [(i.level, i.point_id) for i in items] == [(ERROR, a.id), (ERROR, b.id)]


def test_item_linked_by_control_id_counts_but_needs_a_measure():
    # an answers file links an item with point: ORG-01; an interview item may await its measure
    r = approved()
    a = r.section("organization").points[0]
    a.status, a.control_point = "基本符合", "ORG-01"
    item = r.section("rectification").points[0]
    item.source_point, item.measure = "ORG-01", item.text
    assert preflight(r, today=TODAY) == []
    item.measure = None
    r.section("rectification").points = [Point(text="岗位轮换不及时", source_point=a.id)]
    items = preflight(r, today=TODAY)
    assert any(i.level == ERROR and "尚未写明整改措施" in i.message for i in items)


def test_measure_without_owner_or_due_and_due_before_date():
    r = approved()
    m1, m2 = r.section("rectification").points
    m1.owner = None
    m1.due = None
    m2.due = dt.date(2026, 1, 1)
    items = preflight(r, today=TODAY)
    msgs = {i.point_id: i.message for i in items}
    assert "未写责任部门和完成时限" in msgs[m1.id]
    assert "早于成文日期" in msgs[m2.id]


def test_missing_assessment_is_an_error():
    items = preflight(approved(assessment=None), today=TODAY)
    assert [i.level for i in items] == [ERROR]
    assert "总体评价" in items[0].message


def test_dates_far_off():
    items = preflight(approved(date=dt.date(2027, 6, 1)), today=TODAY)
    assert any("比今天晚了" in i.message for i in items)
    items = preflight(approved(date=dt.date(2025, 12, 1)), today=TODAY)
    assert any("早于报告年度" in i.message for i in items)
    assert preflight(approved(date=dt.date(2027, 1, 10)), today=TODAY) == []


def test_text_problems_are_reminders():
    r = approved()
    r.section("business").points = [
        Point(text="我们按规程办理\x07", status="符合"),
        Point(text="长" * 2000, status="符合"),
    ]
    items = preflight(r, today=TODAY)
    msgs = " ".join(i.message for i in items)
    assert all(i.level == WARNING for i in items)
    assert "控制字符" in msgs and "长达 2000 字" in msgs and "我们" in msgs


def test_errors_listed_before_warnings():
    r = make_report(assessment=None)
    r.section("business").points = []
    levels = [i.level for i in preflight(r, today=TODAY)]
    assert levels == sorted(levels, key=lambda lv: lv != ERROR)
    assert levels[0] == ERROR and levels[-1] == WARNING
