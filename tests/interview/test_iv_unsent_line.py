"""Line mode keeps every line until the engine has recorded it (issue 9)."""

from __future__ import annotations

import pytest

from interview.console import ConsoleSession
from interview.engine import InterviewEngine


class Killed(BaseException):
    """Stands for kill -9 arriving while a line is being processed."""


def test_line_is_kept_until_recorded_and_offered_after_a_kill(store, report_id, bank, monkeypatch):
    engine = InterviewEngine(store, report_id, bank=bank)
    session = ConsoleSession(engine, read=lambda _: "", write=lambda _: None)
    engine.start()
    line = "我局按三定方案设置5个股室，岗位职责每年修订"

    def killed(text):  # the process dies after reading the line, before recording it
        raise Killed

    monkeypatch.setattr(engine, "answer", killed)
    with pytest.raises(Killed):
        session.handle(line)

    # A new session (zicha interview started again) shows the line with a notice.
    out: list[str] = []
    fresh = InterviewEngine(store, report_id, bank=bank)
    ConsoleSession(fresh, read=lambda _: "", write=out.append).show_prompt(fresh.start())
    assert f"上次输入但未记录的文字（可复制后重新输入）：{line}" in out

    # Once recorded, it is no longer offered.
    fresh.answer(line)
    assert fresh.unsent() == ""
