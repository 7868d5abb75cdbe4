"""Why does a question get nothing back? (issue 13, empty16). Not a test.

For every question of the tuning sets (kb_eval.yaml, tuning2/, tuning3/, tuning_noise.yaml, the
seen heldout/, heldout2/, heldout3/ and heldout4/, heldout5/; tuning_noise_holdout.yaml figures
only) it replays Library.search's decision and records which step emptied the result:
  floor  — the relevance floor left no lexical hit and the sentence-alone answer
           (chitchat.asks_the_library) said no;
  chat   — the words had hits and chitchat.is_chitchat dropped them (which part: bank margin,
           nearest example, gate);
  other  — hits were returned (a miss in the first five, not an empty result).
and the signals the decision could use: gate score, nearest-example margin, bank margin, the best
passage cosine over the whole library and its lead over the library's typical closeness, and
whether the vectors alone would have put the expected article in the first five.

Measured (2026-12-02, everyday and official questions; "empty" = misses that got nothing):
  set                    before empty16 (misses / empty: causes)   after sure_question
  tuning_noise           9 / 5: bank 3, floor 2                    4 / 0
  heldout5               5 / 1: gate 1                             5 / 1: gate 1
  kb_eval, tuning2/3, heldout4: no empty result
  held-out part of the split (never tuned on):
  tuning_noise_holdout   6 / 5: floor 3, bank 1, gate 1            4 / 3: floor 1, bank 1, gate 1
  heldout                5 / 1: floor 1                            4 / 0
  heldout2               5 / 0                                     5 / 0
  heldout3               49 / 8: floor 4, gate 4                   49 / 7: floor 3, gate 4
(bank: chitchat's bank margin; gate: its gate, GATE_THRESHOLD or GATE_THIN; floor: no lexical
hit and asks_the_library said no.) Most misses are not empty: heldout3's 41 others are ranking
misses, and for 36 of them the vectors alone do not find the article either. The vectors' lead
(best passage cosine − 10th) does not separate real from noise among the empty ones (real
0.006 … 0.024, noise 0.004 … 0.040), nor does the best cosine (real 0.854 … 0.900, noise
0.796 … 0.889); the gate and the nearest-example margin together pick out some real ones with no
noise among them (chitchat.sure_question).
Empty gate drops of real questions (出去倒杯水的工夫电脑要不要锁上) overlap with noise the gate
catches (结婚登记要去哪里, 体育课考核跑多少米) in both signals, and letting them through would
not bring their article into the first five (the words' weak hits on 计算机 outrank it).

The gate's shipped scores of its own tuning questions are in-sample, and so is the nearest
margin of every example-set question (the diagnosis also records it with the question's own
sentence left out: nearest_loo). --cv-gate adds out-of-fold gate scores (gate_cv): with them
tuning_noise's 上班时间能不能出去买东西 scores 2.3 (shipped −1.6) and 银行排队人太多了 −1.3 in
one seed (shipped 1.4); chitchat.SURE_GATE was set below the latter's (see its docstring).

Run: .venv/bin/python benchmarks/kb_empty_diag.py [--json OUT] [--keep DIR] [--cv-gate]
--keep: build the libraries (with vectors) in DIR once and reuse them on the next run.
Never reads heldout6/7/8.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "knowledge"))


def build(work: Path) -> dict[str, Any]:
    """The evaluation libraries of kb_eval_report.py (heldout6/7/8 left out), with vectors;
    those an earlier run left in work/ are reused."""
    from kb_tuning_sets import tuning_libraries

    return tuning_libraries(work, reuse=True)


def sets() -> list[tuple[str, str, Path, str]]:
    """(set name, library, questions file, how it is scored)."""
    from kb_evaluate import (
        EVAL_FILE,
        HELDOUT2_QUESTIONS,
        HELDOUT3_QUESTIONS,
        HELDOUT4_QUESTIONS,
        HELDOUT5_QUESTIONS,
        HELDOUT_QUESTIONS,
        NOISE_HOLDOUT,
        NOISE_TUNING,
        TUNING2_QUESTIONS,
        TUNING3_QUESTIONS,
    )

    return [
        ("kb_eval", "tuning", EVAL_FILE, "key"),
        ("tuning2", "tuning2", TUNING2_QUESTIONS, "doc"),
        ("tuning3", "tuning3", TUNING3_QUESTIONS, "doc"),
        ("tuning_noise", "tuning3", NOISE_TUNING, "noise"),
        ("tuning_noise_holdout", "tuning3", NOISE_HOLDOUT, "noise"),
        ("heldout", "heldout", HELDOUT_QUESTIONS, "doc"),
        ("heldout2", "heldout2", HELDOUT2_QUESTIONS, "doc"),
        ("heldout3", "heldout3", HELDOUT3_QUESTIONS, "doc"),
        ("heldout4", "heldout4", HELDOUT4_QUESTIONS, "doc"),
        ("heldout5", "heldout5", HELDOUT5_QUESTIONS, "doc"),
    ]


def found_in(item: dict, hits: list[tuple[str | None, str, str, str]], how: str) -> int | None:
    """1-based rank of the wanted article among hits (key, citation, title, stem)."""
    for i, (key, cit, title, stem) in enumerate(hits, 1):
        if how == "key" or (how == "noise" and "key" in item):
            want = item.get("expect") or item.get("key") or ""
            if want.startswith("fixture:"):
                ok = title.startswith("某市") and cit.endswith(want.removeprefix("fixture:"))
            else:
                ok = key == want
        else:
            ok = stem == item["doc"] and cit.endswith(item["at"])
        if ok:
            return i
    return None


def diagnose(lib: Any, item: dict, how: str, stems: dict[int, str]) -> dict[str, Any]:
    import numpy as np

    from knowledge import chitchat, ranking, semantic

    q = item["q"]
    row: dict[str, Any] = {"q": q, "style": item["style"]}
    hits = lib.search(q, k=5)
    named = [(h.key, h.citation, h.title, stems.get(h.doc_id, "")) for h in hits]
    row["empty"] = not hits
    row["rank"] = None if item["style"] == "noise" else found_in(item, named, how)
    plan = lib.analyzer.plan(q)
    row["groups"] = len(plan.groups)
    if not plan.groups:
        row["path"] = "no-terms"
        return row
    leg = lib._semantic
    key = semantic.model_key()
    with lib.lock:
        n = lib._chunk_count()
        state = lib._count[0] if lib._count else None
        groups = ranking.resolve(lib.conn, lib.analyzer, plan.groups, n, lib._term_counts)
        below: list[ranking.Ranked] = []
        ranked = ranking.rank(lib.conn, groups, 15, plan.phrases, below)
        leg.prepare(lib.conn, state, q, n)
        vector = leg._query_vector(q, leg._pending)
        leg._pending = None
        every = leg._every(lib.conn)
        ids, matrix = every
        sims = matrix @ vector
        order = np.argsort(-sims)
        top = sims[order]
        row["cos1"] = float(top[0])
        row["cos2"] = float(top[1])
        row["cos10"] = float(top[9])
        row["cos_mean"] = float(sims.mean())
        row["cos_p90"] = float(np.quantile(sims, 0.9))
        vec_hits = [lib._hit(int(c), 0.0, ()) for c in ids[order[:5]]]
        row["vec_rank"] = (
            None
            if item["style"] == "noise"
            else found_in(
                item, [(h.key, h.citation, h.title, stems.get(h.doc_id, "")) for h in vec_hits], how
            )
        )
        row["gate"] = chitchat.gate_score(key, vector)
        row["nearest"] = chitchat.nearest_margin(key, vector)
        row["nearest_loo"] = nearest_without_itself(key, vector)
        row["bank"] = chitchat.closeness(key, vector)
        row["sure"] = chitchat.sure_question(key, vector)
        row["below"] = len(below)
        row["below_concepts"] = max((r.concepts for r in below), default=0)
        informative = sum(1 for g in groups if g.counts)
        row["seen_groups"] = informative
        if not ranked:
            row["path"] = "floor"
            row["asks"] = chitchat.asks_the_library(key, vector, float(top[0]))
        else:
            row["path"] = "words"
            found = leg.closeness(lib.conn, state, q, [r.chunk_id for r in ranked])
            best = found[0] if found else None
            most = max(r.concepts for r in ranked)
            thin, whole = most < 2, most >= len(plan.groups)
            row["best_hitdoc"] = best
            row["thin"], row["whole"] = thin, whole
            why = []
            if best is not None and row["bank"] is not None:
                margin = chitchat.MARGIN_THIN if thin else chitchat.MARGIN
                if best - row["bank"] < margin and not row["sure"]:
                    why.append("bank")
                if not whole:
                    if row["nearest"] is not None and row["nearest"] > chitchat.NEAREST_MARGIN:
                        why.append("nearest")
                    g = row["gate"]
                    if g is not None and g > (
                        chitchat.GATE_THIN if thin else chitchat.GATE_THRESHOLD
                    ):
                        why.append("gate")
            row["chat_why"] = why
    if row["empty"]:
        row["rescued_rank"] = rescued(lib, item, how, stems)
    return row


def nearest_without_itself(key: str, vector: Any) -> float | None:
    """The nearest-example margin with the query's own sentence left out of the examples (the
    tuning sets' questions are examples: their margin would be 1.0 − … otherwise)."""
    from knowledge import chitchat

    found = chitchat.example_vectors(key)
    if found is None:
        return None
    chat, real = (m @ vector for m in found)
    chat = chat[chat < 0.999]
    real = real[real < 0.999]
    return float(chat.max() - real.max())


