"""Prototype (issue 13, passage16): how passages are embedded for the semantic leg. Not a test.

Question: do everyday questions find their article better when the leg compares the query with
more than one vector of the article's text alone (knowledge/semantic.py PASSAGE_FORMAT
"text-v1")? Variants, scored through the real Library.search (fusion as shipped; only the
passage vectors and the score of an article are replaced), on the tuning sets only (kb_eval,
tuning2, tuning3, tuning_noise, heldout..heldout5; never heldout6/7/8, not even built here):
- prefix: 《title》 (title) or 《title》chapter： (head) before the article's text;
- sentence vectors beside the article's: the text split on 。；; line breaks, （一） and 1.
  items (pieces under MIN_PIECE = 12 characters joined to the next; an article of one piece
  keeps its own vector), an article scored a·article + (1−a)·best sentence (s-max: a = 0;
  s-mixN: a = 0.N) or max(article, best sentence) (s-maxart); "artcheck": the chit-chat noise
  check (SemanticLeg.closeness) keeps the article's cosine. Further knobs: longer pieces
  (min24), sentences only for articles of at least 150/250 characters (long150/250), DENSE_WEIGHT
  × DENSE_FLOOR re-tuned per variant (--weights, --floors), the closest passage kept in the first
  N (--slot N).

FINDINGS (2026-12-02): nothing beats the shipped text-v1 vectors once fused; knowledge/ is
unchanged. recall@5/MRR of everyday questions as Library.search answers them:

  set             base (text-v1)  title        head         s-max        s-mix5 artck s-mix8 artck
  kb_eval         1.000/0.816     0.943/0.713  0.914/0.716  0.971/0.705  1.000/0.770  1.000/0.818
  tuning2         1.000/0.948     0.971/0.895  0.971/0.867  1.000/0.933  1.000/0.933  1.000/0.948
  tuning3         1.000/0.943     1.000/0.958  1.000/0.947  1.000/0.936  1.000/0.932  1.000/0.943
  tuning_noise    0.907/0.777     0.887/0.781  0.866/0.747  0.918/0.791  0.897/0.780  0.897/0.780
  heldout         0.917/0.831     0.933/0.842  0.933/0.857  0.917/0.831  0.917/0.831  0.917/0.831
  heldout2        0.911/0.745     0.893/0.779  0.911/0.759  0.911/0.742  0.911/0.748  0.911/0.744
  heldout3        0.592/0.445     0.533/0.393  0.542/0.394  0.617/0.460  0.608/0.474  0.608/0.451
  heldout4        0.967/0.845     0.950/0.779  0.950/0.783  0.975/0.826  0.967/0.834  0.967/0.858
  heldout5        0.958/0.762     0.867/0.713  0.892/0.737  0.867/0.720  0.917/0.743  0.933/0.762
  POOLED everyday 0.888/0.752     0.852/0.720  0.854/0.718  0.878/0.738  0.882/0.748  0.885/0.755
  POOLED official 1.000/0.954     0.997/0.945  0.997/0.950  1.000/0.949  1.000/0.958  1.000/0.956
  POOLED noise    1.000           0.995        0.995        0.995        1.000        1.000

(pooled: 687 everyday, 320 official, 214 noise questions.) s-mix3 0.881/0.747, s-mix5 with the
noise check on the mixed score 0.884/0.750 but one tuning_noise query let through (0.995),
s-mix7 0.882/0.754, s-maxart 0.878/0.740, s-mix5 min24 0.886/0.748, s-max min24 0.878/0.735,
s-mix5 long150 0.886/0.750, s-max long150 0.882/0.747, long250 = base. Re-tuning the fusion
for s-mix5 (DENSE_WEIGHT 1.0/1.3/1.6 × DENSE_FLOOR 0.83/0.85/0.86): everyday 0.879–0.885, none
above base, whose shipped weights are also its best of that grid; --slot 5: base 0.891/0.752,
s-mix5 0.886/0.749; --slot 3: base 0.889, s-mix5 0.886. Reciprocal-rank fusion of the words'
and the cosines' rankings instead (--rrf K:W; 60:1, 10:1, 10:0.7, 5:1.5): everyday 0.865–0.873
(base) and 0.875–0.881 (s-mix5), official MRR 0.909–0.937: worse than the shipped fusion.

The vectors alone (--dense-only: cosine ranking over the whole library, no words; 590
everyday, 320 official) do improve with sentences: everyday base 0.737/0.559 → s-mix5
0.788/0.598 (s-mix3 0.773/0.592, s-mix7 0.773/0.597, s-max 0.724/0.551, title 0.659/0.507,
head 0.678/0.512), official 0.981/0.877 → 0.984/0.882; per set (everyday recall) kb_eval
0.771 → 0.743, tuning2 0.857 = 0.857, tuning3 0.909 → 0.932, heldout 0.850 → 0.867, heldout2
0.679 → 0.804, heldout3 0.450 → 0.583, heldout4 0.850 → 0.900, heldout5 0.775 = 0.775.
Why that does not reach the fused figures (--dense --misses): of base's 77 everyday misses, 49
are heldout3's, and in most of them the vectors miss too; where s-mix5 brings the article into
the dense top five (9 more heldout3 questions), either the words' hits of sibling articles of
the same document still fill the first five, or the search answers nothing before any fusion
(relevance floor or chit-chat checks: 出去倒杯水的工夫电脑要不要锁上, dense rank 1, answers
nothing with base and s-mix5 alike). And sentence vectors add cross-document competition: heldout5, whose
regulations overlap others of the library, loses 3–5 questions to a near-identical sentence of
another document (下个月的用款计划几号前要报上去 → 江川 第五部分（四） instead of 江澜 第十五条).
The title prefix makes every article of a document look alike to the query (kb_eval everyday
MRR 0.816 → 0.713).

Cost the sentence vectors would have had (--cost, heldout5's library: 484 articles of 81
characters on average, 732 pieces of 34; two-core machine, shared): embedding 57 s per 1000
chunks for the articles, +41 s for the sentences (1.7×); stored vectors 2.5× (1 + 1.5 float16
rows of 768 bytes per chunk: ≈ 1.9 kB instead of 768 B), and every search's dot products over
2.5× the rows plus a per-article maximum.

Vectors are cached by text in /tmp/passage16_vec_cache.npz. Run:
.venv/bin/python benchmarks/kb_passage_proto.py [--variants base,s-mix5,...] [--misses] [--dense]
[--dense-only] [--weights 1.0,1.3] [--floors 0.83,0.85] [--slot 5] [--rrf 10:0.7] [--brief]
[--cost]
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "knowledge"))
CACHE = Path("/tmp/passage16_vec_cache.npz")
MIN_PIECE = 12

_SPLIT = re.compile(
    r"(?<=[。；;])|\n|(?=（[一二三四五六七八九十]+）)|(?=(?<![0-9.])[0-9]{1,2}[.．、](?![0-9]))"
)


def pieces(text: str, min_len: int = MIN_PIECE) -> list[str]:
    """The article's sentences and numbered items; a piece under min_len characters joins the
    next (the last joins the one before). One piece: [] (the article's own vector says it)."""
    raw = [p.strip() for p in _SPLIT.split(text) if p and p.strip()]
    out: list[str] = []
    carry = ""
    for p in raw:
        p = carry + p
        if len(p) < min_len:
            carry = p
            continue
        out.append(p)
        carry = ""
    if carry:
        if out:
            out[-1] += carry
        else:
            out.append(carry)
    return out if len(out) > 1 else []


class Mixed:
    """Stands in for a float32 matrix of passage rows: `m @ v` gives each article's score."""

    check_article_only = False  # the noise checks (closeness) on the article's cosine alone

    def __init__(self, art: Any, sent: Any, owner: Any, a: float, mode: str) -> None:
        self.art, self.sent, self.owner, self.a, self.mode = art, sent, owner, a, mode

    def __len__(self) -> int:
        return len(self.art)

    @property
    def shape(self) -> tuple[int, ...]:
        return self.art.shape

    def __getitem__(self, sl: slice) -> Mixed:
        start, stop, _ = sl.indices(len(self.art))
        keep = (self.owner >= start) & (self.owner < stop)
        return Mixed(
            self.art[start:stop], self.sent[keep], self.owner[keep] - start, self.a, self.mode
        )

    def __matmul__(self, v: Any) -> Any:
        s = self.art @ v
        if self.mode == "art" or not len(self.owner) or Mixed.check_article_only:
            return s
        best = s.copy()
        best[np.unique(self.owner)] = -1.0
        np.maximum.at(best, self.owner, self.sent @ v)
        if self.mode == "max":
            return np.maximum(s, best)
        return self.a * s + (1 - self.a) * best


VARIANTS: dict[str, dict[str, Any]] = {
    "base": {"prefix": "text", "mode": "art"},
    "title": {"prefix": "title", "mode": "art"},
    "head": {"prefix": "head", "mode": "art"},
    "s-max": {"prefix": "text", "mode": "mix", "a": 0.0},
    "s-mix3": {"prefix": "text", "mode": "mix", "a": 0.3},
    "s-mix5": {"prefix": "text", "mode": "mix", "a": 0.5},
    "s-mix7": {"prefix": "text", "mode": "mix", "a": 0.7},
    "s-maxart": {"prefix": "text", "mode": "max"},
    "s-mix5-artcheck": {"prefix": "text", "mode": "mix", "a": 0.5, "artcheck": True},
    "s-mix7-artcheck": {"prefix": "text", "mode": "mix", "a": 0.7, "artcheck": True},
    "title-s-mix5": {"prefix": "title", "mode": "mix", "a": 0.5},
    "s-mix8": {"prefix": "text", "mode": "mix", "a": 0.8, "artcheck": True},
    "s-mix5-min24": {"prefix": "text", "mode": "mix", "a": 0.5, "min": 24, "artcheck": True},
    "s-max-min24": {"prefix": "text", "mode": "mix", "a": 0.0, "min": 24, "artcheck": True},
    "s-mix5-long150": {"prefix": "text", "mode": "mix", "a": 0.5, "long": 150, "artcheck": True},
    "s-max-long150": {"prefix": "text", "mode": "mix", "a": 0.0, "long": 150, "artcheck": True},
    "s-max-long250": {"prefix": "text", "mode": "mix", "a": 0.0, "long": 250, "artcheck": True},
}


def passage(title: str, chapter: str, text: str, prefix: str) -> str:
    if prefix == "title":
        return f"《{title}》{text}"
    if prefix == "head":
        return f"《{title}》{chapter}：{text}" if chapter else f"《{title}》{text}"
    return text


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--misses", action="store_true", help="misses of the tuning sets")
    parser.add_argument("--min-piece", type=int, default=MIN_PIECE)
    parser.add_argument(
        "--dense", action="store_true", help="also the dense leg alone: recall@5/MRR by cosine"
    )
    parser.add_argument("--dense-only", action="store_true", help="the dense leg alone, no fusion")
    parser.add_argument("--weights", default="", help="DENSE_WEIGHT values to try (comma)")
    parser.add_argument("--floors", default="", help="DENSE_FLOOR values to try (comma)")
    parser.add_argument("--brief", action="store_true", help="pooled figures only")
    parser.add_argument(
        "--slot", type=int, default=0, help="the closest passage is kept within the first N"
    )
    parser.add_argument(
        "--cost", action="store_true", help="time embedding heldout5's articles and sentences"
    )
    parser.add_argument("--rrf", default="", help="reciprocal-rank fusion instead: K:W,K:W...")
    args = parser.parse_args()
    from kb_tuning_sets import score, tuning_libraries

    from knowledge import semantic, vectors
    from knowledge.library import Library

    # the shipped vectors: the leg is ready
    libs: dict[str, Library] = tuning_libraries(Path(tempfile.mkdtemp(prefix="zicha-passage-")))

    def sets() -> list[tuple[str, dict[str, dict]]]:
        return [("tuning_noise" if name == "noise" else name, r) for name, r in score(libs)]

    cache: dict[str, np.ndarray] = {}
    if CACHE.exists():
        z = np.load(CACHE)
        cache = {k: z[k] for k in z.files}
    encoder = semantic.load_encoder()

    def embed(texts: list[str]) -> np.ndarray:
        keys = [hashlib.sha1(t.encode()).hexdigest() for t in texts]
        todo = list(dict.fromkeys(k for k in keys if k not in cache))
        if todo:
            first = {k: t for k, t in zip(keys, texts, strict=True)}
            t0 = time.perf_counter()
            for i in range(0, len(todo), 16):
                batch = todo[i : i + 16]
                for k, v in zip(batch, encoder.passages([first[k] for k in batch]), strict=True):
                    cache[k] = v.astype(np.float16)
            print(f"  embedded {len(todo)} texts in {time.perf_counter() - t0:.1f} s")
            np.savez(CACHE, **cache)
        if not keys:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([cache[k] for k in keys]).astype(np.float32)

    queries: dict[str, np.ndarray] = {}
    real_query_vector = semantic.SemanticLeg._query_vector

    def query_vector(self: Any, query: str, pending: Any) -> Any:
        if query not in queries:
            queries[query] = real_query_vector(self, query, pending)
        elif pending is not None:
            pending.cancelled = True
        return queries[query]

    semantic.SemanticLeg._query_vector = query_vector  # type: ignore[method-assign]
    real_closeness = semantic.SemanticLeg.closeness

    def closeness(self: Any, *a: Any, **kw: Any) -> Any:
        self._last = None
        Mixed.check_article_only = current["artcheck"]
        try:
            return real_closeness(self, *a, **kw)
        finally:
            Mixed.check_article_only = False
            self._last = None

    semantic.SemanticLeg.closeness = closeness  # type: ignore[method-assign]
    real_fuse = semantic.fuse

    def fuse(ranked: Any, ids: Any, sims: Any, k: int, *rest: Any) -> Any:
        out = real_fuse(ranked, ids, sims, k, *rest)
        if args.slot and len(ids) and out:
            best = int(ids[int(np.argmax(sims))])
            at = next((i for i, r in enumerate(out) if r.chunk_id == best), None)
            if at is None or at >= args.slot:
                r = semantic.Ranked(best, 0.0, 0.0, ()) if at is None else out.pop(at)
                under = out[args.slot - 1].score if len(out) >= args.slot else 0.0
                out.insert(
                    args.slot - 1,
                    semantic.Ranked(best, under + 1e-6, r.coverage, r.matched, r.concepts),
                )
        return out

    semantic.fuse = fuse  # type: ignore[assignment]
    rrf: dict[str, float] = {}

    def rrf_fuse(ranked: Any, ids: Any, sims: Any, k: int, *rest: Any) -> Any:
        """Reciprocal-rank fusion of the words' ranking and the cosine ranking."""
        if not rrf:
            return fuse(ranked, ids, sims, k, *rest)
        if not ranked or not len(ids):
            return ranked
        kk, w = rrf["k"], rrf["w"]
        score: dict[int, float] = {}
        info = {r.chunk_id: r for r in ranked}
        for i, r in enumerate(sorted(ranked, key=lambda r: -r.score), 1):
            score[r.chunk_id] = 1 / (kk + i)
        for j, row in enumerate(np.argsort(-sims, kind="stable")[:50].tolist(), 1):
            cid = int(ids[row])
            score[cid] = score.get(cid, 0.0) + w / (kk + j)
        out = []
        for cid, sc in sorted(score.items(), key=lambda x: -x[1])[:k]:
            r = info.get(cid)
            out.append(
                semantic.Ranked(cid, sc, r.coverage, r.matched, r.concepts)
                if r
                else semantic.Ranked(cid, sc, 0.0, ())
            )
        return out

    semantic.fuse = rrf_fuse  # type: ignore[assignment]

    rows = {
        name: lib.conn.execute(
            "SELECT c.id, c.doc_id, d.title, c.chapter_path, c.text FROM chunks c"
            " JOIN documents d ON d.id = c.doc_id ORDER BY c.id"
        ).fetchall()
        for name, lib in libs.items()
    }
    for name in ("tuning", "heldout5"):
        n_sent = sum(len(pieces(r[4], args.min_piece)) for r in rows[name])
        print(f"{name}: {len(rows[name])} chunks, {n_sent} sentence rows")
    if args.cost:
        arts = [r[4] for r in rows["heldout5"]]
        sents = [p for t in arts for p in pieces(t, args.min_piece)]
        for label, texts in (("articles", arts), ("sentences", sents)):
            t0 = time.perf_counter()
            for i in range(0, len(texts), semantic.BATCH):
                encoder.passages(texts[i : i + semantic.BATCH])
            spent = time.perf_counter() - t0
            chars = sum(map(len, texts)) / len(texts)
            print(
                f"cost: {len(texts)} {label} (mean {chars:.0f} chars) in {spent:.1f} s:"
                f" {1000 * spent / len(arts):.0f} s per 1000 chunks"
            )
        return
    current: dict[str, Any] = {}
    built: dict[int, tuple[Any, Any, Any]] = {}  # id(conn) → (ids, doc of row, Mixed)

    def all_vectors(conn: Any, limit: int) -> Any:
        ids, _docs, m = built[id(conn)]
        return ids, m

    def for_documents(conn: Any, doc_ids: list[int], limit: int) -> Any:
        ids, docs, m = built[id(conn)]
        sel = np.flatnonzero(np.isin(docs, doc_ids))
        # rows of one document are contiguous (ids in import order)
        lo, hi = (int(sel[0]), int(sel[-1]) + 1) if len(sel) else (0, 0)
        return ids[lo:hi], m[lo:hi]

    vectors.all_vectors = all_vectors  # type: ignore[assignment]
    vectors.for_documents = for_documents  # type: ignore[assignment]

    from kb_evaluate import (
        HELDOUT2_QUESTIONS,
        HELDOUT3_QUESTIONS,
        HELDOUT4_QUESTIONS,
        HELDOUT5_QUESTIONS,
        HELDOUT_QUESTIONS,
        TUNING2_QUESTIONS,
        TUNING3_QUESTIONS,
        load_eval,
        matches,
    )

    dense_sets = [
        ("kb_eval", "tuning", None),
        ("tuning2", "tuning2", TUNING2_QUESTIONS),
        ("tuning3", "tuning3", TUNING3_QUESTIONS),
        ("heldout", "heldout", HELDOUT_QUESTIONS),
        ("heldout2", "heldout2", HELDOUT2_QUESTIONS),
        ("heldout3", "heldout3", HELDOUT3_QUESTIONS),
        ("heldout4", "heldout4", HELDOUT4_QUESTIONS),
        ("heldout5", "heldout5", HELDOUT5_QUESTIONS),
    ]
    hits_of: dict[str, list[tuple[str, str | None, str, str]]] = {}
    for name, lib in libs.items():
        stems = {d.id: Path(d.source_path).stem for d in lib.documents()}
        hits_of[name] = []
        for r in rows[name]:
            h = lib._hit(r[0], 0.0, ())
            hits_of[name].append((stems.get(h.doc_id, ""), h.key, h.citation, h.title))

    dense_rank: dict[tuple[str, str], int | None] = {}

    def dense_only(cfg: dict[str, Any]) -> None:
        """Recall@5 / MRR of the everyday and official questions by the dense score alone over
        the whole library (no words): how well the vectors alone find the article."""
        pooled: dict[str, list[float]] = {}
        for set_name, lib_name, qfile in dense_sets:
            per: dict[str, list[float]] = {}
            lib = libs[lib_name]
            ids, _docs, m = built[id(lib.conn)]
            items = load_eval(qfile) if qfile else load_eval()
            for item in items:
                if item["style"] not in ("everyday", "official"):
                    continue
                v = query_vector(lib._semantic, item["q"], None)
                order = np.argsort(-(m @ v), kind="stable")[:5]
                rank = None
                for i, j in enumerate(order.tolist(), 1):
                    stem, key, cit, title = hits_of[lib_name][j]
                    ok = (
                        matches(item["expect"], key, cit, title)
                        if qfile is None
                        else stem == item["doc"] and cit.endswith(item["at"])
                    )
                    if ok:
                        rank = i
                        break
                dense_rank[(set_name, item["q"])] = rank
                for acc in (
                    pooled.setdefault(item["style"], [0, 0, 0.0]),
                    per.setdefault(item["style"], [0, 0, 0.0]),
                ):
                    acc[0] += 1
                    acc[1] += bool(rank)
                    acc[2] += 1 / rank if rank else 0.0
            if not args.brief:
                print(
                    f"  dense {set_name:<10}"
                    + "  ".join(
                        f"{st[:3]} {a[0]:>3} {a[1] / a[0]:.3f}/{a[2] / a[0]:.3f}"
                        for st, a in sorted(per.items())
                    )
                )
        print(
            "  DENSE ONLY      "
            + "  ".join(
                f"{st[:3]} {a[0]:>3} {a[1] / a[0]:.3f}/{a[2] / a[0]:.3f}"
                for st, a in sorted(pooled.items())
            )
        )

    table: dict[str, list[tuple[str, dict[str, dict]]]] = {}

    def report(variant: str, results: list[tuple[str, dict[str, dict]]]) -> None:
        table[variant] = results
        for set_name, result in table[variant]:
            if args.brief:
                continue
            line = "  ".join(
                f"{style[:3]} {s['n']:>3} {s['recall@5']:.3f}/{s['mrr']:.3f}"
                for style, s in sorted(result.items())
            )
            print(f"  {set_name:<16}{line}")
            if args.misses:
                for style, s in result.items():
                    for miss in s["misses"]:
                        rank = dense_rank.get((set_name, miss[0]), "-")
                        print(f"      miss {style} (dense rank {rank}): {miss}")
        pooled: dict[str, list[float]] = {}
        for set_name, result in table[variant]:
            if set_name in ("kb_eval_holdout", "noise_holdout"):
                continue
            for style, s in result.items():
                acc = pooled.setdefault(style, [0, 0, 0.0])
                acc[0] += s["n"]
                acc[1] += s["hits"]
                acc[2] += s["rr"]
        print(
            "  POOLED          "
            + "  ".join(
                f"{st[:3]} {a[0]:>3} {a[1] / a[0]:.3f}/{a[2] / a[0]:.3f}"
                for st, a in sorted(pooled.items())
            ),
            flush=True,
        )

    for variant in args.variants.split(","):
        cfg = VARIANTS[variant]
        current.clear()
        current.update(artcheck=bool(cfg.get("artcheck")))
        print(f"== {variant} {cfg}")
        for name, lib in libs.items():
            rs = rows[name]
            art = embed([passage(r[2], r[3], r[4], cfg["prefix"]) for r in rs])
            owner: list[int] = []
            sent_texts: list[str] = []
            if cfg["mode"] != "art":
                for i, r in enumerate(rs):
                    if len(r[4]) < cfg.get("long", 0):
                        continue
                    for p in pieces(r[4], cfg.get("min", args.min_piece)):
                        owner.append(i)
                        sent_texts.append(p)
            sent = embed(sent_texts)
            m = Mixed(art, sent, np.array(owner, dtype=np.int64), cfg.get("a", 0.0), cfg["mode"])
            ids = np.array([r[0] for r in rs], dtype=np.int64)
            built[id(lib.conn)] = (ids, np.array([r[1] for r in rs]), m)
            lib._semantic = semantic.SemanticLeg()
        if args.dense or args.dense_only:
            dense_only(cfg)
        if args.dense_only:
            continue
        weights = [float(x) for x in args.weights.split(",") if x] or [semantic.DENSE_WEIGHT]
        floors = [float(x) for x in args.floors.split(",") if x] or [semantic.DENSE_FLOOR]
        for spec in [x for x in args.rrf.split(",") if x]:
            rrf["k"], rrf["w"] = (float(x) for x in spec.split(":"))
            for lib in libs.values():
                lib._semantic = semantic.SemanticLeg()
            print(f" -- {variant} rrf k {rrf['k']} w {rrf['w']}")
            report(variant, sets())
        if rrf:
            rrf.clear()
            continue
        for weight, floor in itertools.product(weights, floors):
            semantic.DENSE_WEIGHT, semantic.DENSE_FLOOR = weight, floor
            for lib in libs.values():
                lib._semantic = semantic.SemanticLeg()
            print(f" -- {variant} weight {weight} floor {floor}")
            report(variant, sets())


if __name__ == "__main__":
    main()
