"""A dialog over the draft shows its own keys at the bottom of the screen.

The export dialog, the paragraph editor and the coverage / preflight panels showed the draft's
footer underneath (「e 修改 ⇧↑↓ 移动 n 编号 …」): keys that do nothing while the dialog is up, and
not the ones that do (Ctrl+S 导出 / 保存, Esc)."""

from __future__ import annotations

from pathlib import Path

import pytest
from snapshot_helpers import screen_lines
from tui_helpers import draft_app, settle

from tui.screens.draft import DraftScreen

DRAFT_ONLY = ("修改", "移动", "编号")


@pytest.mark.parametrize(
    ("keys", "wanted"),
    [
        (("x",), ("^s 导出", "esc 关闭")),
        (("down", "down", "down", "down", "down", "down", "e"), ("^s 保存", "esc 取消")),
        (("c",), ("esc 关闭",)),
        (("p",), ("esc 关闭",)),
    ],
)
async def test_dialog_over_the_draft_shows_its_own_keys(
    home: Path, store, example_report, keys: tuple[str, ...], wanted: tuple[str, ...]
) -> None:
    report = store.create(example_report)
    async with draft_app(home, report.id, size=(80, 24)) as (app, pilot, _screen):
        for key in keys:
            await pilot.press(key)
        await settle(pilot)
        assert not isinstance(app.screen, DraftScreen), keys
        bottom = screen_lines(app)[-1]
        for text in wanted:
            assert text in bottom, bottom
        for text in DRAFT_ONLY:
            assert text not in bottom, bottom


async def test_typed_confirmation_shows_its_own_keys(home: Path) -> None:
    """Approving in the review screen: the 「审定」 dialog showed 「c 批注 b 退回 a 审定 …」 below."""
    from tui_helpers import submitted_report

    from report.models import Point
    from tui.app import ZichaApp
    from tui.screens.confirm import ConfirmScreen
    from tui.screens.review import ReviewScreen

    rid = submitted_report(home, Point(text="成立了内部控制领导小组。", status="符合"))
    app = ZichaApp(home, actor="li", resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ReviewScreen(rid))
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        bottom = screen_lines(app)[-1]
        assert "esc 取消" in bottom and "批注" not in bottom and "退回" not in bottom, bottom
        await pilot.press("escape")
        await settle(pilot)
        assert app.focused is app.screen.query_one("#review-doc")  # back where the user was


@pytest.mark.parametrize("key", ["c", "b"])
async def test_review_text_dialog_shows_its_own_keys(home: Path, key: str) -> None:
    """The supervisor's 批注 / 退回 dialog showed 「c 批注 r 回复 s 解决 b 退回 a 审定 …」 below."""
    from tui_helpers import submitted_report

    from report.models import Point
    from tui.app import ZichaApp
    from tui.screens.review import ReviewScreen
    from tui.screens.review_dialogs import TextDialog

    rid = submitted_report(home, Point(text="成立了内部控制领导小组。", status="符合"))
    app = ZichaApp(home, actor="li", resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ReviewScreen(rid))
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        assert isinstance(app.screen, TextDialog)
        bottom = screen_lines(app)[-1]
        assert "^s 确定" in bottom and "esc 取消" in bottom, bottom
        for text in ("批注", "回复", "解决", "退回", "审定", "比较", "Ctrl+S）"):
            assert text not in bottom, bottom