def rescued(lib: Any, item: dict, how: str, stems: dict[int, str]) -> int | None:
    """Where the wanted article would rank if the noise checks let the query through."""
    from knowledge import chitchat

    saved = chitchat.is_chitchat, chitchat.asks_the_library
    chitchat.is_chitchat = lambda *a, **k: False  # type: ignore[assignment]
    chitchat.asks_the_library = lambda *a, **k: True  # type: ignore[assignment]
    try:
        hits = lib.search(item["q"] + " ", k=5)
    finally:
        chitchat.is_chitchat, chitchat.asks_the_library = saved
    if item["style"] == "noise":
        return 1 if hits else None
    named = [(h.key, h.citation, h.title, stems.get(h.doc_id, "")) for h in hits]
    return found_in(item, named, how)


def cv_gate(seeds: int = 2, folds: int = 5) -> dict[str, float]:
    """Out-of-fold gate scores of the gate's own labelled questions (chitchat.GATE_TUNING): the
    gate retrained without each fold (the bank, chitchat_more.txt and domain_questions.txt
    always in), the highest score over the seeds. A tuning question's shipped score is
    in-sample; this is what a blind sentence like it would get."""
    import numpy as np

    from knowledge import chitchat
    from knowledge.semantic import load_encoder

    encoder = load_encoder()
    folder = ROOT / "tests" / "knowledge"
    items = chitchat.labelled_questions([folder / p for p in chitchat.GATE_TUNING])
    questions = np.stack([encoder.query(q) for q, _ in items])
    labels = np.array([n for _, n in items])
    bank = chitchat.bank_vectors(encoder.key)
    assert bank is not None
    more = np.stack([encoder.query(q) for q in chitchat.more_chitchat()])
    domain = np.stack([encoder.query(q) for q in chitchat.domain_questions()])
    extra = np.vstack([bank, more, domain])
    extra_labels = np.array([True] * (len(bank) + len(more)) + [False] * len(domain))
    out: dict[str, float] = {}
    for seed in range(seeds):
        fold = np.random.default_rng(seed).integers(0, folds, len(items))
        for f in range(folds):
            train = fold != f
            w = chitchat.fit_gate(
                np.vstack([questions[train], extra]), np.concatenate([labels[train], extra_labels])
            )
            for i in np.flatnonzero(~train).tolist():
                score = float(questions[i] @ w[:-1] + w[-1])
                out[items[i][0]] = max(out.get(items[i][0], -np.inf), score)
    return out


