"""Toasts over panel edges keep every Chinese character (issue 12), at 80x24 and 100x30.

Textual splits each screen line at every widget edge; a double-width character of a toast that
straddles a panel edge used to become two spaces (「某县医    障事务中心」).
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
import textual.widgets._toast as toast_module
from rich.segment import Segment
from snapshot_helpers import screen_lines
from textual.strip import Strip
from tui_helpers import settle

from report.models import Report
from report.store import ReportStore
from tui.app import ZichaApp
from tui.widgets.cjk_toast import CjkToast, keep_wide_chars

MESSAGE = (
    "已创建报告：某县医疗保障事务中心 2026年度（编号 1）。上年的要点均为「待复核」，"
    "访谈先问上年度整改落实情况，请逐项确认。"
)


def test_a_character_on_a_cut_moves_right_and_the_width_stays() -> None:
    strip = Strip([Segment("▌ 医疗保障  ")])
    # screen columns from 10: 医 at 12-13, 疗 at 14-15; a cut at 15 would split 疗
    shown = keep_wide_chars(strip, 10, {15})
    assert shown.text == "▌ 医 疗保障 "
    assert shown.cell_length == strip.cell_length
    assert keep_wide_chars(strip, 10, {14, 16}) is strip  # cuts between characters: as is
    # The whole text one cell right instead: no gap inside it, the width kept.
    moved = keep_wide_chars(strip, 10, {15}, lead_at=2)
    assert moved.text == "▌  医疗保障 " and moved.cell_length == strip.cell_length


@asynccontextmanager
async def toast_over_interview(
    home: Path, example_report: Report, size: tuple[int, int]
) -> AsyncIterator[ZichaApp]:
    """The app on the interview of a new report, with MESSAGE shown as a toast."""
    with ReportStore.open(home) as s:
        report = s.create(example_report)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=size, notifications=True) as pilot:
        app.open_report(report.id or 0)
        await settle(pilot)
        app.notify(MESSAGE, timeout=60)
        await settle(pilot)
        yield app


def _in_order(needle: str, haystack: str) -> int:
    """How many characters of needle appear in haystack in order."""
    found = 0
    for ch in haystack:
        if found < len(needle) and ch == needle[found]:
            found += 1
    return found


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_a_toast_over_the_interview_panels_loses_no_character(
    home: Path, example_report, no_library, size: tuple[int, int]
) -> None:
    async with toast_over_interview(home, example_report, size) as app:
        toasts = list(app.screen.query(toast_module.Toast))
        assert toasts and all(isinstance(t, CjkToast) for t in toasts)
        (toast,) = toasts
        inside = screen_lines(app, toast.region.x)[toast.region.y : toast.region.bottom]
        # The toast lies over a panel edge (else this test would prove nothing) ...
        cuts = app.screen._compositor.cuts
        assert any(
            toast.region.x < cut < toast.region.right
            for y in range(toast.region.y, toast.region.bottom)
            for cut in cuts[y]
        )
        # ... and every character of the message is there, in order.
        text = "".join(line.replace(" ", "") for line in inside)
        plain = MESSAGE.replace(" ", "")
        assert _in_order(plain, text) == len(plain), "\n".join(inside)


CJK_GAP = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef])")


@pytest.mark.parametrize("size", [(80, 24), (85, 24), (97, 30), (100, 30), (111, 35), (120, 40)])
async def test_a_toast_reaches_the_right_edge_and_opens_no_gap_in_its_text(
    home: Path, example_report, no_library, size: tuple[int, int]
) -> None:
    async with toast_over_interview(home, example_report, size) as app:
        (toast,) = app.screen.query(toast_module.Toast)
        # No strip of the panel beneath between the toast and the screen's edge.
        assert toast.region.right == size[0]
        inside = screen_lines(app, toast.region.x)[toast.region.y : toast.region.bottom]
        # A panel edge under the toast opens no space between two Chinese characters
        # (MESSAGE has none), and nothing is lost.
        assert not any(CJK_GAP.search(line) for line in inside), "\n".join(inside)
        plain = MESSAGE.replace(" ", "")
        assert _in_order(plain, "".join(x.replace(" ", "") for x in inside)) == len(plain)
