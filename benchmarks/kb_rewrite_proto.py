"""Prototype (issue 13, rewrite16): the query's vector from its words and the thesaurus' official
terms. Not a test.

Question: the words' leg already adds the domain thesaurus' official terms to a query
(一本账 → 分账核算, 分别建账); does the vectors' leg find more when the query it embeds carries
them too? Every cosine of the semantic leg is taken with (1 − w)·e5(q) + w·e5(q'), where q' is
the query followed by the thesaurus alternatives of its words that it does not already contain
(养老的钱和工伤的钱记在一本账上行不行（资金、基金、工伤保险、分账核算、分别建账、串用）); the
chit-chat checks keep e5(q). Scored through the real Library.search on the tuning and looked-at
sets only (benchmarks/kb_tuning_sets.py), never heldout6/7/8.

FINDINGS (2026-12-02): not adopted; knowledge/ is unchanged. Pooled over 699 everyday, 320
official and 214 noise questions:

  w 0 (shipped)   everyday 0.904/0.762  official 1.000/0.954  noise 1.000  heldout3 0.617
  w 0.3           0.900/0.761           1.000/0.954           0.995        0.608
  w 0.5           0.898/0.758           1.000/0.954           0.995        0.600

At w 0.5 two questions are gained and seven lost, one noise query (这个月工资发了吗) gets hits:
the official terms pull the vector towards every article that uses them, not towards the one
the question is about. The thesaurus was tuned on these sets, so even this figure flatters it.

Run: .venv/bin/python benchmarks/kb_rewrite_proto.py [--weights 0,0.3,0.5] [--work DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests" / "knowledge"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--weights", default="0,0.3,0.5")
    parser.add_argument("--work", default="", help="reuse the libraries built in this folder")
    args = parser.parse_args()
    from kb_tuning_sets import libraries_at, report, score
    from kb_use_proto import Dual, install_dual, install_queries

    from knowledge import semantic
    from knowledge.analyzer import load_analyzer

    libs = libraries_at(args.work, "zicha-rewrite16-")
    analyzer = load_analyzer()
    encoder = semantic.load_encoder()

    def rewrite(q: str) -> str:
        extra: list[str] = []
        for g in analyzer.plan(q).groups:
            if not g.question:
                extra += [a for a in g.alternatives[1:] if a not in q]
        return q + "（" + "、".join(dict.fromkeys(extra)) + "）" if extra else q

    # Dual (kb_use_proto) with the same e5 rows on both sides: w mixes the two query vectors
    install_dual(libs, lambda _lib, _ids, e5: e5)

    def rewritten(query: str, v: Any) -> Any:
        r = rewrite(query)
        return encoder.query(r) if r != query else v

    install_queries(rewritten)
    first = None
    for w in [float(x) for x in args.weights.split(",")]:
        Dual.w, Dual.alpha, Dual.beta, Dual.gamma, Dual.mean = w, 0.0, 1.0, 1.0, 0.0
        for lib in libs.values():
            lib._semantic = semantic.SemanticLeg()
        print(f"== w {w}", flush=True)
        rows = [("tuning_noise" if n == "noise" else n, r) for n, r in score(libs)]
        misses = report(rows, False, first)
        first = first if first is not None else misses


if __name__ == "__main__":
    main()
