"""The second noise set (tests/knowledge/tuning_noise2.yaml, and its held-out part
tuning_noise2_holdout.yaml) scored with the search as it is, beside the first noise set and every
other tuning and looked-at set (kb_tuning_sets.score/report).

    .venv/bin/python benchmarks/kb_noise2_eval.py --keep /tmp/zicha-noise2 [--reuse]
        [--save before.json] [--compare before.json] [--misses]

Prints, for tuning_noise2, tuning_noise2_holdout, tuning_noise and tuning_noise_holdout, how many
noise queries get nothing and the everyday questions' recall@5 and MRR, then the figures of every
other set and the pooled everyday/official ones (noise sets left out of the pool). --save writes
the misses of this run; --compare lists the questions gained and lost against a saved run. The
held-out files (tuning_noise2_holdout, tuning_noise_holdout, kb_eval_holdout) are never printed
question by question: figures and counts only.

Measured (session noise17; noise: empty/total, everyday: recall@5 MRR):

                          before (main e0081c6)      gate + examples (rejected)   adopted
  tuning_noise2           80/103  0.955 0.888       102/103 0.955 0.888          101/103 0.955 0.888
  tuning_noise2_holdout   36/51   0.938 0.833        37/51  0.969 0.865           36/51  0.938 0.833
  tuning_noise            82/82   0.959 0.830        82/82  0.938 0.809           82/82  0.959 0.830
  tuning_noise_holdout    38/40   0.850 0.654        39/40  0.750 0.588           39/40  0.900 0.671
  POOLED everyday (602)   0.895 0.752                0.885 0.745                  0.895 0.752
  POOLED official (320)   1.000 0.954                1.000 0.954                  1.000 0.954

"gate + examples": tuning_noise2.yaml added to GATE_TUNING (so to EXAMPLE_TUNING as well), gate
and examples retrained: 8 everyday questions of heldout2/3/5 and tuning_noise lost (7 with the 74
domain questions below). "adopted": tuning_noise2.yaml in EXAMPLE_TUNING only, and 74 more
domain questions (gate and examples retrained); no question of any set lost, nothing else changed.
The tuning part's figures after are in sample (its noise is among the examples).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kb_tuning_sets import ROOT, Scores, report, score, tuning_libraries  # noqa: E402

NOISE2 = ROOT / "tests" / "knowledge" / "tuning_noise2.yaml"
NOISE2_HOLDOUT = ROOT / "tests" / "knowledge" / "tuning_noise2_holdout.yaml"
# sets printed as figures only, never question by question
HELD_OUT = {"noise2_holdout", "noise_holdout", "kb_eval_holdout"}


def score_all(work: Path, reuse: bool) -> Scores:
    from kb_evaluate import evaluate_noise, noise_search

    libs = tuning_libraries(work, reuse=reuse)
    noisy = noise_search(libs["tuning3"])

    rows = [
        ("noise2", evaluate_noise(noisy, NOISE2)),
        ("noise2_holdout", evaluate_noise(noisy, NOISE2_HOLDOUT)),
        *score(libs),
    ]
    for lib in libs.values():
        lib.close()
    return rows


def noise_table(rows: Scores) -> None:
    """Noise empty count and everyday recall@5/MRR of the four noise files."""
    print(f"  {'set':<16}{'noise empty':>14}{'everyday':>10}{'recall@5':>10}{'MRR':>8}")
    for name, result in rows:
        if not name.startswith("noise"):
            continue
        noise, every = result.get("noise"), result.get("everyday")
        empty = f"{noise['n'] - len(noise['misses'])}/{noise['n']}" if noise else "-"
        if every:
            print(
                f"  {name:<16}{empty:>14}{every['n']:>10}"
                f"{every['recall@5']:>10.3f}{every['mrr']:>8.3f}"
            )
        else:
            print(f"  {name:<16}{empty:>14}")


def misses_of(rows: Scores) -> list[list[str]]:
    return sorted(
        [name, style, m[0]] for name, res in rows for style, s in res.items() for m in s["misses"]
    )


def compare(rows: Scores, before: list[list[str]]) -> None:
    """Questions gained and lost against a saved run; held-out sets as counts only."""
    now = {tuple(m) for m in misses_of(rows)}
    first = {tuple(m) for m in before}
    counts: dict[tuple[str, str], list[int]] = {}
    for label, diff in (("gained", first - now), ("lost", now - first)):
        for name, style, q in sorted(diff):
            if name in HELD_OUT:
                acc = counts.setdefault((name, style), [0, 0])
                acc[label == "lost"] += 1
            else:
                print(f"      {label}: {name} {style} {q}")
    for (name, style), (gained, lost) in sorted(counts.items()):
        print(f"      {name} {style}: {gained} gained, {lost} lost (held out: counts only)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", type=Path, help="work dir for the libraries (kept)")
    parser.add_argument("--reuse", action="store_true", help="open the libraries left in --keep")
    parser.add_argument("--save", type=Path, help="write this run's misses (JSON)")
    parser.add_argument("--compare", type=Path, help="gained/lost against a saved run")
    parser.add_argument("--misses", action="store_true", help="print the tuning sets' misses")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="zicha-noise2-"))
    work.mkdir(parents=True, exist_ok=True)
    rows = score_all(work, args.reuse)
    noise_table(rows)
    report(rows)
    if args.misses:
        for name, style, q in misses_of(rows):
            if name not in HELD_OUT:
                print(f"      miss: {name} {style} {q}")
    if args.compare:
        compare(rows, json.loads(args.compare.read_text(encoding="utf-8")))
    if args.save:
        args.save.write_text(
            json.dumps(misses_of(rows), ensure_ascii=False, indent=0), encoding="utf-8"
        )


if __name__ == "__main__":
    main()
