"""The whole cycle: submit, comment, return, answer, resubmit, approve, reopen; snapshots and diffs."""

from __future__ import annotations

import pytest
from review_helpers import add_team, dump, new_report, raw_connect, raw_error

from report import comments, diff, snapshots, workflow
from report.errors import ConflictError, PermissionDenied, ZichaError


@pytest.fixture
def team(store):
    add_team(store)
    return store


def test_full_cycle_records_every_step(team):
    store = team
    r = new_report(store)
    first = workflow.submit(store, r.id, "zhang")
    assert first.seq == 1 and store.get(r.id).status == "submitted"
    point_id = store.get(r.id).section("organization").points[0].id
    c = comments.add_comment(store, r.id, "li", "领导小组成员请写明。", point=point_id)
    assert c.section_key == "organization"
    workflow.return_report(store, r.id, "li", "请补充制度依据。", section="business")
    assert store.get(r.id).status == "returned"

    # Both open comments were returned with; resubmitting is blocked until each is answered.
    before = dump(store.path)
    with pytest.raises(PermissionDenied, match="2 条批注"):
        workflow.submit(store, r.id, "zhang")
    assert dump(store.path) == before

    threads = comments.threads(store.conn, r.id)
    comments.reply(store, threads[0].comment.id, "zhang", "已写明组长和成员。")
    with pytest.raises(PermissionDenied, match="1 条批注"):
        workflow.submit(store, r.id, "zhang")
    comments.resolve(store, threads[1].comment.id, "zhang")

    draft = store.get(r.id)
    draft.section("organization").points[
        0
    ].text = "成立了内部控制领导小组，由局长任组长。明确了各科室职责。"
    store.save(draft, actor="zhang")
    second = workflow.submit(store, r.id, "zhang")
    assert second.seq == 2

    comments.add_comment(store, r.id, "li", "下次请附台账。")
    approved = workflow.approve(store, r.id, "li")
    assert approved.status == "approved"
    assert comments.threads(store.conn, r.id, open_only=True) == []
    info = workflow.approval(store.conn, r.id)
    assert info is not None and info.approved_by == "li" and info.approved_at

    actions = [(e.actor, e.action) for e in store.audit_log(r.id)]
    assert actions == [
        ("zhang", "create"),
        ("zhang", "submit"),
        ("li", "comment"),
        ("li", "comment"),
        ("li", "return"),
        ("zhang", "reply"),
        ("zhang", "resolve"),
        ("zhang", "edit"),
        ("zhang", "submit"),
        ("li", "comment"),
        ("li", "approve"),
    ]
    assert store.verify_audit().ok


def test_diff_between_snapshots_and_current_marks_changed_sentences(team):
    store = team
    r = new_report(store)
    workflow.submit(store, r.id, "zhang")
    workflow.return_report(store, r.id, "li", "太简略。")
    comments.resolve(store, comments.threads(store.conn, r.id)[0].comment.id, "zhang")
    draft = store.get(r.id)
    draft.section("organization").points[
        0
    ].text = "成立了内部控制领导小组。明确了各岗位职责和权限。"
    draft.assessment = "总体运行良好。"
    store.save(draft, actor="zhang")

    _, old = workflow.version(store, r.id, "1")
    label, cur = workflow.version(store, r.id, "当前")
    assert "当前稿" in label
    by_key = {d.key: d for d in diff.diff_reports(old, cur)}
    org = by_key["organization"]
    assert [(x.kind, x.text) for x in org.lines] == [
        ("same", "成立了内部控制领导小组。"),
        ("removed", "明确了各科室职责。"),
        ("added", "明确了各岗位职责和权限。"),
    ]
    assert not by_key["business"].changed
    assert by_key["assessment"].counts == (0, 1)

    workflow.submit(store, r.id, "zhang")
    text = diff.format_diff(
        diff.diff_reports(
            workflow.version(store, r.id, "1")[1], workflow.version(store, r.id, "2")[1]
        ),
        "1",
        "2",
    )
    assert "－ 明确了各科室职责。" in text and "＋ 明确了各岗位职责和权限。" in text
    assert "【业务运行控制】无变化" in text
    with pytest.raises(ZichaError, match="没有第 5 次送审"):
        workflow.version(store, r.id, "5")
    with pytest.raises(ZichaError, match="不认识"):
        workflow.version(store, r.id, "latest")


