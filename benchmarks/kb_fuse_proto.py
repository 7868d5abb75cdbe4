"""Query-dependent lexical share in the fusion (fuse16): how semantic.KNOWN_FULL and
LEXICAL_FLOOR were chosen, and the coverage-based variants that were not adopted. Not a test.

Run: .venv/bin/python benchmarks/kb_fuse_proto.py [--variants base cov.6-.3 ...] [--diff] [--misses]

semantic.fuse divides every lexical hit's score by the best one, so the best word hit gets 1.0
however little of the query it covers. The variants scale the whole lexical part of one query
by s in [floor, 1] (equivalently: the dense weight by 1/s), from the query's lexical evidence:

- cov c f:   s = max(f, min(1, best coverage / c)); coverage: the idf-weighted share of the
             query's concepts (those the library knows) the best word hit matches
- known c f: s = max(f, min(1, known / c)); known: the share of the query's concepts the
             library knows at all (everyday words miss it); this one runs the real
             semantic.fuse with KNOWN_FULL = c, LEXICAL_FLOOR = f (base: LEXICAL_FLOOR 1.0)
- both:      the product of the two.

Builds the tuning libraries once as benchmarks/kb_prf_proto.py does (never heldout6/7/8).
Figures (2026-12-02, main at 0248141; everyday recall@5 / MRR; noise-set: tuning_noise's
everyday questions, noise-hold: tuning_noise_holdout's, never tuned on; POOLED as in
kb_prf_proto, n=602; +/-: questions gained / lost in the top 5 over every set). Official recall
1.000 and MRR unchanged on every set, and every noise figure unchanged, in all variants (the
fusion only reorders what the words found; it never turns an empty answer into hits):

  variant        kb_eval     heldout2    heldout3    heldout5    noise-set   noise-hold  POOLED
  base           1.000/.816  0.911/.745  0.592/.445  0.958/.762  0.959/.824  0.800/.642  0.889/.748
  cov .8 f.3     0.971/.773  0.911/.736  0.608/.454  0.950/.774  0.948/.819  0.800/.642  0.889/.751 +2 -3
  cov 1 f.2      0.943/.768  0.929/.740  0.625/.459  0.950/.771  0.948/.817  0.850/.677  0.892/.750 +6 -4
  both .7 f.3    1.000/.797  0.911/.745  0.600/.452  0.950/.772  0.959/.827  0.850/.652  0.889/.753 +2 -1
  both .9 f.3    0.971/.778  0.946/.741  0.633/.451  0.950/.771  0.948/.823  0.850/.679  0.897/.750 +8 -3
  known .7 f.3   1.000/.816  0.911/.745  0.592/.445  0.958/.762  0.959/.829  0.850/.652  0.889/.749 +1
  known .8 f.3   1.000/.816  0.911/.745  0.600/.445  0.958/.763  0.959/.829  0.850/.652  0.890/.749 +2
  known .85 f.3  1.000/.816  0.929/.749  0.600/.445  0.958/.769  0.959/.830  0.850/.652  0.892/.751 +3
  known .9 f.3   1.000/.821  0.929/.749  0.608/.447  0.958/.769  0.959/.830  0.850/.654  0.894/.751 +4
  known .95 f.3  1.000/.821  0.929/.749  0.617/.447  0.958/.769  0.959/.830  0.850/.654  0.895/.752 +5
  known 1 f.3    1.000/.821  0.929/.750  0.617/.448  0.958/.764  0.959/.830  0.850/.654  0.895/.749 +5
  known .9²f.3   1.000/.821  0.929/.750  0.617/.445  0.958/.769  0.959/.830  0.850/.658  0.895/.750 +5

tuning2, tuning3, heldout, heldout4 and kb_eval_holdout: no question gained or lost with known
.95 f.3 (MRR: tuning2/3 unchanged, heldout +0.008, heldout4 +0.001, kb_eval_holdout +0.014). The floor f (0.1 to 0.5) changed nothing: no query's known
share falls that low among those the words answer.

Why coverage did little and cost: its denominator holds only the concepts the library knows,
so the best word hit of a long everyday question still covers most of the query (best coverage
>= 0.8 in half the fusions), and where it does not, terse official-ish everyday questions
(公款能不能拿去盖办公楼, 退休金怎么算怎么发) lose their right word hit. The known share
is what marks an everyday question: its words mostly miss the library.

Adopted: known .95 f.3 (semantic.KNOWN_FULL, LEXICAL_FLOOR). Gained: heldout2
我妈的社保能不能我自己给她办, heldout3 人力公司借调过来的小姑娘能给她开审批的功能不,
单位里的信息要是漏出去了，一把手要担责任吗, 这个细则从哪天开始算, and (held out)
检查出毛病要写个东西报上去吗; lost none. 出去倒杯水的工夫电脑要不要锁上 is still missed: on the heldout3 library the
search returns nothing for it (turned away before the fusion), so no fusion weight reaches it.
Cost: one sum over the query's concepts per search.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "knowledge"))


@dataclass(frozen=True)
class Variant:
    cov: float = 0.0  # 0: coverage not used
    known: float = 0.0  # 0: the known share not used
    floor: float = 1.0


VARIANTS: dict[str, Variant] = {"base": Variant()}
for c in (0.4, 0.5, 0.6, 0.7, 0.8, 1.0):
    for f in (0.2, 0.3, 0.5, 0.7):
        VARIANTS[f"cov{c}-{f}"] = Variant(cov=c, floor=f)
for c in (0.5, 0.7, 0.8, 0.85, 0.9, 0.95, 1.0):
    for f in (0.1, 0.2, 0.3, 0.5):
        VARIANTS[f"known{c}-{f}"] = Variant(known=c, floor=f)
        VARIANTS[f"both{c}-{f}"] = Variant(cov=c, known=c, floor=f)

CURRENT = Variant()
SEEN: list[float] = []


def install() -> None:
    """known variants set the real fusion's KNOWN_FULL / LEXICAL_FLOOR; cov variants scale the
    dense weight of one fusion by 1 / s (the same ranking as the lexical part times s)."""
    from knowledge import semantic

    fuse = semantic.fuse

    def scaled(
        ranked: Any,
        ids: Any,
        sims: Any,
        k: int,
        others: Any = None,
        below: Any = None,
        known: float = 1.0,
    ) -> Any:
        v = CURRENT
        semantic.KNOWN_FULL = v.known or 1.0
        semantic.LEXICAL_FLOOR = v.floor if v.known else 1.0
        s = 1.0
        if v.cov > 0 and ranked:
            best = max(r.coverage for r in ranked)
            s = max(v.floor, min(1.0, best / v.cov))
        lexical = max(semantic.LEXICAL_FLOOR, min(1.0, known / semantic.KNOWN_FULL))
        SEEN.append(s * lexical)
        old = semantic.DENSE_WEIGHT
        semantic.DENSE_WEIGHT = old / s
        try:
            return fuse(ranked, ids, sims, k, others, below, known)
        finally:
            semantic.DENSE_WEIGHT = old

    semantic.fuse = scaled


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
        SEEN.clear()
        t0 = time.perf_counter()
        rows = score(libs)
        low = sum(1 for s in SEEN if s < 1.0)
        print(
            f"\n== {variant} {CURRENT} ({time.perf_counter() - t0:.0f} s; {low}/{len(SEEN)} fusions scaled)"
        )
        misses = report(rows, args.misses, first if args.diff else None)
        if first is None:
            first = misses
    for lib in libs.values():
        lib.close()


if __name__ == "__main__":
    main()
