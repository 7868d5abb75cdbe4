"""Control characters pasted or typed into the interview's answer box never reach the report,
the chat log or the saved unsent text (issue 11)."""

from __future__ import annotations

import re

import pytest
from textual import events
from tui_helpers import open_interview, settle

from report.store import ReportStore
from tui.app import ZichaApp
from tui.widgets.answer_box import AnswerBox
from tui.widgets.chat_log import ChatLog

pytestmark = pytest.mark.usefixtures("no_library")

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
PASTED = "我局按三定方案\x1b[2J设置5个股室\x1b]0;pwned\x07，岗位职责\x9b31m每年修订"


async def test_pasted_escapes_are_dropped_and_the_answer_is_clean(home, blank_report):
    with ReportStore.open(home) as store:
        report_id = store.create(blank_report).id or 0
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_interview(pilot, report_id)
        box = screen.query_one(AnswerBox)
        app.post_message(events.Paste(PASTED))  # as the terminal driver delivers it
        await settle(pilot)
        assert box.text == "我局按三定方案[2J设置5个股室]0;pwned，岗位职责31m每年修订"
        box.text = PASTED  # set directly (an input method, a widget bug): cleaned on send
        await pilot.press("ctrl+s")
        await settle(pilot)
        shown = [m.text for m in screen.query_one(ChatLog).messages()]
        assert not any(CONTROL.search(t) for t in shown)
    with ReportStore.open(home) as store:
        report = store.get(report_id)
        texts = [p.text for s in report.sections for p in s.points]
        unsent = store.get_state(report_id, "interview.unsent") or ""
    assert texts and not any(CONTROL.search(t) for t in texts)
    assert any("5个股室" in t for t in texts)
    assert not CONTROL.search(unsent)
