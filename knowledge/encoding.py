"""Decode text files: BOM, strict UTF-8, UTF-16 without BOM, GB18030, then charset-normalizer.
Big5 (traditional Chinese) is refused with what to do: its bytes decode as GB18030 too, into
rare characters, and the library searches simplified Chinese.

langchain's TextLoader(autodetect_encoding=True) needs chardet<6 and garbles short GBK files,
so detection is done here, in a fixed order that never guesses when a strict decode succeeds.
"""

from __future__ import annotations

import codecs
import re

from .errors import LoadError

_BOMS = [
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
# Control characters other than tab/newline/CR/form feed: a sign of binary content.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _utf16_without_bom(data: bytes) -> str | None:
    if len(data) < 4 or len(data) % 2:
        return None
    even_nul = data[0::2].count(0) / (len(data) / 2)
    odd_nul = data[1::2].count(0) / (len(data) / 2)
    # ASCII-heavy UTF-16 has NULs in one byte lane; CJK-heavy text has few, so also try strict.
    for enc, lane in (("utf-16-le", odd_nul), ("utf-16-be", even_nul)):
        if lane > 0.3:
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                return None
    return None


def detect_and_decode(data: bytes, name: str) -> tuple[str, str]:
    """Return (text, encoding). Raise LoadError for binary or undecodable content."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(enc), enc
            except UnicodeDecodeError as exc:
                raise LoadError(
                    f"{name}：文件开头标明 {enc} 编码，但内容无法按该编码读取。"
                ) from exc
    text = _utf16_without_bom(data)
    if text is not None and not _looks_binary(text):
        return text, "utf-16"
    if b"\x00" in data:
        raise LoadError(f"{name}：不是文本文件（含二进制内容），请确认文件类型。")
    for enc in ("utf-8", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if enc == "gb18030" and _looks_big5(data, text):
            raise LoadError(BIG5_REFUSED.format(name=name))
        if not _looks_binary(text):
            return text, enc
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        if best.encoding in BIG5_CODECS:
            raise LoadError(BIG5_REFUSED.format(name=name))
        text = str(best)
        if not _looks_binary(text):
            return text, best.encoding
    damaged = _with_few_bad_bytes(data)
    if damaged is not None:
        return damaged
    raise LoadError(f"{name}：无法识别文字编码或不是文本文件，请另存为 UTF-8 文本后再导入。")


BIG5_REFUSED = (
    "{name}：是繁体中文（Big5 编码）的文本，未导入：法规库按简体中文检索，繁体条文多半搜不到。"
    "请先转为简体中文（如在 Word 中用「审阅 → 繁转简」），另存为 UTF-8 编码的文本后再导入。"
)
BIG5_CODECS = ("big5", "cp950", "big5hkscs")
# Of the Chinese characters a GB18030 decoding gives, the share in GB2312 (the common ones):
# about 1.0 for Chinese text, about 0.3 for Big5 bytes read as GB18030.
COMMON_SHARE = 0.8
SAMPLE_CHARS = 20000


def _looks_big5(data: bytes, gb_text: str) -> bool:
    """Big5 when the bytes are valid Big5 (cp950), few of the characters GB18030 reads are
    common ones, and charset-normalizer, given the two, picks Big5."""
    if data.isascii():
        return False
    try:
        data.decode("cp950")
    except UnicodeDecodeError:
        return False
    sample = [ch for ch in gb_text[:SAMPLE_CHARS] if not ch.isascii() and not ch.isspace()]
    common = 0
    for ch in sample:
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            continue
        common += 1
    if common >= COMMON_SHARE * len(sample):
        return False
    from charset_normalizer import from_bytes

    best = from_bytes(data[: SAMPLE_CHARS * 2], cp_isolation=["gb18030", *BIG5_CODECS]).best()
    return best is not None and best.encoding in BIG5_CODECS


# A file cut short inside a character, or with a stray byte, is still the regulation: at most
# this share of its characters (and this many) may be unreadable, each marked with U+FFFD.
DAMAGED_SHARE = 0.001
DAMAGED_MAX = 20


def _with_few_bad_bytes(data: bytes) -> tuple[str, str] | None:
    for enc in ("utf-8", "gb18030"):
        text = data.decode(enc, errors="replace")
        bad = text.count("\ufffd")
        if bad <= min(DAMAGED_MAX, max(1, DAMAGED_SHARE * len(text))) and not _CONTROL.search(
            text[:20000]
        ):
            return text, enc
    return None


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    sample = text[:20000]
    bad = len(_CONTROL.findall(sample)) + sample.count("\ufffd")
    return bad / len(sample) > 0.01
