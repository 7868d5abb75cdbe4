"""Prototype (issue 13, ltr16): a learned fusion of the words' and the vectors' evidence. Not a test.

Question: the shipped fusion (knowledge/semantic.fuse) adds hand-set shares of the lexical score
and the closeness; tuning its constants, sentence vectors, PRF, RRF and a second passage model
(kb_fuse_proto, kb_passage_proto, kb_prf_proto, kb_use_proto) all left pooled everyday recall
near 0.90, while on the looked-at sets the fused first five miss 9-17 articles the vectors alone
put in their first five. Does a linear scorer over the same evidence, learned with a listwise
(softmax) loss, rank better on sets it was not trained on?

Method: every question of the tuning and looked-at sets is searched once through Library.search;
at the fusion step the candidates (lexical hits, those under the floor, the 20 closest passages,
the closest of other documents) and their features are recorded, as is the answer the shipped
fusion gives. Learned variants are then scored offline, candidates ordered by w·x and passed
through ranking.full_text_first as the search does. Leave-one-set-out: each set is scored by
weights learned on the others. Never heldout6/7/8.

FINDINGS (2026-12-02): not adopted; knowledge/ is unchanged. No weighting of this evidence ranks
better than the shipped fusion, even on the questions it is fitted to (everyday recall@5/MRR,
pooled over the tuning and looked-at sets without their held-out parts: 687 everyday, 320
official, 214 noise questions):

  shipped fusion (Library.search as it is)         everyday 0.902/0.763  official 1.000/0.954
  the shipped formula in these features            0.892/0.755           1.000/0.952
  (lex·known/0.95 + close; the shipped one also adds the words' candidates under the floor
  with a 0.3 share and other documents at 0.8)
  coordinate ascent on recall@5 + 0.3·MRR,          0.905/0.759           1.000/0.955
  fitted to all of them (in-sample: a ceiling)
  listwise softmax, fitted to all (in-sample)      0.886/0.735           0.997/0.940
  listwise softmax, leave one set out              0.884/0.735           0.997/0.940
  (heldout3: shipped 0.617, ascent 0.625, softmax LOSO 0.583)

In-sample, the best linear scorer over these thirteen features gains 0.003 on the questions it
was fitted to: the fusion's weights are not what keeps everyday recall near 0.90. What misses
are missed by both legs (kb_use_proto --diag: 54 of heldout..heldout5's 476 everyday questions
are in neither the fused nor the vectors' first five).

Run: .venv/bin/python benchmarks/kb_ltr_proto.py [--work DIR] [--l2 0.01] [--ascent]
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "knowledge"))

FEATURES = [
    "lex",  # lexical score / best lexical score (0: not a word hit)
    "below",  # score under the floor / best lexical score (small libraries)
    "hit",  # a word hit
    "lrank",  # 1 / rank among the word hits
    "coverage",
    "concepts",  # concepts matched / most matched by any hit
    "close",  # (cos - floor) / (top - floor), at least 0
    "gap",  # (top - cos) / 0.02
    "drank",  # 1 / rank by cosine
    "other",  # from another document only
    "lex_known",
    "close_unknown",
    "lex_close",
]
DENSE_CANDIDATES = 20


def features(
    ranked: list[Any], ids: Any, sims: Any, others: Any, below: Any, known: float, floor: float
) -> tuple[list[int], np.ndarray, dict[int, Any]]:
    """Candidate chunk ids, their feature rows and the Ranked the words gave each (if any)."""
    best = max(r.score for r in ranked) or 1.0
    top = float(sims.max())
    if others is not None and len(others[0]):
        top = max(top, float(others[1].max()))
    cos: dict[int, float] = {}
    order = np.argsort(-sims, kind="stable")
    for i in order[:DENSE_CANDIDATES].tolist():
        cos[int(ids[i])] = float(sims[i])
    of_id = dict(zip(ids.tolist(), sims.tolist(), strict=True))
    from_other: set[int] = set()
    if others is not None:
        for cid, sim in zip(others[0].tolist(), others[1].tolist(), strict=True):
            if cid not in of_id:
                from_other.add(int(cid))
                of_id[int(cid)] = float(sim)
                cos[int(cid)] = float(sim)
    info: dict[int, Any] = {}
    lrank: dict[int, int] = {}
    for i, r in enumerate(sorted(ranked, key=lambda r: -r.score), 1):
        info[r.chunk_id] = r
        lrank[r.chunk_id] = i
    below_of = {r.chunk_id: r for r in below or () if r.chunk_id not in info}
    most = max((r.concepts for r in ranked), default=1) or 1
    cands = list(dict.fromkeys([*info, *below_of, *cos]))
    sorted_sims = np.sort(sims)[::-1]
    rows = []
    for cid in cands:
        r = info.get(cid) or below_of.get(cid)
        c = of_id.get(cid)
        lex = info[cid].score / best if cid in info else 0.0
        bel = below_of[cid].score / best if cid in below_of else 0.0
        close = max(0.0, (c - floor) / (top - floor)) if c is not None and top > floor else 0.0
        gap = (top - c) / 0.02 if c is not None else 5.0
        drank = 0.0
        if c is not None:
            rank = int(np.searchsorted(-sorted_sims, -c, side="left")) + 1
            drank = 1.0 / rank
        rows.append(
            [
                lex,
                bel,
                float(cid in info),
                1.0 / lrank[cid] if cid in lrank else 0.0,
                r.coverage if r else 0.0,
                (r.concepts / most) if r else 0.0,
                close,
                min(gap, 5.0),
                drank,
                float(cid in from_other),
                lex * known,
                close * (1 - known),
                lex * close,
            ]
        )
    return cands, np.array(rows, dtype=np.float64), {**below_of, **info}


def train(groups: list[tuple[np.ndarray, int]], l2: float, steps: int = 3000) -> np.ndarray:
    """Listwise softmax: maximise log P(target) over each question's candidates."""
    w = np.zeros(len(FEATURES))
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    lr = 0.05
    for t in range(1, steps + 1):
        g = l2 * w
        for x, pos in groups:
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            g -= (x[pos] - p @ x) / len(groups)
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        w -= lr * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    return w


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", default="")
    parser.add_argument("--l2", default="0.01")
    parser.add_argument("--ascent", action="store_true", help="coordinate ascent on recall+MRR")
    args = parser.parse_args()
    from kb_evaluate import load_eval
    from kb_tuning_sets import Tally, answers, libraries_at, question_sets, tally, tally_line

    from knowledge import ranking, semantic

    libs = libraries_at(args.work, "zicha-ltr16-")
    sets = question_sets()
    captured: list[Any] = []
    real_fuse = semantic.fuse

    def fuse(
        ranked: Any,
        ids: Any,
        sims: Any,
        k: int,
        others: Any = None,
        below: Any = None,
        known: float = 1.0,
    ) -> Any:
        out = real_fuse(ranked, ids, sims, k, others, below, known)
        if ranked and len(ids) and float(sims.max()) > semantic.DENSE_FLOOR:
            captured.append(
                (features(ranked, ids, sims, others, below, known, semantic.DENSE_FLOOR), k)
            )
        return out

    semantic.fuse = fuse  # type: ignore[assignment]

    records = []  # (set, style, target-test, lib, captured or None, baseline rank)
    for set_name, lib_name, qfile in sets:
        lib = libs[lib_name]
        stems = {d.id: Path(d.source_path).stem for d in lib.documents()}
        hit_cache: dict[int, Any] = {}

        def is_target(
            cid: int, item: dict, lib: Any = lib, stems: dict = stems, cache: dict = hit_cache
        ) -> bool:
            if cid not in cache:
                cache[cid] = lib._hit(cid, 0.0, ())
            h = cache[cid]
            return answers(item, h.key, h.citation, h.title, stems.get(h.doc_id, ""))

        for item in load_eval(qfile):
            captured.clear()
            hits = lib.search(item["q"], k=5)
            if item["style"] == "noise":
                base = None if hits else 1
            else:
                base = next((i for i, h in enumerate(hits, 1) if is_target(h.chunk_id, item)), None)
            cap = captured[-1] if captured else None
            label = None
            if cap is not None and item["style"] != "noise":
                cands = cap[0][0]
                label = next((i for i, c in enumerate(cands) if is_target(c, item)), None)
            records.append((set_name, item, lib, cap, base, label, is_target))
        print(f"  {set_name}: {sum(1 for r in records if r[0] == set_name)} questions", flush=True)

    def rank_with(w: np.ndarray | None, rec: Any) -> int | None:
        set_name, item, lib, cap, base, label, is_target = rec
        if w is None or cap is None or item["style"] == "noise":
            return base
        (cands, x, info), k = cap
        s = x @ w
        order = np.argsort(-s, kind="stable")[:k]
        top = float(s[order[0]])
        ranked = []
        for i in order.tolist():
            cid = cands[i]
            r = info.get(cid)
            score = math.exp(float(s[i]) - top)
            ranked.append(
                ranking.Ranked(cid, score, r.coverage, r.matched, r.concepts)
                if r
                else ranking.Ranked(cid, score, 0.0, ())
            )
        final = ranking.full_text_first(lib.conn, ranked)[:5]
        return next((i for i, r in enumerate(final, 1) if is_target(r.chunk_id, item)), None)

    def table(label: str, ranks: dict[int, int | None]) -> None:
        pooled: Tally = {}
        lines = []
        for set_name, *_ in sets:
            per: Tally = {}
            for i, rec in enumerate(records):
                if rec[0] != set_name:
                    continue
                st = rec[1]["style"]
                into = [per.setdefault(st, [0, 0, 0.0])]
                if set_name not in ("kb_eval_holdout", "noise_holdout"):
                    into.append(pooled.setdefault(st, [0, 0, 0.0]))
                tally(ranks[i], *into)
            e = per.get("everyday")
            if e:
                lines.append(f"{set_name} {e[1] / e[0]:.3f}/{e[2] / e[0]:.3f}")
        print(f"{label:<22}{tally_line(pooled)}\n      " + ", ".join(lines), flush=True)

    table("shipped fusion", {i: rec[4] for i, rec in enumerate(records)})
    if args.ascent:
        # the shipped fusion in these features: lex·min(1, known/0.95) + close
        w0 = np.zeros(len(FEATURES))
        w0[FEATURES.index("lex_known")] = 1 / 0.95
        w0[FEATURES.index("close")] = 1.0
        table("shipped as features", {i: rank_with(w0, rec) for i, rec in enumerate(records)})
        pool = [
            i
            for i, rec in enumerate(records)
            if rec[0] not in ("kb_eval_holdout", "noise_holdout")
            and rec[1]["style"] != "noise"
            and rec[3] is not None
        ]

        def objective(w: np.ndarray, which: list[int]) -> float:
            total = 0.0
            for i in which:
                r = rank_with(w, records[i])
                total += (1.0 if r else 0.0) + 0.3 * (1 / r if r else 0.0)
            return total

        def ascend(which: list[int]) -> np.ndarray:
            w = w0.copy()
            best = objective(w, which)
            for _round in range(2):
                for j in range(len(FEATURES)):
                    for step in (-0.5, -0.2, 0.2, 0.5):
                        trial = w.copy()
                        trial[j] += step
                        got = objective(trial, which)
                        if got > best + 1e-9:
                            w, best = trial, got
            return w

        w = ascend(pool)
        table("ascent in-sample", {i: rank_with(w, rec) for i, rec in enumerate(records)})
        print("  weights: " + ", ".join(f"{n} {x:+.2f}" for n, x in zip(FEATURES, w, strict=True)))
        return
    trainable = [i for i, rec in enumerate(records) if rec[5] is not None]
    print(f"questions with the target among the candidates: {len(trainable)}")
    names = [s[0] for s in sets]
    for l2 in [float(x) for x in args.l2.split(",")]:
        ranks: dict[int, int | None] = {}
        for held in names:
            groups = [
                (records[i][3][0][1], records[i][5])
                for i in trainable
                if records[i][0] != held
                and records[i][0] not in ("kb_eval_holdout", "noise_holdout")
            ]
            w = train(groups, l2)
            for i, rec in enumerate(records):
                if rec[0] == held:
                    ranks[i] = rank_with(w, rec)
        table(f"learned LOSO l2 {l2}", ranks)
        groups = [
            (records[i][3][0][1], records[i][5])
            for i in trainable
            if records[i][0] not in ("kb_eval_holdout", "noise_holdout")
        ]
        w = train(groups, l2)
        table(f"learned in-sample {l2}", {i: rank_with(w, rec) for i, rec in enumerate(records)})
        print("  weights: " + ", ".join(f"{n} {x:+.2f}" for n, x in zip(FEATURES, w, strict=True)))


if __name__ == "__main__":
    main()
