"""After a terminal resize the current question (and the selected paragraph) is still in view."""

from __future__ import annotations

from report.store import ReportStore
from tui.app import ZichaApp
from tui.widgets.answer_box import AnswerBox
from tui.widgets.chat_log import ChatLog
from tui.widgets.draft_blocks import DraftView


def _visible(container, widget) -> bool:
    region = container.region
    return widget.region.y >= region.y and widget.region.y < region.bottom


async def test_resize_keeps_the_current_question_in_view(home, blank_report, no_library):
    from interview.bank import load_bank

    with ReportStore.open(home) as store:
        rid = store.create(blank_report).id
    examples = [cp.example for cp in load_bank().points("organization")[:3]]
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_report(rid)
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        for text in examples:
            screen.query_one(AnswerBox).text = text
            await pilot.press("ctrl+s")
            await app.workers.wait_for_complete()
            await pilot.pause()
        chat = screen.query_one(ChatLog)
        question = chat.current_question()
        assert question is not None and "ORG-04" not in question.text
        for size in ((80, 24), (100, 30), (80, 24)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            assert _visible(chat, chat.current_question()), size


async def test_resize_keeps_the_selected_paragraph_in_view(home, example_report):
    with ReportStore.open(home) as store:
        rid = store.create(example_report).id
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_draft(rid)
        await pilot.pause()
        view = app.screen.query_one(DraftView)
        view.focus()
        await pilot.press(*["down"] * 12)
        await pilot.pause()
        selected = view.highlighted_child
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert view.highlighted_child is selected
        assert _visible(view, selected)
