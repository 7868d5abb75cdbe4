"""The blind held-out sets as data: their texts, their questions and the provisions a text
offers, for the tests that check the data. Never a search: the sets are held out (see each
set's README)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from kb_evaluate import HELDOUT4_DIR, HELDOUT5_DIR, HELDOUT6_DIR, HELDOUT7_DIR, HELDOUT8_DIR

_PART = re.compile(r"^([一二三四五六七八九十]+)、")
_SECTION = re.compile(r"^(（[一二三四五六七八九十]+）)")
_NUMERALS = "一二三四五六七八九十"


def chinese(n: int) -> str:
    """1 → 一, 12 → 十二, 40 → 四十: how the texts number articles and parts."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _NUMERALS[tens - 1] + "十")
    return head + (_NUMERALS[ones - 1] if ones else "")


@dataclass(frozen=True)
class HeldoutSet:
    """One set's folder, how its article lines start, and what its README promises: how many
    provisions a regulation has, how many questions of each kind."""

    folder: Path
    article: re.Pattern[str]
    provisions_range: tuple[int, int]
    noise: int
    total: int
    everyday: int = 60  # per regulation
    official: int = 30  # per regulation
    coverage: float = 0.8  # share of a regulation's provisions its everyday questions ask about

    def texts(self) -> dict[str, str]:
        return {p.stem: p.read_text(encoding="utf-8") for p in sorted(self.folder.glob("*.txt"))}

    def questions(self) -> list[dict]:
        return yaml.safe_load((self.folder / "questions.yaml").read_text(encoding="utf-8"))

    def provisions(self, text: str) -> list[str]:
        """The citation endings a text offers: 第X条, or 第X部分（Y） for 一、（一） numbering."""
        lines = text.splitlines()
        if any(self.article.match(line) for line in lines):
            return [m.group(1) for line in lines if (m := self.article.match(line))]
        out, part = [], None
        for line in lines:
            if m := _PART.match(line):
                part = m.group(1)
            elif (m := _SECTION.match(line)) and part:
                out.append(f"第{part}部分{m.group(1)}")
        return out


HELDOUT4 = HeldoutSet(
    HELDOUT4_DIR, re.compile(r"^(第[一二三四五六七八九十百]+条)"), (38, 46), noise=15, total=195
)
# heldout5's articles are 第X条 and a full-width space, as its README says
HELDOUT5 = HeldoutSet(
    HELDOUT5_DIR, re.compile(r"^(第[一二三四五六七八九十百]+条)　"), (35, 45), noise=25, total=205
)
HELDOUT6 = HeldoutSet(
    HELDOUT6_DIR,
    re.compile(r"^(第[一二三四五六七八九十百]+条)　"),
    (35, 45),
    noise=25,
    total=205,
    coverage=1.0,
)
# heldout7: the 规程's articles are 第X条 and a full-width space; the 通知's provisions are its
# sections （一） inside parts 一、 (the points 一是…二是… run inline and are not provisions)
HELDOUT7 = HeldoutSet(
    HELDOUT7_DIR,
    re.compile(r"^(第[一二三四五六七八九十百]+条)　"),
    (38, 46),
    noise=25,
    total=205,
    coverage=1.0,
)
# heldout8: the 细则's articles are 第X条 and a full-width space (its 目录 lists chapters only); the
# 办法's provisions are its sections （一） inside parts 一、 (items 1. and （1） belong to them)
HELDOUT8 = HeldoutSet(
    HELDOUT8_DIR,
    re.compile(r"^(第[一二三四五六七八九十百]+条)　"),
    (35, 46),
    noise=25,
    total=205,
    coverage=1.0,
)
