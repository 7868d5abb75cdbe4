"""The tuning and looked-at evaluation libraries, built once and scored together, for the
prototype scripts that compare search variants (kb_fuse_proto, kb_prf_proto, kb_passage_proto,
kb_empty_diag, kb_use_proto, kb_ltr_proto, kb_rewrite_proto, kb_noise2_eval), with what they share:
the question sets, whether a hit answers a question, recall@5/MRR tallies. Never the blind sets
heldout6/7/8: only kb_eval_report.py scores those."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "knowledge"))

if TYPE_CHECKING:
    from knowledge.library import Library

Scores = list[tuple[str, dict[str, dict]]]


def tuning_libraries(work: Path, reuse: bool = False) -> dict[str, Library]:
    """The libraries of kb_evaluate.tuning_files under work/, with passage vectors. reuse: open those an
    earlier run left in work/ as they are."""
    from kb_evaluate import build_vectors_shared, tuning_files

    from knowledge.library import Library

    fresh = not (reuse and (work / "done").exists())
    libs = {}
    for name, paths in tuning_files(work).items():
        libs[name] = Library(work / name / "knowledge.db")
        if fresh:
            libs[name].import_paths(paths)
    if fresh:
        print("vectors:", build_vectors_shared(list(libs.values())), file=sys.stderr, flush=True)
        (work / "done").write_text("ok")
    return libs


def score(libs: dict[str, Library]) -> Scores:
    """Every tuning and looked-at set scored with the libraries' search as it is now."""
    from kb_eval_report import by_stem
    from kb_evaluate import (
        HELDOUT2_QUESTIONS,
        HELDOUT3_QUESTIONS,
        HELDOUT4_QUESTIONS,
        HELDOUT5_QUESTIONS,
        HELDOUT_QUESTIONS,
        HOLDOUT_FILE,
        NOISE_HOLDOUT,
        NOISE_TUNING,
        TUNING2_QUESTIONS,
        TUNING3_QUESTIONS,
        evaluate,
        evaluate_heldout,
        evaluate_noise,
        noise_search,
    )

    plain_lib = libs["tuning"]
    noisy = noise_search(libs["tuning3"])

    def plain(q: str) -> list[tuple[str | None, str, str]]:
        return [(h.key, h.citation, h.title) for h in plain_lib.search(q, k=5)]

    return [
        ("kb_eval", evaluate(plain)),
        ("tuning2", evaluate_heldout(by_stem(libs["tuning2"]), TUNING2_QUESTIONS)),
        ("tuning3", evaluate_heldout(by_stem(libs["tuning3"]), TUNING3_QUESTIONS)),
        ("noise", evaluate_noise(noisy, NOISE_TUNING)),
        ("kb_eval_holdout", evaluate(plain, HOLDOUT_FILE)),
        ("noise_holdout", evaluate_noise(noisy, NOISE_HOLDOUT)),
        ("heldout", evaluate_heldout(by_stem(libs["heldout"]), HELDOUT_QUESTIONS)),
        ("heldout2", evaluate_heldout(by_stem(libs["heldout2"]), HELDOUT2_QUESTIONS)),
        ("heldout3", evaluate_heldout(by_stem(libs["heldout3"]), HELDOUT3_QUESTIONS)),
        ("heldout4", evaluate_heldout(by_stem(libs["heldout4"]), HELDOUT4_QUESTIONS)),
        ("heldout5", evaluate_heldout(by_stem(libs["heldout5"]), HELDOUT5_QUESTIONS)),
    ]


def report(
    rows: Scores, misses: bool = False, first: set[tuple[str, str]] | None = None
) -> set[tuple[str, str]]:
    """Prints each set's figures and the pooled ones (noise sets left out of the pool); with
    first (an earlier variant's misses), the questions gained and lost. Returns the misses."""
    pooled: dict[str, list[float]] = {}
    for name, result in rows:
        for style, s in sorted(result.items()):
            print(f"  {name:<16}{style:<10}{s['n']:>4}{s['recall@5']:>8.3f}{s['mrr']:>8.3f}")
            if misses:
                for miss in s["misses"]:
                    print("      miss:", miss)
            if name.startswith("noise"):
                continue
            acc = pooled.setdefault(style, [0.0, 0.0, 0.0])
            acc[0] += s["n"]
            acc[1] += s["n"] * s["recall@5"]
            acc[2] += s["n"] * s["mrr"]
    for style, (n, r, m) in sorted(pooled.items()):
        print(f"  {'POOLED':<16}{style:<10}{int(n):>4}{r / n:>8.3f}{m / n:>8.3f}")
    now = {(name, m[0]) for name, res in rows for s in res.values() for m in s["misses"]}
    if first is not None:
        for name, q in sorted(first - now):
            print(f"      gained: {name} {q}")
        for name, q in sorted(now - first):
            print(f"      lost:   {name} {q}")
    sys.stdout.flush()
    return now


def question_sets() -> list[tuple[str, str, Path]]:
    """(set, the library it is asked of, its question file) for every tuning and looked-at set,
    the held-out parts (kb_eval_holdout, noise_holdout) among them; never heldout6/7/8."""
    import kb_evaluate as ke

    return [
        ("kb_eval", "tuning", ke.EVAL_FILE),
        ("kb_eval_holdout", "tuning", ke.HOLDOUT_FILE),
        ("tuning2", "tuning2", ke.TUNING2_QUESTIONS),
        ("tuning3", "tuning3", ke.TUNING3_QUESTIONS),
        ("tuning_noise", "tuning3", ke.NOISE_TUNING),
        ("noise_holdout", "tuning3", ke.NOISE_HOLDOUT),
        ("heldout", "heldout", ke.HELDOUT_QUESTIONS),
        ("heldout2", "heldout2", ke.HELDOUT2_QUESTIONS),
        ("heldout3", "heldout3", ke.HELDOUT3_QUESTIONS),
        ("heldout4", "heldout4", ke.HELDOUT4_QUESTIONS),
        ("heldout5", "heldout5", ke.HELDOUT5_QUESTIONS),
    ]


def answers(item: dict, key: str | None, citation: str, title: str, stem: str) -> bool:
    """Whether a hit is what the question item wants, in any of the sets' three forms: expect
    (kb_eval), key (a starter 要点) or doc + at (an article of a file)."""
    from kb_evaluate import matches

    if "expect" in item:
        return matches(item["expect"], key, citation, title)
    if "key" in item:
        return key == item["key"]
    return stem == item["doc"] and citation.endswith(item["at"])


# style → [questions, found in the first five, sum of reciprocal ranks]
Tally = dict[str, list[float]]


def tally(rank: int | None, *into: list[float]) -> None:
    """Counts one question whose answer came at rank (None: not in the first five)."""
    for acc in into:
        acc[0] += 1
        acc[1] += bool(rank)
        acc[2] += 1 / rank if rank else 0.0


def tally_line(t: Tally) -> str:
    """recall@5/MRR per style, e.g. `eve 590 0.737/0.559  off 320 0.981/0.877`."""
    return "  ".join(
        f"{st[:3]} {a[0]:>3} {a[1] / a[0]:.3f}/{a[2] / a[0]:.3f}" for st, a in sorted(t.items())
    )


def libraries_at(work: str, prefix: str) -> dict[str, Library]:
    """tuning_libraries in work (reusing what an earlier run left there), or in a new temporary
    folder when work is empty."""
    import tempfile

    folder = Path(work) if work else Path(tempfile.mkdtemp(prefix=prefix))
    folder.mkdir(parents=True, exist_ok=True)
    return tuning_libraries(folder, reuse=bool(work))
