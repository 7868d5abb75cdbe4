"""How hard each held-out question set is: a naive jieba BM25 over each regulation ALONE (the
baseline issue 13 quotes) beside zicha's search over the whole library (starter 要点 and every
regulation of the set). Prints figures only, never a question.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python benchmarks/kb_heldout_baseline.py
"""

from __future__ import annotations

import logging
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "knowledge"))


def score_set(name: str, writer: Callable[[Path], list[Path]], questions: Path) -> None:
    import jieba
    from kb_evaluate import load_eval
    from langchain_community.retrievers import BM25Retriever

    from knowledge.cite import citation
    from knowledge.library import Library

    jieba.setLogLevel(logging.WARNING)
    work = Path(tempfile.mkdtemp(prefix="kb-baseline-"))
    lib = Library(work / "knowledge.db")
    lib.import_paths(writer(work / "in"))
    stems = {d.id: Path(d.source_path).stem for d in lib.documents()}
    rows = lib.conn.execute(
        "SELECT c.doc_id, c.chapter_path, c.article, c.text, d.title, d.doc_number"
        " FROM chunks c JOIN documents d ON d.id = c.doc_id WHERE c.is_summary = 0"
    ).fetchall()
    per_doc: dict[str, list[tuple[str, str]]] = {}
    for doc_id, chapter, article, text, title, number in rows:
        per_doc.setdefault(stems[doc_id], []).append(
            (text, citation(title, number, article, chapter))
        )
    retrievers = {
        stem: BM25Retriever.from_texts(
            [t for t, _ in items],
            metadatas=[{"citation": c} for _, c in items],
            preprocess_func=jieba.lcut,
            k=5,
        )
        for stem, items in per_doc.items()
    }
    totals: dict[str, list[float]] = {}
    for item in load_eval(questions):
        if item["style"] == "noise":
            continue
        t = totals.setdefault(item["style"], [0, 0, 0.0, 0, 0.0])
        t[0] += 1
        docs = retrievers[item["doc"]].invoke(item["q"])
        rank = next(
            (i for i, d in enumerate(docs, 1) if d.metadata["citation"].endswith(item["at"])),
            None,
        )
        if rank:
            t[1] += 1
            t[2] += 1 / rank
        hits = [(stems.get(h.doc_id, ""), h.citation) for h in lib.search(item["q"], k=5)]
        rank = next(
            (i for i, (s, c) in enumerate(hits, 1) if s == item["doc"] and c.endswith(item["at"])),
            None,
        )
        if rank:
            t[3] += 1
            t[4] += 1 / rank
    for style, (n, h, rr, h2, rr2) in sorted(totals.items()):
        print(
            f"| {name} | {style} | {int(n)} | {h / n:.3f} / {rr / n:.3f} | {h2 / n:.3f} / {rr2 / n:.3f} |"
        )
    lib.close()


def main() -> None:
    try:
        import rank_bm25  # noqa: F401
    except ImportError:
        sys.exit("需要 rank-bm25：.venv/bin/pip install -e '.[bench]'")
    import kb_evaluate as ke

    print(
        "| set | style | n | jieba BM25, that regulation alone: R@5 / MRR | zicha, whole library |"
    )
    print("|---|---|---|---|---|")
    score_set("heldout", ke.write_heldout, ke.HELDOUT_QUESTIONS)
    score_set("heldout2", ke.write_heldout2, ke.HELDOUT2_QUESTIONS)
    score_set("heldout3", ke.write_heldout3, ke.HELDOUT3_QUESTIONS)
    score_set("heldout4", ke.write_heldout4, ke.HELDOUT4_QUESTIONS)
    score_set("heldout5", ke.write_heldout5, ke.HELDOUT5_QUESTIONS)


if __name__ == "__main__":
    main()
