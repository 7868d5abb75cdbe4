"""Interview screen: an answer with neither a weakness nor evidence of a working control gets
no proposed status; Enter in the empty box does not make it 符合, F5–F8 choose (issue 9)."""

from __future__ import annotations

from tui_helpers import open_interview, send_answer, settle

from report.store import ReportStore
from tui.app import ZichaApp
from tui.widgets.chat_log import ChatLog

VAGUE_ORG01 = "机构这块大家都挺自觉的，一直挺好"


def org01(home, report_id: int):
    with ReportStore.open(home) as s:
        return s.get(report_id).section("organization").points[0]


async def test_enter_does_not_confirm_a_missing_proposal(home, store, blank_report, no_library):
    report = store.create(blank_report)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_interview(pilot, report.id)
        await send_answer(pilot, VAGUE_ORG01)
        for _ in range(3):  # take the vague answer as it stands, past the follow-ups
            if screen.prompt is not None and screen.prompt.confirm is not None:
                break
            await pilot.press("ctrl+s")
            await settle(pilot)
        texts = [m.text for m in screen.query_one(ChatLog).messages()]
        assert any("回答中没有看出制度执行的依据" in t for t in texts)
        assert not any("拟定：符合" in t for t in texts)
        assert screen.prompt.confirm is not None and screen.prompt.confirm.status == ""

        await pilot.press("enter")  # in the empty box: must not record 符合
        await settle(pilot)
        point = org01(home, report.id)
        assert point.status is None and not point.status_confirmed

        await pilot.press("f5")  # the officer chooses 符合
        await settle(pilot)
        point = org01(home, report.id)
        assert point.status == "符合" and point.status_confirmed
        assert screen.prompt.confirm is None
