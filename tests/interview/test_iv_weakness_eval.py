"""The labelled answers as a test: weakness detection must keep its precision and recall.

Tuning part: the lexicon may be adjusted until it passes. Held-out part: written before the
detector and never tuned on; its thresholds are the issue's (recall >= 0.95, precision >= 0.90).
"""

from __future__ import annotations

import pytest
from weakness_scoring import (
    EVERYDAY_HELDOUT2_FILE,
    EVERYDAY_HELDOUT3_FILE,
    EVERYDAY_HELDOUT4_FILE,
    HELDOUT_FILE,
    TUNING_FILE,
    doubt_tuning,
    everyday_split,
    false_alarm_tuning,
    load_items,
    score,
    strict_tuning,
)


def test_labelled_set_shape() -> None:
    tuning, held = load_items(TUNING_FILE), load_items(HELDOUT_FILE)
    assert len(tuning) + len(held) >= 200
    assert len(held) >= 100
    texts = [i["text"] for i in tuning + held]
    assert len(set(texts)) == len(texts), "the two parts share no sentence"
    for part in (tuning, held):
        labels = {i["label"] for i in part}
        assert labels == {"weakness", "compliant", "not_applicable"}


def test_tuning_part() -> None:
    s = score(TUNING_FILE, "tuning")
    assert s.recall >= 0.97, s.misses
    assert s.precision >= 0.95, s.false_alarms
    assert s.na_right >= s.na_total - 1


def test_held_out_part() -> None:
    s = score(HELDOUT_FILE, "held-out").figures()
    # Only the numbers: the sentences are not shown, so nobody tunes on them by accident.
    assert s.recall >= 0.95, f"recall {s.recall:.3f} ({s.fn} missed)"
    assert s.precision >= 0.90, f"precision {s.precision:.3f} ({s.fp} false alarms)"


# Everyday answers (weakness_everyday.yaml), written after the lexicon by a different brief and
# split by a fixed hash rule. Measured before the detector was changed for them (2026-11-30):
# tuning P 0.965 R 0.567, held-out P 0.814 R 0.625. The floors only ever rise, with one exception
# reported as measured: after the doubt rules of 2026-11-30 (weak9) the held-out part has one more
# false alarm (P 0.942 -> 0.926); it was not tuned on.
EVERYDAY_FLOORS = {"tuning": (0.99, 0.99), "heldout": (0.92, 0.87)}


def test_everyday_set_shape() -> None:
    tuning, held = everyday_split("tuning"), everyday_split("heldout")
    assert len(tuning) + len(held) >= 150
    assert len(held) >= 60
    old = {i["text"] for i in load_items(TUNING_FILE) + load_items(HELDOUT_FILE)}
    assert not old & {i["text"] for i in tuning + held}, "no sentence shared with the old set"
    for part in (tuning, held):
        assert {i["label"] for i in part} == {"weakness", "compliant", "not_applicable"}


@pytest.mark.parametrize("part", ["tuning", "heldout"])
def test_everyday_part(part: str) -> None:
    full = score(everyday_split(part), f"everyday {part}")
    # a held-out part shows numbers only, even in pytest's account of a failed assertion
    s = full if part == "tuning" else full.figures()
    min_precision, min_recall = EVERYDAY_FLOORS[part]
    shown = (full.misses, full.false_alarms) if part == "tuning" else (s.fn, s.fp)
    assert s.recall >= min_recall, shown
    assert s.precision >= min_precision, shown


def test_everyday_heldout2_written_after_tuning() -> None:
    """Written after the last tuning round and scored once: P 0.955 R 0.700 (21 of 30 caught).
    Below the issue's target; kept as a floor so it can only improve, and reported as is."""
    s = score(EVERYDAY_HELDOUT2_FILE, "everyday held-out 2").figures()
    assert s.n >= 40
    assert s.recall >= 0.70, f"recall {s.recall:.3f} ({s.fn} missed)"
    assert s.precision >= 0.95, f"precision {s.precision:.3f} ({s.fp} false alarms)"


