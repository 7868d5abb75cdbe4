"""Filler detection and colloquial rewrites measured on their labelled sets.

    .venv/bin/python benchmarks/prose_bench.py

Prints precision/recall of filler detection and the exact-match rate of rewrites, for the
tuning part (rules adjusted against it) and the held-out part (never tuned on).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from interview.phrasing_eval import SPLITS, score_filler, score_rewrites  # noqa: E402


def main() -> None:
    for name in ("filler_labelled.yaml", "filler_everyday.yaml"):
        print(f"filler (interview/data/{name})")
        print(
            f"{'split':<8} {'n':>4} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>8}"
        )
        for split in SPLITS:
            s = score_filler(split, name)
            print(
                f"{split:<8} {s.total:>4} {s.true_pos:>4} {s.false_pos:>4} {s.false_neg:>4} "
                f"{s.precision:>10.3f} {s.recall:>8.3f}"
            )
            if split == "tuning":  # held-out errors are never shown, so nobody tunes on them
                for m in s.misses:
                    print("    " + m)
    for name in ("colloquial_labelled.yaml", "colloquial_everyday.yaml"):
        print()
        print(f"colloquial rewrites (interview/data/{name})")
        print(f"{'split':<8} {'n':>4} {'exact':>6} {'accuracy':>9} {'formal kept':>12}")
        for split in SPLITS:
            r = score_rewrites(split, name)
            kept = f"{r.untouched_kept}/{r.untouched_total}"
            print(f"{split:<8} {r.total:>4} {r.exact:>6} {r.accuracy:>9.3f} {kept:>12}")
            if split == "tuning" or name == "colloquial_labelled.yaml":
                for m in r.misses:
                    print("    " + m)


if __name__ == "__main__":
    main()