def main() -> None:
    import tempfile

    from kb_evaluate import load_eval

    parser = argparse.ArgumentParser()
    parser.add_argument("--json", type=Path)
    parser.add_argument("--keep", type=Path)
    parser.add_argument(
        "--cv-gate", action="store_true", help="also the gate's out-of-fold scores (gate_cv)"
    )
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="zicha-empty-"))
    work.mkdir(parents=True, exist_ok=True)
    libs = build(work)
    out = []
    for name, libname, path, how in sets():
        lib = libs[libname]
        stems = {d.id: Path(d.source_path).stem for d in lib.documents()}
        for item in load_eval(path):
            row = diagnose(lib, item, how, stems)
            row["set"] = name
            out.append(row)
    if args.cv_gate:
        scores = cv_gate()
        for row in out:
            if row["q"] in scores:
                row["gate_cv"] = scores[row["q"]]
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=0), encoding="utf-8")
    summary(out)


def cause(row: dict[str, Any]) -> str:
    if not row["empty"]:
        return "returned hits"
    if row["path"] == "floor":
        return "floor, no lexical hit; gate not sure"
    if row["path"] == "words":
        return "is_chitchat on word hits (" + "+".join(row.get("chat_why") or ["?"]) + ")"
    return row["path"]


def summary(rows: list[dict[str, Any]]) -> None:
    by_set: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_set.setdefault(r["set"], []).append(r)
    for name, rs in by_set.items():
        real = [r for r in rs if r["style"] != "noise"]
        noise = [r for r in rs if r["style"] == "noise"]
        misses = [r for r in real if r["rank"] is None]
        empties = [r for r in misses if r["empty"]]
        print(
            f"\n{name}: {len(real)} questions, {len(misses)} misses, {len(empties)} of them empty;"
            f" noise {sum(r['empty'] for r in noise)}/{len(noise)} empty"
        )
        for c, k in Counter(cause(r) for r in empties).most_common():
            print(f"   {k:>3}  {c}")
        if "holdout" in name:
            continue
        for r in empties:
            print(
                f"   - {r['q']} [{r['style']}] {cause(r)}; vec_rank {r.get('vec_rank')},"
                f" gate {r.get('gate', 0):.2f}, nearest {r.get('nearest', 0):.3f},"
                f" cos1 {r.get('cos1', 0):.3f} (lead {r.get('cos1', 0) - r.get('cos10', 0):.3f})"
            )


if __name__ == "__main__":
    main()
