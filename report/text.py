"""Text rules shared by drafting and export: punctuation, numbering, XML-safe text.

All functions are pure and idempotent.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Characters after which a Latin mark should become full-width: CJK and full-width closers.
_CJK_SIDE = CJK + r"\u3000-\u303f\uff01-\uff5e《》“”‘’（）"

_HALF_TO_FULL = {
    ",": "，",
    ".": "。",
    ":": "：",
    ";": "；",
    "?": "？",
    "!": "！",
    "(": "（",
    ")": "）",
}

_BETWEEN_TO_FULL = {**_HALF_TO_FULL, '"': "“"}
_LATIN_BETWEEN = rf"(?<=[{CJK}])[,.:;?!()\"](?=[{CJK}])"  # compiled on first use (re's cache)

# Matches a number the officer typed at the start: 一是 / 1. / 1、/ （一）/ (1) / 第一，/ 一、
_LEADING_NUMBER = re.compile(
    r"^\s*(?:"
    r"[一二三四五六七八九十]{1,3}是[，,、:：]?"
    r"|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）][、.．，,]?"
    r"|\d{1,3}\s*[.．、)）](?!\d)"
    r"|[一二三四五六七八九十]{1,3}、"
    r"|第[一二三四五六七八九十]{1,3}[，,、:：]"
    r")\s*"
)

# XML 1.0 forbids C0 controls except tab/newline/CR, surrogates, U+FFFE/U+FFFF.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def strip_xml_invalid(text: str) -> str:
    return _XML_INVALID.sub("", text)


# The rules below only act on whitespace or Latin marks; most report text has neither, and is
# returned as it is without compiling a regex (export speed, issue 16). tests/report checks that
# each rule leaves such text unchanged, so the shortcut changes no result.
_SPACE = re.compile(r"\s")
_LATIN_MARKS = frozenset(',.:;?!()"')


def tidy_whitespace(text: str) -> str:
    """Collapse runs of whitespace; drop spaces next to Chinese characters."""
    if _SPACE.search(text) is None:
        return text
    return _tidy_whitespace(text)


def _tidy_whitespace(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(rf"(?<=[{_CJK_SIDE}，。：；？！、]) (?=\S)", "", text)
    text = re.sub(rf"(?<=\S) (?=[{_CJK_SIDE}，。：；？！、])", "", text)
    return text


def fullwidth_punctuation(text: str) -> str:
    """Latin punctuation touching Chinese text becomes full-width; decimals and URLs stay."""
    if _LATIN_MARKS.isdisjoint(text) and _SPACE.search(text) is None:
        return text
    return _fullwidth_punctuation(text)


def _fullwidth_punctuation(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        return _HALF_TO_FULL[m.group(0)]

    # A mark preceded by a CJK character (and not a decimal point between digits).
    text = re.sub(rf"(?<=[{_CJK_SIDE}])[,:;?!]", repl, text)
    text = re.sub(rf"(?<=[{_CJK_SIDE}])\.(?!\d)", repl, text)
    # A mark followed by a CJK character.
    text = re.sub(rf"(?<!\d)[,:;?!](?=\s*[{_CJK_SIDE}])", repl, text)
    text = re.sub(rf"(?<=[{_CJK_SIDE}])\s*,", "，", text)
    # Parentheses that contain Chinese.
    text = re.sub(rf"\(([^()]*[{CJK}][^()]*)\)", r"（\1）", text)
    # Straight quotes around Chinese become curly.
    text = re.sub(rf"\"([^\"]*[{CJK}][^\"]*)\"", r"“\1”", text)
    text = re.sub(r"，\s+", "，", text)
    # Whatever Latin mark is still squeezed between two Chinese characters (a lone quote or
    # bracket, say) becomes its full-width form.
    text = re.sub(_LATIN_BETWEEN, lambda m: _BETWEEN_TO_FULL[m.group(0)], text)
    return text


def strip_leading_number(text: str) -> str:
    """Remove a number the officer typed, so the exporter does not number it twice."""
    stripped = _LEADING_NUMBER.sub("", text, count=1)
    return stripped if stripped.strip() else text


def ensure_final_stop(text: str, mark: str = "。") -> str:
    """End with 。 (or ： for a paragraph that introduces a list); replace a weaker ending."""
    text = text.rstrip()
    if not text:
        return text
    text = re.sub(r"[，、；;,.\s]+$", "", text)
    if not text:
        return text
    if text.endswith(":"):
        text = text[:-1] + "："
    if text[-1] in "。！？：…" or text.endswith(("。”", "！”", "？”")):
        if mark == "：" and text[-1] == "。":
            return text[:-1] + "："
        return text
    return text + mark


def has_content(text: str) -> bool:
    """True when text holds a Chinese character, a letter or a digit, not just marks."""
    return bool(re.search(rf"[{CJK}A-Za-z0-9]", text))


def _normalize_once(text: str, mark: str) -> str:
    text = strip_xml_invalid(text)
    text = tidy_whitespace(text)
    text = fullwidth_punctuation(text)
    unnumbered = strip_leading_number(text)
    if has_content(unnumbered):
        text = unnumbered
    return ensure_final_stop(text, mark)


def normalize_paragraph(text: str, mark: str = "。") -> str:
    """What every exported body paragraph goes through; run to a fixed point so it is idempotent."""
    # A run of Latin marks turns full-width one mark per pass (each needs a full-width
    # neighbour), so the bound grows with the text.
    for _ in range(len(text) + 6):
        out = _normalize_once(text, mark)
        if out == text:
            break
        text = out
    return text


CN_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 25 -> 二十五, 100 -> 一百, 1010 -> 一千零一十 (to 9999)."""
    if n <= 0 or n > 9999:
        raise ValueError(n)
    thousands, rest = divmod(n, 1000)
    if not thousands:
        return _under_thousand(n)
    out = CN_DIGITS[thousands] + "千"
    if rest == 0:
        return out
    if rest < 100:
        return out + "零" + _under_thousand(rest, leading=False)
    return out + _under_thousand(rest)


def _under_thousand(n: int, leading: bool = True) -> str:
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = ""
    if hundreds:
        out += CN_DIGITS[hundreds] + "百"
        if tens == 0 and ones:
            return out + "零" + CN_DIGITS[ones]
    if tens:
        out += ("" if tens == 1 and not hundreds and leading else CN_DIGITS[tens]) + "十"
    if ones:
        out += CN_DIGITS[ones]
    return out


def format_cn_date(d: dt.date) -> str:
    """2026年11月29日: Arabic numerals, full year, no leading zeros (GB/T 9704)."""
    return f"{d.year}年{d.month}月{d.day}日"


def default_title(unit: str, year: int) -> str:
    """The title line of a report whose unit did not write its own."""
    return f"{unit}关于{year}年度内部控制检查评估的自查报告"


def default_opening(
    basis_title: str, basis_number: str, short_name: str, areas: Iterable[str], follow_up: bool
) -> str:
    """The opening paragraph of a report whose unit did not write its own: the notice it
    answers, the areas checked and, with follow_up, last year's problems tracked."""
    number = basis_number.strip("（）()")
    return (
        f"根据《{basis_title.strip('《》')}》（{number}）要求，"
        f"{short_name}高度重视，对照通知所列内部控制检查评估内容，"
        f"围绕{'、'.join(areas)}"
        f"等方面逐项开展了自查"
        + ("，并对上年度自查发现问题的整改落实情况进行了跟踪检查" if follow_up else "")
        + "。现将自查情况报告如下："
    )
