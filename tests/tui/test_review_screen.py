"""Pilot tests of the review screen: return with a comment, answer, resubmit, diff, approve."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, ListView, Static, TextArea
from tui_helpers import notices, press_for, settle

from report import comments, snapshots, users, workflow
from report.store import ReportStore
from tui.app import ZichaApp
from tui.screens.confirm import ConfirmScreen
from tui.screens.review import AnchorItem, ReviewScreen
from tui.screens.review_dialogs import DiffScreen, TextDialog


def _setup(home: Path, answers: Path) -> int:
    """A report with every bank point answered (preflight lets it through), submitted."""
    from report.answers import load_answers

    with ReportStore.open(home) as store:
        users.add_user(store.conn, "admin", "admin", "admin-pass-1", "本机用户")
        users.add_user(store.conn, "zhang", "officer", "zhang-pass-1", "admin")
        users.add_user(store.conn, "li", "supervisor", "li-pass-123", "admin")
        report = load_answers(answers).new_report()
        report.section("organization").points[0].text = "成立了内部控制领导小组。"
        created = store.create(report, actor="zhang")
        workflow.submit(store, created.id, "zhang")
        return created.id


def _highlight_point(screen: ReviewScreen, point_text: str) -> None:
    doc = screen.query_one("#review-doc", ListView)
    for i, item in enumerate(doc.children):
        if isinstance(item, AnchorItem) and point_text in str(item.body_text):
            doc.index = i
            return
    raise AssertionError(f"no line with {point_text}")


async def _write(pilot, text: str) -> None:
    assert isinstance(pilot.app.screen, TextDialog)
    pilot.app.screen.query_one(TextArea).text = text
    await pilot.press("ctrl+s")
    await settle(pilot)


async def test_return_answer_resubmit_diff_approve(home: Path, complete_answers: Path) -> None:
    rid = _setup(home, complete_answers)

    # The supervisor finds the report in the queue and returns it with a reason on one point.
    app = ZichaApp(home, actor="li", resume=False)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await press_for(pilot, "v", ReviewScreen)
        queue = screen.query_one("#review-queue", DataTable)
        assert queue.row_count == 1
        queue.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert "已提交" in str(screen.query_one("#review-info", Static).render())
        _highlight_point(screen, "领导小组")
        await pilot.press("b")
        await settle(pilot)
        await _write(pilot, "请写明领导小组的组成。")
        margin = [str(i.margin_text) for i in screen.query(AnchorItem) if i.point]
        assert any("请写明领导小组的组成" in m for m in margin)
    with ReportStore.open(home) as store:
        assert store.get(rid).status == "returned"
        [thread] = comments.threads(store.conn, rid)
        assert thread.comment.point_id == store.get(rid).section("organization").points[0].id
        # The officer revises the paragraph (in the draft screen, here directly).
        draft = store.get(rid)
        draft.section("organization").points[0].text = "成立了内部控制领导小组，由局长任组长。"
        store.save(draft, actor="zhang")

    # The officer cannot resubmit before answering; answers beside the point; resubmits.
    app = ZichaApp(home, actor="zhang", resume=False)
    async with app.run_test(size=(140, 40)) as pilot:
        app.push_screen(ReviewScreen(rid))
        await settle(pilot)
        screen = app.screen
        await pilot.press("t")
        await settle(pilot)
        with ReportStore.open(home) as store:
            assert store.get(rid).status == "returned"
        _highlight_point(screen, "领导小组")
        await pilot.press("r")
        await settle(pilot)
        await _write(pilot, "已写明：局长任组长。")
        await pilot.press("t")
        await settle(pilot)
        assert "已提交" in str(screen.query_one("#review-info", Static).render())
    with ReportStore.open(home) as store:
        assert store.get(rid).status == "submitted"
        assert len(snapshots.list_snapshots(store.conn, rid)) == 2

    # The supervisor compares the two submissions, then approves through the typed dialog.
    app = ZichaApp(home, actor="li", resume=False)
    async with app.run_test(size=(140, 40)) as pilot:
        app.push_screen(ReviewScreen(rid))
        await settle(pilot)
        diff_screen = await press_for(pilot, "d", DiffScreen)
        shown = str(diff_screen.query_one("#diff-text", Static).render())
        assert "成立了内部控制领导小组。" in shown and "由局长任组长" in shown
        org = next(d for d in diff_screen.diffs if d.key == "organization")
        assert org.counts == (1, 1)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        app.screen.query_one(Input).value = "审定"
        await pilot.press("enter")
        await settle(pilot)
    with ReportStore.open(home) as store:
        assert store.get(rid).status == "approved"
        info = workflow.approval(store.conn, rid)
        assert info is not None and info.approved_by == "li"
        assert store.verify_audit().ok


async def refused_approval(home: Path, rid: int, actor: str) -> list[str]:
    """actor presses A on report rid in the review screen and is refused at once (no
    confirmation to type first): the notices shown."""
    app = ZichaApp(home, actor=actor, resume=False)
    async with app.run_test(size=(140, 40)) as pilot:
        app.push_screen(ReviewScreen(rid))
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        return notices(app)


async def test_officer_cannot_approve_and_sees_why(home: Path, complete_answers: Path) -> None:
    rid = _setup(home, complete_answers)
    messages = await refused_approval(home, rid, "zhang")
    assert any("只有审核人可以审定报告" in m for m in messages)
    with ReportStore.open(home) as store:
        assert store.get(rid).status == "submitted"


async def test_returned_report_is_refused_before_the_confirmation(
    home: Path, complete_answers: Path
) -> None:
    rid = _setup(home, complete_answers)
    with ReportStore.open(home) as store:
        workflow.return_report(store, rid, "li", "请补充轮岗情况。")
    messages = await refused_approval(home, rid, "li")
    assert any("审定" in m and "退回修改" in m for m in messages), messages
    with ReportStore.open(home) as store:
        assert store.get(rid).status == "returned"
