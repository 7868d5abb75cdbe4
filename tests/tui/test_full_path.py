"""The whole path a user takes: new report -> answer every point (one with a follow-up)
-> draft -> export .docx -> the file opens with python-docx with the expected content."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input
from tui_helpers import NEW_REPORT_FORM, fill_form

from report.models import SECTION_TITLES
from report.store import ReportStore
from tui.app import ZichaApp
from tui.screens.interview import InterviewScreen
from tui.widgets.answer_box import AnswerBox
from tui.widgets.chat_log import ChatLog


async def settle(app: ZichaApp, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def send(app: ZichaApp, pilot, text: str) -> None:
    box = app.screen.query_one(AnswerBox)
    box.text = text
    await pilot.press("ctrl+s")
    await settle(app, pilot)


@pytest.mark.slow
async def test_new_report_to_exported_docx(home: Path, tmp_path: Path) -> None:
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        fill_form(app.screen, NEW_REPORT_FORM)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        report_id = screen.report_id

        # First point: a vague answer draws a follow-up, the detail completes it.
        first = screen.prompt
        assert first is not None and first.kind == "point"
        await send(app, pilot, "有规定")
        roles = [m.role for m in screen.query_one(ChatLog).messages()]
        assert roles[-1] == "followup"
        assert screen.prompt is not None and screen.prompt.control.id == first.control.id
        await send(app, pilot, first.control.example)
        assert screen.prompt is not None and screen.prompt.control.id != first.control.id
        messages = screen.query_one(ChatLog).messages()
        roles = [m.role for m in messages]
        # user, drafted, then notices (the vague 「有规定」 left out, the proposed status),
        # then the next question, and last the proposal waiting for the officer's Enter.
        last_user = max(i for i, r in enumerate(roles) if r == "user")
        assert roles[last_user + 1] == "drafted" and "assistant" in roles[last_user + 2 :]
        assert screen.prompt.confirm is not None and screen.prompt.confirm.status == "符合"
        assert roles[-1] == "notice" and "待确认" in messages[-1].text
        point_id = screen.prompt.confirm.point_id
        with ReportStore.open(home) as store:
            assert not store.get(report_id).find_point(point_id)[1].status_confirmed
        await pilot.press("enter")  # the answer box is empty: Enter confirms
        await settle(app, pilot)
        assert screen.prompt.confirm is None
        assert "已确认" in screen.query_one(ChatLog).messages()[-1].text
        assert screen.query_one(AnswerBox).text == ""
        with ReportStore.open(home) as store:
            assert store.get(report_id).find_point(point_id)[1].status_confirmed

        # Every other point: the bank's own example answer; empty send accepts a proposal
        # or whatever a follow-up still asks about.
        for _ in range(120):
            prompt = screen.prompt
            if prompt is None:
                break
            if prompt.confirm is not None:
                await pilot.press("enter")
                await settle(app, pilot)
            elif prompt.followup_question or prompt.proposal:
                await send(app, pilot, "")
            else:
                await send(app, pilot, prompt.control.example)
        assert screen.prompt is None
        assert "访谈已完成" in str(screen.query_one("#status-line").render())

        with ReportStore.open(home) as store:
            saved = store.get(report_id)
        areas = saved.sections[:5]
        assert all(s.points and all(p.drafted for p in s.points) for s in areas)
        assert saved.assessment

        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "DraftScreen"

        target = tmp_path / "自查报告.docx"
        app.open_export(report_id)
        await settle(app, pilot)
        export = app.screen
        export.query_one("#export-path", Input).value = str(target)
        export.action_export()
        await settle(app, pilot)
        for _ in range(200):  # the export runs in a thread worker; a loaded machine is slow
            if target.exists():
                break
            await pilot.pause(0.1)
        status = str(export.query_one("#export-status").render())
        assert target.exists(), status

    import docx

    doc = docx.Document(str(target))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "某县社会保险事业局" in text
    for key in ("organization", "business", "fund_finance", "information_system"):
        assert SECTION_TITLES[key] in text
    first_drafted = saved.sections[0].points[0].drafted
    assert first_drafted and first_drafted[:20] in text
