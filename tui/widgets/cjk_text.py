"""Text that breaks lines by the 避头尾 rules (report.linebreak) at whatever width it gets.

Textual wraps Chinese anywhere, so 「，」 or 「。」 can start a line. `Wrapped` is a Rich
renderable: it is broken into lines at render time, so a resize re-wraps it correctly.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import Static

from report.linebreak import cells, wrap_offsets


class Wrapped(Visual):
    """Text broken into lines by the 避头尾 rules at the width it is given; str() is the text."""

    def __init__(self, text: Text | str, style: str = "") -> None:
        self.text = text if isinstance(text, Text) else Text(text, style=style)
        self._cache: dict[int, Content] = {}

    def __str__(self) -> str:
        return self.text.plain

    def lines(self, width: int) -> list[Text]:
        out = []
        for a, b in wrap_offsets(self.text.plain, max(width, 2)):
            line = self.text[a:b]
            line.end = "\n"
            line.no_wrap = True
            out.append(line)
        return out

    def _content(self, width: int) -> Content:
        cached = self._cache.get(width)
        if cached is None:
            joined = Text("\n").join(self.lines(width))
            cached = self._cache[width] = Content.from_rich_text(joined)
        return cached

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return self._content(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        longest = max((cells(line) for line in self.text.plain.split("\n")), default=0)
        return min(longest, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(wrap_offsets(self.text.plain, max(width, 2)))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.lines(options.max_width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        longest = max((cells(line) for line in self.text.plain.split("\n")), default=0)
        return Measurement(min(4, longest), longest)


class Segmented(Wrapped):
    """Short items (「第 2 次送审」, 「第 4 版」) joined on one line while they fit, else moved
    whole to the next line: a status or header line never breaks in the middle of an item."""

    def __init__(self, parts: Sequence[Text | str], sep: str = "　") -> None:
        self.parts = [p if isinstance(p, Text) else Text(p) for p in parts if str(p)]
        self.sep = sep
        super().__init__(Text(sep).join(self.parts))

    def lines(self, width: int) -> list[Text]:
        width = max(width, 2)
        out: list[Text] = []
        current: Text | None = None
        for part in self.parts:
            if current is not None and cells(current.plain + self.sep + part.plain) <= width:
                current = Text.assemble(current, self.sep, part)
                continue
            if current is not None:
                out.append(current)
            current = None
            pieces = Wrapped(part).lines(width)  # an item longer than the line still wraps
            out.extend(pieces[:-1])
            current = pieces[-1] if pieces else None
        if current is not None:
            out.append(current)
        for line in out:
            line.end = "\n"
            line.no_wrap = True
        return out or [Text("")]

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self.lines(width))


class WrappedStatic(Static):
    """A Static whose content is wrapped by the Chinese line-breaking rules."""

    def __init__(self, text: Text | str = "", **kwargs: Any) -> None:
        super().__init__(Wrapped(text), **kwargs)
        self.source = str(text)

    def update_text(self, text: Text | str) -> None:
        self.source = str(text)
        self.update(Wrapped(text))
