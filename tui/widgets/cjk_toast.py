"""Toasts that keep every Chinese character where a panel edge runs under them.

Textual composes the screen line by line in pieces ("cuts") at every widget's left and right
edge, also under a toast. A double-width character of the toast that straddles such an edge is
split in two and both halves become spaces: 「某县医疗保障事务中心」 showed as 「某县医    障事务
中心」 over the interview's panels. A toast here moves such a character one cell to the right
(a space before it) so that it starts on the edge, and gives the cell back at the end of the
line, where the toast's padding and the wrap slack leave room (ZichaApp.notify wraps its
text with that slack).

Installed for the whole app by `install()` (ZichaApp does it), because Textual's toast rack
creates its toasts by the name `Toast` in textual.widgets._toast; tests/tui/test_toasts.py
fails if that stops working.
"""

from __future__ import annotations

from collections.abc import Collection

from rich.cells import cell_len
from rich.segment import Segment
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets._toast import Toast


def keep_wide_chars(strip: Strip, x0: int, cuts: Collection[int]) -> Strip:
    """`strip`, drawn from screen column x0, with each double-width character that a cut
    would split moved right by one cell; the strip keeps its width (cells at its end go)."""
    width = strip.cell_length
    segments: list[Segment] = []
    col = x0
    shifted = 0
    for segment in strip:
        text, style, control = segment
        if control:
            segments.append(segment)
            continue
        out: list[str] = []
        for ch in text:
            cells = cell_len(ch)
            while cells == 2 and (col + 1) in cuts:
                out.append(" ")
                col += 1
                shifted += 1
            out.append(ch)
            col += cells
        segments.append(Segment("".join(out), style))
    if not shifted:
        return strip
    return Strip(segments).crop(0, width)


class CjkToast(Toast):
    """Textual's toast, drawn so that no Chinese character is lost over a panel edge."""

    def render_lines(self, crop: Region) -> list[Strip]:
        strips = super().render_lines(crop)
        try:
            cuts = self.screen._compositor.cuts  # where the screen is cut on each line
        except Exception:  # noqa: BLE001 - not laid out yet: draw as Textual does
            return strips
        x0, y0 = self.region.x + crop.x, self.region.y + crop.y
        return [
            keep_wide_chars(strip, x0, set(cuts[y0 + i])) if 0 <= y0 + i < len(cuts) else strip
            for i, strip in enumerate(strips)
        ]


def install() -> None:
    """Make Textual's toast rack create CjkToast (idempotent)."""
    import textual.widgets._toast as toast_module

    toast_module.Toast = CjkToast  # type: ignore[misc]  # the rack looks the class up by name
