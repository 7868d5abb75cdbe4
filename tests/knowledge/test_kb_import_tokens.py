"""The import's fast tokenising path (per-word facts, one pass over the segmenter's spans, a
normalize that skips translate() for the common full-width marks) indexes exactly what the plain
definitions give: the same body words and the same bigram field, in the same order."""

from __future__ import annotations

import unicodedata

from kb_docs import FIXTURE_REGULATION

from knowledge.analyzer import (
    _CJK,
    _CJK_PAIR,
    _FULLWIDTH,
    _KEEP,
    GRAM_MARK,
    grams,
    load_analyzer,
    normalize,
)
from knowledge.starter import load_starter


def _plain_normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text.translate(_FULLWIDTH)).lower()


def _plain_fields(text: str) -> tuple[str, str]:
    """index_fields as its docstring defines it, written plainly."""
    an = load_analyzer()
    normalized = _plain_normalize(text)
    spans = an.segmenter.spans(normalized)
    tokens = [
        w for w, _, _ in spans if w and w == w.strip() and _KEEP.search(w) and w not in an.stopwords
    ]
    words = set(tokens)
    extra: dict[str, None] = {}
    last = len(normalized) - 1
    for w, start, end in spans:
        if end - start >= 3:
            for g in grams(w):
                if g not in words:
                    extra[g] = None
        elif end - start == 1 and w not in an.stopwords and _CJK.match(w):
            for a in (start - 1, start):
                if 0 <= a < last:
                    g = normalized[a : a + 2]
                    if g not in words and _CJK_PAIR.match(g):
                        extra[g] = None
    return " ".join(tokens), " ".join(GRAM_MARK + g for g in extra)


EDGE_CASES = [
    "",
    "　第一条　为了规范社会保险经办，制定本办法（试行）！",
    "ＡＢＣ　ｄｅｆ１２３：缴费基数；核定？",
    "Ⅻ①㈠ﬁ 〇々",
    "a.b c++ 3.5% 缴费基数核定 2024-01-01",
    "中 国 人",
    "养老金\n\n发放\t到账",
    "甲",
    "的了吗",
    # lone characters (the bigrams around them) at the start, after a function word, at the end
    "猫狗",
    "的猫",
    "猫的鹅",
    "狗猫的",
    "囧靐齉",
    "甲乙丙",
    "社保卡丢了补办",
]


def test_index_fields_equal_the_plain_definition() -> None:
    texts = [*EDGE_CASES, *FIXTURE_REGULATION.splitlines()]
    texts += [e.text for d in load_starter() for e in d.entries]
    an = load_analyzer()
    checked = 0
    for text in texts:
        assert an.index_fields(text) == _plain_fields(text), text
        # asked twice: the remembered per-word facts give the same answer
        assert an.index_fields(text) == _plain_fields(text), text
        checked += bool(text.strip())
    assert checked > 50


def test_normalize_equals_nfkc_of_every_full_width_mark() -> None:
    every = "".join(chr(c) for c in range(0xFF01, 0xFF5F)) + "\u3000"
    for text in (every, "经办，稽核；" + every + "（试行）", "plain ascii", "ＡＢＣ", "Ⅻ，①"):
        assert normalize(text) == _plain_normalize(text)
