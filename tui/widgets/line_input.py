"""A one-line input box that holds only what can be stored: control characters (terminal
escapes in a paste, a stray ESC) go as they are typed or pasted, not later when the value is
saved, so what the officer sees in the box is what is stored."""

from __future__ import annotations

from textual.widgets import Input

from report.limits import clean_line


class LineInput(Input):
    def replace(self, text: str, start: int, end: int) -> None:
        # Typing and pasting both end here; cleaning the inserted text first keeps the
        # cursor right after it.
        super().replace(clean_line(text), start, end)

    def validate_value(self, value: str) -> str:
        # Anything set directly (a prefilled value, a program) is cleaned too.
        return clean_line(value)
