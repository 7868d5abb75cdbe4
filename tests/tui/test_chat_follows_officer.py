"""On a small terminal (80×24) the question the officer is to answer stays in view: after the
proposed status is confirmed, and after sending an answer while reading back up the chat."""

from __future__ import annotations

from tui_helpers import open_interview, send_answer, settle

from report.store import ReportStore
from tui.app import ZichaApp
from tui.widgets.answer_box import AnswerBox
from tui.widgets.chat_log import ChatLog


def _top_in_view(chat: ChatLog, message) -> bool:
    return chat.region.y <= message.region.y < chat.region.bottom


async def _example(point: int) -> str:
    from interview.bank import load_bank

    return load_bank().points("organization")[point].example


async def test_confirming_the_status_brings_the_next_question_back(home, blank_report, no_library):
    with ReportStore.open(home) as store:
        rid = store.create(blank_report).id
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_interview(pilot, rid)
        await send_answer(pilot, await _example(0))
        assert screen.prompt is not None and screen.prompt.target == "cp:ORG-02"
        assert screen.prompt.confirm is not None  # ORG-01's proposal waits for Enter
        await pilot.press("enter")  # the box is empty: take the proposal
        await settle(pilot)
        chat = screen.query_one(ChatLog)
        question = chat.current_question()
        assert question is not None and "分设" in question.text
        assert _top_in_view(chat, question)
        # The tip that asked for Enter now says it is settled, keeping what was proposed.
        after = chat.messages()[chat.messages().index(question) + 1 :]
        assert not any("按回车确认" in m.text for m in after)
        settled = [m for m in after if m.text.startswith("已确认 ORG-01")]
        assert len(settled) == 1 and "拟定：" in settled[0].text


async def test_sending_while_scrolled_up_shows_what_came_back(home, blank_report, no_library):
    with ReportStore.open(home) as store:
        rid = store.create(blank_report).id
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_interview(pilot, rid)
        await send_answer(pilot, await _example(0))
        await pilot.press("enter")
        await settle(pilot)
        chat = screen.query_one(ChatLog)
        chat.scroll_home(animate=False)  # the officer read back up the conversation
        await pilot.pause()
        screen.query_one(AnswerBox).focus()
        await send_answer(pilot, await _example(1))
        await pilot.pause()
        last = chat.messages()[-1]
        assert chat.region.y <= last.region.bottom - 1 < chat.region.bottom


async def test_f8_on_an_unanswered_point_asks_the_next_question(home, blank_report, no_library):
    # F8 records 不适用 and the interview moves on: the chat must ask the point now answered,
    # else the next answer, typed under the old question, lands on another point.
    with ReportStore.open(home) as store:
        rid = store.create(blank_report).id
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_interview(pilot, rid)
        await pilot.press("f8")
        await settle(pilot)
        assert screen.prompt is not None and screen.prompt.target == "cp:ORG-02"
        question = screen.query_one(ChatLog).current_question()
        assert question is not None and "分设" in question.text  # ORG-02's question
