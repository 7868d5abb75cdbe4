"""At 80×24 the login box asking for a new password (a temporary password) was taller than
the screen and did not scroll: 「再输入一遍」 and the button were cut off and what was typed
there could not be seen. Each field, when focused, is now on screen."""

from __future__ import annotations

from pathlib import Path

from test_login_screen import PASSWORDS, add_team, log_in
from textual.widgets import Input

from tui.app import ZichaApp
from tui.screens.login import LoginScreen


def _on_screen(app: ZichaApp, widget) -> bool:
    box = app.screen.query_one("#login-box").region
    r = widget.region
    return r.height > 0 and box.y <= r.y and r.bottom <= box.bottom and r.bottom <= 24


async def test_new_password_fields_are_visible_at_80x24(tmp_path: Path):
    home = tmp_path / "home"
    add_team(home, temporary=True)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(app, pilot, "zhang", PASSWORDS["zhang"])
        assert isinstance(app.screen, LoginScreen)
        for field in ("#login-new", "#login-new2"):
            box = app.screen.query_one(field, Input)
            box.focus()
            await pilot.pause()
            await pilot.pause()
            await pilot.pause()
            assert _on_screen(app, box), field
        button = app.screen.query_one("#login-ok")
        button.focus()
        await pilot.pause()
        await pilot.pause()
        await pilot.pause()
        assert _on_screen(app, button)
