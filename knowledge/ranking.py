"""Query planning against the index, scoring and the relevance floor.

Each query concept (the officer's word, the thesaurus' official terms, general synonyms) gets a
weight: the IDF of the officer's own word where the index knows it, else of its best known
alternative. A chunk earns, per concept, that weight times how it matched: the officer's own
word in the article counts fully, an official term from the domain thesaurus EXPANSION, a
general synonym GENERAL, a match of character bigrams (a word cut differently) GRAM, a match in
the title or chapter only HEAD_ONLY. Expansions are added, never substituted.

A concept with no informative domain term weighs PLAIN of its idf (everyday words are rare in
rules, so idf alone overrates them); a one-character word also matches the article words it
starts (查 → 查询, STARTS); one article word answers one concept only (审批 is not counted for
both 批准 and 改数据).

Relevance floor: a chunk must share at least one informative domain term with the query (an
officer's word or an official term that the library uses clearly more often than general
Chinese does, or one of the domain dictionary; thesaurus expansions of a one-character or very
common word do not count), match concepts worth MIN_WEIGHT, and cover MIN_COVERAGE of the query
concepts the library knows. Everyday words no rule contains are left out of the
coverage instead of counting against it; greetings and chit-chat share no domain term and get
nothing.

Speed: only the rarer terms go into the FTS5 OR (up to POSTINGS_BUDGET postings): common words
still score through the candidates' token sets but no longer make SQLite rank a third of the
library.
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from .analyzer import GENERAL_TOTAL, GRAM_MARK, Analyzer, TermGroup, grams, normalize
from .index import chunk_count, term_counts

_ASCII_MARKS = re.compile(r"[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+")
MIN_COVERAGE = 0.3
# idf 0.4 ≈ a term in about two thirds of all chunks: matching only that is no evidence.
MIN_WEIGHT = 0.4
CANDIDATES = 40
POSTINGS_BUDGET = 3000
EXPANSION = 0.6
# when the officer's word is unknown to the library, its official term carries the concept
EXPANSION_ALONE = 0.8
SUB_WORD = 0.7
SINGLE_CHAR = 0.5
GENERAL = 0.4
GRAM = 0.5
HEAD_ONLY = 0.5
SUMMARY = 0.85
# a concept with no informative domain term (群众, 领导, 专门) weighs this much of its idf:
# rules rarely use everyday words, so their idf is high without being evidence
PLAIN = 0.5
# a one-character word (查, 改, 抽) also matches the article's words it starts (查询, 修改 does
# not, 抽查 does), scored only, never searched for: a typed verb stands for the rule's term
STARTS = 0.6
# per GENERAL_TOTAL words of general Chinese: 放在 (6,549) is vague, 电脑 (3,427) is not
VAGUE_FREQUENCY = 5000
# a domain term: the library uses it at least this many times as often as general Chinese
DOMAIN_RATIO = 2.0
CHANCE = 0.05
# tokens per chunk, to turn occurrence counts into a rate comparable with general Chinese
TOKENS_PER_CHUNK = 100


@dataclass(frozen=True)
class ResolvedGroup:
    term: str
    own: tuple[str, ...]  # the officer's word (or its sub-words) if the index knows it
    domain: tuple[str, ...]  # thesaurus terms the index knows
    general: tuple[str, ...]  # general synonyms the index knows
    grams: tuple[str, ...]  # its bigrams, when the word itself is unknown (see analyzer)
    prefix: str | None
    weight: float
    anchors: frozenset[str]  # terms of this concept that count as informative domain terms
    postings: tuple[tuple[str, int], ...] = ()  # chunks containing each term
    subs: tuple[str, ...] = ()  # dictionary sub-words of the typed word the index knows
    domain_factor: float = EXPANSION
    gram_anchor: bool = False
    starts: str | None = None

    @property
    def counts(self) -> bool:
        """Concepts in the coverage denominator: not those reached by general synonyms only."""
        return bool(
            self.own or self.subs or self.domain or self.grams or self.prefix or self.starts
        )

    @property
    def terms(self) -> tuple[str, ...]:
        return self.own + self.subs + self.domain + self.general

    @property
    def seen(self) -> bool:
        return bool(self.terms or self.grams or self.prefix)


@dataclass(frozen=True)
class Ranked:
    chunk_id: int
    score: float
    coverage: float
    matched: tuple[str, ...]
    # how many of the query's concepts the chunk matched (the words' evidence)
    concepts: int = 0


def idf(n_docs: int, df: int) -> float:
    return math.log(1 + (n_docs - df + 0.5) / (df + 0.5))


def _informative(analyzer: Analyzer, term: str, counts: tuple[int, int], n_docs: int) -> bool:
    """A domain term: in the domain dictionary, or used by the library clearly more often than
    general Chinese would (so 缴费 is, 手机 or 屏幕 mentioned once in passing are not).

    "Clearly": at least DOMAIN_RATIO times the general rate, and (for a handful of occurrences,
    as in a small library) unlikely to occur that often by chance (Poisson tail < CHANCE)."""
    if term in analyzer.domain_words:
        return True
    if len(term) < 2:
        return False
    seen = counts[1]
    expected = n_docs * TOKENS_PER_CHUNK * analyzer.general_frequency(term) / GENERAL_TOTAL
    if seen < DOMAIN_RATIO * expected:
        return False
    if seen > 30:
        return True
    below = sum(math.exp(-expected) * expected**k / math.factorial(k) for k in range(seen))
    return 1.0 - below < CHANCE


def resolve(
    conn: sqlite3.Connection,
    analyzer: Analyzer,
    groups: tuple[TermGroup, ...],
    n_docs: int | None = None,
    counts_of: Callable[[list[str]], dict[str, tuple[int, int]]] | None = None,
) -> list[ResolvedGroup]:
    """counts_of: where to look up (chunks, occurrences) per term; the index by default."""
    n_docs = max(chunk_count(conn) if n_docs is None else n_docs, 1)
    lookup = counts_of or (lambda terms: term_counts(conn, terms))
    wanted: dict[str, None] = {}
    subs: dict[str, list[str]] = {}
    gram_tokens: dict[str, list[str]] = {}
    for g in groups:
        for t in (*g.alternatives, *g.general):
            wanted.setdefault(t, None)
        subs[g.term] = analyzer.sub_words(g.term)
        gram_tokens[g.term] = grams(g.term)
        for t in subs[g.term]:
            wanted.setdefault(t, None)
    counts = lookup(list(wanted))
    # 300% is a word of the text, but FTS5's ascii tokenizer stores it as 300: count it so
    ascii_cut = {
        t: [p for p in _ASCII_MARKS.split(t) if p]
        for t in wanted
        if t not in counts and _ASCII_MARKS.search(t)
    }
    if ascii_cut:
        found = lookup([p for parts in ascii_cut.values() for p in parts])
        for t, parts in ascii_cut.items():
            if parts and all(p in found for p in parts):
                counts[t] = min(found[p] for p in parts)
    # Bigrams and single characters serve only a word the index knows neither whole nor in
    # parts: looked up for those alone (a common one costs its whole posting list when cold).
    fallback: dict[str, None] = {}
    for g in groups:
        if g.alternatives[0] in counts or any(t in counts for t in subs[g.term]):
            continue
        for t in (*subs[g.term], *gram_tokens[g.term]):
            fallback.setdefault(t, None)
            fallback.setdefault(GRAM_MARK + t, None)
        for t in _content_chars(analyzer, g.term):
            fallback.setdefault(t, None)
    if fallback:
        counts = {**counts, **lookup([t for t in fallback if t not in wanted])}
    unseen = idf(n_docs, 0)
    out: list[ResolvedGroup] = []
    for g in groups:
        own = tuple(t for t in g.alternatives[:1] if t in counts)
        sub = tuple(t for t in subs[g.term] if t in counts and t not in own)
        domain = tuple(t for t in g.alternatives[1:] if t in counts and t not in own + sub)
        general = tuple(t for t in g.general if t in counts and t not in own + sub + domain)
        gram: tuple[str, ...] = ()
        if (
            not own
            and not sub
            and gram_tokens[g.term]
            and all(t in counts or GRAM_MARK + t in counts for t in gram_tokens[g.term])
        ):
            gram = tuple(gram_tokens[g.term])
        # A lone character typed on its own is the start of words (账 → 账户, 账簿).
        alone = len(groups) == 1
        prefix = g.term if g.prefix and (alone or (not own and not domain)) else None
        if own or sub:
            weight = max(idf(n_docs, counts[t][0]) for t in own or sub)
            if len(g.term) == 1:
                weight *= SINGLE_CHAR
        elif domain or general or gram:
            weight = max(
                [idf(n_docs, counts[t][0]) for t in domain + general]
                + [idf(n_docs, _gram_df(counts, t)) for t in gram]
            )
        elif prefix:
            weight = unseen / 4
        else:
            weight = unseen
        starts = None
        if not prefix and len(g.term) == 1 and g.term.isalpha():
            starts = g.term
        elif not (own or sub or domain or general or gram) and len(g.term) == 2:
            # 来查, 交了, 能收: an everyday two-character cut around one content character
            chars = _content_chars(analyzer, g.term)
            if len(chars) == 1:
                starts = chars[0]
                known = counts.get(starts)
                weight = (idf(n_docs, known[0]) if known else unseen / 2) * SINGLE_CHAR
        # A one-character word (放, 算) or one of the commonest words (放在) is too vague to
        # vouch for a rule through its thesaurus expansions.
        vague = (
            g.question or len(g.term) < 2 or analyzer.general_frequency(g.term) > VAGUE_FREQUENCY
        )
        vouching = own + sub + (() if vague else domain)
        anchors = frozenset(t for t in vouching if _informative(analyzer, t, counts[t], n_docs))
        if prefix and alone:
            anchors |= {prefix}
        if not anchors and not (gram and len(g.term) >= 2):
            weight *= PLAIN
        postings = tuple((t, counts[t][0]) for t in own + sub + domain + general)
        postings += tuple((t, _gram_df(counts, t)) for t in gram)
        out.append(
            ResolvedGroup(
                g.term,
                own,
                domain,
                general,
                gram,
                prefix,
                weight,
                anchors,
                postings,
                sub,
                EXPANSION if g.alternatives[0] in counts else EXPANSION_ALONE,
                bool(gram) and len(g.term) >= 2,
                starts,
            )
        )
    # A pasted paragraph: keep the most informative concepts.
    out.sort(key=lambda r: -r.weight)
    return out[:40]


def _content_chars(analyzer: Analyzer, term: str) -> list[str]:
    """The characters of a two-character word that are not function words."""
    if len(term) != 2:
        return []
    return [c for c in term if c.isalpha() and c not in analyzer.stopwords]


def _gram_df(counts: dict[str, tuple[int, int]], bigram: str) -> int:
    """Chunks holding a bigram, as a word or as a marked bigram (an upper bound)."""
    return counts.get(bigram, (0, 0))[0] + counts.get(GRAM_MARK + bigram, (0, 0))[0]


def _budget_terms(groups: list[ResolvedGroup]) -> tuple[set[str], set[str]]:
    """The words and bigram tokens that go into the FTS OR: rarest first, within the budget."""
    df = {t: n for g in groups for t, n in g.postings}
    words = {t for g in groups for t in g.terms}
    gram_sets = {g.grams for g in groups if g.grams}
    items: list[tuple[int, object]] = [(df.get(t, 0), t) for t in words]
    items += [(min(df.get(t, 0) for t in s), s) for s in gram_sets]
    items.sort(key=lambda x: x[0])
    chosen_words: set[str] = set()
    chosen_grams: set[str] = set()
    total = 0
    for n, item in items:
        if total and total + n > POSTINGS_BUDGET:
            break
        total += n
        if isinstance(item, tuple):
            chosen_grams.update(item)
        else:
            chosen_words.add(str(item))
    return chosen_words, chosen_grams


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def match_expression(groups: list[ResolvedGroup]) -> str:
    words, gram_tokens = _budget_terms(groups)
    parts: dict[str, None] = {}
    for g in groups:
        for t in g.terms:
            if t in words:
                parts.setdefault(_quote(t), None)
        if g.grams and set(g.grams) <= gram_tokens:
            inner = " AND ".join(f"({_quote(GRAM_MARK + t)} OR {_quote(t)})" for t in g.grams)
            parts.setdefault(f"({inner})", None)
        if g.prefix:
            parts.setdefault(_quote(g.prefix) + "*", None)
    return " OR ".join(parts)


def _group_match(
    g: ResolvedGroup, body: set[str], head: set[str], gram_set: set[str], claimed: set[str]
) -> tuple[float, list[str], bool, str | None]:
    """How this chunk matches one concept: factor, terms to highlight, whether via an anchor,
    and the word that decided it. A word already claimed by a weightier concept of the query
    does not count again (审批 answers 批准 or 改数据, not both)."""
    best, hit, anchored, by = 0.0, [], False, None
    for terms, factor in (
        (g.own, 1.0),
        (g.subs, SUB_WORD),
        (g.domain, g.domain_factor),
        (g.general, GENERAL),
    ):
        for t in terms:
            if t in claimed:
                continue
            if t in body:
                f = factor
            elif t in head:
                f = factor * HEAD_ONLY
            else:
                continue
            if t in body:
                hit.append(t)
            if f > best:
                best, by = f, t
            anchored = anchored or t in g.anchors
    if g.grams and all(t in body or GRAM_MARK + t in gram_set for t in g.grams):
        if GRAM > best:
            best = GRAM
        hit.append(g.term)
        anchored = anchored or g.gram_anchor
    if g.starts and best < STARTS:
        found = [t for t in body if len(t) > 1 and t.startswith(g.starts)]
        if found:
            best = STARTS
            hit.extend(found)
    if g.prefix:
        found = [t for t in body if t.startswith(g.prefix)]
        if found:
            # a lone character typed as the start of words the library uses (账 → 账户)
            best = max(best, 1.0)
            hit.extend(found)
            anchored = anchored or g.prefix in g.anchors
    return best, hit, anchored, by


def rank(
    conn: sqlite3.Connection,
    groups: list[ResolvedGroup],
    k: int,
    phrases: tuple[str, ...] = (),
    below: list[Ranked] | None = None,
) -> list[Ranked]:
    """Chunks clearing the floor, best first (at most k). A chunk holding one of the query's
    phrases verbatim (two adjacent words as typed) is anchored by it. below: where to put the
    candidates that matched some concept but not the floor (for the semantic leg of a small
    library, which may still bring them up by meaning)."""
    expr = match_expression(groups)
    if not expr:
        return []
    need_grams = any(g.grams for g in groups)
    rows = conn.execute(
        "SELECT rowid, rank, body, head, " + ("grams" if need_grams else "''") + " FROM chunks_fts"
        " WHERE chunks_fts MATCH ? ORDER BY rank LIMIT ?",
        (expr, max(CANDIDATES, k * 3)),
    ).fetchall()
    seen_total = sum(g.weight for g in groups if g.counts) or 1.0
    best_bm25 = max((-r[1] for r in rows), default=1.0) or 1.0
    ranked: list[Ranked] = []
    for rowid, bm25, body, head, gram_field in rows:
        body_set, head_set = set(body.split()), set(head.split())
        gram_set = set(gram_field.split()) if need_grams else set()
        matched: list[str] = []
        weight = 0.0
        anchored = False
        claimed: set[str] = set()
        concepts = 0
        for g in groups:
            factor, hit, anchor, by = _group_match(g, body_set, head_set, gram_set, claimed)
            if factor:
                concepts += 1
                weight += g.weight * factor
                matched.extend(hit)
                anchored = anchored or anchor
                if by is not None:
                    claimed.add(by)
        coverage = weight / seen_total
        score = weight * (0.7 + 0.3 * (-bm25) / best_bm25)
        found = Ranked(int(rowid), score, coverage, tuple(dict.fromkeys(matched)), concepts)
        if coverage < MIN_COVERAGE or weight < MIN_WEIGHT:
            if below is not None and weight > 0:
                below.append(found)
            continue
        if not anchored and phrases:
            text = _chunk_text(conn, int(rowid))
            anchored = any(p in text for p in phrases)
        if not anchored:
            if below is not None:
                below.append(found)
            continue
        ranked.append(found)
    ranked.sort(key=lambda r: -r.score)
    return ranked[:k]


def _chunk_text(conn: sqlite3.Connection, chunk_id: int) -> str:
    row = conn.execute("SELECT text FROM chunks WHERE id = ?", (chunk_id,)).fetchone()
    return normalize(str(row[0])) if row else ""


def _title_key(title: str) -> str:
    return re.sub(r"[《》\s]|[（(](?:试行|暂行)[）)]$", "", title)


def full_text_first(conn: sqlite3.Connection, ranked: list[Ranked]) -> list[Ranked]:
    """要点 weigh SUMMARY of an article; a 要点 of a document whose own text is among the hits
    ranks right below that article, never above it."""
    if not ranked:
        return ranked
    marks = ",".join("?" * len(ranked))
    info = {
        int(cid): (bool(s), _title_key(t))
        for cid, s, t in conn.execute(
            "SELECT c.id, c.is_summary, d.title FROM chunks c JOIN documents d ON d.id = c.doc_id"
            f" WHERE c.id IN ({marks})",
            [r.chunk_id for r in ranked],
        ).fetchall()
    }
    best_article: dict[str, float] = {}
    for r in ranked:
        summary, title = info.get(r.chunk_id, (False, ""))
        if not summary:
            best_article[title] = max(best_article.get(title, 0.0), r.score)
    out = []
    for r in ranked:
        summary, title = info.get(r.chunk_id, (False, ""))
        if summary:
            score = r.score * SUMMARY
            if title in best_article:
                score = min(score, best_article[title] * 0.999)
            r = Ranked(r.chunk_id, score, r.coverage, r.matched, r.concepts)
        out.append(r)
    out.sort(key=lambda r: -r.score)
    return out


def highlight(text: str, terms: tuple[str, ...]) -> str:
    """Wrap each occurrence of a matched term in 【】, longest terms first, never nested."""
    words = sorted({t for t in terms if t.strip()}, key=len, reverse=True)
    if not words:
        return text
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    return pattern.sub(lambda m: f"【{m.group(0)}】", text)