# 符合 proposed only on evidence of a working control (interview/data/weakness_cues.yaml,
# `evidence`). For the officer a weakness is missed only when it is proposed 符合; an answer
# with neither a weakness nor evidence gets no proposal. Per part: (share of weaknesses NOT
# proposed 符合, share of compliant answers still proposed 符合). Measured 2026-11-30 when the
# rule came in (before -> after, weaknesses not proposed 符合): held-out 0.967 -> 0.967,
# everyday held-out 0.875 -> 0.911, everyday held-out 2 0.700 -> 0.900; compliant answers still
# proposed 符合: 0.977, 0.933, 0.800 (8 of 10). The evidence list was tuned on tuning parts only.
# The floors only ever rise, with one deliberate exception: the hedge doubt (一般, 基本 ...) withholds
# 符合 from 「基本上都做到了，每月都有记录」 in the first tuning set (0.986 -> 0.979), since "basically
# all done" is for the officer to confirm.
# After the doubt signs (`doubt` in the cue file, weak9, 2026-11-30; before -> after): held-out
# 0.967 -> 0.983, everyday held-out 0.911 -> 0.946 (compliant 符合 0.933 -> 0.900: one more answer
# left to the officer, so that floor is lowered), everyday held-out 2 0.900 -> 0.900, everyday
# held-out 3 (written blind, scored once) 0.802 -> 0.901 (compliant 0.855 -> 0.891).
# Clause accounting (weak9b, 2026-11-30): 符合 is proposed only when every substantive clause
# asserts a working control (`assertion`, `coverage`, `detail_clause` in the cue file), negates a
# bad thing or handles a case; words of evidence alone (a date, 系统, 审核) no longer suffice. This
# deliberately trades compliant answers proposed 符合 (each one withheld costs the officer one key)
# for weaknesses not proposed 符合, so the compliant floors are LOWERED to the measured figures
# (before -> after; not proposed 符合 / compliant proposed 符合): tuning 1.000/0.979 -> 1.000/0.832,
# held-out 0.983/0.977 -> 1.000/0.837, everyday tuning 1.000/0.982 -> 1.000/0.822, everyday
# held-out 0.946/0.900 -> 0.982/0.600, held-out 2 0.900/0.800 -> 0.933/0.800, held-out 3
# 0.901/0.891 -> 0.975/0.709.
# After batches 16-17 were tuned on (the last rule change of weak9b; not proposed 符合 /
# compliant proposed 符合): tuning 1.000/0.902, held-out 1.000/0.860, everyday tuning 1.000/0.882,
# everyday held-out 1.000/0.600, held-out 2 0.933/0.800, held-out 3 0.983/0.709.
EVIDENCE_FLOORS = {
    "tuning": (1.0, 0.89),
    "held-out": (0.98, 0.85),
    "everyday tuning": (1.0, 0.87),
    "everyday held-out": (0.98, 0.59),
    "everyday held-out 2": (0.93, 0.79),
    "everyday held-out 3": (0.98, 0.70),
}


def _part(name: str):
    if name == "tuning":
        return TUNING_FILE
    if name == "held-out":
        return HELDOUT_FILE
    if name == "everyday held-out 2":
        return EVERYDAY_HELDOUT2_FILE
    if name == "everyday held-out 3":
        return EVERYDAY_HELDOUT3_FILE
    return everyday_split("tuning" if name == "everyday tuning" else "heldout")


@pytest.mark.parametrize("name", list(EVIDENCE_FLOORS))
def test_no_weakness_proposed_compliant(name: str) -> None:
    full = score(_part(name), name)
    min_not_ok, min_compliant_ok = EVIDENCE_FLOORS[name]
    if "held-out" in name:  # numbers only, even in pytest's account of a failed assertion
        h = full.figures()
        assert h.not_ok_recall >= min_not_ok, h.weak_proposed_ok
        assert h.compliant_ok_rate >= min_compliant_ok, h.compliant_unproposed
        return
    assert full.not_ok_recall >= min_not_ok, full.weak_proposed_ok
    assert full.compliant_ok_rate >= min_compliant_ok, full.compliant_unproposed


def test_doubt_tuning_batches() -> None:
    """Batches 7-14 (tuning only), written for the doubt signs and each scored once before any
    rule changed for it: batch 7 P 0.867, not proposed 符合 0.725, compliant 符合 0.817; batch 8
    P 0.833, 0.867, 0.846; batch 9 P 0.882, 0.800, 0.907; batch 10 P 0.889, 0.778, 0.875; batch 11 P 0.938, 0.921, 0.914; batch 12 P 0.788, 0.900, 0.733; batch 13 P 0.762, 0.680, 0.833; batch 14 P 0.750, 0.800, 0.667. A doubt withholds 符合 without proposing a weakness, so the figure
    that matters is the share of weaknesses NOT proposed 符合."""
    s = score(doubt_tuning(), "doubt tuning")
    assert s.n >= 300
    assert s.not_ok_recall >= 0.98, s.weak_proposed_ok
    assert s.precision >= 0.97, s.false_alarms
    # lowered with the clause accounting (weak9b): 0.991 -> 0.837
    assert s.compliant_ok_rate >= 0.82, s.compliant_unproposed


