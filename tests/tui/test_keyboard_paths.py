"""Every action has a key, and every key a screen shows (footer, palette) is on its F1 page.

The review screen is driven by keyboard only: ↓ selects a paragraph, C comments on it,
R replies, S resolves.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import TextArea
from tui_helpers import settle, submitted_report

from report import comments
from report.models import Point
from report.store import ReportStore
from tui.app import ZichaApp
from tui.help_text import help_page
from tui.screens.help import HelpScreen
from tui.screens.review import ReviewScreen


def _setup(home: Path) -> int:
    return submitted_report(home, Point(text="成立了内部控制领导小组。"))


async def _type_and_confirm(pilot, text: str) -> None:
    await settle(pilot)
    area = pilot.app.screen.query_one(TextArea)
    assert area.has_focus
    await pilot.press(*text)
    await pilot.press("ctrl+s")
    await settle(pilot)


async def test_review_comment_reply_resolve_by_keyboard(home: Path) -> None:
    rid = _setup(home)
    app = ZichaApp(home, actor="li", resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("enter")  # the queue's first report
        await settle(pilot)
        # 全文 → 组织机构控制 → its first paragraph
        await pilot.press("down", "down")
        await pilot.press("c")
        await _type_and_confirm(pilot, "请写明组长")
        await pilot.press("r")
        await _type_and_confirm(pilot, "已补")
        await pilot.press("s")
        await settle(pilot)
    with ReportStore.open(home) as store:
        point = store.get(rid).section("organization").points[0]
        [thread] = comments.threads(store.conn, rid)
    assert thread.comment.point_id == point.id
    assert thread.comment.body == "请写明组长"
    assert [r.body for r in thread.replies] == ["已补"]
    assert thread.comment.resolved


def _footer_keys(screen) -> list[tuple[str, str]]:
    return [
        (screen.app.get_key_display(a.binding), a.binding.description)
        for a in screen.active_bindings.values()
        if a.binding.show
    ]


async def _check_screen(pilot) -> None:
    screen = pilot.app.screen
    page = help_page(screen)
    keys_part = page.split("【命令面板")[0].split("【怎么做】")[0]
    for key, description in _footer_keys(screen):
        rows = [line.split() for line in keys_part.splitlines()]
        assert any(description == row[-1] and key in row[:-1] for row in rows if row), (
            type(screen).__name__,
            key,
            description,
            keys_part,
        )
    for command in getattr(screen, "palette_commands", list)():
        assert command.title in page, (type(screen).__name__, command.title)
    assert "【怎么做】" in page, type(screen).__name__
    await pilot.press("f1")
    await settle(pilot)
    assert isinstance(pilot.app.screen, HelpScreen)
    await pilot.press("escape")
    await settle(pilot)
    assert pilot.app.screen is screen


@pytest.mark.slow
async def test_every_screen_lists_its_footer_and_palette_keys_in_f1(
    home: Path, example_report, no_library
) -> None:
    with ReportStore.open(home) as store:
        rid = store.create(example_report).id
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await settle(pilot)
        await _check_screen(pilot)  # Home
        app.open_report(rid)
        await app.workers.wait_for_complete()
        await settle(pilot)
        await _check_screen(pilot)  # interview
        app.pop_screen()
        app.open_draft(rid)
        await settle(pilot)
        await _check_screen(pilot)
        app.pop_screen()
        app.push_screen(ReviewScreen(rid))
        await settle(pilot)
        await _check_screen(pilot)
        app.pop_screen()
        app.open_library()
        await settle(pilot)
        await _check_screen(pilot)
        app.pop_screen()
        await pilot.press("n")
        await settle(pilot)
        await _check_screen(pilot)


async def test_f1_page_lists_function_keys_in_order(home, example_report, no_library) -> None:
    """The interview's F1 page listed F6 and F7 above F1 (the answer box's keys came first)."""
    import re

    from report.store import ReportStore
    from tui.app import ZichaApp
    from tui.help_text import key_rows
    from tui.screens.interview import InterviewScreen

    with ReportStore.open(home) as store:
        rid = store.create(example_report).id
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_report(rid)
        for _ in range(50):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if isinstance(app.screen, InterviewScreen) and app.screen.prompt is not None:
                break
        keys = [k for k, _ in key_rows(app.screen)]
        numbers = [int(m.group(1)) for k in keys if (m := re.match(r"[Ff](\d+)", k))]
        assert numbers == sorted(numbers) and numbers[:1] == [1], keys
        assert keys[: len(numbers)] == [k for k in keys if re.match(r"[Ff]\d", k)], keys
