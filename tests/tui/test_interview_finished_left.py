"""「访谈已全部完成」 said nothing of what was still open: points whose status waits for
confirmation, points skipped. And after re-answering a point a reviewer commented on, the
interview moved on and F9 said there was no comment here; it now answers the comment on the
point just answered (as F4 rewrites it)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import TextArea
from tui_helpers import open_interview, send_answer, settle

from report import comments, users, workflow
from report.answers import load_answers
from report.store import ReportStore
from tui.app import ZichaApp
from tui.screens.text_edit import TextEditScreen
from tui.widgets.chat_log import ChatLog


def _report(home: Path, answers: Path) -> int:
    with ReportStore.open(home) as store:
        report = load_answers(answers).new_report()
        point = report.section("organization").points[1]
        point.status_confirmed = False  # proposed, not yet confirmed
        return store.create(report).id


async def test_finished_names_what_is_still_open(home, complete_answers, no_library):
    rid = _report(home, complete_answers)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_interview(pilot, rid)
        assert screen.prompt is None
        last = screen.query_one(ChatLog).messages()[-1].text
        assert "访谈已全部完成" in last
        assert "1 个要点的符合情况待确认" in last


async def test_f9_after_answering_reaches_the_comment_on_that_point(
    home, complete_answers, no_library
):
    with ReportStore.open(home) as store:
        users.add_user(store.conn, "admin", "admin", "admin-pass-1", "本机用户")
        users.add_user(store.conn, "zhang", "officer", "zhang-pass-1", "admin")
        users.add_user(store.conn, "li", "supervisor", "li-pass-123", "admin")
        report = load_answers(complete_answers).new_report()
        created = store.create(report, actor="zhang")
        rid = created.id
        workflow.submit(store, rid, "zhang")
        last = created.section("supervision").points[-1]
        workflow.return_report(store, rid, "li", "请写明追责的人次。", "supervision", last.id)
    app = ZichaApp(home, actor="zhang", resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_interview(pilot, rid)
        screen.goto("supervision", last.control_point)
        await settle(pilot)
        await send_answer(pilot, "有《内部控制责任追究办法》，本年度追责0人次，未发生违规。")
        await pilot.press("f9")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, TextEditScreen)
        editor.query_one(TextArea).insert("已补充：本年度追责0人次。")
        await pilot.press("ctrl+s")
        await settle(pilot)
    with ReportStore.open(home) as store:
        [thread] = comments.threads(store.conn, rid)
        assert [r.body for r in thread.replies] == ["已补充：本年度追责0人次。"]
