"""Who may do what in each state; every refusal is a Chinese PermissionDenied that changes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from review_helpers import add_team, dump, new_report, refused

from report import comments, workflow
from report.errors import PermissionDenied
from report.models import Point
from report.store import ReportStore

STATES = ("draft", "submitted", "returned", "approved")
ACTORS = ("zhang", "admin", "li", "本机用户")
ACTIONS = ("edit", "delete", "submit", "comment", "return", "approve", "reopen")


def _build(path: Path, state: str) -> None:
    with ReportStore(path) as store:
        add_team(store)
        r = new_report(store)
        if state == "draft":
            return
        workflow.submit(store, r.id, "zhang")
        if state == "returned":
            workflow.return_report(store, r.id, "li", "请补充岗位职责的依据。")
            top = comments.threads(store.conn, r.id)[0]
            comments.reply(store, top.comment.id, "zhang", "已补充。")
        elif state == "approved":
            workflow.approve(store, r.id, "li")


@pytest.fixture(scope="module")
def templates(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("templates")
    out = {}
    for state in STATES:
        out[state] = base / f"{state}.db"
        _build(out[state], state)
    return out


@pytest.fixture
def copy_of(tmp_path, templates):
    """copy_of(state): a fresh data file holding report 1 in that state."""

    def copy(state: str) -> Path:
        path = tmp_path / "zicha.db"
        shutil.copy(templates[state], path)
        return path

    return copy


def _expected(action: str, state: str, actor: str) -> bool:
    writer = actor == "zhang"  # admins administer, they do not write (系统管理与业务经办分离)
    reviewer = actor == "li"
    if action in ("edit", "delete", "submit"):
        return writer and state in ("draft", "returned")
    if action in ("comment", "return", "approve"):
        return reviewer and state == "submitted"
    return reviewer and state == "approved"  # reopen


def _do(store: ReportStore, action: str, actor: str) -> None:
    report = store.get(1)
    if action == "edit":
        report.section("organization").points.append(Point(text="新增一段。"))
        store.save(report, actor=actor)
    elif action == "delete":
        store.delete(1, report.revision, actor=actor)
    elif action == "submit":
        workflow.submit(store, 1, actor)
    elif action == "comment":
        comments.add_comment(store, 1, actor, "请核实数字。", section="business")
    elif action == "return":
        workflow.return_report(store, 1, actor, "内容不全。")
    elif action == "approve":
        workflow.approve(store, 1, actor)
    elif action == "reopen":
        workflow.reopen(store, 1, actor, "上级要求补充数据。")


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("action", ACTIONS)
def test_who_may_do_what(copy_of, state, actor, action):
    path = copy_of(state)
    before = dump(path)
    with ReportStore(path) as store:
        if _expected(action, state, actor):
            _do(store, action, actor)
            after = dump(path)
            assert after != before
            assert after["audit"][-1][2] == actor  # the actor is on the last audit row
        else:
            with pytest.raises(PermissionDenied) as info:
                _do(store, action, actor)
            assert any("\u4e00" <= ch <= "\u9fff" for ch in str(info.value))
    if not _expected(action, state, actor):
        assert dump(path) == before, "a refusal must change nothing"


def test_unknown_actor_is_told_to_log_in(copy_of):
    path = copy_of("draft")
    with ReportStore(path) as store, pytest.raises(PermissionDenied, match="请先登录"):
        store.save(store.get(1), actor="本机用户")


def test_status_cannot_be_changed_by_saving(copy_of):
    path = copy_of("draft")
    with ReportStore(path) as store:
        report = store.get(1)
        report.status = "approved"
        with refused(path, PermissionDenied, "状态只能通过"):
            store.save(report, actor="zhang")


def test_officer_cannot_edit_submitted_report(copy_of):
    path = copy_of("submitted")
    with ReportStore(path) as store:
        report = store.get(1)
        report.section("business").points[0].text = "改动已提交的内容。"
        with pytest.raises(PermissionDenied, match="已提交审核，目前只读"):
            store.save(report, actor="zhang")
        assert store.get(1).section("business").points[0].text == "参保登记按规程办理。"


def test_approved_report_is_frozen_for_everyone(copy_of):
    path = copy_of("approved")
    with ReportStore(path) as store:
        for actor in ("zhang", "admin", "li"):
            report = store.get(1)
            report.assessment = "总体良好。"
            with refused(path, PermissionDenied, "已审定并冻结"):
                store.save(report, actor=actor)


def test_author_cannot_approve_even_as_supervisor(copy_of):
    """wang (a supervisor) is recorded as the author: only another supervisor may approve."""
    path = copy_of("draft")
    with ReportStore(path) as store:
        report = store.get(1).model_copy(update={"id": None, "created_by": "wang"})
        other = store.create(report, actor="zhang")
        workflow.submit(store, other.id, "zhang")
        with refused(path, PermissionDenied, "不相容岗位分离"):
            workflow.approve(store, other.id, "wang")
        assert workflow.approve(store, other.id, "li").status == "approved"


def test_editor_cannot_approve(copy_of):
    """Anyone who appears in the audit log as changing the report is an editor."""
    path = copy_of("submitted")
    with ReportStore(path) as store:
        from report import audit

        with store.transaction() as conn:  # as if li had edited it earlier, e.g. as an officer
            audit.append_event(conn, actor="li", action="edit", report_id=1, change={})
        with pytest.raises(PermissionDenied, match="起草或修改过"):
            workflow.approve(store, 1, "li")
        workflow.approve(store, 1, "wang")


def test_reopen_needs_a_reason(copy_of):
    path = copy_of("approved")
    with ReportStore(path) as store:
        with refused(path, Exception, "必须写明理由"):
            workflow.reopen(store, 1, "li", "   ")


def test_return_needs_a_reason(copy_of):
    path = copy_of("submitted")
    with ReportStore(path) as store:
        with refused(path, Exception, "必须写明理由"):
            workflow.return_report(store, 1, "li", "")


def test_disabled_user_cannot_act(copy_of):
    from report import users

    path = copy_of("draft")
    with ReportStore(path) as store:
        users.disable_user(store.conn, "zhang", "admin")
        with refused(path, PermissionDenied, "已停用"):
            workflow.submit(store, 1, "zhang")


def test_single_user_mode_edits_but_cannot_submit(store, blank_report):
    created = store.create(blank_report)
    created.section("organization").points.append(Point(text="单机模式下的修改。"))
    saved = store.save(created)
    assert saved.revision == 2
    with pytest.raises(PermissionDenied, match="zicha user add"):
        workflow.submit(store, saved.id, "本机用户")
    assert store.get(saved.id).status == "draft"


def test_supervisor_cannot_create(store, blank_report):
    add_team(store)
    with pytest.raises(PermissionDenied, match="审核人不能新建"):
        store.create(blank_report, actor="li")
    assert store.list() == []
