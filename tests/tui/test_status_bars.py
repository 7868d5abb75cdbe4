"""Per-area status bars: plain block characters, Chinese labels aligned by terminal cells."""

from __future__ import annotations

import datetime as dt

from county_report import county_report
from rich.cells import cell_len

from report.models import Point, Report
from tui.widgets.status_bars import (
    BAR_CELLS,
    GLYPHS,
    area_bar_lines,
    report_status_counts,
    split_cells,
    status_bar,
)


def sample_report() -> Report:
    r = county_report(
        date=dt.date(2026, 11, 29),
    )
    r.section("organization").points = [
        Point(text="a", status="符合"),
        Point(text="b", status="符合"),
        Point(text="c", status="基本符合"),
        Point(text="d", status="不符合"),
    ]
    r.section("business").points = [Point(text="e", status="不适用"), Point(text="f")]
    r.section("supervision").points = [Point(text="g", status="不符合", skipped=True)]
    return r


def test_counts_per_area_skip_skipped_points():
    rows = dict(report_status_counts(sample_report()))
    assert rows["组织机构控制"] == {"符合": 2, "基本符合": 1, "不符合": 1, "不适用": 0, "待确认": 0}
    assert rows["业务运行控制"]["不适用"] == 1
    assert sum(rows["内部控制的管理和监督"].values()) == 0


def test_cells_are_proportional_and_fill_the_bar():
    assert split_cells({"符合": 2, "基本符合": 1, "不符合": 1, "不适用": 0}, 20) == {
        "符合": 10,
        "基本符合": 5,
        "不符合": 5,
        "不适用": 0,
        "待确认": 0,
    }
    # one rare status still shows
    cells = split_cells({"符合": 99, "基本符合": 0, "不符合": 1, "不适用": 0}, 20)
    assert cells["不符合"] == 1 and sum(cells.values()) == 20
    assert sum(split_cells({"符合": 1, "基本符合": 1, "不符合": 1, "不适用": 0}, 20).values()) == 20


def test_bar_glyphs_and_empty_area():
    bar = status_bar({"符合": 2, "基本符合": 1, "不符合": 1, "不适用": 0}).plain
    assert bar == GLYPHS["符合"][0] * 10 + GLYPHS["基本符合"][0] * 5 + GLYPHS["不符合"][0] * 5
    assert status_bar({}).plain == "·" * BAR_CELLS


def test_lines_align_whatever_the_label_length():
    lines = area_bar_lines(report_status_counts(sample_report()))
    assert len(lines) == 6 and lines[-1].plain.startswith("图例：")
    starts = set()
    for line in lines[:-1]:
        text = line.plain
        first_glyph = min(i for i, ch in enumerate(text) if ch in "█▓▒░·")
        starts.add(cell_len(text[:first_glyph]))
    assert starts == {21}  # every bar starts in the same terminal column
    assert "符合2 基本1 不符1 不适用0" in lines[0].plain


def test_unconfirmed_proposal_shows_as_pending_not_as_the_proposed_status():
    r = sample_report()
    r.section("business").points[0].status_confirmed = False  # zicha proposed 不适用
    rows = dict(report_status_counts(r))
    assert rows["业务运行控制"]["不适用"] == 0 and rows["业务运行控制"]["待确认"] == 1
    line = area_bar_lines(report_status_counts(r))[1].plain
    assert "?" in line and "待确认1" in line


async def test_home_shows_the_highlighted_reports_bars(home, store, example_report):
    from textual.widgets import Static

    from tui.app import ZichaApp

    example_report.section("organization").points[0].status = "不符合"
    first = store.create(example_report)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        bars = app.screen.query_one("#home-bars", Static)
        text = str(bars.render())
        assert f"第 {first.id} 号报告各方面符合情况" in text
        assert "组织机构控制" in text and "不符1" in text
        assert "内部控制的管理和监督" in text and "图例" in text
        assert bars.region.bottom <= 23  # above the footer at 80x24
        assert bars.region.height >= 7


async def test_draft_coverage_view_has_the_bars(home, store, example_report):
    from textual.widgets import Static

    from tui.app import ZichaApp
    from tui.screens.draft import DraftScreen
    from tui.widgets.draft_panels import CoverageScreen

    report = store.create(example_report)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.push_screen(DraftScreen(report.id))
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CoverageScreen)
        text = str(app.screen.query_one("#coverage-bars", Static).render())
        lines = text.splitlines()
        assert lines[0].startswith("组织机构控制") and "█" in lines[0]
        assert lines[-1].startswith("图例")
        note = app.screen.query_one(".panel-note", Static)
        assert note.region.height and note.region.bottom <= 24  # still on screen at 80x24
