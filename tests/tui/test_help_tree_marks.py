"""The interview's F1 page explains every mark the left tree can show, and how to read back
up the conversation by keyboard (a small terminal shows only the last messages)."""

from __future__ import annotations

from tui.help_text import SCREEN_HOWTO
from tui.widgets.section_tree import COMMENT_MARK, MARKS


def test_interview_help_explains_every_tree_mark():
    howto = SCREEN_HOWTO["InterviewScreen"]
    shown = [mark for mark, _ in MARKS.values() if mark.strip()] + [COMMENT_MARK[0]]
    for mark in shown:
        assert f"{mark} = " in howto or f"标「{mark}」" in howto, mark


def test_interview_help_says_how_to_scroll_back_and_reach_the_excerpts():
    howto = SCREEN_HOWTO["InterviewScreen"]
    assert "Shift+Tab" in howto and "PgUp" in howto
    assert "Ctrl+L" in howto
