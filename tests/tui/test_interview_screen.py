"""Interview screen: follow-ups, skip/back/status/goto, drafts kept on quit, resume, errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import notices, open_interview, send_answer, settle, tree_text

from knowledge.models import SearchHit
from report.store import ReportStore
from tui.app import ZichaApp
from tui.screens.interview import InterviewScreen
from tui.widgets.answer_box import AnswerBox
from tui.widgets.chat_log import ChatLog
from tui.widgets.excerpts_panel import ExcerptCard, ExcerptsPanel

HIT = SearchHit(
    chunk_id=1,
    doc_id=1,
    title="社会保险经办机构内部控制暂行办法",
    article="第十条",
    text="经办机构应当建立岗位责任制，明确各岗位职责。",
    highlighted="经办机构应当建立岗位责任制，明确各岗位职责。",
    citation="《社会保险经办机构内部控制暂行办法》第十条",
)


class FakeLibrary:
    """Stands in for knowledge.library.Library: same two calls, fixed answers."""

    def search(self, query: str, k: int = 5) -> list[SearchHit]:
        return [HIT]

    def article(self, chunk_id: int | str) -> SearchHit:
        return HIT.model_copy(update={"text": HIT.text + "\n（全文）"})


@pytest.fixture
def fake_library(monkeypatch: pytest.MonkeyPatch) -> FakeLibrary:
    lib = FakeLibrary()
    monkeypatch.setattr(ZichaApp, "library", lambda self: lib)
    return lib


async def test_prompt_shows_question_and_cited_excerpts(home, store, blank_report, fake_library):
    report = store.create(blank_report)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_interview(pilot, report.id)
        [message] = screen.query_one(ChatLog).messages()
        assert message.role == "assistant"
        assert screen.prompt is not None and screen.prompt.control.question in message.text
        [card] = screen.query_one(ExcerptsPanel).query(ExcerptCard)
        assert "《社会保险经办机构内部控制暂行办法》第十条" in str(card.render())
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert type(app.screen).__name__ == "ArticleScreen"
        assert app.screen.hit.text.endswith("（全文）")


async def test_followup_then_accept_saves_before_moving_on(home, store, blank_report, fake_library):
    report = store.create(blank_report)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_interview(pilot, report.id)
        first = screen.prompt
        await send_answer(pilot, "有")
        assert screen.query_one(ChatLog).messages()[-1].role == "followup"
        # Empty send after a follow-up: record what was said so far.
        await send_answer(pilot, "")
        assert screen.prompt.control.id != first.control.id
        saved = store.get(report.id)
        point = saved.section(first.section_key).points[0]
        assert point.control_point == first.control.id and point.text.startswith("有")
        assert "待" in tree_text(screen)  # answered; its proposed status awaits confirmation


async def test_skip_back_status_and_goto(home, store, blank_report, fake_library):
    report = store.create(blank_report)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_interview(pilot, report.id)
        first = screen.prompt.control.id
        await pilot.press("f2")
        await settle(pilot)
        assert screen.prompt.control.id != first
        assert "跳" in tree_text(screen)
        assert store.get(report.id).section("organization").points[0].skipped
        await pilot.press("f3")
        await settle(pilot)
        assert screen.prompt.control.id == first
        await pilot.press("f7")  # 不符合 before answering: kept for this answer
        await settle(pilot)
        await send_answer(pilot, screen.prompt.control.example)
        point = store.get(report.id).section("organization").points[0]
        assert point.status == "不符合" and not point.skipped
        screen.goto("fund_finance")
        await settle(pilot)
        assert screen.prompt.section_key == "fund_finance"
        # The unanswered organization points we jumped over are now gaps.
        assert "缺" in tree_text(screen)


async def test_slash_commands_and_errors_are_chinese_notices(
    home, store, blank_report, fake_library
):
    report = store.create(blank_report)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_interview(pilot, report.id)
        await send_answer(pilot, "/状态 很好")
        notes = notices(app)
        assert any("符合情况只能是" in m for m in notes)
        # The text that caused the error is not lost.
        assert screen.query_one(AnswerBox).text == "/状态 很好"
        first = screen.prompt.control.id
        await send_answer(pilot, "/跳过")
        assert screen.prompt.control.id != first
        assert screen.query_one(AnswerBox).text == ""


async def test_line_mode_commands_work_here_too(home, store, blank_report, fake_library):
    """One command table (interview/commands.py): /列表 /上移 /覆盖 /帮助, once only in
    `zicha interview`, work in the answer box with the same words."""
    from tui.widgets.chat_log import ChatLog

    report = store.create(blank_report)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_interview(pilot, report.id)
        await send_answer(pilot, "/自拟 我局每季度召开一次内控例会")
        await send_answer(pilot, "/自拟 我局每年开展一次内控培训")
        await send_answer(pilot, "/列表")
        notes = [m.text for m in screen.query_one(ChatLog).messages() if m.role == "notice"]
        assert any(t.startswith("  1. 自拟") and "内控例会" in t for t in notes), notes
        await send_answer(pilot, "／上移 2")  # full-width slash, as in the line mode
        first = screen.engine.report.section("organization").points[0]
        assert "内控培训" in first.text
        await send_answer(pilot, "/覆盖")
        notes = [m.text for m in screen.query_one(ChatLog).messages() if m.role == "notice"]
        assert any("组织机构控制" in t for t in notes)
        await send_answer(pilot, "/不存在")
        assert any("不认识的命令「/不存在」" in n.message for n in app._notifications)


async def test_long_paste_is_kept_whole(home, store, blank_report, fake_library):
    report = store.create(blank_report)
    long_text = "\n".join(
        f"第{i}条：我局每季度由稽核科对待遇发放开展一次专项检查，形成书面记录并存档，发现问题当月整改。"
        for i in range(1, 41)
    )
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_interview(pilot, report.id)
        box = screen.query_one(AnswerBox)
        box.insert(long_text)
        assert box.text == long_text
        await pilot.press("ctrl+s")
        await settle(pilot)
        if screen.query_one(ChatLog).messages()[-1].role == "followup":
            await send_answer(pilot, "")  # record it as it stands
        saved = store.get(report.id).section("organization").points[0]
        assert "第40条" in saved.text and "第1条" in saved.text


async def test_unsent_text_survives_quit_and_restart_returns_to_the_point(
    home: Path, store, blank_report, fake_library
):
    report = store.create(blank_report)
    app = ZichaApp(home)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_interview(pilot, report.id)
        await pilot.press("f2")
        await settle(pilot)
        point = screen.prompt.control.id
        screen.query_one(AnswerBox).insert("还没写完的回答：我局")
        await pilot.press("ctrl+q")
        await pilot.pause()

    app = ZichaApp(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InterviewScreen) and screen.report_id == report.id
        assert screen.prompt.control.id == point
        assert screen.query_one(AnswerBox).text == "还没写完的回答：我局"
        # Escape goes home, and then a restart starts at home.
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
    with ReportStore.open(home) as s:
        assert s.get_state(report.id, "interview.unsent") == "还没写完的回答：我局"
