"""The preflight summary line: with reminders only it did not tell the officer to
「先处理错误」 when there were none."""

from __future__ import annotations

from exports.preflight import ERROR, WARNING, PreflightItem
from tui.widgets.export_preflight import preflight_text

DRAFT = PreflightItem(WARNING, "报告尚未审定，导出件页眉将标注「征求意见稿」。")
GAP = PreflightItem(ERROR, "有1个要点尚未回答。", "business")


def test_reminders_only_say_there_is_no_error():
    summary = preflight_text([DRAFT]).plain.split("\n")[0]
    assert summary == "预检：没有错误，1 个提醒（不影响导出）。"


def test_errors_still_come_first():
    summary = preflight_text([GAP, DRAFT]).plain.split("\n")[0]
    assert summary == "预检：1 个错误，1 个提醒（不影响导出，建议先处理错误）。"