def test_plain_fact_tuning_batches() -> None:
    """Batches 15-17 (tuning only, weak9b): gaps told in plain factual words, compliant answers
    told plainly. Each scored once before any rule changed for it (P, weaknesses not proposed
    符合, compliant still proposed 符合): batch 15 with main's rules at 6212105 0.811, 0.571 (40/70),
    0.763; batch 16 with main's rules 0.861, 0.655 (38/58), 0.847, and with the clause accounting
    as first landed (a61a97d) 0.861, 0.879 (51/58), 0.559; batch 17 with main's rules 0.852,
    0.509 (28/55), 0.864, and with the rules after batch 16 (4fec39b) 0.852, 0.927 (51/55), 0.644.
    After tuning on all three: 0.840, 0.978 (179/183), 0.780."""
    s = score(strict_tuning(), "plain-fact tuning")
    assert s.n >= 360
    assert s.not_ok_recall >= 0.95, s.weak_proposed_ok
    assert s.precision >= 0.83, s.false_alarms
    assert s.compliant_ok_rate >= 0.77, s.compliant_unproposed


def test_false_alarm_tuning_batches() -> None:
    """Batches 18-19 (tuning only, weak9c): cue words inside a sentence that says the control
    works (a blocked capability 「插不了手机U盘」, a denied bad thing 「不在业务科兼岗」) beside
    look-alike weaknesses. Each scored once before any rule changed for it (P, weaknesses proposed
    as weaknesses, not proposed 符合, compliant proposed 符合): batch 18 with main's rules at
    feb4da2 0.608, 0.674, 0.957 (44/46), 0.435 (20/46); batch 19 with the rules after batch 18
    (3ec18ce) 0.529, 0.600, 0.933 (28/30), 0.333 (10/30) — the phrase-level rules of batch 18 did
    not carry. After tuning on both: 1.000, 0.961, 1.000 (76/76), 0.829 (63/76)."""
    s = score(false_alarm_tuning(), "false-alarm tuning")
    assert s.n >= 150
    assert s.precision >= 0.97, s.false_alarms
    assert s.not_ok_recall >= 1.0, s.weak_proposed_ok
    assert s.recall >= 0.94, s.misses
    assert s.compliant_ok_rate >= 0.80, s.compliant_unproposed


def test_everyday_heldout3_written_blind() -> None:
    """Written by a helper who never saw the rules (eval9) and scored once, after the last rule
    change of 2026-11-30 (weak9). Before -> after that session's changes: precision 0.905 -> 0.922,
    weaknesses not proposed 符合 0.802 -> 0.901 (109 of 121), compliant answers still proposed 符合
    0.855 -> 0.891, weakness proposals (label recall) 0.785 -> 0.785. Below the issue's recall
    target of 0.95; kept as floors so it can only improve. Only numbers are shown."""
    s = score(EVERYDAY_HELDOUT3_FILE, "everyday held-out 3").figures()
    assert s.n >= 190
    assert s.precision >= 0.90, f"precision {s.precision:.3f} ({s.fp} false alarms)"
    assert s.recall >= 0.76, f"recall {s.recall:.3f} ({s.fn} missed)"
    assert s.not_ok_recall >= 0.98, f"{s.weak_proposed_ok} weaknesses proposed 符合"
    # lowered with the clause accounting (weak9b): 0.891 -> 0.709, not proposed 符合 0.901 -> 0.983
    assert s.compliant_ok_rate >= 0.70, f"{s.compliant_unproposed} compliant unproposed"


def test_everyday_heldout4_written_blind() -> None:
    """Written by a helper who never saw the rules (215 answers) and scored exactly once, after the
    last rule change of the clause-accounting round (weak9b, 20afe6d), with main's rules at 6212105
    and with this round's rules in the same run. Before -> after: precision 0.908 -> 0.908,
    weaknesses not proposed 符合 0.911 (123/135) -> 0.970 (131/135), compliant answers still
    proposed 符合 0.817 (49/60) -> 0.667 (40/60), weakness proposals (label recall) 0.807 -> 0.807.
    Floors a little below the measured figures; only numbers are shown."""
    s = score(EVERYDAY_HELDOUT4_FILE, "everyday held-out 4").figures()
    assert s.n >= 200
    assert s.precision >= 0.89, f"precision {s.precision:.3f} ({s.fp} false alarms)"
    assert s.recall >= 0.79, f"recall {s.recall:.3f} ({s.fn} missed)"
    assert s.not_ok_recall >= 0.96, f"{s.weak_proposed_ok} weaknesses proposed 符合"
    assert s.compliant_ok_rate >= 0.65, f"{s.compliant_unproposed} compliant unproposed"
