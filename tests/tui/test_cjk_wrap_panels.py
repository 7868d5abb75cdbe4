"""Long Chinese lines in the preflight list, the article viewer and the library's search
results break by the 避头尾 rules.

Rich and Textual wrap at spaces: 「[错误] 组织机构控制：……」 put 「[错误]」 alone on a line and
the rest of the sentence below it, and a closing 」 or 。 could start a line. These panels use
the project's line breaker (report.linebreak) instead.
"""

from __future__ import annotations

import re
from pathlib import Path

from snapshot_helpers import screen_lines
from textual.app import App

from exports.preflight import PreflightItem
from knowledge.models import SearchHit
from report.linebreak import CLOSING
from tui.widgets.draft_panels import PreflightScreen
from tui.widgets.library_article import ArticleScreen

TUI = Path(__file__).resolve().parents[2] / "tui"

MESSAGE = (
    "有3个要点尚未回答：ORG-05廉政教育与业务培训、ORG-06重要岗位轮岗与回避、ORG-07绩效考核"
    "与责任落实。请补答；确实不涉及的，设为「不适用」。"
)


def _panel_lines(lines: list[str]) -> list[str]:
    """The text between the panel's borders, one entry per screen line."""
    out = []
    for line in lines:
        inner = re.sub(r"^[\s█▊▎]+|[\s█▊▎]+$", "", line)
        if inner:
            out.append(inner)
    return out


async def test_preflight_item_keeps_its_level_with_its_text() -> None:
    items = [PreflightItem(level="错误", message=MESSAGE, section_key="organization")]
    app: App[None] = App()
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(PreflightScreen(items))
        await pilot.pause()
        lines = _panel_lines(screen_lines(app))
        assert "[错误]" not in lines, lines  # never alone on its line
        start = next(i for i, line in enumerate(lines) if line.startswith("[错误]"))
        assert lines[start].startswith("[错误] 组织机构控制：有3个要点"), lines
        for line in lines:
            assert line[:1] not in CLOSING, lines


async def test_summary_notice_in_the_article_viewer_is_not_broken_after_zicha() -> None:
    text = "经办机构应当对参保单位和个人缴费、待遇领取情况开展核查。"
    hit = SearchHit(
        chunk_id=1,
        doc_id=1,
        title="社会保险经办条例",
        doc_number="国务院令第765号",
        article=None,
        text=text,
        highlighted=text,
        citation="《社会保险经办条例》（国务院令第765号）",
        is_summary=True,
    )
    app: App[None] = App()
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(ArticleScreen(hit))
        await pilot.pause()
        lines = _panel_lines(screen_lines(app))
        start = next(i for i, line in enumerate(lines) if line.startswith("这是 zicha"))
        # The sentence runs on after 「zicha」 to the end of the line, not from the next one.
        assert lines[start].startswith("这是 zicha 内置的要点摘要，不是原文。"), lines


async def test_search_results_never_start_a_line_with_closing_punctuation() -> None:
    from tui.widgets.library_results import ResultList

    # excerpts of every length around a line's width: one of them ends exactly at the edge
    hits = [
        SearchHit(
            chunk_id=n,
            doc_id=1,
            title="某规程",
            doc_number=None,
            article="第一条",
            text="经" * n + "。",
            highlighted="经" * n + "。",
            citation="《某规程》第一条",
        )
        for n in range(30, 46)
    ]

    class Results(App[None]):
        CSS_PATH = TUI / "library.tcss"  # the library screen's styles

        def compose(self):  # type: ignore[no-untyped-def]
            yield ResultList(id="search-results")

    app = Results()
    async with app.run_test(size=(80, 60)) as pilot:
        await app.query_one(ResultList).show(hits)
        await pilot.pause()
        lines = _panel_lines(screen_lines(app))
        assert any(line.startswith("经经") for line in lines), lines
        for line in lines:
            assert line[:1] not in CLOSING, lines
