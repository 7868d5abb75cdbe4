"""Pseudo-relevance feedback (PRF) for everyday questions (issue 13, prf16): measured, NOT adopted.
Not a test; nothing here is used by the search.

Run: .venv/bin/python benchmarks/kb_prf_proto.py [--variants base rm3 ...] [--diff] [--misses]

Builds the tuning libraries once (as benchmarks/kb_eval_report.py does: kb_eval, tuning2/,
tuning3/, the noise sets, heldout/ … heldout5/; never heldout6/7/8) and scores every set for each
variant. The variants are patched around the real search (SemanticLeg.rerank, after the chit-chat
check, so a query turned away or found by no word never gets feedback):

- Dense Rocchio: q' = normalize(q + β · mean vector of the m best fused passages); the same
  candidates scored again with q' (no model call) and fused as before.
- Lexical RM3-style: the informative words (domain dictionary or clearly more frequent in the
  library than in general Chinese, ranking._informative) of the m best fused passages that the
  query lacks, scored by their share of each passage / its rank × idf, join the query as
  concepts weighing w × idf with the general-synonym factor (outside the coverage, never
  anchors, so below the officer's own words); the lexical leg runs again (pool: × more FTS
  candidates) and is fused again. Options: gate (only when the best word hit covers less than
  this share of the query), mix (the second ranking blended with the first; -1: the first kept
  and only chunks new in the second added), rescore (no second run: the fused candidates earn
  up to a bonus for the expansion words they hold), two (a word must be in two feedback passages),
  dom (domain-dictionary words only).

Figures (2026-12-02, main at b9c99e0; everyday recall@5 / MRR; official recall 1.000 and every
noise figure unchanged in all variants, POOLED = everyday questions of kb_eval, tuning2/3,
kb_eval_holdout and heldout/…heldout5/, n=602):

  variant        kb_eval     tuning2     tuning3     noise-set   heldout3    heldout5    POOLED
  base           1.000/.816  1.000/.948  1.000/.943  0.907/.777  0.592/.445  0.958/.762  0.887/.747
  roc m1 β.15    1.000/.818  1.000/.952  1.000/.930  0.907/.773  0.583/.443  0.933/.756  0.879/.742
  roc m2 β.3     1.000/.803  1.000/.952  1.000/.919  0.918/.771  0.575/.438  0.925/.744  0.874/.737
  roc m3 β.5     1.000/.803  1.000/.952  1.000/.928  0.897/.767  0.575/.433  0.908/.734  0.870/.730
  roc m3 β.7     1.000/.790  1.000/.938  1.000/.917  0.897/.764  0.575/.437  0.900/.727  0.867/.725
  rm3 m2 t5 w.3  0.971/.744  1.000/.926  1.000/.909  0.897/.750  0.633/.453  0.942/.765  0.894/.734
  rm3 m2 t5 w.15 0.971/.730  1.000/.940  1.000/.920  0.897/.764  0.642/.458  0.950/.765  0.897/.737
  rm3 m2 t3 w.2  0.971/.772  1.000/.940  1.000/.917  0.897/.757  0.625/.454  0.950/.762  0.894/.742
  rm3 m3 t5 w.5  0.943/.738  1.000/.920  1.000/.913  0.897/.745  0.633/.454  0.925/.761  0.889/.730
  rm3 w.15 pool2 0.943/.724  1.000/.940  1.000/.920  0.907/.766  0.617/.452  0.958/.766  0.894/.736
   + gate .5     1.000/.807  1.000/.940  1.000/.943  0.918/.778  0.600/.447  0.958/.762  0.889/.746
   + gate .8     0.971/.758  1.000/.940  1.000/.920  0.907/.771  0.617/.452  0.967/.761  0.894/.738
   + mix .5      1.000/.773  1.000/.943  1.000/.920  0.897/.771  0.592/.445  0.950/.762  0.887/.739
   + mix -1      1.000/.816  1.000/.948  1.000/.943  0.907/.777  0.583/.443  0.958/.762  0.885/.746
   + dom         0.943/.738  1.000/.940  1.000/.920  0.907/.748  0.608/.453  0.942/.737  0.887/.730
   + two (m3)    0.971/.763  1.000/.940  1.000/.922  0.907/.769  0.592/.437  0.942/.765  0.884/.738
  rescore m2 .1  1.000/.802  1.000/.943  1.000/.932  0.907/.782  0.592/.444  0.958/.759  0.887/.741

Verdict: dense Rocchio loses everywhere it moves (heldout5 everyday recall 0.958 → 0.900–0.933,
pooled MRR −0.005 to −0.022): the mean of the best passages pulls the query towards whatever
ranked first, right or wrong. RM3 trades: its best pooled recall is +0.010 (rm3 w.15: 9 pooled
questions gained, 3 lost, net +6 of 602, most gains heldout3's long questions) against pooled
MRR −0.010, kb_eval recall 1.000 → 0.971 and a loss each on the noise set and heldout5
(lost: 查账是查什么, 退休金怎么算怎么发, 死亡信息比对多久做一次, 社保基金能拿去发工资吗).
Every damping (gate, mix, keep-first, two passages, dictionary words only, rescore) removes the
gains with the losses; the best of them (gate .5) gains 2 questions (1 pooled), loses none and
costs pooled MRR 0.001. No variant raises everyday recall and MRR across the sets, so none is in
the search. Cost it would have had: one more lexical leg per query (an FTS query with twice the
candidates) and one more fusion over the cached vectors; not measured with kb_bench, as nothing
changed in the search.

Re-measured on main at 2a7f972 (the chit-chat gate's fourth decision): base pooled everyday
0.889/0.748 (noise-set everyday 0.959/0.824), rm3 w.15 0.899/0.738 (kb_eval 0.971/0.730,
heldout5 0.950/0.765), gate .5 0.890/0.747, roc m1 β.15 0.880/0.743; same verdict.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "knowledge"))

if TYPE_CHECKING:
    import sqlite3

    import numpy as np
    import numpy.typing as npt

    from knowledge.analyzer import Analyzer
    from knowledge.ranking import Ranked, ResolvedGroup


@dataclass(frozen=True)
class Variant:
    rocchio_m: int = 3
    rocchio_beta: float = 0.0  # 0: no dense feedback
    rm3_m: int = 2
    rm3_terms: int = 5
    rm3_weight: float = 0.0  # 0: no lexical feedback
    pool: int = 1
    gate: float = 9.0
    mix: float = 1.0
    rescore: float = 0.0  # > 0: no second run, this bonus instead
    min_docs: int = 1
    domain_only: bool = False


RM3 = Variant(rm3_weight=0.15, pool=2)
VARIANTS: dict[str, Variant] = {
    "base": Variant(),
    "roc1-0.15": Variant(rocchio_m=1, rocchio_beta=0.15),
    "roc2-0.3": Variant(rocchio_m=2, rocchio_beta=0.3),
    "roc3-0.5": Variant(rocchio_m=3, rocchio_beta=0.5),
    "roc3-0.7": Variant(rocchio_m=3, rocchio_beta=0.7),
    "rm3-2-5-0.3": Variant(rm3_weight=0.3),
    "rm3-2-5-0.15": Variant(rm3_weight=0.15),
    "rm3-2-3-0.2": Variant(rm3_terms=3, rm3_weight=0.2),
    "rm3-3-5-0.5": Variant(rm3_m=3, rm3_weight=0.5),
    "rm3": RM3,
    "rm3-gate.5": replace(RM3, gate=0.5),
    "rm3-gate.8": replace(RM3, gate=0.8),
    "rm3-mix.5": replace(RM3, mix=0.5),
    "rm3-keep-first": replace(RM3, mix=-1),
    "rm3-dom": replace(RM3, domain_only=True),
    "rm3-two": replace(RM3, rm3_m=3, min_docs=2),
    "rescore-0.1": Variant(rm3_weight=1.0, rescore=0.1),
}

# the variant in force, and what the library's last ranking.resolve worked with
CURRENT = Variant()
LAST: dict[str, Any] = {}


def _vectors_of(conn: sqlite3.Connection, chunk_ids: list[int]) -> npt.NDArray[np.float32]:
    import numpy as np

    marks = ",".join("?" * len(chunk_ids))
    sql = f"SELECT vec FROM chunk_vectors WHERE chunk_id IN ({marks})"
    blobs = [b for (b,) in conn.execute(sql, chunk_ids).fetchall()]
    if not blobs:
        return np.zeros((0, 0), dtype=np.float32)
    matrix = np.frombuffer(b"".join(blobs), dtype=np.float16).reshape(len(blobs), -1)
    return matrix.astype(np.float32)


def expansions(
    conn: sqlite3.Connection,
    analyzer: Analyzer,
    groups: list[ResolvedGroup],
    fused: list[Ranked],
    n_docs: int,
    counts_of: Callable[[list[str]], dict[str, tuple[int, int]]],
    v: Variant,
) -> list[ResolvedGroup]:
    """Concepts from the best fused passages' informative words the query lacks."""
    from knowledge.ranking import ResolvedGroup, _informative, idf

    top = [r.chunk_id for r in fused[: v.rm3_m]]
    marks = ",".join("?" * len(top))
    sql = f"SELECT rowid, body FROM chunks_fts WHERE rowid IN ({marks})"
    bodies = dict(conn.execute(sql, top).fetchall())
    have = {t for g in groups for t in (*g.terms, *g.grams, g.term)}
    tokens: dict[int, list[str]] = {}
    for cid in top:
        words = [
            t
            for t in str(bodies.get(cid, "")).split()
            if len(t) >= 2 and t not in have and t not in analyzer.stopwords and t.isalpha()
        ]
        if words:
            tokens[cid] = words
    if not tokens:
        return []
    counts = counts_of(list({t for words in tokens.values() for t in words}))
    score: dict[str, float] = {}
    for rank_no, cid in enumerate(top):
        for t, n in Counter(tokens.get(cid, [])).items():
            if t in counts:
                score[t] = score.get(t, 0.0) + n / len(tokens[cid]) / (rank_no + 1)
    in_docs = Counter(t for words in tokens.values() for t in set(words))
    picked = [
        (t, s * idf(n_docs, counts[t][0]))
        for t, s in score.items()
        if in_docs[t] >= v.min_docs
        and (not v.domain_only or t in analyzer.domain_words)
        and _informative(analyzer, t, counts[t], n_docs)
    ]
    picked.sort(key=lambda x: -x[1])
    out = []
    for t, _ in picked[: v.rm3_terms]:
        df = counts[t][0]
        weight = v.rm3_weight * idf(n_docs, df)
        out.append(ResolvedGroup(t, (), (), (t,), (), None, weight, frozenset(), ((t, df),)))
    return out


