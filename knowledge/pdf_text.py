"""The text of a PDF's pages rebuilt from where each character stands (PDFium, via pypdfium2).

pypdf gives the characters in the order the page draws them. LibreOffice draws a line's quotation
marks, dashes and ellipses (“”‘’——……, set in a Western font) before the Chinese text of that
line, so they came out at the line's start, away from the words they belong to: 「“ ”以通过银行代
扣、 汀南税务 APP」 for 「以通过银行代扣、“汀南税务”APP」, and 「“ ” ‘ ’第一条按照 一人一档」,
where the article no longer started its line and was not found. Here the characters are grouped
into lines by their baseline and read from left to right.

page_texts returns None whenever PDFium cannot read the file; the loader then keeps pypdf's text.
"""

from __future__ import annotations

import ctypes
import math
import threading
from dataclasses import dataclass
from typing import Any

_LOCK = threading.Lock()  # PDFium is not thread-safe
# Not characters of the text: PDFium's own line breaks, and codes for "no character".
_SKIP = {0, 0x0D, 0x0A, 0xFFFE, 0xFFFF}


@dataclass(frozen=True)
class _Char:
    text: str
    x: float  # where the glyph starts along its line
    end: float  # where its advance ends
    y: float  # its baseline, across the line
    size: float


def page_texts(data: bytes, password: str | None = None) -> list[str] | None:
    """One text per page, its lines top to bottom, or None if PDFium cannot read the file."""
    try:
        import pypdfium2 as pdfium
    except ImportError:  # pragma: no cover - a dependency; pypdf's text then
        return None
    with _LOCK:
        try:
            pdf = pdfium.PdfDocument(data, password=password)
        except Exception:
            return None
        try:
            return [_page_text(pdf[i]) for i in range(len(pdf))]
        except Exception:
            return None
        finally:
            pdf.close()


def _page_text(page: Any) -> str:
    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    try:
        handle = textpage.raw
        ox, oy = ctypes.c_double(), ctypes.c_double()
        box = raw.FS_RECTF()
        # characters by quarter turn: upright text, then text turned 90°, 180°, 270°
        turned: dict[int, list[_Char]] = {}
        for i in range(textpage.count_chars()):
            code = raw.FPDFText_GetUnicode(handle, i)
            if code in _SKIP or raw.FPDFText_IsGenerated(handle, i) == 1:
                continue
            raw.FPDFText_GetCharOrigin(handle, i, ox, oy)
            raw.FPDFText_GetLooseCharBox(handle, i, box)
            angle = raw.FPDFText_GetCharAngle(handle, i)
            quarter = round(angle / (math.pi / 2)) % 4 if angle >= 0 else 0
            size = raw.FPDFText_GetFontSize(handle, i)
            cos, sin = _TURN[quarter]
            xs = [
                px * cos + py * sin for px in (box.left, box.right) for py in (box.bottom, box.top)
            ]
            x = ox.value * cos + oy.value * sin
            y = -ox.value * sin + oy.value * cos
            size = size if size > 0 else abs(box.top - box.bottom) or 1.0
            turned.setdefault(quarter, []).append(_Char(chr(code), x, max(xs), y, size))
    finally:
        textpage.close()
    lines: list[str] = []
    for quarter in sorted(turned):
        lines.extend(_lines(turned[quarter]))
    return "\n".join(lines)


# (cos, sin) of the turn that brings text of each quarter turn back upright
_TURN = {0: (1.0, 0.0), 1: (0.0, -1.0), 2: (-1.0, 0.0), 3: (0.0, 1.0)}


def _lines(chars: list[_Char]) -> list[str]:
    """Characters sharing a baseline form a line, read left to right; lines top to bottom."""
    rows: list[list[_Char]] = []
    base = 0.0
    for char in sorted(chars, key=lambda c: (-c.y, c.x)):
        if rows and abs(char.y - base) <= 0.35 * max(char.size, rows[-1][0].size):
            rows[-1].append(char)
        else:
            rows.append([char])
            base = char.y
    return [_join(sorted(row, key=lambda c: c.x)) for row in rows]


def _is_wide(text: str) -> bool:
    return text >= "\u2e80"  # CJK, full-width forms and punctuation


def _join(row: list[_Char]) -> str:
    out: list[str] = []
    prev: _Char | None = None
    for char in row:
        if prev is not None:
            if char.text == prev.text and abs(char.x - prev.x) < 0.2 * char.size:
                continue  # drawn twice at one place (a bold imitated by overprinting)
            gap = char.x - prev.end
            # a word gap: narrower between Latin letters and digits than between Chinese
            # characters, which a justified line spreads apart
            wide = _is_wide(char.text) and _is_wide(prev.text)
            if gap > (0.6 if wide else 0.25) * min(char.size, prev.size) and not (
                char.text.isspace() or prev.text.isspace()
            ):
                out.append(" ")
        out.append(char.text)
        prev = char
    return "".join(out)
