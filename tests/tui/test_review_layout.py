"""The review page reads at 80×24 and 120×40; its footer lists only the keys the user's role
can use.

Before, every paragraph kept an empty comment column beside it: at 80 columns the text ran in
a 26-cell strip, and the header broke 「第 1 稿 / 第 4 版」 anywhere. Now a paragraph without
comments takes the whole width; under 100 columns the comments go below their paragraph.
"""

from __future__ import annotations

from pathlib import Path

from snapshot_helpers import screen_lines
from textual.widgets import Footer
from textual.widgets._footer import FooterKey
from tui_helpers import notices, settle, submitted_report

from report import workflow
from report.linebreak import cells
from report.models import Point
from report.store import ReportStore
from tui.app import ZichaApp
from tui.screens.review import ReviewScreen

PANE_X = 30  # the queue pane's width: the report starts right of it

POINT = "成立了内部控制领导小组，由局长任组长，分管副局长任副组长，各科室负责人为成员。"
REASON = "请写明领导小组的组成和分工"


def _returned(home: Path) -> int:
    rid = submitted_report(home, Point(text=POINT, status="符合"))
    with ReportStore.open(home) as store:
        workflow.return_report(store, rid, "li", REASON)
    return rid


async def _doc_lines(home: Path, rid: int, actor: str, size: tuple[int, int]) -> list[str]:
    app = ZichaApp(home, actor=actor, resume=False)
    async with app.run_test(size=size) as pilot:
        app.push_screen(ReviewScreen(rid))
        await settle(pilot)
        return [line.rstrip() for line in screen_lines(app, x=PANE_X)[1:-1]]


def _row_of(lines: list[str], text: str) -> int:
    return next(i for i, line in enumerate(lines) if text in line)


async def test_review_reads_at_80x24(home: Path) -> None:
    rid = _returned(home)
    lines = await _doc_lines(home, rid, "li", (80, 24))
    # the header's items are never broken: 「退回修改」「第 1 次送审」「第 2 版」 each whole
    assert "第 1 次送审" in lines[0] + lines[1] and "第 3 版" in lines[0] + lines[1], lines[:2]
    # the returned comment stands whole, below the whole-report line, indented
    comment = _row_of(lines, REASON)
    assert "【全文】" in lines[comment - 1] and REASON in lines[comment]
    # a paragraph without comments uses the pane's width, not a 26-cell strip
    first = _row_of(lines, "1．")
    assert cells(lines[first].strip(" │▊▃▆")) >= 40, lines[first]


async def test_review_keeps_the_margin_beside_at_120x40(home: Path) -> None:
    rid = _returned(home)
    lines = await _doc_lines(home, rid, "li", (120, 40))
    row = _row_of(lines, "【全文】")
    assert "▶ #1 li：请写明" in lines[row]  # the comment in the margin, beside the paragraph
    header = lines[0]
    assert "退回修改　第 1 次送审　第 3 版" in header, header


def _footer(app: ZichaApp) -> list[str]:
    return [str(k.description) for k in app.screen.query_one(Footer).query(FooterKey)]


async def test_footer_lists_only_the_roles_keys(home: Path) -> None:
    rid = submitted_report(home, Point(text=POINT, status="符合"))
    for actor, shown, hidden in (
        ("li", {"批注", "退回", "审定"}, {"提交"}),
        ("zhang", {"提交", "回复"}, {"批注", "退回", "审定"}),
    ):
        app = ZichaApp(home, actor=actor, resume=False)
        async with app.run_test(size=(80, 24)) as pilot:
            app.push_screen(ReviewScreen(rid))
            await settle(pilot)
            footer = set(_footer(app))
            assert shown <= footer and not hidden & footer, (actor, footer)
            if actor == "zhang":
                # a hidden key pressed anyway says why, and changes nothing
                await pilot.press("b")
                await settle(pilot)
                assert any("只有审核人可以退回报告" in n for n in notices(app))
    with ReportStore.open(home) as store:
        assert store.get(rid).status == "submitted"


async def test_diff_pickers_read_at_80x24_and_focus_comes_back(home: Path) -> None:
    """Side by side, each picker had 24 cells: 「第 1 次送审（zhang，…）」 broke over three lines."""
    from tui.screens.review_dialogs import DiffScreen

    rid = _returned(home)
    app = ZichaApp(home, actor="li", resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ReviewScreen(rid))
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DiffScreen)
        lines = screen_lines(app)
        assert any("第 1 次送审（zhang，" in line and "）" in line for line in lines), lines
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert app.focused is app.screen.query_one("#review-doc")
