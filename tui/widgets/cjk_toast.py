"""Toasts that keep every Chinese character where a panel edge runs under them.

Textual composes the screen line by line in pieces ("cuts") at every widget's left and right
edge, also under a toast. A double-width character of the toast that straddles such an edge is
split in two and both halves become spaces: 「某县医疗保障事务中心」 showed as 「某县医    障事务
中心」 over the interview's panels. A toast here moves such a character one cell to the right
(a space before it) so that it starts on the edge, and gives the cell back at the end of the
line, where the toast's padding and the wrap slack leave room (ZichaApp.notify wraps its
text with that slack). Such a space shows as a gap in the text, so first the whole text is
tried one cell further right (one more cell of left padding): panel edges mostly run down
the toast at the same column, and one shift of every line then clears them all.

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


def keep_wide_chars(strip: Strip, x0: int, cuts: Collection[int], lead_at: int = -1) -> Strip:
    """`strip`, drawn from screen column x0, with each double-width character that a cut
    would split moved right by one cell; the strip keeps its width (cells at its end go).
    lead_at >= 0: first move everything from that cell of the strip on one cell right."""
    return _shifted(strip, x0, cuts, lead_at)[0]


def _shifted(strip: Strip, x0: int, cuts: Collection[int], lead_at: int) -> tuple[Strip, int]:
    """keep_wide_chars, and how many characters it had to move on their own (gaps)."""
    width = strip.cell_length
    if lead_at >= 0:
        head, tail = strip.crop(0, lead_at), strip.crop(lead_at, width)
        style = next((seg.style for seg in tail), None)  # the padding's background
        strip = Strip([*head, Segment(" ", style), *tail])
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
    if not shifted and lead_at < 0:
        return strip, 0
    return Strip(segments).crop(0, width), shifted


class CjkToast(Toast):
    """Textual's toast, drawn so that no Chinese character is lost over a panel edge."""

    def render_lines(self, crop: Region) -> list[Strip]:
        try:
            cuts = self.screen._compositor.cuts  # where the screen is cut on each line
        except Exception:  # noqa: BLE001 - not laid out yet: draw as Textual does
            return super().render_lines(crop)
        # Decided on the whole toast, so that every part Textual asks for is drawn alike.
        whole = Region(0, 0, *self.region.size)
        strips = super().render_lines(whole)
        x0, y0 = self.region.x, self.region.y
        line_cuts = [
            set(cuts[y0 + i]) if 0 <= y0 + i < len(cuts) else set() for i in range(len(strips))
        ]
        text_at = self.content_region.x - x0  # where the text starts in each strip
        pairs = list(zip(strips, line_cuts, strict=True))
        as_laid = [_shifted(s, x0, c, -1) for s, c in pairs]
        moved = [_shifted(s, x0, c, text_at) for s, c in pairs]  # one cell further right
        # Fewest gaps wins; on a tie the text keeps one left edge (as laid out, then all
        # lines moved, then each line as suits it).
        options = [
            as_laid,
            moved,
            [min(a, m, key=lambda d: d[1]) for a, m in zip(as_laid, moved, strict=True)],
        ]
        best = min(options, key=lambda drawn: sum(n for _, n in drawn))
        return [strip.crop(crop.x, crop.right) for strip, _ in best[crop.y : crop.bottom]]


def install() -> None:
    """Make Textual's toast rack create CjkToast (idempotent)."""
    import textual.widgets._toast as toast_module

    toast_module.Toast = CjkToast  # type: ignore[misc]  # the rack looks the class up by name
