"""Next year from this year: carry-forward from an approved and a draft report, 待复核, marks,
上年度整改落实情况 and the diff against last year's final snapshot."""

from __future__ import annotations

import datetime as dt

import pytest
from review_helpers import add_team, new_report

from interview.engine import InterviewEngine
from report import carry, diff, workflow
from report.errors import ZichaError
from report.models import Point


def _with_items(store, report_id: int, actor: str = "zhang"):
    r = store.get(report_id)
    r.section("organization").points[0].status = "符合"
    r.section("business").points[0].status = "基本符合"
    r.section("rectification").points = [
        Point(
            text="业务档案归档不及时",
            measure="建立月度归档检查",
            owner="征缴科",
            due=dt.date(2027, 3, 31),
        ),
        Point(
            text="轮岗未覆盖全部敏感岗位",
            measure="完成轮岗",
            owner="办公室",
            due=dt.date(2027, 6, 30),
        ),
    ]
    return store.save(r, actor=actor)


@pytest.fixture
def team(store):
    add_team(store)
    return store


def test_carry_from_approved_uses_the_approved_snapshot(team):
    store = team
    r = _with_items(store, new_report(store).id)
    workflow.submit(store, r.id, "zhang")
    workflow.approve(store, r.id, "li")
    new = carry.carry_forward(store, r.id, actor="zhang")
    assert (new.unit, new.short_name, new.addressee, new.year) == (
        r.unit,
        r.short_name,
        r.addressee,
        2027,
    )
    assert new.predecessor and new.predecessor.snapshot_seq == 1
    org = new.section("organization").points[0]
    assert org.review_pending and org.carried and org.carried.status == "符合"
    assert org.id != r.section("organization").points[0].id
    assert org.carried.point_id == r.section("organization").points[0].id
    assert [p.problem for p in new.prior_items] == ["业务档案归档不及时", "轮岗未覆盖全部敏感岗位"]
    assert new.section("rectification").points == [] and new.assessment is None
    assert store.audit_log(new.id)[-1].action == "carry"
    # last year's report itself is untouched
    assert store.get(r.id).status == "approved"


def test_carry_from_draft_uses_the_report_as_it_stands(store, blank_report):
    blank_report.section("supervision").points.append(Point(text="每年开展一次内控评价。"))
    r = store.create(blank_report)
    new = carry.carry_forward(store, r.id, year=2028)
    assert new.year == 2028 and new.predecessor.snapshot_seq is None
    assert new.section("supervision").points[0].carried.text == "每年开展一次内控评价。"
    with pytest.raises(ZichaError, match="应晚于"):
        carry.carry_forward(store, r.id, year=2026)


def test_pending_point_kept_with_one_key_then_marks(store, example_report):
    r = store.create(example_report)
    new = carry.carry_forward(store, r.id)
    engine = InterviewEngine(store, new.id)
    prompt = engine.start()
    # last year's rectification items come first
    assert prompt.kind == "prior"
    for _ in new.prior_items:
        engine.answer("已完成，2027年3月完成")
    prompt = engine.current()
    assert prompt.kind == "point" and prompt.review_pending
    assert prompt.previous.startswith("上年：") and prompt.previous.endswith("（符合）")
    kept = engine.accept_as_is()
    assert "沿用上年内容" in kept.notice
    report = store.get(new.id)
    point = report.find_point(kept.point_id)[1]
    assert not point.review_pending and point.status == "符合"
    # kept, but the status is still the officer's to confirm (待确认), offered by Enter
    assert point.shown_status == "待确认" and kept.proposal.status == "符合"
    assert engine.current().confirm.point_id == point.id
    engine.confirm_status()
    assert store.get(new.id).find_point(point.id)[1].status_confirmed
    assert carry.change_mark(point) == "未变"
    # the next prompt is the next carried point, still 待复核
    nxt = engine.current()
    assert nxt.review_pending and nxt.point_id != kept.point_id
    engine.set_status("基本符合", point_id=nxt.point_id)
    report = store.get(new.id)
    assert carry.change_mark(report.find_point(nxt.point_id)[1]) == "修改"
    # a dropped carried point is 删除, an own point 新增
    third = report.section("business").points[0]
    engine.drop_point("business", third.id)
    own = engine.add_own_point("supervision", "我局2027年新建立了内控例会制度，每季度召开一次。")
    report = store.get(new.id)
    marks = carry.change_marks(report)
    assert marks[third.id] == "删除" and marks[own.point_id] == "新增"
    assert carry.deleted_points(report)[0][1].id == third.id


def test_prior_outcomes_carry_unfinished_items_linked(store, example_report):
    r = store.create(example_report)
    new = carry.carry_forward(store, r.id)
    engine = InterviewEngine(store, new.id)
    engine.start()
    first = engine.answer("这个做了一些")
    assert first.kind == "followup" and "已完成" in first.question
    done = engine.answer("部分完成，2027年3月完成2人轮岗，还有1人未轮岗")
    assert done.drafted == "部分完成" and done.due == dt.date(2027, 3, 31)
    engine.answer("未完成")
    engine.answer("已完成，已于2027年1月补齐档案")
    report = store.get(new.id)
    outcomes = [p.outcome for p in report.prior_items]
    assert outcomes[:3] == ["部分完成", "未完成", "已完成"]
    rect = report.section("rectification").points
    assert [p.origin_item for p in rect] == [
        report.prior_items[0].origin_id,
        report.prior_items[1].origin_id,
    ]
    assert report.prior_items[0].carried_item == rect[0].id
    assert report.prior_items[0].done_text.startswith("2027年3月完成2人轮岗")
    # changing an item to 已完成 removes its carried item again (no measure yet)
    engine.set_prior_outcome(report.prior_items[1].id, "已完成", "2027年5月补办完成")
    report = store.get(new.id)
    assert len(report.section("rectification").points) == 1


def test_review_diff_against_last_year(team):
    store = team
    r = _with_items(store, new_report(store).id)
    workflow.submit(store, r.id, "zhang")
    workflow.approve(store, r.id, "li")
    new = carry.carry_forward(store, r.id, actor="zhang")
    edited = store.get(new.id)
    edited.section("business").points[0].drafted = "参保登记全部通过系统办理。"
    edited.section("business").points[0].review_pending = False
    store.save(edited, actor="zhang")
    label, base = workflow.version(store, new.id, "上年")
    assert "上年度报告（2026年度" in label and base.year == 2026
    _, current = workflow.version(store, new.id, "当前")
    diffs = {d.key: d for d in diff.diff_reports(base, current)}
    assert diffs["business"].changed and not diffs["organization"].changed
    assert "prior" in diffs  # last year's items are asked this year
    with pytest.raises(ZichaError, match="不是以上年度报告为基础新建的"):
        workflow.version(store, r.id, "上年")
