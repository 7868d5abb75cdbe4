"""Chinese line breaking (避头尾) for text shown in a terminal.

A line may break between any two Chinese characters and at spaces; a run of Latin letters
or digits (YAML, Ctrl+S, 2026) stays whole. No line starts with closing punctuation
(，。、；：？！）》」』 …) and none ends with opening punctuation (（《「『 …): the character
before such a mark moves down with it. Widths are terminal cells (a Chinese character is 2).

Pure functions, no UI imports: the TUI, the console interview and the CLI help use them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

# May not start a line.
CLOSING = frozenset("，。、；：？！）》」』】〕〉”’…—·,.;:?!)]}%～")
# May not end a line.
OPENING = frozenset("（《「『【〔〈“‘([{")


def char_cells(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def cells(text: str) -> int:
    return sum(char_cells(ch) for ch in text)


def _is_word_char(ch: str) -> bool:
    # Latin letters, digits and the joiners inside words stay together (Ctrl+S, 2026-11-29).
    return ch.isascii() and (ch.isalnum() or ch in "_+-/.'#@&*=<>~^|\\$")


def _tokens(line: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the unbreakable pieces: a word, a space, or one other character."""
    i, n = 0, len(line)
    while i < n:
        j = i + 1
        if _is_word_char(line[i]):
            while j < n and _is_word_char(line[j]):
                j += 1
        yield i, j
        i = j


def _good_break(pieces: list[str], at: int) -> bool:
    """May a line end before pieces[at]? Spaces at the break are dropped, so look past them."""
    nxt = at
    while nxt < len(pieces) and pieces[nxt] == " ":
        nxt += 1
    prev = at - 1
    while prev >= 0 and pieces[prev] == " ":
        prev -= 1
    if prev < 0 or nxt >= len(pieces):
        return True
    return pieces[nxt][0] not in CLOSING and pieces[prev][-1] not in OPENING


def _split_long(piece: str, width: int) -> list[str]:
    out, cur, used = [], "", 0
    for ch in piece:
        w = char_cells(ch)
        if cur and used + w > width:
            out.append(cur)
            cur, used = "", 0
        cur += ch
        used += w
    if cur:
        out.append(cur)
    return out


def _wrap_line(line: str, width: int) -> list[tuple[int, int]]:
    """Offsets (start, end) in `line` of each wrapped line, spaces at breaks left out."""
    spans: list[tuple[int, int]] = []
    for a, b in _tokens(line):
        piece = line[a:b]
        if cells(piece) > width:
            pos = a
            for part in _split_long(piece, width):
                spans.append((pos, pos + len(part)))
                pos += len(part)
        else:
            spans.append((a, b))
    pieces = [line[a:b] for a, b in spans]
    widths = [cells(p) for p in pieces]
    out: list[tuple[int, int]] = []
    start = 0
    n = len(pieces)
    while start < n:
        # Spaces at the start of a wrapped line are dropped (not at the start of the text).
        if out:
            while start < n and pieces[start] == " ":
                start += 1
            if start >= n:
                break
        used, end = 0, start
        while end < n and used + widths[end] <= width:
            used += widths[end]
            end += 1
        if end < n and end > start:
            brk = end
            while brk > start + 1 and not _good_break(pieces, brk):
                brk -= 1
            if _good_break(pieces, brk):
                end = brk
        if end == start:  # a single piece wider than the line cannot happen (split above)
            end = start + 1
        last = end
        while last > start + 1 and pieces[last - 1] == " ":
            last -= 1
        out.append((spans[start][0], spans[last - 1][1]))
        start = end
    if not out:
        out.append((0, 0))
    return out


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """(start, end) offsets into `text` of each display line; "\\n" always breaks."""
    width = max(width, 2)
    result: list[tuple[int, int]] = []
    base = 0
    for line in text.split("\n"):
        if line:
            result.extend((base + a, base + b) for a, b in _wrap_line(line, width))
        else:
            result.append((base, base))
        base += len(line) + 1
    return result


def wrap(text: str, width: int) -> list[str]:
    """`text` broken into lines of at most `width` cells, following 避头尾."""
    return [text[a:b] for a, b in wrap_offsets(text, width)]


def fill(text: str, width: int) -> str:
    return "\n".join(wrap(text, width))
