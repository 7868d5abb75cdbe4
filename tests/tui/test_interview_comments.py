"""Review comments in the interview: marked 批 in the tree, shown in the chat, answered there."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import open_interview, settle, submitted_report

from report import comments, workflow
from report.errors import PermissionDenied
from report.models import Point
from report.store import ReportStore
from tui.app import ZichaApp
from tui.screens.interview import InterviewScreen
from tui.screens.text_edit import TextEditScreen
from tui.widgets.answer_box import AnswerBox
from tui.widgets.chat_log import ChatLog
from tui.widgets.section_tree import SectionTree

pytestmark = pytest.mark.usefixtures("no_library")


def returned_report(home: Path) -> tuple[int, str, int, int]:
    """zhang writes ORG-01 and submits; li comments on it and returns with a section reason.

    Returns (report id, point id, point comment id, section comment id).
    """
    point = Point(
        text="我局按三定方案设5个科室，岗位职责写在2025年印发的岗位职责手册里。",
        control_point="ORG-01",
        status="符合",
    )
    report_id = submitted_report(home, point)
    with ReportStore.open(home) as store:
        on_point = comments.add_comment(
            store, report_id, "li", "请写明岗位职责手册的文号。", point=point.id
        )
        workflow.return_report(
            store, report_id, "li", "组织机构部分请补充轮岗情况。", section="organization"
        )
        threads = comments.threads(store.conn, report_id)
        on_section = next(t.comment.id for t in threads if t.comment.point_id is None)
        return report_id, point.id, on_point.id, on_section


def tree_labels(screen: InterviewScreen) -> list[str]:
    tree = screen.query_one(SectionTree)
    return [str(n.label) for s in tree.root.children for n in [s, *s.children]]


def marked(labels: list[str]) -> list[str]:
    """Rows carrying the 批 mark: first on a section row, after the status glyph on a point
    (titles such as 授权审批与复核 contain 批 too, so position matters)."""
    return [label for label in labels if label.startswith("批 ") or label[2:4] == "批 "]


def chat_text(screen: InterviewScreen, role: str) -> list[str]:
    return [m.text for m in screen.query_one(ChatLog).messages() if m.role == role]


async def test_commented_points_are_marked_and_threads_shown_and_answered(home: Path) -> None:
    rid, point_id, on_point, on_section = returned_report(home)
    app = ZichaApp(home, actor="zhang", resume=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_interview(pilot, rid)
        labels = tree_labels(screen)
        section_label = next(label for label in labels if "组织机构控制" in label)
        assert section_label.startswith("批 ")
        assert marked(labels) == [section_label, "完 批 机构设置与岗位职责"]
        assert screen.check_action("reply_comment", ()) is True

        # Entering the organization section shows its thread; the interview is at ORG-02.
        shown = chat_text(screen, "comment")
        assert any("组织机构部分请补充轮岗情况" in t for t in shown)
        assert not any("文号" in t for t in shown)

        # Going to ORG-01 shows the point's thread beside it.
        screen.goto("organization", "ORG-01")
        await settle(pilot)
        assert screen.prompt is not None and screen.prompt.point_id == point_id
        assert any("请写明岗位职责手册的文号" in t for t in chat_text(screen, "comment"))
        assert [t.comment.id for t in screen.current_threads()] == [on_point, on_section]

        # F9 answers the first thread still waiting (the point's).
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, TextEditScreen)
        app.screen.query_one("TextArea").text = "已补充：人社发〔2025〕8号。"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert any("已回复批注" in t for t in chat_text(screen, "notice"))

        # The section's reason answered with the slash command.
        screen.query_one(AnswerBox).text = f"/回复 #{on_section} 已在第3段补充轮岗计划。"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.query_one(AnswerBox).text == ""

    with ReportStore.open(home) as store:
        threads = {t.comment.id: t for t in comments.threads(store.conn, rid)}
        assert [(r.author, r.body) for r in threads[on_point].replies] == [
            ("zhang", "已补充：人社发〔2025〕8号。")
        ]
        assert threads[on_section].replies[0].author == "zhang"
        assert comments.unanswered_return_comments(store.conn, rid) == []
        # Answered: the officer may submit again.
        workflow.submit(store, rid, "zhang")
        assert store.get(rid).status == "submitted"
        actions = [e.action for e in store.audit_log(rid)]
        assert actions.count("reply") == 2


async def test_resolve_and_no_comment_messages(home: Path) -> None:
    rid, point_id, on_point, on_section = returned_report(home)
    app = ZichaApp(home, actor="zhang", resume=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_interview(pilot, rid)
        screen.query_one(AnswerBox).text = f"/解决 #{on_point}"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert any(f"#{on_point} 标为已解决" in t for t in chat_text(screen, "notice"))
        assert len(marked(tree_labels(screen))) == 1
        # A section with no comments: F9 says so and opens nothing.
        screen.goto("business")
        await settle(pilot)
        await pilot.press("f9")
        await pilot.pause()
        assert app.screen is screen
        screen.query_one(AnswerBox).text = "/回复 #999 随便"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.query_one(AnswerBox).text == "/回复 #999 随便"  # nothing sent, text kept
    with ReportStore.open(home) as store:
        resolved = comments.get_comment(store.conn, on_point)
        assert resolved.resolved_by == "zhang"


async def test_single_user_mode_has_no_marks(home: Path, store, blank_report) -> None:
    report = store.create(blank_report)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_interview(pilot, report.id)
        assert marked(tree_labels(screen)) == []
        assert chat_text(screen, "comment") == []
        assert screen.check_action("reply_comment", ()) is False  # F9 not in the footer
        with pytest.raises(PermissionDenied):
            comments.add_comment(store, report.id, "本机用户", "x")
