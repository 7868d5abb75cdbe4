"""Chinese numerals as used in article numbers: 一 … 九百九十九, with 〇/零 and Arabic digits."""

from __future__ import annotations

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
NUMERAL_CHARS = "零〇一二三四五六七八九十百两0123456789０１２３４５６７８９"


def parse_numeral(text: str) -> int | None:
    """'十二' -> 12, '一百零五' -> 105, '二十' -> 20, '二〇' -> 20, '12' -> 12; else None."""
    text = text.strip().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if len(text) > 1 and all(ch in _DIGITS for ch in text):
        # Digit by digit, as years and some article numbers are written: 二〇 -> 20.
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def to_chinese(n: int) -> str:
    """12 -> 十二, 105 -> 一百零五 (1..999)."""
    digits = "零一二三四五六七八九"
    if not 0 < n < 1000:
        return str(n)
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = ""
    if hundreds:
        out += digits[hundreds] + "百"
        if tens == 0 and ones:
            return out + "零" + digits[ones]
    if tens:
        out += ("" if tens == 1 and not hundreds else digits[tens]) + "十"
    if ones:
        out += digits[ones]
    return out
