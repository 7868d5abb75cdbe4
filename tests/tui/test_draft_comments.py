"""Review comments in the Draft screen: marks beside the paragraphs, the thread modal, reply,
resolve, and refusals from report/ shown as notices. Real data home, real users."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import TextArea
from tui_helpers import draft_app, notices, open_draft, press_for, settle

from exports.assemble import assemble
from report import comments, users, workflow
from report.answers import load_answers
from report.store import ReportStore
from tui.app import ZichaApp
from tui.screens.draft import DraftScreen
from tui.widgets.draft_blocks import BlockItem, DraftView
from tui.widgets.draft_comments import CommentsScreen, ReplyDialog, ThreadItem, place_threads

EXAMPLE_ANSWERS = Path(__file__).resolve().parents[2] / "examples" / "answers.yaml"
RETURN_REASON = "轮岗问题请写明计划完成时间。"
SECTION_NOTE = "基金财务部分请补充对账情况。"


def returned_report(home: Path) -> tuple[int, str]:
    """zhang writes and submits the example report; li comments on a section and returns it
    with a reason on the 3rd point of 组织机构控制. Returns (report id, that point's id)."""
    with ReportStore.open(home) as store:
        users.add_user(store.conn, "admin", "admin", "admin-pass-1", "本机用户")
        users.add_user(store.conn, "zhang", "officer", "zhang-pass-1", "admin")
        users.add_user(store.conn, "li", "supervisor", "li-pass-123", "admin")
        report = store.create(load_answers(EXAMPLE_ANSWERS).new_report(), actor="zhang")
        workflow.submit(store, report.id, "zhang")
        point = report.section("organization").included_points()[2]
        comments.add_comment(store, report.id, "li", SECTION_NOTE, section="fund_finance")
        workflow.return_report(store, report.id, "li", RETURN_REASON, point=point.id)
        return report.id, point.id


def items(screen: DraftScreen) -> list[BlockItem]:
    return [it for it in screen.query_one(DraftView).children if isinstance(it, BlockItem)]


def index_of(screen: DraftScreen, pred) -> int:
    return next(i for i, it in enumerate(items(screen)) if pred(it.block))


async def test_officer_sees_marks_replies_and_may_resubmit(home: Path) -> None:
    rid, pid = returned_report(home)
    app = ZichaApp(home, actor="zhang", resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_draft(app, pilot, rid)
        marked = {i: str(it.mark) for i, it in enumerate(items(screen)) if it.mark is not None}
        point_at = index_of(screen, lambda b: b.point_id == pid)
        heading_at = index_of(
            screen, lambda b: b.kind == "heading1" and b.section_key == "fund_finance"
        )
        # Exactly the commented point and the commented section heading carry a mark.
        assert marked == {point_at: "批注 1", heading_at: "批注 1"}
        info = str(screen.query_one("#draft-info").render())
        assert "退回修改：审核批注 2 条未解决，2 条待回复" in info

        # M on an unmarked paragraph jumps to the next marked one.
        screen.query_one(DraftView).index = 1
        await pilot.press("m")
        await settle(pilot)
        assert screen.query_one(DraftView).index == point_at
        assert not isinstance(app.screen, CommentsScreen)

        modal = await press_for(pilot, "m", CommentsScreen)
        [item] = modal.query(ThreadItem)
        shown = str(item.query_one(".thread-text").render())
        assert "li（审核人）" in shown and RETURN_REASON in shown
        assert "退回意见" in shown and "待回复" in shown
        assert "组织机构控制·第 3 段" in str(modal.query_one("#comments-title").render())

        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ReplyDialog)
        answer = "已补充：计划于2027年6月前完成轮岗。"
        app.screen.query_one(TextArea).text = answer
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is modal
        shown = str(modal.query_one(ThreadItem).query_one(".thread-text").render())
        assert "zhang（经办人）" in shown and answer in shown and "已回复" in shown
        # The section comment was open at the return too, so it still blocks resubmission.
        assert any("还有 1 条未回复或解决" in n for n in notices(app))

        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert str(items(screen)[point_at].mark) == "批注 1·已回复"
        assert screen.query_one(DraftView).index == point_at

        # The officer resolves the section comment from its heading.
        screen.query_one(DraftView).index = heading_at
        await pilot.press("m")
        await settle(pilot)
        assert SECTION_NOTE in str(
            app.screen.query_one(ThreadItem).query_one(".thread-text").render()
        )
        await pilot.press("x")
        await settle(pilot)
        shown = str(app.screen.query_one(ThreadItem).query_one(".thread-text").render())
        assert "已由 zhang 于" in shown
        assert any("可以再次提交" in n for n in notices(app))
        await pilot.press("escape")
        await settle(pilot)
        assert items(screen)[heading_at].mark is None

    with ReportStore.open(home) as store:
        by_anchor = {
            t.comment.point_id or t.comment.section_key: t
            for t in comments.threads(store.conn, rid)
        }
        [reply] = by_anchor[pid].replies
        assert (reply.author, reply.body) == ("zhang", answer)
        assert by_anchor["fund_finance"].comment.resolved_by == "zhang"
        assert comments.unanswered_return_comments(store.conn, rid) == []
        snap = workflow.submit(store, rid, "zhang")
        assert snap.seq == 2
        assert store.get(rid).status == "submitted"


async def test_refusals_from_report_rules_are_notices_and_change_nothing(home: Path) -> None:
    rid, pid = returned_report(home)
    with ReportStore.open(home) as store:
        for t in comments.unanswered_return_comments(store.conn, rid):
            comments.reply(store, t.comment.id, "zhang", "已按意见修改。")
        workflow.submit(store, rid, "zhang")
        workflow.approve(store, rid, "li")
        before = [t.model_dump() for t in comments.threads(store.conn, rid)]
        audit_rows = len(store.audit_log())

    app = ZichaApp(home, actor="zhang", resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_draft(app, pilot, rid)
        # Approval closed every thread: no marks, but the history is one key away.
        assert all(it.mark is None for it in items(screen))
        assert "批注" not in str(screen.query_one("#draft-info").render())
        point_at = index_of(screen, lambda b: b.point_id == pid)
        screen.query_one(DraftView).index = point_at
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, CommentsScreen)
        assert "已由 li 于" in str(
            app.screen.query_one(ThreadItem).query_one(".thread-text").render()
        )
        await pilot.press("y")
        await settle(pilot)
        app.screen.query_one(TextArea).text = "再补充一句。"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        refusals = [n for n in notices(app) if "已审定并冻结" in n]
        assert len(refusals) == 2
    with ReportStore.open(home) as store:
        assert [t.model_dump() for t in comments.threads(store.conn, rid)] == before
        assert len(store.audit_log()) == audit_rows


async def test_no_comments_is_a_notice_and_marks_follow_numbering(
    home: Path, store, example_report
):
    report = store.create(example_report)
    async with draft_app(home, report.id) as (app, pilot, screen):
        assert all(it.mark is None for it in items(screen))
        assert "批注" not in str(screen.query_one("#draft-info").render())
        await pilot.press("m")
        await settle(pilot)
        assert app.screen is screen
        assert "这份报告没有审核批注。" in notices(app)


def test_place_threads_split_points_deleted_points_and_whole_report(home: Path) -> None:
    rid, pid = returned_report(home)
    with ReportStore.open(home) as store:
        report = store.get(rid)
        threads = comments.threads(store.conn, rid)
    blocks = assemble(report, "headings").blocks
    placed = place_threads(blocks, threads)
    # （一）lead + body: the comment sits on the point's first block only.
    first = next(i for i, b in enumerate(blocks) if b.point_id == pid)
    assert [t.comment.point_id for t in placed[first]] == [pid]
    assert all(t.comment.point_id != pid for i, ts in placed.items() if i != first for t in ts)
    # A paragraph no longer in the document: its comment moves to the section heading.
    report.section("organization").points = [
        p for p in report.section("organization").points if p.id != pid
    ]
    blocks = assemble(report, "runin").blocks
    placed = place_threads(blocks, threads)
    heading = next(
        i for i, b in enumerate(blocks) if b.kind == "heading1" and b.section_key == "organization"
    )
    assert [t.comment.point_id for t in placed[heading]] == [pid]
    # A comment on the whole report sits on the first block (the title).
    whole = threads[0].model_copy(
        update={
            "comment": threads[0].comment.model_copy(update={"point_id": None, "section_key": None})
        }
    )
    assert place_threads(blocks, [whole]) == {0: [whole]}
