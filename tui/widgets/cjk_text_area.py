"""A TextArea whose soft wrap follows the 避头尾 rules: no line starts with 「，」 or 「。」.

Textual's TextArea folds Chinese at the last cell that fits and has no hook for line
breaking (textual 8.2.8), so a comma typed at the wrong place started the next line. Here each
break Textual picks in front of closing punctuation (or after opening punctuation) moves back
a character or two, and the rest of that line is folded again from there. Lines with tabs keep
Textual's breaks. What Textual keeps of the wrapping (offsets per line, and the screen rows of
each line) is rebuilt from the moved breaks; if a later Textual stores it differently, the
breaks stay as Textual made them (tests/tui/test_cjk_text_area.py fails then).
"""

from __future__ import annotations

from textual._wrap import compute_wrap_offsets
from textual.document._document import Location
from textual.document._wrapped_document import WrappedDocument
from textual.widgets import TextArea

from report.linebreak import CLOSING, OPENING


def _good_break(line: str, at: int) -> bool:
    return line[at] not in CLOSING and line[at - 1] not in OPENING


def kinsoku_offsets(line: str, width: int, tab_width: int, offsets: list[int]) -> list[int]:
    """Textual's wrap offsets for `line`, each bad break moved back (and the rest re-folded)."""
    if not offsets or "\t" in line or all(_good_break(line, k) for k in offsets):
        return offsets
    out: list[int] = []
    pos = 0
    while True:
        rest = compute_wrap_offsets(line[pos:], width, tab_size=tab_width)
        if not rest:
            return out
        end = pos + rest[0]
        brk = end
        while brk > pos + 1 and not _good_break(line, brk):
            brk -= 1
        if not _good_break(line, brk):
            brk = end  # a run of punctuation wider than the line: as Textual broke it
        out.append(brk)
        pos = brk


class KinsokuWrappedDocument(WrappedDocument):
    """WrappedDocument with the breaks of kinsoku_offsets."""

    def wrap(self, width: int, tab_width: int | None = None) -> None:
        super().wrap(width, tab_width)
        self._fix_lines(range(len(self._wrap_offsets)))

    def wrap_range(self, start: Location, old_end: Location, new_end: Location) -> None:
        super().wrap_range(start, old_end, new_end)
        top = min(start[0], old_end[0], new_end[0])
        bottom = max(start[0], new_end[0])
        self._fix_lines(range(max(top, 0), min(bottom + 1, len(self._wrap_offsets))))

    def _fix_lines(self, lines: range) -> None:
        width = self._width
        if not width:
            return
        changed = False
        for i in lines:
            old = self._wrap_offsets[i]
            new = kinsoku_offsets(self.document[i], width, self._tab_width, old)
            if new != old:
                self._wrap_offsets[i] = new
                changed = True
        if changed:
            self._rebuild_rows()

    def _rebuild_rows(self) -> None:
        """Screen rows of each document line, from the offsets (as WrappedDocument.wrap does)."""
        info: list[tuple[int, int]] = []
        rows: list[list[int]] = []
        y = 0
        for line_index, offsets in enumerate(self._wrap_offsets):
            ys = []
            for section in range(len(offsets) + 1):
                info.append((line_index, section))
                ys.append(y)
                y += 1
            rows.append(ys)
        self._offset_to_line_info = info
        self._line_index_to_offsets = rows


class CjkTextArea(TextArea):
    """TextArea with 避头尾 soft wrap; otherwise the same widget."""

    @property
    def wrapped_document(self) -> WrappedDocument:
        return self._kinsoku_document

    @wrapped_document.setter
    def wrapped_document(self, value: WrappedDocument) -> None:
        # TextArea makes a plain WrappedDocument (in __init__ and for each new text): use ours.
        try:
            value = KinsokuWrappedDocument(value.document, value._width, value._tab_width)
        except AttributeError:  # a Textual that keeps these otherwise: its own breaks
            pass
        self._kinsoku_document = value
