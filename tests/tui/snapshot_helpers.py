"""Deterministic snapshots: no blinking cursors, all workers finished."""

from __future__ import annotations

from textual.widgets import Input, TextArea


def stop_blinking(app) -> None:  # type: ignore[no-untyped-def]
    for screen in app.screen_stack:
        for widget in screen.query("Input, TextArea"):
            if isinstance(widget, Input | TextArea):
                widget.cursor_blink = False
            if isinstance(widget, TextArea):
                # Its line cache does not key on blinking: a line drawn in the blink's off phase
                # would stay without a cursor (a Textual quirk) and the picture would flake.
                widget._line_cache.clear()
                widget.refresh()


async def steady(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    stop_blinking(pilot.app)
    await pilot.pause()


def screen_lines(app, x: int = 0) -> list[str]:  # type: ignore[no-untyped-def]
    """The screen as the terminal shows it, one string per line from cell x on (composed by
    Textual the same way as for the terminal, panel edges and toasts included)."""
    strips = app.screen._compositor.render_strips()
    return [strip.crop(x).text for strip in strips]