def _rescore(
    conn: sqlite3.Connection, fused: list[Ranked], extra: list[ResolvedGroup], bonus: float
) -> list[Ranked]:
    from knowledge.ranking import Ranked

    total = sum(g.weight for g in extra) or 1.0
    ids = [r.chunk_id for r in fused]
    marks = ",".join("?" * len(ids))
    sql = f"SELECT rowid, body FROM chunks_fts WHERE rowid IN ({marks})"
    bodies = {int(c): set(str(b).split()) for c, b in conn.execute(sql, ids).fetchall()}
    out = []
    for r in fused:
        share = sum(g.weight for g in extra if g.term in bodies.get(r.chunk_id, set())) / total
        out.append(Ranked(r.chunk_id, r.score + bonus * share, r.coverage, r.matched, r.concepts))
    return sorted(out, key=lambda r: -r.score)


def _mix(first: list[Ranked], second: list[Ranked], k: int, mix: float) -> list[Ranked]:
    from knowledge.ranking import Ranked

    if mix >= 1.0:
        return second[:k]
    if mix < 0:  # the first ranking as it was, plus the chunks only the second found
        have = {r.chunk_id for r in first}
        joined = [*first, *(r for r in second if r.chunk_id not in have)]
        return sorted(joined, key=lambda r: -r.score)[:k]
    one = {r.chunk_id: r for r in first}
    two = {r.chunk_id: r for r in second}
    out = []
    for cid in dict.fromkeys([*one, *two]):
        r = two.get(cid) or one[cid]
        a = one[cid].score if cid in one else 0.0
        b = two[cid].score if cid in two else 0.0
        out.append(Ranked(cid, (1 - mix) * a + mix * b, r.coverage, r.matched, r.concepts))
    return sorted(out, key=lambda r: -r.score)[:k]


