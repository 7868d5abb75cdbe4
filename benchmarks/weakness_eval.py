"""Precision and recall of weakness detection on the labelled answers, tuning and held-out.

python benchmarks/weakness_eval.py            # the table, and the tuning part's errors
python benchmarks/weakness_eval.py --heldout  # also list the held-out errors (do not tune on them)

Parts: the first labelled set (tuning / held-out files), the everyday answers
(weakness_everyday.yaml, split by a fixed hash rule into tuning / held-out), two later held-out
sets (the third and fourth written blind to the rules), the doubt tuning batches 7-14, the plain-fact
tuning batches (15-17, written for the clause accounting) and the false-alarm tuning batches (18-19: cue
words in a sentence that says the control works). "weakness not
proposed 符合" is the recall that matters to the officer: a weakness flagged, or left for the officer
to choose because the answer casts doubt on its control.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "interview"))


def main() -> None:
    from weakness_scoring import (
        EVERYDAY_HELDOUT2_FILE,
        EVERYDAY_HELDOUT3_FILE,
        EVERYDAY_HELDOUT4_FILE,
        HELDOUT_FILE,
        TUNING_FILE,
        doubt_tuning,
        everyday_split,
        false_alarm_tuning,
        score,
        split_score,
        strict_tuning,
        table,
        without_evidence_rule,
    )

    ap = argparse.ArgumentParser()
    ap.add_argument("--heldout", action="store_true", help="list the held-out errors too")
    ap.add_argument(
        "--before", action="store_true", help="score as before 符合 needed evidence, too"
    )
    args = ap.parse_args()
    if args.before:
        old = without_evidence_rule()
        print("Before (every answer without a weakness cue proposed 符合):")
        print(
            table(
                [
                    score(TUNING_FILE, "tuning", old),
                    score(HELDOUT_FILE, "held-out", old),
                    score(everyday_split("tuning"), "everyday tuning", old),
                    score(everyday_split("heldout"), "everyday held-out", old),
                    score(EVERYDAY_HELDOUT2_FILE, "everyday held-out 2 (after tuning)", old),
                    score(EVERYDAY_HELDOUT3_FILE, "everyday held-out 3 (written blind)", old),
                    score(EVERYDAY_HELDOUT4_FILE, "everyday held-out 4 (written blind)", old),
                ]
            )
        )
        print("\nAfter (符合 proposed only on evidence of a working control):")
    tuning = score(TUNING_FILE, "tuning")
    held = score(HELDOUT_FILE, "held-out")
    e_tuning = score(everyday_split("tuning"), "everyday tuning")
    e_held = score(everyday_split("heldout"), "everyday held-out")
    e_held2 = score(EVERYDAY_HELDOUT2_FILE, "everyday held-out 2 (after tuning)")
    e_held3 = score(EVERYDAY_HELDOUT3_FILE, "everyday held-out 3 (written blind)")
    e_held4 = score(EVERYDAY_HELDOUT4_FILE, "everyday held-out 4 (written blind)")
    d_tuning = score(doubt_tuning(), "doubt tuning (batches 7-14)")
    s_tuning = score(strict_tuning(), "plain-fact tuning (batches 15+)")
    f_tuning = score(false_alarm_tuning(), "false-alarm tuning (batches 18-19)")
    print(
        table(
            [
                tuning,
                held,
                e_tuning,
                e_held,
                e_held2,
                e_held3,
                e_held4,
                d_tuning,
                s_tuning,
                f_tuning,
            ]
        )
    )
    split = split_score()
    print(split.line())
    shown = (
        [tuning, held, e_tuning, e_held, e_held2, e_held3, e_held4]
        if args.heldout
        else [tuning, e_tuning]
    )
    shown += [d_tuning, s_tuning, f_tuning]
    for s in shown:
        for text in s.misses:
            print(f"{s.name} missed: {text}")
        for text in s.false_alarms:
            print(f"{s.name} false alarm: {text}")
        for text in s.weak_proposed_ok:
            print(f"{s.name} weakness proposed 符合: {text}")
        for text in s.compliant_unproposed:
            print(f"{s.name} compliant, no proposal: {text}")
    for text in split.wrong:
        print(f"split tuning wrong count: {text}")


if __name__ == "__main__":
    main()
