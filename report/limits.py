"""Limits on what one input may hold, each with the Chinese sentence that refuses it.

They keep a hostile or mistaken file from filling memory or the screen: a real self-check report
has a few dozen points per section and paragraphs of a few hundred characters.
"""

from __future__ import annotations

import re
import unicodedata

MAX_POINTS_PER_SECTION = 500
MAX_TEXT_CHARS = 5_000  # one answer, point or paragraph
MAX_FIELD_CHARS = 300  # unit, addressee, titles, owners
MAX_YAML_DEPTH = 40
# Scalars and collections in one answers file: 5 sections × 500 points with their keys and
# statuses, the rectification list and the header stay well below it.
MAX_YAML_NODES = 50_000

# C0 and C1 controls except tab and newline; DEL too. Terminal escapes start with ESC (C0)
# or CSI (C1), so removing these defuses them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def control_chars(text: str) -> list[str]:
    """The control characters in text (excluding tab and newline), as U+XXXX labels."""
    return sorted({f"U+{ord(c):04X}" for c in _CONTROL.findall(text)})


def has_surrogates(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def clean_text(text: str) -> str:
    """What an input box or a piped line may store: no controls (\\r\\n → \\n), no lone halves
    of UTF-16 pairs, NFC-normalised."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = _SURROGATE.sub("", text)
    return unicodedata.normalize("NFC", text)


def clean_line(text: str) -> str:
    """What a one-line input box may hold: no controls and no lone halves of UTF-16 pairs,
    line breaks and tabs as spaces. Not normalised: a password keeps the characters typed."""
    text = text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ").replace("\t", " ")
    return _SURROGATE.sub("", _CONTROL.sub("", text))


def safe_for_terminal(text: str) -> str:
    """Text to echo: control characters shown as visible \\x.. instead of acting on the terminal."""
    text = _SURROGATE.sub("\ufffd", text)
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def clean_strings(value: object) -> object:
    """value (JSON-like: dicts, lists, strings) with control characters removed from every
    string; the same object when there was nothing to remove."""
    if isinstance(value, str):
        return _CONTROL.sub("", value) if _CONTROL.search(value) else value
    if isinstance(value, list):
        items = [clean_strings(v) for v in value]
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if isinstance(value, dict):
        pairs = {k: clean_strings(v) for k, v in value.items()}
        return value if all(pairs[k] is value[k] for k in value) else pairs
    return value