def install() -> None:
    """Patch ranking.resolve (to remember the query's concepts) and SemanticLeg.rerank."""
    import numpy as np

    from knowledge import ranking, semantic
    from knowledge.analyzer import load_analyzer

    resolve, rerank = ranking.resolve, semantic.SemanticLeg.rerank

    def remembering(
        conn: Any, analyzer: Any, groups: Any, n_docs: Any = None, counts_of: Any = None
    ) -> list[ResolvedGroup]:
        out = resolve(conn, analyzer, groups, n_docs, counts_of)
        LAST.update(groups=out, n_docs=max(n_docs or 1, 1), counts_of=counts_of)
        return out

    def with_feedback(
        self: semantic.SemanticLeg,
        conn: sqlite3.Connection,
        state: object,
        query: str,
        ranked: list[Ranked],
        k: int,
        below: list[Ranked] | None = None,
        known: float = 1.0,
    ) -> list[Ranked]:
        v = CURRENT
        fused = rerank(self, conn, state, query, ranked, k, below, known)
        if v.rocchio_beta > 0 and fused:
            scored = self._scored(conn, state, query, [r.chunk_id for r in ranked])
            rows = _vectors_of(conn, [r.chunk_id for r in fused[: v.rocchio_m]])
            if scored is not None and rows.shape[0]:
                ids, _sims, vector = scored
                moved = vector + v.rocchio_beta * rows.mean(axis=0)
                moved = (moved / np.linalg.norm(moved)).astype(np.float32)
                every = self._every(conn) if self.small() else None
                if every is not None:
                    fused = semantic.fuse(ranked, every[0], every[1] @ moved, k, None, below, known)
                else:
                    parts = self._candidates(conn, [r.chunk_id for r in ranked])
                    sims = np.concatenate([p[1] @ moved for p in parts]).astype(np.float32)
                    others = self._others(conn, moved, ids)
                    fused = semantic.fuse(ranked, ids, sims, k, others, known=known)
        if v.rm3_weight <= 0 or not fused or max(r.coverage for r in ranked) >= v.gate:
            return fused
        analyzer = load_analyzer()
        groups = LAST["groups"]
        extra = expansions(conn, analyzer, groups, fused, LAST["n_docs"], LAST["counts_of"], v)
        if not extra:
            return fused
        if v.rescore > 0:
            return _rescore(conn, fused, extra, v.rescore)[:k]
        below2: list[Ranked] | None = [] if below is not None else None
        phrases = analyzer.plan(query).phrases
        again = ranking.rank(conn, groups + extra, v.pool * k, phrases, below2)
        if not again:
            return fused
        again = rerank(self, conn, state, query, again, k, below2, known)
        return _mix(fused, again, k, v.mix)

    ranking.resolve = remembering
    semantic.SemanticLeg.rerank = with_feedback  # type: ignore[method-assign]


def main() -> None:
    global CURRENT
    parser = argparse.ArgumentParser()
    parser.add_argument("--variants", nargs="*", default=list(VARIANTS), choices=list(VARIANTS))
    parser.add_argument("--misses", action="store_true", help="the tuning sets' misses")
    parser.add_argument("--diff", action="store_true", help="misses gained/lost vs the first")
    args = parser.parse_args()
    from kb_tuning_sets import report, score, tuning_libraries

    from knowledge.semantic import unavailable_reason

    if (reason := unavailable_reason()) is not None:
        sys.exit(f"needs the semantic leg: {reason}")
    install()
    libs = tuning_libraries(Path(tempfile.mkdtemp(prefix="zicha-proto-")))
    first: set[tuple[str, str]] | None = None
    for variant in args.variants:
        CURRENT = VARIANTS[variant]
        t0 = time.perf_counter()
        rows = score(libs)
        print(f"\n== {variant} {CURRENT} ({time.perf_counter() - t0:.0f} s)")
        misses = report(rows, args.misses, first if args.diff else None)
        if first is None:
            first = misses
    for lib in libs.values():
        lib.close()


if __name__ == "__main__":
    main()
