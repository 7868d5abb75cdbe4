"""Splitting documents numbered 一、（一）1.（1） (local 规程 and 办法 often are).

One chunk per second-level item （一）, with its 1. and （1） sub-items inside; a top-level part
一、 without such items is one chunk. The citation follows the way such documents are cited:
《…》第三部分（二）. An over-long item is split into parts that keep the citation.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .models import Chunk
from .numerals import parse_numeral

_CN = "[零〇一二三四五六七八九十百两]{1,4}"
PART = re.compile(rf"^({_CN})\s*[、．.]\s*(.*)$")
ITEM = re.compile(rf"^[（(]({_CN})[）)]\s*(.*)$")

SplitArticle = Callable[[list[str]], list[str]]


def _running(lines: list[str], pattern: re.Pattern[str]) -> list[int]:
    """Indexes of lines opening a numbered unit whose numbers run on 1, 2, 3 …"""
    found: list[int] = []
    last = 0
    for i, line in enumerate(lines):
        m = pattern.match(line)
        if not m:
            continue
        n = parse_numeral(m.group(1))
        if n is not None and (n == 1 or n == last + 1):
            found.append(i)
            last = n
    return found


def part_lines(lines: list[str]) -> list[int]:
    """Lines opening the parts 一、二、三、… of a document (empty when it has fewer than two)."""
    found = _running(lines, PART)
    return found if len(found) >= 2 else []


def _part_title(rest: str) -> str:
    """'总体要求' stays; a long numbered paragraph is named by its first words."""
    head = re.split(r"[。；：:，,]", rest, maxsplit=1)[0]
    return head[:20]


def split_outline(lines: list[str], parts: list[int], split_article: SplitArticle) -> list[Chunk]:
    chunks: list[Chunk] = []

    def add(path: str, article: str | None, body: list[str]) -> None:
        body = [b for b in body if b]
        if not body:
            return
        for n, text in enumerate(split_article(body), start=1):
            chunks.append(Chunk(seq=0, chapter_path=path, article=article, part=n, text=text))

    preamble = [line for line in lines[: parts[0]] if line]
    # Header lines (issuer, 文号, title, date) are metadata; a real opening paragraph is kept.
    preamble = [line for line in preamble if len(line) > 40 or re.search(r"[。；：]", line)]
    if preamble:
        add("", None, preamble)
    bounds = [*parts, len(lines)]
    for start, end in zip(bounds, bounds[1:], strict=False):
        m = PART.match(lines[start])
        assert m is not None
        number = m.group(1)
        title = _part_title(m.group(2).strip())
        path = f"{number}、{title}" if title else f"{number}、"
        label = f"第{number}部分"
        section = lines[start:end]
        items = _running(section, ITEM)
        if len(items) < 2:
            add(path, label, section)
            continue
        intro = section[: items[0]]
        # The part's heading line alone is not an excerpt; a part opening with text is.
        if len([x for x in intro if x]) > 1 or len(intro[0]) > 30:
            add(path, label, intro)
        item_bounds = [*items, len(section)]
        for a, b in zip(item_bounds, item_bounds[1:], strict=False):
            im = ITEM.match(section[a])
            assert im is not None
            add(path, f"{label}（{im.group(1)}）", section[a:b])
    return [c.model_copy(update={"seq": n}) for n, c in enumerate(chunks)]
