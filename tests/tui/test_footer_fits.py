"""At 80 columns every footer entry is shown whole (issue 12): the keys a screen lists fit left
of 「Ctrl+P 命令」; what does not fit is left out of the footer (F1 and the palette list it),
never cut in the middle."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.widgets import Footer
from textual.widgets._footer import FooterKey
from tui_helpers import settle

from report import comments, users, workflow
from report.store import ReportStore
from tui.app import ZichaApp

WIDTH = 80


def cut_entries(app: ZichaApp) -> list[str]:
    """Footer entries not shown whole on the current screen."""
    footer = app.screen.query_one(Footer)
    keys = list(footer.query(FooterKey))
    palette = [k for k in keys if k.has_class("-command-palette")]
    right = palette[0].region.x if palette else footer.region.right
    return [
        f"{k.key_display} {k.description}"
        for k in keys
        if not k.has_class("-command-palette")
        and (k.region.right > right or k.region.width < k.get_content_width(k.size, k.size))
    ]


Route = Callable[[ZichaApp, int], Awaitable[None] | None]


def _home(app: ZichaApp, rid: int) -> None:
    pass


def _interview(app: ZichaApp, rid: int) -> None:
    app.open_report(rid)


def _draft(app: ZichaApp, rid: int) -> None:
    app.open_draft(rid)


def _review(app: ZichaApp, rid: int) -> None:
    from tui.screens.review import ReviewScreen

    app.push_screen(ReviewScreen(rid))


def _library(app: ZichaApp, rid: int) -> None:
    app.open_library()


def _new_report(app: ZichaApp, rid: int) -> None:
    from tui.screens.new_report import NewReportScreen

    app.push_screen(NewReportScreen())


ROUTES = {
    "home": _home,
    "interview": _interview,
    "draft": _draft,
    "review": _review,
    "library": _library,
    "new_report": _new_report,
}


@pytest.fixture
def reviewed(home: Path, example_report) -> int:
    """A submitted report with an open comment: the screens show their fullest footers."""
    with ReportStore.open(home) as s:
        users.add_user(s.conn, "admin", "admin", "admin-pass-1", "本机用户")
        users.add_user(s.conn, "张三", "officer", "zhang-pass-1", "admin")
        users.add_user(s.conn, "李四", "supervisor", "lisi-pass-12", "admin")
        report = s.create(example_report, actor="张三")
        rid = report.id or 0
        workflow.submit(s, rid, "张三")
        comments.add_comment(s, rid, "李四", "请写明修订时间。", "organization", None)
        workflow.return_report(s, rid, "李四", "请补充轮岗情况。")
    return rid


@pytest.mark.parametrize("route", sorted(ROUTES))
@pytest.mark.parametrize("actor", ["张三", "李四"])
async def test_every_footer_entry_is_shown_whole_at_80_columns(
    home: Path, reviewed: int, no_library, route: str, actor: str
) -> None:
    app = ZichaApp(home, actor=actor, resume=False)
    async with app.run_test(size=(WIDTH, 24)) as pilot:
        await settle(pilot)
        ROUTES[route](app, reviewed)
        await settle(pilot)
        assert app.screen.query(Footer), route
        assert cut_entries(app) == [], route


async def test_every_section_tree_row_fits_at_80_columns(home: Path, reviewed: int, no_library):
    """The tree's titles are measured as if its scrollbar were there (it appears only after
    the rows are in): no row runs under it."""
    from tui.widgets.section_tree import SectionTree

    app = ZichaApp(home, actor="张三", resume=False)
    async with app.run_test(size=(WIDTH, 24)) as pilot:
        app.open_report(reviewed)
        await settle(pilot)
        tree = app.screen.query_one(SectionTree)
        visible = tree.scrollable_content_region.width
        assert tree.show_vertical_scrollbar  # the case that used to cut
        for y in range(tree.last_line + 1):
            assert tree.render_line(y).crop(0, visible).text.rstrip() == (
                tree.render_line(y).text.rstrip()
            ), y


@pytest.mark.parametrize("route", sorted(ROUTES))
async def test_function_keys_are_shown_in_capitals(
    home: Path, reviewed: int, no_library, route: str
) -> None:
    """F2 跳过, F2 检索 …: as printed on the keyboard and as F1 帮助 beside them, never f2."""
    app = ZichaApp(home, actor="张三", resume=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        ROUTES[route](app, reviewed)
        await settle(pilot)
        shown = [k.key_display for k in app.screen.query_one(Footer).query(FooterKey)]
        assert "F1" in shown, route
        lowercase = [k for k in shown if k[:1] == "f" and k[1:].isdigit()]
        assert lowercase == [], route