def test_snapshots_are_immutable_and_tampering_is_caught(team):
    store = team
    r = new_report(store)
    snap = workflow.submit(store, r.id, "zhang")
    assert snap.report().section("organization").points[0].text.startswith("成立了")
    conn = raw_connect(store.path)
    with pytest.raises(raw_error(), match="immutable"):
        conn.execute("UPDATE snapshots SET body = '{}'")
    with pytest.raises(raw_error(), match="immutable"):
        conn.execute("DELETE FROM snapshots")
    # Someone who drops the trigger can change the row, but not the audit chain behind it.
    conn.execute("DROP TRIGGER snapshots_no_update")
    body = snap.body.replace("成立了", "从未成立")
    conn.execute("UPDATE snapshots SET body = ?", (body,))
    conn.commit()
    conn.close()
    with pytest.raises(ZichaError, match="与审计日志不符"):
        snapshots.get_snapshot(store.conn, r.id, 1)


def test_reopen_starts_a_new_edition_as_draft(team):
    store = team
    r = new_report(store)
    workflow.submit(store, r.id, "zhang")
    workflow.approve(store, r.id, "li")
    reopened = workflow.reopen(store, r.id, "wang", "上级要求补充数据。")
    assert reopened.status == "draft"
    info = workflow.review_info(store.conn, r.id)
    assert info.edition == 2 and info.approved_by is None
    assert workflow.approval(store.conn, r.id) is None
    open_threads = comments.threads(store.conn, r.id, open_only=True)
    assert any("上级要求补充数据" in t.comment.body for t in open_threads)
    # The new edition can be edited and submitted again; its snapshot says edition 2.
    draft = store.get(r.id)
    draft.assessment = "补充后总体良好。"
    store.save(draft, actor="zhang")
    assert workflow.submit(store, r.id, "zhang").edition == 2


def test_stale_view_is_refused_for_review_actions(team):
    store = team
    r = new_report(store)
    workflow.submit(store, r.id, "zhang")
    seen = store.get(r.id).revision
    with pytest.raises(ConflictError, match="已被他人修改"):
        workflow.approve(store, r.id, "li", expected_revision=seen - 1)
    assert workflow.approve(store, r.id, "li", expected_revision=seen).status == "approved"


def test_comment_anchor_must_exist(team):
    store = team
    r = new_report(store)
    workflow.submit(store, r.id, "zhang")
    before = dump(store.path)
    with pytest.raises(ZichaError, match="没有编号为 nosuch 的段落"):
        comments.add_comment(store, r.id, "li", "意见", point="nosuch")
    with pytest.raises(ZichaError, match="没有名为"):
        comments.add_comment(store, r.id, "li", "意见", section="finance")
    with pytest.raises(ZichaError, match="不能为空"):
        comments.add_comment(store, r.id, "li", "  ")
    assert dump(store.path) == before


def test_open_comments_by_anchor_for_the_margins(team):
    store = team
    r = new_report(store)
    workflow.submit(store, r.id, "zhang")
    pid = store.get(r.id).section("business").points[0].id
    comments.add_comment(store, r.id, "li", "请附登记台账。", point=pid)
    comments.add_comment(store, r.id, "li", "整体偏短。")
    margins = comments.open_by_anchor(store.conn, r.id)
    assert set(margins) == {pid, ""}
    report = store.get(r.id)
    assert margins[pid][0].anchor_label(report) == "业务运行控制·第 1 段"


def test_waiting_for_me(team):
    store = team
    a = new_report(store)
    b = new_report(store)
    workflow.submit(store, a.id, "zhang")
    workflow.submit(store, b.id, "zhang")
    workflow.return_report(store, b.id, "li", "请修改。")
    assert workflow.waiting_for(store.conn, "wang") == [a.id]
    assert workflow.waiting_for(store.conn, "zhang") == [b.id]


def test_comment_on_a_deleted_paragraph_moves_to_its_section(team):
    store = team
    r = new_report(store)
    workflow.submit(store, r.id, "zhang")
    pid = store.get(r.id).section("business").points[0].id
    comments.add_comment(store, r.id, "li", "请附登记台账。", point=pid)
    workflow.return_report(store, r.id, "li", "请修改。")
    draft = store.get(r.id)
    draft.section("business").points.clear()
    store.save(draft, actor="zhang")
    margins = comments.open_by_anchor(store.conn, r.id, store.get(r.id))
    assert [t.comment.body for t in margins["business"]] == ["请附登记台账。"]
    assert margins[""][0].comment.body == "请修改。"
