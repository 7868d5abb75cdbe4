"""Query planning against the index, bm25() ranking and the relevance floor.

Each query concept (a word plus its thesaurus alternatives) gets a weight: the highest IDF
among its alternatives the index knows; a concept the index has never seen weighs UNSEEN_SHARE
of the rarest term. A hit's coverage is the weighted share of the query's concepts it contains.
The relevance floor: a hit must cover at least MIN_COVERAGE of the query and match concepts
worth at least MIN_WEIGHT. So 「你好」 (a word no rule contains) returns nothing, and a pasted
paragraph returns the articles that share its substance, not those sharing one common word.
"""

from __future__ import annotations

import math
import re
import sqlite3
from dataclasses import dataclass

from .analyzer import Analyzer, TermGroup
from .index import chunk_count, document_frequencies

MIN_COVERAGE = 0.34
# idf 0.4 ≈ a term in about two thirds of all chunks: matching only that is no evidence.
MIN_WEIGHT = 0.4
CANDIDATES = 60
# A word no chunk contains cannot discriminate, but it still dilutes coverage, so a query whose
# substance is absent from the library does not return the one chunk sharing a side word.
UNSEEN_SHARE = 0.6


@dataclass(frozen=True)
class ResolvedGroup:
    term: str
    terms: tuple[str, ...]  # alternatives that exist in the index
    prefix: str | None
    weight: float


@dataclass(frozen=True)
class Ranked:
    chunk_id: int
    score: float
    coverage: float
    matched: tuple[str, ...]


def idf(n_docs: int, df: int) -> float:
    return math.log(1 + (n_docs - df + 0.5) / (df + 0.5))


def resolve(
    conn: sqlite3.Connection, analyzer: Analyzer, groups: tuple[TermGroup, ...]
) -> list[ResolvedGroup]:
    n_docs = max(chunk_count(conn), 1)
    candidates: dict[str, None] = {}
    subs: dict[str, list[str]] = {}
    for g in groups:
        for t in g.alternatives:
            candidates.setdefault(t, None)
        subs[g.term] = analyzer.sub_words(g.term)
        for t in subs[g.term]:
            candidates.setdefault(t, None)
    df = document_frequencies(conn, list(candidates))
    unseen = idf(n_docs, 0)
    out: list[ResolvedGroup] = []
    for g in groups:
        known = tuple(t for t in g.alternatives if t in df)
        if not known:
            known = tuple(t for t in subs[g.term] if t in df)
        prefix = g.term if (not known and g.prefix) else None
        if known:
            weight = max(idf(n_docs, df[t]) for t in known)
        elif prefix:
            weight = unseen * UNSEEN_SHARE / 2
        else:
            weight = unseen * UNSEEN_SHARE
        out.append(ResolvedGroup(g.term, known, prefix, weight))
    # A pasted paragraph: keep the most informative concepts.
    out.sort(key=lambda r: -r.weight)
    return out[:40]


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def match_expression(groups: list[ResolvedGroup]) -> str:
    parts: dict[str, None] = {}
    for g in groups:
        for t in g.terms:
            parts.setdefault(_quote(t), None)
        if g.prefix:
            parts.setdefault(_quote(g.prefix) + "*", None)
    return " OR ".join(parts)


def rank(conn: sqlite3.Connection, groups: list[ResolvedGroup], k: int) -> list[Ranked]:
    expr = match_expression(groups)
    if not expr:
        return []
    rows = conn.execute(
        "SELECT rowid, rank, body, head FROM chunks_fts"
        " WHERE chunks_fts MATCH ? ORDER BY rank LIMIT ?",
        (expr, max(CANDIDATES, k * 10)),
    ).fetchall()
    total = sum(g.weight for g in groups) or 1.0
    ranked: list[Ranked] = []
    for rowid, bm25, body, head in rows:
        tokens = set(body.split()) | set(head.split())
        body_tokens = set(body.split())
        matched: list[str] = []
        weight = 0.0
        for g in groups:
            hit = [t for t in g.terms if t in tokens]
            if g.prefix:
                hit += [t for t in body_tokens if t.startswith(g.prefix)]
            if hit:
                weight += g.weight
                matched.extend(t for t in hit if t in body_tokens)
        coverage = weight / total
        if coverage < MIN_COVERAGE or weight < MIN_WEIGHT:
            continue
        score = -bm25 * (0.3 + 0.7 * coverage)
        ranked.append(Ranked(int(rowid), score, coverage, tuple(dict.fromkeys(matched))))
    ranked.sort(key=lambda r: -r.score)
    return ranked[:k]


def highlight(text: str, terms: tuple[str, ...]) -> str:
    """Wrap each occurrence of a matched term in 【】, longest terms first, never nested."""
    words = sorted({t for t in terms if t.strip()}, key=len, reverse=True)
    if not words:
        return text
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    return pattern.sub(lambda m: f"【{m.group(0)}】", text)
